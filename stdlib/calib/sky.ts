import type { FiberFlat } from "../datamodel/FiberFlat.js";
import type { Frame } from "../datamodel/Frame.js";
import type { Sky } from "../datamodel/Sky.js";
import { image } from "../datamodel/values.js";
import { FIBERSTATUS, SPECMASK } from "../instrument/index.js";
import { type Handle, type KernelContext, KernelError, type float, type int } from "../kernel.js";
import { applyFiberflat } from "./applyFiberflat.js";
import { bandedInverse } from "./banded.js";
import { medianInPlace } from "./columnMedian.js";
import { convolve, convolvedVariance, fiberResolution, meanResolution } from "./resolution.js";
import { type SkyFitData, fitDeconvolvedSky } from "./skyFit.js";
import { fiberLineThroughput, lineAdjuster, skyPeaks } from "./skyLines.js";
import { modelVariance } from "./skyVariance.js";

const KERNEL = "calib.sky";

/**
 * FIBERSTATUS bits that keep a fiber out of the sky fit (those of desispec's sky fiber mask that
 * the data model sets).
 */
export const SKY_BAD_STATUS = FIBERSTATUS.BROKENFIBER | FIBERSTATUS.BADFIBER | FIBERSTATUS.BADTRACE;

/** Settings of {@link computeSky}: desispec `compute_sky`'s, with the adjustments on. */
export interface SkyOptions {
  /** Clipping threshold, σ. */
  readonly nsig: number;
  readonly minIterations: number;
  readonly maxIterations: number;
  /** Adjust each fiber's sky lines in wavelength and in width (desispec adjust_wavelength, adjust_lsf). */
  readonly adjustWavelength: boolean;
  readonly adjustLsf: boolean;
  /** Fit a throughput per sky fiber, and apply each fiber's sky-line throughput to its sky. */
  readonly throughput: boolean;
  /** Add the model variance near sky lines (desispec add_variance), with this σ_flat. */
  readonly addVariance: boolean;
  readonly sigmaFlat: number;
  /** Fewer usable sky fibers than this is an error. */
  readonly minSkyFibers: number;
  /** Largest throughput-correction error that is applied; beyond it the fiber keeps 1. */
  readonly maxThroughputError: number;
}

/** The defaults of {@link computeSky}. */
export const SKY_DEFAULTS: SkyOptions = {
  nsig: 4,
  minIterations: 5,
  maxIterations: 30,
  adjustWavelength: true,
  adjustLsf: true,
  throughput: true,
  addVariance: true,
  sigmaFlat: 0,
  minSkyFibers: 10,
  maxThroughputError: 0.02,
};

/** Pixels of the running median that gives the sky's continuum under its lines (≈ 33 Å). */
const CONTINUUM_WINDOW = 41;

/** The running median of `x` over `window` pixels (shrinking at the ends). */
function runningMedian(x: Float64Array, window: number): Float64Array {
  const n = x.length;
  const half = window >> 1;
  const out = new Float64Array(n);
  const buf = new Float64Array(window);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n, i + half + 1);
    for (let j = lo; j < hi; j++) buf[j - lo] = x[j]!;
    out[i] = medianInPlace(buf, hi - lo);
  }
  return out;
}

/** A flat-fielded frame as the sky model reads it (`[fiber, wave]`, IVAR 0 on masked pixels). */
export interface SkyData extends SkyFitData {
  readonly wave: ArrayLike<number>;
}

/** The sky model of every fiber of a frame. */
export interface SkyResult {
  /** The sky each fiber saw `[fiber, wave]`: its resolution, adjustments and throughput applied. */
  readonly sky: Float64Array;
  /** Inverse variance of `sky`, with the model variance; 0 where the sky is not constrained. */
  readonly ivar: Float64Array;
  /** Statistical-only inverse variance of `sky`. */
  readonly statIvar: Float64Array;
  readonly mask: Int32Array;
  /** The deconvolved sky. */
  readonly deconvolved: Float64Array;
  /** Throughput correction per fiber (1 for none). */
  readonly throughput: Float64Array;
  /** Mean wavelength (Å) and width (units of 0.3 Å extra σ) adjustments per fiber. */
  readonly dwave: Float64Array;
  readonly dlsf: Float64Array;
  /** The sky fibers fitted and those dropped as a whole by the fit. */
  readonly skyFibers: readonly number[];
  readonly droppedSkyFibers: readonly number[];
  readonly iterations: number;
}

/**
 * The sky model of a flat-fielded frame from its sky fibers `skyFibers` (desispec `compute_sky`,
 * docs/sources.md#sky-subtraction): a deconvolved sky s fitted to the sky fibers with clipping
 * ({@link fitDeconvolvedSky}); R_f · s for every fiber; each fiber's sky lines adjusted in
 * wavelength and width on its own data ({@link adjustSkyLines}; on every fiber with data, as
 * desispec does with `only_use_skyfibers_for_adjustments` off, since fibers' shifts do not
 * vary smoothly across a petal); each fiber's throughput correction (the sky fibers' from the
 * fit, the others' from their sky-line scales on the unadjusted model, kept when its error is under
 * `maxThroughputError`) applied to its sky lines above the continuum (a running median of the mean
 * sky), as desispec's `subtract_sky` applies it by default. The statistical variance is that of s (the
 * inverse of the normal matrix inside its band) through the mean resolution, as desispec
 * approximates it; the model variance is added near sky lines ({@link modelVariance}).
 * Wavelengths no sky fiber constrains (widened twice by the resolution) and those with fewer
 * than min(10, n/2) sky fibers (widened by a pixel) get sky 0, IVAR 0 and MASK BADSKY; sky
 * fibers the fit dropped get BADSKY on every pixel. Throws a {@link KernelError} with fewer than
 * `minSkyFibers` sky fibers with data.
 */
export function computeSky(data: SkyData, skyFibers: readonly number[], options: Partial<SkyOptions> = {}): SkyResult {
  const o = { ...SKY_DEFAULTS, ...options };
  const { nfiber, nwave, ivar, resolution } = data;
  const hasData = (f: number): boolean => {
    for (let i = 0; i < nwave; i++) if (ivar[f * nwave + i]! > 0) return true;
    return false;
  };
  const fibers = skyFibers.filter(hasData);
  if (fibers.length < o.minSkyFibers) {
    throw new KernelError(
      `${KERNEL}: ${fibers.length} sky fibers with valid pixels (of ${skyFibers.length} sky fibers); at least ${o.minSkyFibers} are needed to fit the sky`,
    );
  }
  const fit = fitDeconvolvedSky(data, fibers, { nsig: o.nsig, minIterations: o.minIterations, maxIterations: o.maxIterations, fitThroughput: o.throughput });
  const kept = fibers.filter((_, k) => !fit.dropped.includes(k));

  // Fiber by fiber, so that each fiber's sky stays in cache through its steps: the kept sky
  // fibers first (the mean sky, its peaks and continuum, and the model variance come from them).
  const sky = new Float64Array(nfiber * nwave);
  const skyRow = (f: number): Float64Array => sky.subarray(f * nwave, (f + 1) * nwave);
  for (const f of kept) convolve(fiberResolution(resolution, f, nwave), fit.deconvolved, skyRow(f));
  const meansky = new Float64Array(nwave);
  for (const f of kept) for (let i = 0; i < nwave; i++) meansky[i]! += sky[f * nwave + i]! / kept.length;
  const peaks = skyPeaks(meansky);
  // The throughput corrections scale the sky lines only (desispec's default for subtraction): the
  // continuum under them, a running median of the mean sky, is left as fitted.
  const continuum = runningMedian(meansky, CONTINUUM_WINDOW);
  const throughput = new Float64Array(nfiber).fill(1);
  const dwave = new Float64Array(nfiber);
  const dlsf = new Float64Array(nfiber);
  const fitted = new Map(fibers.map((f, k) => [f, fit.throughput[k]!]));
  const adjust = o.adjustWavelength || o.adjustLsf ? lineAdjuster(data.wave, nwave, peaks, { wavelength: o.adjustWavelength, lsf: o.adjustLsf }) : null;
  const isKept = new Uint8Array(nfiber);
  for (const f of kept) isKept[f] = 1;
  const model = (f: number): void => {
    if (isKept[f] === 0) convolve(fiberResolution(resolution, f, nwave), fit.deconvolved, skyRow(f));
    if (hasData(f)) {
      // Line throughputs on the unadjusted model: a line's scale with a constant absorbs small shape
      // errors, while an adjustment that a fiber's noise sends astray would bias its scale.
      if (o.throughput) {
        const [scale, error] = fiberLineThroughput(data.wave, sky, data.flux, ivar, nwave, f, peaks);
        if (error > 0 && error < o.maxThroughputError) throughput[f] = scale;
      }
      const a = adjust?.(sky, data.flux, ivar, f) ?? null;
      if (a !== null) [dwave[f], dlsf[f]] = a;
    }
    if (o.throughput && fitted.has(f)) throughput[f] = fitted.get(f)!;
    const dt = throughput[f]! - 1;
    if (dt !== 0) for (let i = 0, k = f * nwave; i < nwave; i++, k++) sky[k]! += dt * Math.max(0, sky[k]! - continuum[i]!);
  };
  for (const f of kept) model(f);

  const rmean = meanResolution(resolution, kept, nwave);
  const statVar = convolvedVariance(rmean, bandedInverse(fit.factor));
  // The fit's clipped sky-fiber IVAR, one row per fitted sky fiber: the kept fibers' rows in it.
  const rowOf = new Map(fibers.map((f, k) => [f, k]));
  const fullVar = o.addVariance
    ? modelVariance(data.wave, data.flux, { ivar: fit.ivar, rows: kept.map((f) => rowOf.get(f)!) }, sky, kept, statVar, o.sigmaFlat)
    : statVar;
  const out = {
    ivar: new Float64Array(nfiber * nwave),
    statIvar: new Float64Array(nfiber * nwave),
    mask: new Int32Array(nfiber * nwave),
  };
  const bad = poorWavelengths(fit.free, rmean, fit.ivar, fibers.length - fit.dropped.length, nwave);
  const variance = (f: number): void => {
    const t2 = throughput[f]! * throughput[f]!;
    for (let i = 0; i < nwave; i++) {
      const k = f * nwave + i;
      const sv = t2 * statVar[i]!;
      if (bad[i] || !(sv > 0)) {
        sky[k] = 0;
        out.mask[k] = SPECMASK.BADSKY;
        continue;
      }
      out.statIvar[k] = 1 / sv;
      out.ivar[k] = 1 / (sv + fullVar[i]! - statVar[i]!);
    }
  };
  for (let f = 0; f < nfiber; f++) {
    if (isKept[f] !== 0) continue;
    model(f);
    variance(f);
  }
  for (const f of kept) variance(f);
  for (const k of fit.dropped) for (let i = 0; i < nwave; i++) out.mask[fibers[k]! * nwave + i]! |= SPECMASK.BADSKY;
  return {
    sky,
    ...out,
    deconvolved: fit.deconvolved,
    throughput,
    dwave,
    dlsf,
    skyFibers: fibers,
    droppedSkyFibers: fit.dropped.map((k) => fibers[k]!),
    iterations: fit.iterations,
  };
}

/**
 * Wavelengths where the sky is not determined: those no sky pixel constrains, widened by applying
 * the mean resolution twice (desispec), and those with fewer than min(10, max(1, n/2)) sky fibers
 * with data after clipping, widened by one pixel.
 */
function poorWavelengths(free: readonly number[], rmean: ReturnType<typeof meanResolution>, skyIvar: Float64Array, nsky: number, nwave: number): Uint8Array {
  const bad = new Uint8Array(nwave);
  if (free.length > 0) {
    const w = new Float64Array(nwave);
    for (const i of free) w[i] = 1;
    const once = convolve(rmean, w, new Float64Array(nwave));
    const twice = convolve(rmean, once, new Float64Array(nwave));
    for (let i = 0; i < nwave; i++) if (twice[i] !== 0 || w[i] !== 0) bad[i] = 1;
  }
  const minFibers = Math.min(10, Math.max(1, Math.floor(nsky / 2)));
  const count = new Int32Array(nwave);
  const nrows = skyIvar.length / nwave;
  for (let k = 0; k < nrows; k++) for (let i = 0; i < nwave; i++) if (skyIvar[k * nwave + i]! > 0) count[i]!++;
  for (let i = 0; i < nwave; i++) {
    if (count[i]! >= minFibers) continue;
    for (let j = Math.max(0, i - 1); j <= Math.min(nwave - 1, i + 1); j++) bad[j] = 1;
  }
  return bad;
}

/** The sky fibers of a frame: OBJTYPE SKY and no sky-fatal FIBERSTATUS bit. */
export function skyFibersOf(frame: Pick<Frame, "FIBERMAP">): number[] {
  const fm = frame.FIBERMAP;
  const out: number[] = [];
  for (let f = 0; f < fm.OBJTYPE.length; f++) if (fm.OBJTYPE[f]?.trim() === "SKY" && (fm.FIBERSTATUS[f]! & SKY_BAD_STATUS) === 0) out.push(f);
  return out;
}

/**
 * A frame divided by its fiber flat, in the form the sky model reads: IVAR 0 on every pixel with a
 * MASK bit (the frame's or the flat's) and on fibers with a sky-fatal FIBERSTATUS.
 */
export function flatFielded(frame: Frame, flat: FiberFlat): SkyData & { readonly mask: Int32Array } {
  const [nfiber = 0, nwave = 0] = frame.FLUX.shape;
  if (flat.FIBERFLAT.shape[0] !== nfiber || flat.FIBERFLAT.shape[1] !== nwave)
    throw new KernelError(`${KERNEL}: the frame has ${nfiber}×${nwave} pixels and its fiber flat ${flat.FIBERFLAT.shape.join("×")}`);
  if (
    Math.abs(flat.WAVELENGTH.data[0]! - frame.WAVELENGTH.data[0]!) > 0.01 ||
    Math.abs(flat.WAVELENGTH.data[nwave - 1]! - frame.WAVELENGTH.data[nwave - 1]!) > 0.01
  )
    throw new KernelError(`${KERNEL}: the frame and its fiber flat are not on the same wavelengths`);
  const s = applyFiberflat(frame.FLUX.data, frame.IVAR.data, frame.MASK.data, flat.FIBERFLAT.data, flat.IVAR.data, flat.MASK.data);
  for (let f = 0; f < nfiber; f++) {
    const dead = (frame.FIBERMAP.FIBERSTATUS[f]! & SKY_BAD_STATUS) !== 0;
    for (let i = 0; i < nwave; i++) {
      const k = f * nwave + i;
      if (dead || s.mask[k] !== 0 || !Number.isFinite(s.flux[k]!)) s.ivar[k] = 0;
    }
  }
  return { nfiber, nwave, wave: frame.WAVELENGTH.data, flux: s.flux, ivar: s.ivar, mask: s.mask, resolution: frame.RESOLUTION.data };
}

/**
 * The sky model of one camera of one science exposure (DESI `sky-{CAMERA}-{EXPID}.fits`): the
 * frame divided by the night's fiber flat, then {@link computeSky} on its sky fibers. SKY is the
 * sky to subtract from the flat-fielded frame (each fiber's throughput correction applied to its sky lines; THRPUTCORR
 * records them), IVAR its inverse variance with the model variance, STATIVAR without.
 */
export async function sky(
  inputs: { readonly frame: Handle<Frame>; readonly fiberflat: Handle<FiberFlat> },
  params: {
    /**
     * Clipping threshold, in σ.
     * @default 4
     */
    readonly nsig: float;
    /**
     * Fewer usable sky fibers on the petal than this fails the task.
     * @default 10
     */
    readonly minsky: int;
  },
  _ctx: KernelContext,
): Promise<{ sky: Sky }> {
  const [frame, flat] = await Promise.all([inputs.frame.read(), inputs.fiberflat.read()]);
  const data = flatFielded(frame, flat);
  const r = computeSky(data, skyFibersOf(frame), { nsig: params.nsig ?? SKY_DEFAULTS.nsig, minSkyFibers: params.minsky ?? SKY_DEFAULTS.minSkyFibers });
  const { nfiber, nwave } = data;
  const h = frame.header;
  return {
    sky: {
      header: {
        NIGHT: Number(h["NIGHT"] ?? 0),
        EXPID: Number(h["EXPID"] ?? 0),
        TILEID: Number(h["TILEID"] ?? 0),
        CAMERA: String(h["CAMERA"] ?? ""),
        SPECGRPH: Number(h["SPECGRPH"] ?? 0),
        EXPTIME: Number(h["EXPTIME"] ?? 0),
        NSKYFIB: r.skyFibers.length,
        NSKYREJ: r.droppedSkyFibers.length,
      },
      SKY: image(Float32Array.from(r.sky), [nfiber, nwave]),
      IVAR: image(Float32Array.from(r.ivar), [nfiber, nwave]),
      MASK: image(r.mask, [nfiber, nwave]),
      WAVELENGTH: image(Float32Array.from(data.wave), [nwave]),
      STATIVAR: image(Float32Array.from(r.statIvar), [nfiber, nwave]),
      THRPUTCORR: image(Float32Array.from(r.throughput), [nfiber]),
    },
  };
}
