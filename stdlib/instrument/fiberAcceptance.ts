import { FIBER_DIAMETER_ARCSEC } from "./telescope.js";

/** Moffat index of the seeing profile (specsim data/config/desi.yaml; docs/sources.md#observing). */
export const MOFFAT_BETA = 3.5;

/** Wavelength at which the exposure's SEEING is quoted, Å (specsim data/config/desi.yaml; docs/sources.md#observing). */
export const SEEING_WAVE = 6355;

/** The source profiles the acceptance knows: a point source, an exponential disk, a de Vaucouleurs bulge. */
export type SourceProfile = "point" | "exp" | "dev";

/**
 * The profile of an imaging MORPHTYPE: PSF (and anything with SHAPE_R 0) is a point source; DEV a
 * de Vaucouleurs (Sérsic 4) profile; REX, EXP, SER and any other galaxy model an exponential
 * (Sérsic 1) profile, since the fibermap carries no Sérsic index.
 */
export function sourceProfile(morphtype: string, shapeR: number): SourceProfile {
  const m = morphtype.trim().toUpperCase();
  if (m === "PSF" || m === "GPSF" || !(shapeR > 0)) return "point";
  return m === "DEV" ? "dev" : "exp";
}

/** Seeing FWHM at `wave` Å for SEEING `fwhm` quoted at 6355 Å: FWHM · (λ/6355)^−0.2 (specsim). */
export function seeingAt(fwhm: number, wave: number): number {
  return fwhm * (wave / SEEING_WAVE) ** -0.2;
}

/** Moffat α of a profile of FWHM `fwhm`: FWHM / (2 √(2^(1/β) − 1)). */
function moffatAlpha(fwhm: number): number {
  return fwhm / (2 * Math.sqrt(2 ** (1 / MOFFAT_BETA) - 1));
}

/**
 * Fraction of a point source in Moffat seeing of FWHM `fwhm` arcsec (β = 3.5) that enters a
 * centred fiber of diameter 1.52″: 1 − (1 + R²/α²)^(1−β) (Moffat 1969; docs/sources.md#fiber-acceptance). 0.58 at 1.1″. Pure
 * seeing: no telescope blur or centring offset.
 */
export function pointSourceAcceptance(fwhm: number): number {
  const r = FIBER_DIAMETER_ARCSEC / 2;
  const a = moffatAlpha(fwhm);
  return 1 - (1 + (r * r) / (a * a)) ** (1 - MOFFAT_BETA);
}

/** Points of the offset grid of {@link offsetAcceptance} and of the radial integrals. */
const NOFFSET = 160;
const NRING = 200;

/**
 * Acceptance of a point source at offset d from the fiber centre, for d on a uniform grid
 * [0, dmax]: A(d) = ∫ 2ρ p(ρ) φ(ρ, d) dρ, where p is the normalised Moffat surface brightness
 * and φ(ρ, d) the half-angle of the circle of radius ρ around the source that lies inside the
 * fiber (π when the circle is inside, 0 when outside). Midpoint rule over ρ between |d − R| and
 * d + R, exact at d = 0.
 */
function offsetAcceptance(fwhm: number): { readonly dmax: number; readonly values: Float64Array } {
  const r = FIBER_DIAMETER_ARCSEC / 2;
  const alpha = moffatAlpha(fwhm);
  const a2 = alpha * alpha;
  const norm = (MOFFAT_BETA - 1) / (Math.PI * a2);
  const dmax = r + 8 * fwhm;
  const values = new Float64Array(NOFFSET + 1);
  // The encircled energy of the Moffat, for the part of the fiber that holds whole circles.
  const enclosed = (rho: number): number => 1 - (1 + (rho * rho) / a2) ** (1 - MOFFAT_BETA);
  for (let k = 0; k <= NOFFSET; k++) {
    const d = (dmax * k) / NOFFSET;
    let sum = d < r ? enclosed(r - d) : 0;
    const lo = Math.abs(r - d);
    const hi = r + d;
    const step = (hi - lo) / NRING;
    for (let j = 0; j < NRING && d > 0; j++) {
      const rho = lo + (j + 0.5) * step;
      const c = (rho * rho + d * d - r * r) / (2 * rho * d);
      const phi = Math.acos(Math.max(-1, Math.min(1, c)));
      sum += 2 * rho * norm * (1 + (rho * rho) / a2) ** -MOFFAT_BETA * phi * step;
    }
    values[k] = sum;
  }
  return { dmax, values };
}

const offsetCache = new Map<number, { readonly dmax: number; readonly values: Float64Array }>();

/** {@link offsetAcceptance}, memoised by FWHM (a pure function of it). */
function cachedOffsetAcceptance(fwhm: number): { readonly dmax: number; readonly values: Float64Array } {
  const key = Math.round(fwhm * 1e6) / 1e6;
  let table = offsetCache.get(key);
  if (table === undefined) {
    if (offsetCache.size > 256) offsetCache.clear();
    table = offsetAcceptance(key);
    offsetCache.set(key, table);
  }
  return table;
}

/** Sérsic b_n for n = 1 and n = 4 (half-light radius convention). */
const SERSIC_B: Readonly<Record<"exp" | "dev", number>> = { exp: 1.678347, dev: 7.669249 };
const SERSIC_N: Readonly<Record<"exp" | "dev", number>> = { exp: 1, dev: 4 };
/** Γ(2n) for n = 1 and 4. */
const GAMMA_2N: Readonly<Record<"exp" | "dev", number>> = { exp: 1, dev: 5040 };

/** Half-light radii of the tabulated extended-source acceptances: 0 to 6″ in steps of 0.025″. */
const RE_STEP = 0.025;
const RE_MAX = 6;

/**
 * The acceptance of an extended source of half-light radius `re` by direct integration:
 * ∫ 2πr S(r) A(r) dr over a quadratic radial grid (dense at the centre, where the de Vaucouleurs
 * profile is cuspy), with S the analytically normalised circular Sérsic profile and A the
 * tabulated off-centre point-source acceptance.
 */
function integrateExtended(fwhm: number, profile: "exp" | "dev", re: number): number {
  const { dmax, values } = cachedOffsetAcceptance(fwhm);
  const b = SERSIC_B[profile];
  const n = SERSIC_N[profile];
  const total = 2 * Math.PI * n * re * re * b ** (-2 * n) * GAMMA_2N[profile];
  const nr = 400;
  let sum = 0;
  let prev = 0;
  for (let k = 1; k <= nr; k++) {
    const u = k / nr;
    const rad = dmax * u * u;
    const x = (rad / dmax) * NOFFSET;
    const i = Math.min(NOFFSET - 1, Math.floor(x));
    const acc = values[i]! + (x - i) * (values[i + 1]! - values[i]!);
    const f = 2 * Math.PI * rad * (Math.exp(-b * (rad / re) ** (1 / n)) / total) * acc;
    const r0 = dmax * ((k - 1) / nr) ** 2;
    sum += 0.5 * (f + prev) * (rad - r0);
    prev = f;
  }
  return sum;
}

const extendedCache = new Map<string, Float64Array>();

/**
 * {@link integrateExtended} on the grid of half-light radii 0–6″ for one seeing and profile,
 * memoised (a pure function of its arguments); entry 0 is the point-source acceptance.
 */
function extendedTable(fwhm: number, profile: "exp" | "dev"): Float64Array {
  // Computed at the rounded FWHM of the key, so a table never depends on which call made it.
  const rounded = Math.round(fwhm * 1e6) / 1e6;
  const key = `${profile}:${rounded}`;
  let table = extendedCache.get(key);
  if (table === undefined) {
    if (extendedCache.size > 512) extendedCache.clear();
    const n = Math.round(RE_MAX / RE_STEP);
    table = new Float64Array(n + 1);
    table[0] = pointSourceAcceptance(rounded);
    for (let k = 1; k <= n; k++) table[k] = integrateExtended(rounded, profile, k * RE_STEP);
    extendedCache.set(key, table);
  }
  return table;
}

/**
 * Fraction of a source's total light that enters a centred 1.52″ fiber in Moffat seeing (β = 3.5)
 * of FWHM `fwhm` arcsec: for a point source the closed form of {@link pointSourceAcceptance}; for
 * an exponential or de Vaucouleurs profile of half-light radius `halfLightRadius` arcsec, the
 * profile-weighted mean of the point-source acceptance at each offset,
 * ∫ 2πr S(r) A(r) dr, with S the analytically normalised circular Sérsic profile: the
 * seeing-convolved profile integrated over the fiber. Radii up to 6″ are interpolated in a table
 * per seeing (steps of 0.025″, seeing rounded to 10⁻⁶″, memoised), larger ones integrated directly. It reproduces
 * the point-source and ELG values of docs/sources.md#fiber-acceptance (0.58 and 0.43 at 1.1″); for
 * the 1.5″ bulge it gives 0.195 at 1.1″ where an earlier table said 0.23 (a Monte Carlo of the same model agrees with
 * 0.195).
 */
export function fiberAcceptance(fwhm: number, profile: SourceProfile, halfLightRadius: number): number {
  if (!(fwhm > 0)) throw new RangeError(`seeing FWHM ${fwhm} is not positive`);
  if (profile === "point" || !(halfLightRadius > 0)) return pointSourceAcceptance(fwhm);
  if (halfLightRadius >= RE_MAX) return integrateExtended(fwhm, profile, halfLightRadius);
  const table = extendedTable(fwhm, profile);
  const x = halfLightRadius / RE_STEP;
  const i = Math.floor(x);
  return table[i]! + (x - i) * (table[i + 1]! - table[i]!);
}
