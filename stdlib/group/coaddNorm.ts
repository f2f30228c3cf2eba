/**
 * Per-exposure flux renormalisation before a coadd (desispec `coaddition.per_exposure_normalization`;
 * docs/sources.md#coadd-norm). For each target observed more than once (all its usable exposures
 * OBJTYPE TGT), exposure i's scale a_i minimises Σ w (a_i f_i − c)² against the crude
 * inverse-variance coadd c of the bands every usable exposure has (each with < 40 % of its pixels
 * masked; pixels where two bands overlap left out), w = (1/w_i + 1/w_tot)⁻¹:
 * a_i = Σ w c² / Σ w c f_i, σ(a_i)² = a_i² / Σ w c². A scale outside (0.1, 10) flags its exposure
 * BADFIBER and the target is solved again without it (at most 5 times). The scales are kept, and
 * the target's exposures flagged VARIABLE, only when the rescaled crude coadd differs from the plain
 * one by a χ² per pixel of at least `threshold`; otherwise COADD_NORM is 1 and its σ 0. The coadd
 * then multiplies each exposure's flux by COADD_NORM and its ivar by COADD_NORM⁻².
 */
import { FIBERSTATUS } from "../instrument/index.js";
import type { BandInput } from "./coaddBand.js";
import { BANDS, NONAMP_FATAL, usedInBand, type Band } from "./coaddFibermap.js";

/** desispec's default `norm_chi2_threshold`. */
export const NORM_CHI2_THRESHOLD = 0.1;

/** The renormalisation of a spectra file's rows. */
export interface CoaddNorm {
  /** COADD_NORM per spectra row (float32 as desispec stores it; 1 where not renormalised). */
  readonly norm: Float32Array;
  /** SIGMA_COADD_NORM per spectra row (0 where not renormalised). */
  readonly sigma: Float32Array;
  /** FIBERSTATUS per spectra row with the VARIABLE and BADFIBER bits the renormalisation set. */
  readonly status: Int32Array;
}

/** Per-exposure arrays of the usable bands' non-overlapping pixels and their crude coadd. */
interface Crude {
  /** Flux and weight per exposure of `all` (the target's initially good rows). */
  readonly f: Float64Array[];
  readonly w: Float64Array[];
  readonly coadd: Float64Array;
  readonly wtot: Float64Array;
}

/** Whether each pixel of `wave` lies within 1e-4 Å of a pixel of `other` (both ascending). */
function overlapping(wave: Float64Array, other: Float64Array): Uint8Array {
  const out = new Uint8Array(wave.length);
  let j = 0;
  for (let k = 0; k < wave.length; k++) {
    const w = wave[k]!;
    while (j + 1 < other.length && other[j + 1]! <= w) j++;
    const near = Math.min(Math.abs(w - other[j]!), j + 1 < other.length ? Math.abs(w - other[j + 1]!) : Infinity);
    out[k] = near <= 1e-4 ? 1 : 0;
  }
  return out;
}

/**
 * desispec `_build_crude_coadd_arrays`: the exposures `all` over the bands `use` (adjacent ones in
 * file order share their overlap, which is left out), and the coadd of those in `good`.
 */
function crudeCoadd(bands: Readonly<Record<Band, BandInput>>, use: readonly Band[], all: readonly number[], good: readonly number[]): Crude {
  const keep = use.map((b, j) => {
    const wave = bands[b].wave;
    const flag = new Uint8Array(wave.length);
    for (const n of [j - 1, j + 1]) {
      const other = use[n];
      if (other !== undefined) overlapping(wave, bands[other].wave).forEach((o, k) => (flag[k] = flag[k]! | o));
    }
    return flag;
  });
  const npix = keep.reduce((s, flag) => s + flag.length - flag.reduce((a, o) => a + o, 0), 0);
  const f = all.map(() => new Float64Array(npix));
  const w = all.map(() => new Float64Array(npix));
  let at = 0;
  use.forEach((b, j) => {
    const band = bands[b];
    const nwave = band.wave.length;
    const flag = keep[j]!;
    all.forEach((r, e) => {
      let p = at;
      for (let k = 0; k < nwave; k++) {
        if (flag[k] !== 0) continue;
        f[e]![p] = band.flux.data[r * nwave + k]!;
        w[e]![p] = band.mask.data[r * nwave + k] === 0 ? band.ivar.data[r * nwave + k]! : 0;
        p++;
      }
    });
    at += flag.length - flag.reduce((a, o) => a + o, 0);
  });
  const wtot = new Float64Array(npix);
  const sum = new Float64Array(npix);
  all.forEach((r, e) => {
    if (!good.includes(r)) return;
    for (let p = 0; p < npix; p++) {
      wtot[p]! += w[e]![p]!;
      sum[p]! += f[e]![p]! * w[e]![p]!;
    }
  });
  const coadd = Float64Array.from(sum, (s, p) => s / (wtot[p]! + (wtot[p] === 0 ? 1 : 0)));
  return { f, w, coadd, wtot };
}

/** Bands every exposure of `good` may enter and has less than 40 % of its pixels masked in. */
function usableBands(bands: Readonly<Record<Band, BandInput>>, good: readonly number[], status: Int32Array): Band[] {
  return BANDS.filter((b) => {
    if (!good.every((r) => usedInBand(status[r]!, b))) return false;
    const band = bands[b];
    const nwave = band.wave.length;
    const limit = Math.trunc(0.4 * nwave);
    return good.every((r) => {
      let masked = 0;
      for (let k = 0; k < nwave; k++) if (band.mask.data[r * nwave + k] !== 0 || band.ivar.data[r * nwave + k] === 0) masked++;
      return masked < limit;
    });
  });
}

/** The scales of the exposures `all` against `crude`, as desispec fits them; a non-finite fit marks its row bad. */
function fitScales(crude: Crude, all: readonly number[], idx: readonly number[], a: Float64Array, varA: Float64Array, good: Uint8Array): void {
  a.fill(1);
  varA.fill(Infinity);
  all.forEach((r, e) => {
    const at = idx.indexOf(r);
    let num = 0;
    let den = 0;
    for (let p = 0; p < crude.coadd.length; p++) {
      const wi = crude.w[e]![p]!;
      const wt = crude.wtot[p]!;
      if (wi * wt === 0) continue;
      const w = 1 / (1 / wi + 1 / wt);
      const c = crude.coadd[p]!;
      num += w * c * c;
      den += w * c * crude.f[e]![p]!;
    }
    if (Number.isFinite(den)) {
      a[at] = num / den;
      varA[at] = (a[at] * a[at]) / num;
    } else {
      good[r] = 0;
      a[at] = 0;
    }
  });
}

/** Renormalises one target's rows `idx` in place of `out` (desispec's loop body for one TARGETID). */
function normalizeTarget(
  bands: Readonly<Record<Band, BandInput>>,
  objtype: readonly string[],
  idx: readonly number[],
  good: Uint8Array,
  threshold: number,
  out: { norm: Float64Array; sigma: Float64Array; status: Int32Array },
): void {
  const all = idx.filter((r) => good[r] === 1);
  const isTarget = (rows: readonly number[]) => rows.every((r) => objtype[r]!.trim() === "TGT") && rows.length > 1;
  const a = new Float64Array(idx.length);
  const varA = new Float64Array(idx.length);
  let converged = false;
  let usable: Band[] = [];
  let idxGood: number[] = [];
  let crude: Crude | undefined;
  for (let iteration = 0; !converged && iteration < 5; iteration++) {
    idxGood = idx.filter((r) => good[r] === 1);
    if (!isTarget(idxGood)) {
      converged = true;
      continue;
    }
    usable = usableBands(bands, idxGood, out.status);
    if (usable.length === 0) {
      converged = true;
      idxGood = [];
      continue;
    }
    crude = crudeCoadd(bands, usable, all, idxGood);
    fitScales(crude, all, idx, a, varA, good);
    converged = idxGood.every((r) => a[idx.indexOf(r)]! > 0.1 && a[idx.indexOf(r)]! < 10);
    const keep = (at: number) => {
      out.norm[idx[at]!] = a[at]!;
      out.sigma[idx[at]!] = Math.sqrt(varA[at]!);
    };
    if (converged) {
      all.forEach((r) => keep(idx.indexOf(r)));
    } else {
      idx.forEach((r, at) => {
        if (!(a[at]! < 0.1 || a[at]! > 10)) return;
        good[r] = 0;
        out.status[r]! |= FIBERSTATUS.BADFIBER;
        keep(at);
      });
    }
  }
  if (!converged) {
    for (const r of idx) {
      out.norm[r] = 1;
      out.sigma[r] = 0;
    }
    return;
  }
  if (!isTarget(idxGood) || crude === undefined) return;
  if (usable.length !== BANDS.length) crude = crudeCoadd(bands, BANDS, all, idxGood);
  const rescaled = rescaledCoadd(crude, all, idxGood, (r) => a[idx.indexOf(r)]!);
  let chi2 = 0;
  let npix = 0;
  for (let p = 0; p < crude.coadd.length; p++) {
    chi2 += (crude.coadd[p]! - rescaled[p]!) ** 2 * crude.wtot[p]!;
    if (crude.wtot[p] !== 0) npix++;
  }
  if (chi2 / npix < threshold) {
    for (const r of idxGood) {
      out.norm[r] = 1;
      out.sigma[r] = 0;
    }
  } else {
    for (const r of idx) out.status[r]! |= FIBERSTATUS.VARIABLE;
  }
}

/** The crude coadd of the exposures `good` with their flux × scale and weight × scale⁻². */
function rescaledCoadd(crude: Crude, all: readonly number[], good: readonly number[], scale: (row: number) => number): Float64Array {
  const npix = crude.coadd.length;
  const wsum = new Float64Array(npix);
  const fsum = new Float64Array(npix);
  all.forEach((r, e) => {
    if (!good.includes(r)) return;
    const s = scale(r);
    for (let p = 0; p < npix; p++) {
      wsum[p]! += crude.w[e]![p]! / (s * s);
      fsum[p]! += (crude.f[e]![p]! * crude.w[e]![p]!) / s;
    }
  });
  return Float64Array.from(fsum, (v, p) => v / (wsum[p]! + (wsum[p] === 0 ? 1 : 0)));
}

/**
 * COADD_NORM, SIGMA_COADD_NORM and the updated FIBERSTATUS of every row of a spectra file whose
 * targets' rows are `rows` (desispec `per_exposure_normalization` with `norm_chi2_threshold`).
 */
export function perExposureNorm(
  bands: Readonly<Record<Band, BandInput>>,
  fiberstatus: Int32Array,
  objtype: readonly string[],
  rows: readonly (readonly number[])[],
  threshold: number,
): CoaddNorm {
  const n = fiberstatus.length;
  const out = { norm: new Float64Array(n).fill(1), sigma: new Float64Array(n), status: Int32Array.from(fiberstatus) };
  const good = Uint8Array.from(fiberstatus, (s) => ((s & NONAMP_FATAL) === 0 ? 1 : 0));
  for (const idx of rows) normalizeTarget(bands, objtype, idx, good, threshold, out);
  return { norm: Float32Array.from(out.norm), sigma: Float32Array.from(out.sigma), status: out.status };
}
