import type { FiberFlat } from "../datamodel/FiberFlat.js";
import type { FluxCalib } from "../datamodel/FluxCalib.js";
import type { Frame } from "../datamodel/Frame.js";
import type { Sky } from "../datamodel/Sky.js";
import type { StdStars } from "../datamodel/StdStars.js";
import { image } from "../datamodel/values.js";
import { NDIAG } from "../instrument/index.js";
import { KernelError, type Handle, type KernelContext } from "../kernel.js";
import { keyOf } from "../kernelKey.js";
import { CALIB_MASK, prepareFrame } from "./preparedFrame.js";
import { convolveRows } from "./resolution.js";
import { takeFibermapRows } from "./takeFibermapRows.js";

const KERNEL = "calib.fluxcal";
/** Clipping threshold of the calibration fit, in σ (desispec compute_flux_calibration nsig_clipping; docs/sources.md#fluxcalib). */
const NSIG_CLIPPING = 10;
/** Stars whose fitted scale falls below this are dropped (desispec). */
const MIN_STAR_SCALE = 0.2;
/** Fit iterations (desispec allows up to 20; this fit converges in a few). */
const ITERATIONS = 6;
/** Half-width, in pixels, of the weighted running mean that smooths the calibration (±4 Å). */
const SMOOTH_HALF = 5;

/**
 * The flux calibration of one camera of one exposure (`ctx.key`: `exposure`, `camera`, `petal`)
 * from the petal's fitted standard stars, as desispec's compute_flux_calibration does
 * (docs/sources.md#fluxcalib), in the calibration's reduced form:
 *
 * - the frame is flat-fielded and sky-subtracted (`prepareFrame`); each star's model (StdStars,
 *   above the atmosphere) is taken on the camera's grid and convolved by the star's stored resolution;
 * - one curve C(λ) common to the camera and an achromatic scale per star are fitted,
 *   data_s ≈ scale_s · C · (R_s model_s), by alternating weighted least squares per pixel for C and
 *   per star for the scales, clipping pixels beyond 10σ, dropping stars with scale < 0.2 and
 *   normalising the scales' harmonic mean to 1 (so the stars' photometry sets C's level). C is
 *   taken out of the convolution: it varies on ≥ 50 Å (throughput, extinction, the widest telluric
 *   bands) against a 2 Å line-spread function, where desispec solves for a deconvolved C;
 * - C is smoothed by a ±4 Å ivar-weighted running mean; its IVAR is the fit's, summed likewise;
 * - FLUXCALIB of every fiber is R_f · C, the calibration of a flat spectrum seen through the
 *   fiber's stored resolution (point sources: the standards' fiber acceptance is built in).
 *
 * Throws a KernelError when none of the StdStars' fibers is usable in this camera.
 */
export async function fluxcal(
  inputs: { readonly frame: Handle<Frame>; readonly fiberflat: Handle<FiberFlat>; readonly sky: Handle<Sky>; readonly stdstars: Handle<StdStars> },
  _params: Readonly<Record<string, never>>,
  ctx: KernelContext,
): Promise<{ fluxcalib: FluxCalib }> {
  const [frame, flat, sky, stars] = await Promise.all([inputs.frame.read(), inputs.fiberflat.read(), inputs.sky.read(), inputs.stdstars.read()]);
  const camera = String(frame.header["CAMERA"] ?? keyOf(ctx.key, "camera", KERNEL));
  const what = `${KERNEL} (exposure ${String(frame.header["EXPID"])}, camera ${camera})`;
  const [nfiber = 0, nwave = 0] = frame.FLUX.shape;
  const wave = frame.WAVELENGTH.data;
  const fm = frame.FIBERMAP;
  const fiberRow = new Map<number, number>();
  for (let f = 0; f < nfiber; f++) fiberRow.set(fm.FIBER[f]!, f);

  // Each star's model on the camera grid, convolved by its resolution.
  const mwave = stars.WAVELENGTH.data;
  const nmw = mwave.length;
  const starRows: number[] = [];
  const conv: Float64Array[] = [];
  const sampled = new Float64Array(nwave);
  for (let s = 0; s < stars.FIBERS.data.length; s++) {
    const f = fiberRow.get(stars.FIBERS.data[s]!);
    if (f === undefined || fm.FIBERSTATUS[f] !== 0) continue;
    for (let i = 0; i < nwave; i++) sampled[i] = interpolateAt(mwave, stars.FLUX.data, s * nmw, nmw, wave[i]!);
    const c = new Float64Array(nwave);
    convolveRows(frame.RESOLUTION.data, f * NDIAG * nwave, nwave, sampled, 0, c);
    starRows.push(f);
    conv.push(c);
  }
  if (starRows.length === 0) throw new KernelError(`${what}: none of the ${stars.FIBERS.data.length} standard stars' fibers is usable in this frame`);
  // Only the standards' fibers enter the fit: the others are not prepared.
  const p = prepareFrame(frame, flat, sky, what, starRows);

  const { calib, calibIvar, used } = fitCalibration(p.flux, p.ivar, nwave, starRows, conv);
  if (used.length === 0) throw new KernelError(`${what}: every standard star was rejected (fitted scale < ${MIN_STAR_SCALE})`);
  const { smooth, smoothIvar } = smoothCalibration(calib, calibIvar);

  const out = new Float32Array(nfiber * nwave);
  const outIvar = new Float32Array(nfiber * nwave);
  const mask = new Int32Array(nfiber * nwave);
  const row = new Float64Array(nwave);
  for (let f = 0; f < nfiber; f++) {
    convolveRows(frame.RESOLUTION.data, f * NDIAG * nwave, nwave, smooth, 0, row);
    for (let i = 0; i < nwave; i++) {
      const k = f * nwave + i;
      const c = row[i]!;
      if (c > 0 && smoothIvar[i]! > 0 && Number.isFinite(c)) {
        out[k] = c;
        outIvar[k] = smoothIvar[i]!;
      } else mask[k] = CALIB_MASK.NODATA;
    }
  }
  const h = frame.header;
  return {
    fluxcalib: {
      header: {
        NIGHT: h["NIGHT"] ?? 0,
        EXPID: h["EXPID"] ?? 0,
        TILEID: h["TILEID"] ?? 0,
        CAMERA: camera,
        SPECGRPH: h["SPECGRPH"] ?? 0,
        EXPTIME: h["EXPTIME"] ?? 0,
        AIRMASS: h["AIRMASS"] ?? 0,
      },
      FLUXCALIB: image(out, [nfiber, nwave]),
      IVAR: image(outIvar, [nfiber, nwave]),
      MASK: image(mask, [nfiber, nwave]),
      WAVELENGTH: image(Float32Array.from(wave), [nwave]),
      STDSTAR_FIBERMAP: takeFibermapRows(
        fm,
        used.map((s) => starRows[s]!),
      ),
    },
  };
}

/** Linear interpolation of row `base` of `values` (length `n`, at increasing `x`) at `at`; 0 outside. */
function interpolateAt(x: ArrayLike<number>, values: ArrayLike<number>, base: number, n: number, at: number): number {
  if (at < x[0]! || at > x[n - 1]!) return 0;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= at) lo = mid;
    else hi = mid;
  }
  const t = x[hi]! > x[lo]! ? (at - x[lo]!) / (x[hi]! - x[lo]!) : 0;
  return (1 - t) * values[base + lo]! + t * values[base + hi]!;
}

/** The alternating fit of C and the per-star scales, with clipping. */
function fitCalibration(
  flux: Float64Array,
  ivar: Float64Array,
  nwave: number,
  rows: readonly number[],
  conv: readonly Float64Array[],
): { calib: Float64Array; calibIvar: Float64Array; used: number[] } {
  const ns = rows.length;
  const scale = new Float64Array(ns).fill(1);
  const keep = rows.map((f) => Float64Array.from({ length: nwave }, (_, i) => ivar[f * nwave + i]!));
  const calib = new Float64Array(nwave);
  const calibIvar = new Float64Array(nwave);
  let used = rows.map((_, s) => s);
  const sumNum = new Float64Array(nwave);
  const sumDen = new Float64Array(nwave);
  for (let it = 0; it < ITERATIONS; it++) {
    // C per pixel: the stars' sums accumulated star by star (each pixel's in the order of `used`).
    sumNum.fill(0);
    sumDen.fill(0);
    for (const s of used) {
      const sc = scale[s]!;
      const cs = conv[s]!;
      const ks = keep[s]!;
      const row = rows[s]! * nwave;
      for (let i = 0; i < nwave; i++) {
        const m = sc * cs[i]!;
        const w = ks[i]!;
        sumNum[i]! += w * m * flux[row + i]!;
        sumDen[i]! += w * m * m;
      }
    }
    for (let i = 0; i < nwave; i++) {
      calib[i] = sumDen[i]! > 0 ? sumNum[i]! / sumDen[i]! : 0;
      calibIvar[i] = sumDen[i]!;
    }
    // Scales per star, then clipping.
    for (const s of used) {
      let num = 0;
      let den = 0;
      for (let i = 0; i < nwave; i++) {
        const m = calib[i]! * conv[s]![i]!;
        const w = keep[s]![i]!;
        num += w * m * flux[rows[s]! * nwave + i]!;
        den += w * m * m;
      }
      scale[s] = den > 0 ? num / den : 0;
    }
    used = used.filter((s) => scale[s]! >= MIN_STAR_SCALE);
    if (used.length === 0) break;
    let inv = 0;
    for (const s of used) inv += 1 / scale[s]!;
    const harmonic = used.length / inv;
    for (const s of used) scale[s]! /= harmonic;
    for (const s of used) {
      for (let i = 0; i < nwave; i++) {
        const w = keep[s]![i]!;
        if (!(w > 0)) continue;
        const r = flux[rows[s]! * nwave + i]! - scale[s]! * calib[i]! * conv[s]![i]!;
        if (r * r * w > NSIG_CLIPPING * NSIG_CLIPPING) keep[s]![i] = 0;
      }
    }
  }
  return { calib, calibIvar, used };
}

/** The ±{@link SMOOTH_HALF}-pixel ivar-weighted running mean of C and the summed ivar. */
function smoothCalibration(calib: Float64Array, calibIvar: Float64Array): { smooth: Float64Array; smoothIvar: Float64Array } {
  const n = calib.length;
  const smooth = new Float64Array(n);
  const smoothIvar = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sw = 0;
    let swc = 0;
    for (let j = Math.max(0, i - SMOOTH_HALF); j <= Math.min(n - 1, i + SMOOTH_HALF); j++) {
      sw += calibIvar[j]!;
      swc += calibIvar[j]! * calib[j]!;
    }
    smooth[i] = sw > 0 ? swc / sw : 0;
    smoothIvar[i] = sw;
  }
  return { smooth, smoothIvar };
}
