/**
 * Fiber acceptance of an ELG-like source (exponential disk, half-light radius 0.45″) in a 1.52″
 * fiber against Moffat (β = 3.5) seeing FWHM: numerical integration over the fiber (docs/sources.md#fiber-acceptance).
 * The same numbers come out of the instrument model's `fiberAcceptance`.
 */
const SEEING = [0.8, 1.0, 1.1, 1.3, 1.5, 2.0] as const;
const ACCEPTANCE = [0.54, 0.46, 0.43, 0.36, 0.31, 0.21] as const;

/** Nominal seeing FWHM, arcsec (desisurvey config-main.yaml's nominal conditions; docs/sources.md#observing). */
export const NOMINAL_SEEING = 1.1;

/** The smallest acceptance returned, so that extreme seeing gives long, not infinite, exposures. */
const FLOOR = 0.02;

/** ELG fiber acceptance at seeing FWHM `seeing` (arcsec): piecewise linear through the table, extrapolated linearly past its ends. */
export function elgAcceptance(seeing: number): number {
  const n = SEEING.length;
  let i = 0;
  while (i < n - 2 && seeing > (SEEING[i + 1] ?? 0)) i++;
  const x0 = SEEING[i] ?? 0;
  const x1 = SEEING[i + 1] ?? 1;
  const y0 = ACCEPTANCE[i] ?? 0;
  const y1 = ACCEPTANCE[i + 1] ?? 0;
  return Math.max(FLOOR, y0 + ((y1 - y0) * (seeing - x0)) / (x1 - x0));
}

/**
 * desispec's FIBERFAC_ELG (desispec py/desispec/efftime.py; docs/sources.md#fiber-acceptance): the ELG fiber acceptance at `seeing` (arcsec) relative to
 * nominal 1.1″ seeing, times the transparency `transparency`; 1 in nominal conditions.
 */
export function fiberFactor(seeing: number, transparency: number): number {
  return (elgAcceptance(seeing) / elgAcceptance(NOMINAL_SEEING)) * transparency;
}
