import { exactChi2 } from "./exactChi2.js";
import { minfit } from "./minfit.js";
import type { PreparedTarget } from "./prepareTarget.js";
import type { TemplateModel } from "./TemplateModel.js";
import { ZWARN } from "./zwarn.js";

/** Points of the fine grid between the neighbours of a coarse minimum (redrock's `zminfit_npoints`). */
export const FINE_POINTS = 15;

/** The refined minimum of one template near one coarse-grid minimum. */
export interface FineResult {
  readonly z: number;
  readonly zerr: number;
  readonly zwarn: number;
  readonly chi2: number;
  /** Where the coefficients are solved (NaN: they are zero); see {@link solveCoeff}. */
  readonly zsolve: number;
}

/**
 * redrock's fine fit of a coarse minimum at grid index `imin` (docs/sources.md#redrock), every
 * χ² an exact solve with the target's resolution: {@link FINE_POINTS} redshifts evenly from grid
 * point imin − 1 to imin + 1, a parabola through the best sampled point and its neighbours (never
 * the ends) gives Z, ZERR = 1/√a and CHI2; the coefficients are solved at the vertex ({@link solveCoeff}, done only for the candidate reported). If Z falls outside
 * the fine grid, BAD_MINFIT and the best sampled point are used; Z_FITLIMIT when the parabola's
 * or the final Z is outside the grid's second to second-last points.
 *
 * With `all` every fine point is solved, as redrock does; otherwise the best point is found by
 * walking downhill from the middle one and solving only the points visited (the fine grid spans
 * two coarse steps around a coarse minimum, where χ² has one minimum), and the parabola's points.
 * `known(i)`, when given, returns the exact χ² at coarse grid index i if already solved: the fine
 * grid's ends are grid points i − 1 and i + 1.
 */
export function fineFit(target: PreparedTarget, model: TemplateModel, imin: number, all = false, known?: (i: number) => number | undefined): FineResult {
  const zs = model.template.redshifts;
  const nz = zs.length;
  const lo = zs[Math.max(0, imin - 1)]!;
  const hi = zs[Math.min(imin + 1, nz - 1)]!;
  const zz = new Float64Array(FINE_POINTS);
  const zzchi2 = new Float64Array(FINE_POINTS).fill(NaN);
  for (let k = 0; k < FINE_POINTS; k++) zz[k] = lo + ((hi - lo) * k) / (FINE_POINTS - 1);
  // The ends are the neighbouring grid points: their χ² may be known already.
  zz[FINE_POINTS - 1] = hi;
  if (known !== undefined) {
    zzchi2[0] = known(Math.max(0, imin - 1)) ?? NaN;
    zzchi2[FINE_POINTS - 1] = known(Math.min(imin + 1, nz - 1)) ?? NaN;
  }
  const at = (k: number): number => {
    if (Number.isNaN(zzchi2[k]!)) zzchi2[k] = exactChi2(target, model, zz[k]!).chi2;
    return zzchi2[k]!;
  };
  const ibest = descendFine(at, all);
  const i = Math.min(Math.max(ibest, 1), FINE_POINTS - 2);
  at(i - 1);
  at(i + 1);
  const fit = minfit(zz.subarray(i - 1, i + 2), zzchi2.subarray(i - 1, i + 2));
  let zwarn = fit.zwarn;
  const zmin = fit.x0;
  if (!(zmin > -1)) zwarn |= ZWARN.Z_FITLIMIT | ZWARN.BAD_MINFIT;
  let z = zmin;
  let chi2 = fit.y0;
  if (z < zz[0]! || z > zz[FINE_POINTS - 1]!) {
    zwarn |= ZWARN.BAD_MINFIT;
    z = zz[ibest]!;
    chi2 = zzchi2[ibest]!;
  }
  const z1 = zs[Math.min(1, nz - 1)]!;
  const zn = zs[Math.max(nz - 2, 0)]!;
  if (z < z1 || z > zn || zmin < z1 || zmin > zn) zwarn |= ZWARN.Z_FITLIMIT;
  return { z, zerr: fit.xerr, zwarn, chi2, zsolve: zmin > -1 ? zmin : NaN };
}

/**
 * Index of the smallest χ² of the fine grid (the first if tied): all points with `all`, else by
 * walking downhill from the middle. `at(k)` solves point k once.
 */
function descendFine(at: (k: number) => number, all: boolean): number {
  if (all) {
    let best = 0;
    for (let k = 0; k < FINE_POINTS; k++) if (at(k) < at(best)) best = k;
    return best;
  }
  let k = (FINE_POINTS - 1) >> 1;
  for (;;) {
    const c = at(k);
    if (k > 0 && at(k - 1) <= c) k--;
    else if (k < FINE_POINTS - 1 && at(k + 1) < c) k++;
    else return k;
  }
}

/** The coefficients of a fine fit: solved at its vertex `zsolve`, zero if it had none. */
export function solveCoeff(target: PreparedTarget, model: TemplateModel, zsolve: number): Float64Array {
  return Number.isNaN(zsolve) ? new Float64Array(model.nbasis) : exactChi2(target, model, zsolve).coeff;
}
