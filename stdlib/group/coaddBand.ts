/**
 * The coadd of one band over each target's exposures (desispec `coaddition.coadd`, per camera;
 * docs/sources.md#coadd): cosmics rejected across exposures, then the inverse-variance weighted mean
 * of the flux, the summed ivar and the resolution diagonals averaged with the same pixel weights.
 */
import type { Image } from "../datamodel/values.js";
import { maskCosmics } from "./coaddCosmics.js";

/** One band of a spectra file: wavelength grid and per-spectrum images. */
export interface BandInput {
  readonly wave: Float64Array;
  readonly flux: Image<Float32Array>;
  readonly ivar: Image<Float32Array>;
  readonly mask: Image<Int32Array>;
  readonly resolution: Image<Float32Array>;
}

/** One band of a coadd, one row per target. */
export interface BandCoadd {
  readonly flux: Float32Array;
  readonly ivar: Float32Array;
  readonly mask: Int32Array;
  readonly resolution: Float32Array;
}

/**
 * Adds the resolution of one exposure to the coadd's, weighted per row: the element of diagonal `d`
 * at column `j` belongs to row `j - off_d` with `off_d = ndiag//2 - d` (scipy's dia convention), so
 * it takes that row's weight. Indices wrap modulo the band's length, as desispec's
 * `_resolution_coadd` does (the wrapped elements are zero in a banded matrix).
 */
export function addWeightedResolution(
  out: Float32Array | Float64Array,
  res: ArrayLike<number>,
  weights: ArrayLike<number>,
  ndiag: number,
  nwave: number,
): void {
  const half = ndiag >> 1;
  for (let d = 0; d < ndiag; d++) {
    const shift = d - half;
    for (let j = 0; j < nwave; j++) {
      const row = (((j + shift) % nwave) + nwave) % nwave;
      out[d * nwave + j]! += weights[row]! * res[d * nwave + j]!;
    }
  }
}

/**
 * Coadds one target's exposures `rows` of `band` into row `t` of `out`. `nsig` ≤ 0 turns cosmic
 * rejection off. Where every exposure's pixel is masked the unmasked weights are used and the
 * masks ORed, so no pixel with data is lost. With `norm` (COADD_NORM per spectra row), each
 * exposure's flux is multiplied by its factor and its ivar divided by the factor's square first.
 */
export function coaddTarget(band: BandInput, rows: readonly number[], t: number, nsig: number, out: BandCoadd, norm?: ArrayLike<number>): void {
  const nwave = band.wave.length;
  const ndiag = band.resolution.shape[1]!;
  if (rows.length === 0) return;
  const scaled = (data: Float32Array, r: number, power: number): ArrayLike<number> => {
    const row = data.subarray(r * nwave, (r + 1) * nwave);
    const a = norm === undefined ? 1 : norm[r]!;
    return a === 1 ? row : Float64Array.from(row, (v) => v * a ** power);
  };
  const orig = rows.map((r) => scaled(band.ivar.data, r, -2));
  const flux = rows.map((r) => scaled(band.flux.data, r, 1));
  const masks = rows.map((r) => band.mask.data.subarray(r * nwave, (r + 1) * nwave));
  const masked = orig.map((iv, e) => Float64Array.from(iv, (v, i) => (masks[e]![i] === 0 ? v : 0)));
  if (nsig > 0) {
    const cosmic = maskCosmics(
      band.wave,
      masked.map((iv, e) => ({ flux: flux[e]!, ivar: iv })),
      nsig,
    );
    cosmic.forEach((m, e) => m.forEach((bad, i) => bad && (masked[e]![i] = 0)));
  }
  const weights = masked.map((w) => Float64Array.from(w));
  const total = new Float64Array(nwave);
  for (let i = 0; i < nwave; i++) {
    let sum = 0;
    for (const w of masked) sum += w[i]!;
    if (sum === 0) {
      let orMask = 0;
      rows.forEach((_, e) => {
        weights[e]![i] = orig[e]![i]!;
        sum += orig[e]![i]!;
        orMask |= masks[e]![i]!;
      });
      out.mask[t * nwave + i] = orMask;
    }
    total[i] = sum;
  }
  const res = new Float64Array(ndiag * nwave);
  for (let i = 0; i < nwave; i++) {
    const norm = total[i] === 0 ? 1 : total[i]!;
    let f = 0;
    weights.forEach((w, e) => {
      w[i] = w[i]! / norm;
      f += w[i]! * flux[e]![i]!;
    });
    out.flux[t * nwave + i] = f;
    out.ivar[t * nwave + i] = total[i]!;
  }
  rows.forEach((r, e) => addWeightedResolution(res, band.resolution.data.subarray(r * ndiag * nwave, (r + 1) * ndiag * nwave), weights[e]!, ndiag, nwave));
  out.resolution.set(res, t * ndiag * nwave);
}

/**
 * Coadds every target of `band`: `groups[t]` are the rows of target `t` usable in this band, `norm`
 * the COADD_NORM of each spectra row when the exposures are renormalised.
 */
export function coaddBand(band: BandInput, groups: readonly (readonly number[])[], nsig: number, norm?: ArrayLike<number>): BandCoadd {
  const nwave = band.wave.length;
  const ndiag = band.resolution.shape[1]!;
  const ntarget = groups.length;
  const out: BandCoadd = {
    flux: new Float32Array(ntarget * nwave),
    ivar: new Float32Array(ntarget * nwave),
    mask: new Int32Array(ntarget * nwave),
    resolution: new Float32Array(ntarget * ndiag * nwave),
  };
  groups.forEach((rows, t) => coaddTarget(band, rows, t, nsig, out, norm));
  return out;
}
