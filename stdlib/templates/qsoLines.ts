import { REST } from "./restWavelengths.js";

/** One quasar emission line of the composite. */
export interface QsoLine {
  /** Vacuum rest wavelength, Å (for blends, the composite's centroid). */
  readonly rest: number;
  /** Rest equivalent width against the power-law continuum, Å. */
  readonly ew: number;
  /** Broad (the object's FWHM) or narrow (500 km/s FWHM). */
  readonly kind: "broad" | "narrow";
  /** Fraction of the object's CIV blueshift the line shares (high-ionisation lines). */
  readonly shift: number;
}

/**
 * Quasar emission lines and their rest equivalent widths, rounded from the SDSS composite of
 * Vanden Berk et al. (2001, AJ 122, 549, Table 2) [mem]; Lyα is lowered from the composite's
 * 93 Å, which includes forest-absorbed flux the renderer removes separately. High-ionisation
 * lines share the CIV blueshift (NV, SiIV by half; CIII] by a fifth), low-ionisation lines
 * and the Balmer series sit at the systemic redshift (Gaskell 1982; Richards et al. 2011).
 */
export const QSO_LINES: readonly QsoLine[] = [
  { rest: REST.LYA, ew: 80, kind: "broad", shift: 0 },
  { rest: REST.NV, ew: 20, kind: "broad", shift: 0.5 },
  { rest: REST.OI, ew: 2, kind: "broad", shift: 0 },
  { rest: 1399.8, ew: 8, kind: "broad", shift: 0.5 },
  { rest: REST.CIV, ew: 24, kind: "broad", shift: 1 },
  { rest: REST.HEII, ew: 1, kind: "broad", shift: 1 },
  { rest: REST.CIII, ew: 20, kind: "broad", shift: 0.2 },
  { rest: REST.MGII, ew: 32, kind: "broad", shift: 0 },
  { rest: REST.NEV, ew: 1, kind: "narrow", shift: 0 },
  { rest: 3728.48, ew: 1.5, kind: "narrow", shift: 0 },
  { rest: REST.NEIII, ew: 1.3, kind: "narrow", shift: 0 },
  { rest: REST.HDELTA, ew: 5, kind: "broad", shift: 0 },
  { rest: REST.HGAMMA, ew: 12, kind: "broad", shift: 0 },
  { rest: REST.HBETA, ew: 46, kind: "broad", shift: 0 },
  { rest: REST.OIII_4960, ew: 3.8, kind: "narrow", shift: 0 },
  { rest: REST.OIII_5008, ew: 11.4, kind: "narrow", shift: 0 },
  { rest: REST.HEI_5877, ew: 6, kind: "broad", shift: 0 },
  { rest: REST.HALPHA, ew: 195, kind: "broad", shift: 0 },
];

/** FWHM of the narrow lines, km/s. */
export const NARROW_FWHM = 500;
