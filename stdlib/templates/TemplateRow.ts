/**
 * The truth-table columns a spectrum is rebuilt from (docs/sources.md#templates), as plain JavaScript
 * values: one row of `TruthTable`. Parameters that do not apply to a row's class are 0, and
 * the renderer then falls back to the class defaults its JSDoc names.
 */
export interface TemplateRow {
  /** Unique target ID (≥ 2^58 for mocks). Not used for randomness: SEED is. */
  readonly TARGETID: bigint;
  /** True redshift (systemic for quasars; v/c for stars; 0 for sky). */
  readonly TRUEZ: number;
  /** GALAXY, QSO, STAR or SKY. */
  readonly TRUESPECTYPE: string;
  /** ELG, LRG, BGS, QSO, STAR, WD or SKY. */
  readonly TEMPLATETYPE: string;
  /** "BAL" for a broad-absorption-line quasar, DA/DB for a white dwarf, a stellar class or "". */
  readonly TEMPLATESUBTYPE: string;
  /** The seed of every random draw of the spectrum. */
  readonly SEED: bigint;
  /** AB magnitude the spectrum is normalised to, through MAGFILTER. */
  readonly MAG: number;
  /** Filter of MAG, e.g. `decam2014-r`. */
  readonly MAGFILTER: string;
  /** g-band flux, nanomaggies (carried along; the renderer normalises with MAG). */
  readonly FLUX_G: number;
  /** r-band flux, nanomaggies. */
  readonly FLUX_R: number;
  /** z-band flux, nanomaggies. */
  readonly FLUX_Z: number;
  /** Observed [OII] 3727+3729 flux, erg/(s cm²). */
  readonly OIIFLUX: number;
  /** Observed H-beta flux, erg/(s cm²). */
  readonly HBETAFLUX: number;
  /** Stellar velocity dispersion, km/s; also the emission-line width. */
  readonly VDISP: number;
  /** Narrow 4000 Å break (Balogh et al. 1999) of the continuum. */
  readonly D4000: number;
  /** log10([OIII] 5008 / H-beta). */
  readonly OIIIHBETA: number;
  /** Flux ratio [OII] 3727 / [OII] 3729. */
  readonly OIIDOUBLET: number;
  /** Effective temperature of a star, K. */
  readonly TEFF: number;
  /** log10 surface gravity of a star, cm/s². */
  readonly LOGG: number;
  /** [Fe/H] of a star, dex. */
  readonly FEH: number;
}
