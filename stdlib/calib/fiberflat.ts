import type { FiberFlat } from "../datamodel/FiberFlat.js";
import type { Frame } from "../datamodel/Frame.js";
import { image } from "../datamodel/values.js";
import { FIBERSTATUS, SPECMASK } from "../instrument/index.js";
import { type Gather, type Handle, type KernelContext, KernelError, type float, type int } from "../kernel.js";
import { bandedMatrix, factorBanded, solveBanded } from "./banded.js";
import { columnMedian } from "./columnMedian.js";
import { NORMAL_BAND, addNormal, convolve, fiberResolution } from "./resolution.js";
import { splineFit } from "./splineFit.js";

const KERNEL = "calib.fiberflat";

/** FIBERSTATUS bits that make a fiber unusable for a flat (desispec `get_flat_fiberbitmask_val`). */
const FLAT_BAD_STATUS = FIBERSTATUS.BROKENFIBER | FIBERSTATUS.BADFIBER | FIBERSTATUS.BADTRACE;

/** Knot spacing of a heavily smoothed replacement over a long masked stretch, Å (desispec: ≥ 100). */
const LONG_GAP_SMOOTHING = 100;

/** The settings of {@link computeFiberflat}, desispec `compute_fiberflat`'s defaults. */
export interface FiberflatOptions {
  /** Outlier threshold in σ. */
  readonly nsig: number;
  /** Iterations stop when the smooth flat changes by less than this. */
  readonly accuracy: number;
  /** Pixels below minval × or above maxval × the median spectrum are rejected. */
  readonly minval: number;
  readonly maxval: number;
  /** Iteration limit of each loop. */
  readonly maxIterations: number;
  /** Spline knot spacing of the smooth flat, Å. */
  readonly smoothing: number;
  /** A fiber with this many rejected pixels is dropped. */
  readonly maxBad: number;
  /** At most this many pixels of a fiber rejected per iteration. */
  readonly maxRejectPerIteration: number;
}

/** desispec's defaults (fiberflat.py). */
export const FIBERFLAT_DEFAULTS: FiberflatOptions = {
  nsig: 10,
  accuracy: 5e-4,
  minval: 0.1,
  maxval: 10,
  maxIterations: 15,
  smoothing: 5,
  maxBad: 100,
  maxRejectPerIteration: 5,
};

/** One camera's flat-lamp data, `[fiber, wave]`, with the frame's resolution (`[fiber, 11, wave]`). */
export interface FlatData {
  readonly nfiber: number;
  readonly nwave: number;
  readonly wave: ArrayLike<number>;
  readonly flux: Float64Array;
  /** 0 on pixels and fibers not to use. */
  readonly ivar: Float64Array;
  readonly resolution: ArrayLike<number>;
}

/** A fiber flat: FIBERFLAT, its IVAR and MASK `[fiber, wave]` and the deconvolved mean spectrum. */
export interface FiberflatResult {
  readonly fiberflat: Float64Array;
  readonly ivar: Float64Array;
  readonly mask: Int32Array;
  readonly meanspec: Float64Array;
  /** Iterations the deconvolution took. */
  readonly iterations: number;
}

/**
 * Computes the fiber flat of one camera from flat-lamp data as desispec's `compute_fiberflat` does
 * (docs/sources.md#fiberflat): the data are modelled as D_f = F_f · (R_f · M) with M one deconvolved
 * lamp spectrum shared by all fibers, R_f each fiber's resolution and F_f the fiber's relative
 * response.
 *
 * 1. Pixels below `minval` or above `maxval` times the median over fibers are rejected; a fiber
 *    with `maxBad` rejected pixels is dropped.
 * 2. Without resolution: F_f = a cubic spline (knots `smoothing` Å apart) of D_f / median, at most
 *    `maxRejectPerIteration` pixels beyond `nsig` σ rejected per fiber and iteration; F normalised
 *    to a median of 1 over fibers at every wavelength.
 * 3. With resolution: M solved from the normal equations Σ_f (F_f R_f)ᵀ W_f (F_f R_f) M =
 *    Σ_f (F_f R_f)ᵀ W_f D_f (banded, LDLᵀ), each F_f refitted as the spline of D_f / (R_f M) and
 *    renormalised, until F changes by less than `accuracy`.
 * 4. The flat at the fiber's own pixels, F_f = D_f / (R_f M) with IVAR ivar · (R_f M)², pixels
 *    beyond `nsig` σ of its spline masked, renormalised to a median of 1 over good fibers at every
 *    wavelength; masked stretches longer than 10 pixels are filled by a spline of ≥ 100 Å knots,
 *    shorter ones by the fiber's spline.
 *
 * A fiber with no usable pixel gets FIBERFLAT 1, IVAR 0 and MASK BADFIBERFLAT on every pixel (as
 * every pixel with IVAR 0 does): never NaN. desispec's 0.35 % systematic floor on IVAR is not
 * added: IVAR is the statistical inverse variance of the flat's own data.
 */
export function computeFiberflat(data: FlatData, options: Partial<FiberflatOptions> = {}): FiberflatResult {
  const o = { ...FIBERFLAT_DEFAULTS, ...options };
  const ivar = Float64Array.from(data.ivar);
  rejectExtremes(data, ivar, o);
  const smooth = firstSmoothFlat(data, ivar, o);
  const { mean, iterations } = deconvolveMean(data, ivar, smooth, o);
  return { ...finalFlat(data, ivar, mean, o), meanspec: mean, iterations };
}

/** Step 1: rejects pixels far from the median spectrum, drops fibers with too many. */
function rejectExtremes(data: FlatData, ivar: Float64Array, o: FiberflatOptions): void {
  const { nfiber, nwave, flux } = data;
  const nbad = new Int32Array(nfiber);
  for (let it = 0; it < o.maxIterations; it++) {
    const med = columnMedian(flux, ivar, nfiber, nwave, 0);
    let rejected = 0;
    for (let f = 0; f < nfiber; f++) {
      const row = f * nwave;
      for (let i = 0; i < nwave; i++) {
        if (!(ivar[row + i]! > 0)) continue;
        const v = flux[row + i]!;
        if (v < o.minval * med[i]! || v > o.maxval * med[i]!) {
          ivar[row + i] = 0;
          nbad[f]!++;
          rejected++;
        }
      }
      if (nbad[f]! >= o.maxBad) ivar.fill(0, row, row + nwave);
    }
    if (rejected === 0) break;
  }
}

/** Step 2: a smooth flat against the median spectrum, with outlier rejection. */
function firstSmoothFlat(data: FlatData, ivar: Float64Array, o: FiberflatOptions): Float64Array {
  const { nfiber, nwave, flux, wave } = data;
  const smooth = new Float64Array(nfiber * nwave).fill(1);
  const ratio = new Float64Array(nwave);
  const w = new Float64Array(nwave);
  const nbad = new Int32Array(nfiber);
  for (let it = 0; it < o.maxIterations; it++) {
    const med = columnMedian(flux, ivar, nfiber, nwave, 0);
    let rejected = 0;
    for (let f = 0; f < nfiber; f++) {
      const row = f * nwave;
      for (let i = 0; i < nwave; i++) {
        const ok = med[i] !== 0 && ivar[row + i]! > 0;
        ratio[i] = ok ? flux[row + i]! / med[i]! : 0;
        w[i] = ok ? ivar[row + i]! * med[i]! * med[i]! : 0;
      }
      const fit = splineFit(wave, ratio, w, o.smoothing);
      if (fit === null) {
        ivar.fill(0, row, row + nwave);
        continue;
      }
      smooth.set(fit, row);
      rejected += rejectWorst(flux, ivar, row, nwave, (i) => med[i]! * fit[i]!, o, nbad, f);
    }
    if (rejected === 0) break;
  }
  normaliseColumns(smooth, ivar, nfiber, nwave);
  return smooth;
}

/**
 * Rejects up to `maxRejectPerIteration` pixels of one fiber whose χ² against `model` exceeds
 * nsig², worst first; drops the fiber at `maxBad`. Returns the number rejected.
 */
function rejectWorst(
  flux: Float64Array,
  ivar: Float64Array,
  row: number,
  nwave: number,
  model: (i: number) => number,
  o: FiberflatOptions,
  nbad: Int32Array,
  f: number,
): number {
  const bad: [number, number][] = [];
  const limit = o.nsig * o.nsig;
  for (let i = 0; i < nwave; i++) {
    const iv = ivar[row + i]!;
    if (!(iv > 0)) continue;
    const r = flux[row + i]! - model(i);
    const chi2 = iv * r * r;
    if (chi2 > limit) bad.push([chi2, i]);
  }
  if (bad.length === 0) return 0;
  bad.sort((a, b) => b[0] - a[0]);
  const n = Math.min(bad.length, o.maxRejectPerIteration);
  for (let k = 0; k < n; k++) ivar[row + bad[k]![1]] = 0;
  nbad[f]! += n;
  if (nbad[f]! >= o.maxBad) ivar.fill(0, row, row + nwave);
  return n;
}

/** Divides every column of `flat` by its median over the fibers with weight there. */
function normaliseColumns(flat: Float64Array, ivar: Float64Array, nfiber: number, nwave: number): void {
  const med = columnMedian(flat, ivar, nfiber, nwave, 1);
  for (let f = 0; f < nfiber; f++) for (let i = 0; i < nwave; i++) if (med[i] !== 0) flat[f * nwave + i]! /= med[i]!;
}

/** Step 3: alternates the deconvolved mean spectrum and the smooth flats. */
function deconvolveMean(data: FlatData, ivar: Float64Array, smooth: Float64Array, o: FiberflatOptions): { mean: Float64Array; iterations: number } {
  const { nfiber, nwave, flux, wave, resolution } = data;
  const w = new Float64Array(nwave);
  const y = new Float64Array(nwave);
  const m = new Float64Array(nwave);
  const ratio = new Float64Array(nwave);
  const rw = new Float64Array(nwave);
  const previous = new Float64Array(nfiber * nwave);
  let mean: Float64Array = new Float64Array(nwave);
  let previousMax = 0;
  let it = 0;
  for (; it < o.maxIterations; it++) {
    // Normal equations of D_f ≈ F_f R_f M: weights ivar F², data D / F.
    const a = bandedMatrix(nwave, NORMAL_BAND);
    const rhs = new Float64Array(nwave);
    for (let f = 0; f < nfiber; f++) {
      const row = f * nwave;
      let any = false;
      for (let i = 0; i < nwave; i++) {
        const s = smooth[row + i]!;
        const ok = ivar[row + i]! > 0 && s !== 0;
        w[i] = ok ? ivar[row + i]! * s * s : 0;
        y[i] = ok ? flux[row + i]! / s : 0;
        any ||= ok;
      }
      if (any) addNormal(fiberResolution(resolution, f, nwave), w, y, a, rhs);
    }
    mean = solveBanded(factorBanded(a).factor, rhs);
    for (let f = 0; f < nfiber; f++) {
      const row = f * nwave;
      convolve(fiberResolution(resolution, f, nwave), mean, m);
      for (let i = 0; i < nwave; i++) {
        const ok = m[i] !== 0 && ivar[row + i]! > 0;
        ratio[i] = ok ? flux[row + i]! / m[i]! : 0;
        rw[i] = ok ? ivar[row + i]! * m[i]! * m[i]! : 0;
      }
      const fit = splineFit(wave, ratio, rw, o.smoothing);
      if (fit === null) ivar.fill(0, row, row + nwave);
      else smooth.set(fit, row);
    }
    normaliseColumns(smooth, ivar, nfiber, nwave);
    let maxDiff = 0;
    for (let k = 0; k < smooth.length; k++) if (ivar[k]! > 0) maxDiff = Math.max(maxDiff, Math.abs(smooth[k]! - previous[k]!));
    previous.set(smooth);
    if (maxDiff < o.accuracy || Math.abs(maxDiff - previousMax) < 0.1 * o.accuracy) {
      it++;
      break;
    }
    previousMax = maxDiff;
  }
  return { mean, iterations: it };
}

/** Step 4: the flat at each fiber's pixels, outliers masked, renormalised, gaps filled. */
function finalFlat(data: FlatData, usable: Float64Array, mean: Float64Array, o: FiberflatOptions): Omit<FiberflatResult, "meanspec" | "iterations"> {
  const { nfiber, nwave, flux, wave, resolution } = data;
  const flat = new Float64Array(nfiber * nwave).fill(1);
  const fivar = new Float64Array(nfiber * nwave);
  const mask = new Int32Array(nfiber * nwave);
  const m = new Float64Array(nwave);
  const limit = o.nsig * o.nsig;
  for (let f = 0; f < nfiber; f++) {
    const row = f * nwave;
    let any = false;
    for (let i = 0; i < nwave; i++) any ||= data.ivar[row + i]! > 0;
    if (!any) continue;
    convolve(fiberResolution(resolution, f, nwave), mean, m);
    for (let i = 0; i < nwave; i++) {
      const mi = m[i]!;
      flat[row + i] = mi !== 0 ? flux[row + i]! / mi : 1;
      // The pixels steps 1–3 rejected stay out; a dropped fiber is dropped.
      fivar[row + i] = usable[row + i]! > 0 ? data.ivar[row + i]! * mi * mi : 0;
    }
    const f0 = flat.subarray(row, row + nwave);
    const v0 = fivar.subarray(row, row + nwave);
    for (let it = 0; it < 20; it++) {
      const fit = splineFit(wave, f0, v0, o.smoothing);
      if (fit === null) break;
      let rejected = 0;
      for (let i = 0; i < nwave; i++) {
        const r = f0[i]! - fit[i]!;
        if (v0[i]! > 0 && v0[i]! * r * r > limit) {
          v0[i] = 0;
          rejected++;
        }
      }
      if (rejected === 0) break;
    }
  }
  normaliseColumns(flat, fivar, nfiber, nwave);
  for (let f = 0; f < nfiber; f++) fillGaps(flat, fivar, f * nwave, nwave, wave, o);
  normaliseColumns(flat, fivar, nfiber, nwave);
  // A fiber without any usable pixel keeps exactly 1 (the normalisation divided it too).
  for (let f = 0; f < nfiber; f++) {
    let any = false;
    for (let i = 0; i < nwave; i++) any ||= fivar[f * nwave + i]! > 0;
    if (!any) flat.fill(1, f * nwave, (f + 1) * nwave);
  }
  for (let k = 0; k < flat.length; k++) {
    if (!(fivar[k]! > 0) || !Number.isFinite(flat[k]!)) {
      fivar[k] = 0;
      if (!Number.isFinite(flat[k]!)) flat[k] = 1;
      mask[k]! |= SPECMASK.BADFIBERFLAT;
    }
  }
  return { fiberflat: flat, ivar: fivar, mask };
}

/**
 * Replaces one fiber's flat where its IVAR is 0 or it lies outside [minval, maxval] by a spline of
 * its good pixels: knots `smoothing` Å apart, or ≥ 100 Å when a masked stretch is longer than
 * 10 pixels (desispec). A fiber with no good pixel keeps 1.
 */
function fillGaps(flat: Float64Array, fivar: Float64Array, row: number, nwave: number, wave: ArrayLike<number>, o: FiberflatOptions): void {
  let longest = 0;
  let run = 0;
  let nbad = 0;
  let ngood = 0;
  for (let i = 0; i < nwave; i++) {
    const v = flat[row + i]!;
    if (fivar[row + i]! > 0 && v >= o.minval && v <= o.maxval) {
      ngood++;
      run = 0;
      continue;
    }
    fivar[row + i] = 0;
    nbad++;
    longest = Math.max(longest, ++run);
  }
  if (nbad === 0) return;
  if (ngood === 0) {
    flat.fill(1, row, row + nwave);
    return;
  }
  const f0 = flat.subarray(row, row + nwave);
  const v0 = fivar.subarray(row, row + nwave);
  const spacing = longest > 10 ? Math.max(LONG_GAP_SMOOTHING, longest * Math.abs(wave[1]! - wave[0]!)) : o.smoothing;
  const fit = splineFit(wave, f0, v0, spacing);
  for (let i = 0; i < nwave; i++) if (!(v0[i]! > 0)) f0[i] = fit?.[i] ?? 1;
}

/**
 * The night's fiber flat of one camera of one petal (DESI `fiberflatnight-{CAMERA}-{NIGHT}.fits`)
 * from that night's flat-lamp frames of it, {@link computeFiberflat} on their inverse-variance
 * weighted combination. Pixels with a MASK bit or IVAR 0 and fibers whose FIBERSTATUS has a flat-
 * fatal bit (BROKENFIBER, BADFIBER, BADTRACE) are left out; those fibers come out masked.
 */
export async function fiberflat(
  inputs: { readonly flats: Gather<Frame> },
  params: {
    /**
     * Outlier threshold, in σ.
     * @default 10
     */
    readonly nsig: float;
    /**
     * Knot spacing of the smooth flat, in Å.
     * @default 5
     */
    readonly smoothing: float;
    /**
     * Iteration limit.
     * @default 15
     */
    readonly maxiter: int;
  },
  _ctx: KernelContext,
): Promise<{ fiberflat: FiberFlat }> {
  const handles: Handle<Frame>[] = [];
  for await (const h of inputs.flats) handles.push(h);
  const frames = await Promise.all(handles.map((h) => h.read()));
  if (frames.length === 0) throw new KernelError(`${KERNEL}: no flat-lamp frame to compute a fiber flat from`);
  frames.sort((a, b) => Number(a.header["EXPID"] ?? 0) - Number(b.header["EXPID"] ?? 0));
  const data = combineFlats(frames);
  const result = computeFiberflat(data, {
    nsig: params.nsig ?? FIBERFLAT_DEFAULTS.nsig,
    smoothing: params.smoothing ?? FIBERFLAT_DEFAULTS.smoothing,
    maxIterations: params.maxiter ?? FIBERFLAT_DEFAULTS.maxIterations,
  });
  const first = frames[0]!;
  const { nfiber, nwave } = data;
  return {
    fiberflat: {
      header: {
        NIGHT: Number(first.header["NIGHT"] ?? 0),
        CAMERA: String(first.header["CAMERA"] ?? ""),
        SPECGRPH: Number(first.header["SPECGRPH"] ?? 0),
        NFLATS: frames.length,
        EXPIDS: frames.map((f) => String(f.header["EXPID"] ?? "")).join(","),
      },
      FIBERFLAT: image(Float32Array.from(result.fiberflat), [nfiber, nwave]),
      IVAR: image(Float32Array.from(result.ivar), [nfiber, nwave]),
      MASK: image(result.mask, [nfiber, nwave]),
      MEANSPEC: image(Float32Array.from(result.meanspec), [nwave]),
      WAVELENGTH: image(Float32Array.from(first.WAVELENGTH.data), [nwave]),
      FIBERMAP: first.FIBERMAP,
    },
  };
}

/** The inverse-variance weighted combination of flat frames of one camera, checked alike. */
export function combineFlats(frames: readonly Frame[]): FlatData {
  const first = frames[0]!;
  const [nfiber = 0, nwave = 0] = first.FLUX.shape;
  const flux = new Float64Array(nfiber * nwave);
  const ivar = new Float64Array(nfiber * nwave);
  for (const fr of frames) {
    if (String(fr.header["FLAVOR"] ?? "").toLowerCase() !== "flat")
      throw new Error(`${KERNEL}: exposure ${String(fr.header["EXPID"])} is a ${String(fr.header["FLAVOR"])} frame, not a flat`);
    if (fr.FLUX.shape[0] !== nfiber || fr.FLUX.shape[1] !== nwave || fr.WAVELENGTH.data[0] !== first.WAVELENGTH.data[0])
      throw new Error(`${KERNEL}: flats of ${nfiber}×${nwave} and ${fr.FLUX.shape.join("×")} pixels cannot be combined`);
    for (let f = 0; f < nfiber; f++) {
      if ((fr.FIBERMAP.FIBERSTATUS[f]! & FLAT_BAD_STATUS) !== 0) continue;
      for (let i = 0; i < nwave; i++) {
        const k = f * nwave + i;
        const w = fr.MASK.data[k] === 0 ? fr.IVAR.data[k]! : 0;
        if (!(w > 0) || !Number.isFinite(fr.FLUX.data[k]!)) continue;
        flux[k]! += w * fr.FLUX.data[k]!;
        ivar[k]! += w;
      }
    }
  }
  for (let k = 0; k < flux.length; k++) flux[k] = ivar[k]! > 0 ? flux[k]! / ivar[k]! : 0;
  return { nfiber, nwave, wave: first.WAVELENGTH.data, flux, ivar, resolution: first.RESOLUTION.data };
}
