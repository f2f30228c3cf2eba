import type { ExposureList } from "../datamodel/ExposureList.js";
import type { SimSpec } from "../datamodel/SimSpec.js";
import {
  NDIAG,
  PIXEL_ANGSTROM,
  applyResolution,
  badFiberTransmission,
  effectiveReadNoise,
  fiberTilt,
  lsfAt,
  storedLsf,
  writeResolution,
  type FiberLsf,
} from "../instrument/index.js";
import { exposureRow } from "./exposureRow.js";
import { fiberSignal, fiberWork, frameModel } from "./frameModel.js";

/**
 * The noiseless truth behind one frame of `fastframe`, for tests of the calibration kernels
 * (which must never read it). Per-pixel arrays are `[fiber, wave]` in the frame's fiber order,
 * in the frame's units (electrons per Å) unless stated.
 */
export interface FrameTruth {
  /** FIBER of each row. */
  readonly fiber: Int32Array;
  readonly nwave: number;
  /** The arm's wavelength grid, Å. */
  readonly wave: Float64Array;
  /**
   * Each fiber's relative throughput at flat time at each pixel: its fixed throughput with its λ
   * trend, times a bad fiber's transmission (what a perfect fiber flat measures, before
   * normalisation across fibers).
   */
  readonly flatThroughput: Float64Array;
  /** Each fiber's throughput at this exposure over its flat-time value (1 on a flat; achromatic). */
  readonly throughputChange: Float64Array;
  /** The sky each fiber records after its true line-spread function, electrons/Å (0 on a flat). */
  readonly sky: Float64Array;
  /** The source (or lamp) each fiber records after its true line-spread function, electrons/Å. */
  readonly source: Float64Array;
  /** The sky electrons/Å entering a fiber of relative throughput 1, before any line-spread function. */
  readonly skyInput: Float64Array;
  /** The true resolution matrices, in the frame's RESOLUTION layout `[fiber, 11, wave]`. */
  readonly trueResolution: Float64Array;
  /** The true line-spread parameters of each fiber. */
  readonly lsf: readonly FiberLsf[];
  /** The line-spread parameters of the RESOLUTION stored in the frame. */
  readonly storedLsf: readonly FiberLsf[];
  /** Each fiber's true wavelength offset at each pixel, Å (light of λ is recorded at λ + offset). */
  readonly waveOffset: Float64Array;
  /** Each fiber's true core σ at each pixel, Å (the stored one is `storedLsf`'s). */
  readonly sigma: Float64Array;
  /** The effective read noise per output pixel, electrons. */
  readonly readNoise: number;
}

/**
 * The truth behind `fastframe`'s frame of exposure `expid`, camera `band` (b, r or z) and
 * `petal` from `simspec` and `exposures`: the same model fastframe draws from, without the draws
 * (no noise, no cosmics). `frame.FLUX` ≈ `sky + source` within the noise; the frame's IVAR is
 * 0.64 / (0.8 · (sky + source) + readNoise²) on good pixels.
 */
export function frameTruth(simspec: SimSpec, exposures: ExposureList, expid: number, band: string, petal: number): FrameTruth {
  const row = exposureRow(exposures, expid, "exposures", "frameTruth");
  const model = frameModel(simspec, row, band, petal, "simspec", "frameTruth");
  const { nwave, nfiber } = model;
  const n = nfiber * nwave;
  const out = {
    fiber: Int32Array.from(model.rows, (r) => simspec.FIBERMAP.FIBER[r]!),
    flatThroughput: new Float64Array(n),
    throughputChange: new Float64Array(nfiber),
    sky: new Float64Array(n),
    source: new Float64Array(n),
    skyInput: Float64Array.from(model.skyE, (e) => e / PIXEL_ANGSTROM),
    trueResolution: new Float64Array(nfiber * NDIAG * nwave),
    waveOffset: new Float64Array(n),
    sigma: new Float64Array(n),
  };
  const lsf: FiberLsf[] = [];
  const stored: FiberLsf[] = [];
  const src = new Float64Array(nwave);
  const sky = new Float64Array(nwave);
  const conv = new Float64Array(nwave);
  const work = fiberWork(model);
  for (let f = 0; f < nfiber; f++) {
    const sig = fiberSignal(model, f, src, sky, work);
    const o = f * nwave;
    const scale = sig.inst.throughput * badFiberTransmission(sig.bad);
    for (let i = 0; i < nwave; i++) out.flatThroughput[o + i] = scale * fiberTilt(sig.inst, i, nwave);
    out.throughputChange[f] = sig.change;
    writeResolution(band, nwave, sig.inst.lsf, out.trueResolution, f * NDIAG * nwave);
    applyResolution(out.trueResolution, f * NDIAG * nwave, nwave, src, 0, conv);
    for (let i = 0; i < nwave; i++) out.source[o + i] = conv[i]! / PIXEL_ANGSTROM;
    applyResolution(out.trueResolution, f * NDIAG * nwave, nwave, sky, 0, conv);
    for (let i = 0; i < nwave; i++) out.sky[o + i] = conv[i]! / PIXEL_ANGSTROM;
    for (let i = 0; i < nwave; i++) {
      const at = lsfAt(band, sig.inst.lsf, i, nwave);
      out.waveOffset[o + i] = at.shift * PIXEL_ANGSTROM;
      out.sigma[o + i] = at.sigma * PIXEL_ANGSTROM;
    }
    lsf.push(sig.inst.lsf);
    stored.push(storedLsf(sig.inst));
  }
  return { ...out, nwave, wave: model.wave, lsf, storedLsf: stored, readNoise: effectiveReadNoise(band) };
}
