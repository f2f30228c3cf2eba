import { image } from "../datamodel/values.js";
import type { Handle, KernelContext, float } from "../kernel.js";
import { median } from "../math/index.js";
import type { ExampleFlat } from "./ExampleFlat.js";
import type { ExampleFrame } from "./ExampleFrame.js";
import { sameWavelengths } from "./sameWavelengths.js";

/** Half-width of the running median that single-pixel outliers are judged against, in pixels. */
const HALF_WINDOW = 4;

/**
 * Computes a night's fiber flat of one camera from its flat-lamp frames, desispec's
 * `compute_fiberflat` simplified (desispec fiberflat.py; docs/sources.md#fiberflat) for frames without a resolution matrix:
 * the flats are combined by inverse-variance weighting; the mean spectrum is the median over
 * fibers at each wavelength; pixels below 0.1× or above 10× it are rejected, and a fiber with
 * 100 rejected pixels (or 5 % of them, on short grids) is dropped; the flat is the combined flux
 * over the mean spectrum, with single pixels more than `nsig` σ from the fiber's running median
 * (9 pixels) replaced by that median; finally it is renormalised so that its median over good
 * fibers is 1 at every wavelength. IVAR is propagated (ivar · mean²) and 0 where a pixel was
 * rejected; a dropped fiber has FIBERFLAT and IVAR 0.
 */
export async function fiberflat(
  inputs: { readonly flats: readonly Handle<ExampleFrame>[] },
  params: {
    /**
     * Rejection threshold for single-pixel outliers, in standard deviations.
     * @default 10
     */
    readonly nsig: float;
  },
  ctx: KernelContext,
): Promise<{ fiberflat: ExampleFlat }> {
  if (inputs.flats.length === 0) throw new Error("example.fiberflat: no flat-lamp frame to compute a fiber flat from");
  const frames = await Promise.all(inputs.flats.map((h) => h.read()));
  // Combine in EXPID order, so that the result does not depend on the gather's order.
  frames.sort((a, b) => Number(a.header["EXPID"] ?? 0) - Number(b.header["EXPID"] ?? 0));
  const first = frames[0] as ExampleFrame;
  const [nfiber = 0, nwave = 0] = first.FLUX.shape;
  for (const fr of frames) {
    if (fr.header["FLAVOR"] !== "flat")
      throw new Error(`example.fiberflat: exposure ${String(fr.header["EXPID"])} is a ${String(fr.header["FLAVOR"])} frame, not a flat`);
    if (fr.FLUX.shape[0] !== nfiber || fr.FLUX.shape[1] !== nwave)
      throw new Error(`example.fiberflat: flats of ${nfiber}×${nwave} and ${fr.FLUX.shape.join("×")} pixels cannot be combined`);
    sameWavelengths(first.WAVELENGTH.data, fr.WAVELENGTH.data, "example.fiberflat: two flats");
  }
  const size = nfiber * nwave;

  // 1. Inverse-variance weighted combination.
  const data = new Float64Array(size);
  const ivar = new Float64Array(size);
  for (const fr of frames) {
    for (let k = 0; k < size; k++) {
      const w = fr.IVAR.data[k] ?? 0;
      if (w <= 0) continue;
      data[k] = (data[k] ?? 0) + w * (fr.FLUX.data[k] ?? 0);
      ivar[k] = (ivar[k] ?? 0) + w;
    }
  }
  for (let k = 0; k < size; k++) data[k] = (ivar[k] ?? 0) > 0 ? (data[k] ?? 0) / (ivar[k] ?? 1) : 0;

  const kept = new Uint8Array(nfiber).fill(1);
  const column = (i: number, values: Float64Array, weights: Float64Array): number[] => {
    const out: number[] = [];
    for (let f = 0; f < nfiber; f++) if (kept[f] === 1 && (weights[f * nwave + i] ?? 0) > 0) out.push(values[f * nwave + i] ?? 0);
    return out;
  };
  const meanSpectrum = (): Float64Array => Float64Array.from({ length: nwave }, (_, i) => median(column(i, data, ivar)));

  // 2. Reject pixels far from the mean spectrum; drop fibers with many of them.
  let mean = meanSpectrum();
  const badLimit = Math.min(100, Math.ceil(0.05 * nwave));
  for (let f = 0; f < nfiber; f++) {
    let bad = 0;
    for (let i = 0; i < nwave; i++) {
      const k = f * nwave + i;
      const m = mean[i] ?? Number.NaN;
      const d = data[k] ?? 0;
      if ((ivar[k] ?? 0) > 0 && !(d >= 0.1 * m && d <= 10 * m)) {
        ivar[k] = 0;
        bad++;
      }
    }
    if (bad >= badLimit) kept[f] = 0;
  }
  const dropped = nfiber - kept.reduce((a, b) => a + b, 0);
  if (dropped > 0) ctx.log(`example.fiberflat: dropped ${dropped} of ${nfiber} fibers with ${badLimit} or more rejected pixels`);
  mean = meanSpectrum();

  // 3. Flat = data / mean, with single-pixel outliers replaced by the running median.
  const flat = new Float64Array(size);
  const flatIvar = new Float64Array(size);
  const window = new Float64Array(2 * HALF_WINDOW + 1);
  for (let f = 0; f < nfiber; f++) {
    if (kept[f] !== 1) continue;
    for (let i = 0; i < nwave; i++) {
      const k = f * nwave + i;
      const m = mean[i] ?? 0;
      if (m > 0 && (ivar[k] ?? 0) > 0) {
        flat[k] = (data[k] ?? 0) / m;
        flatIvar[k] = (ivar[k] ?? 0) * m * m;
      }
    }
    const row = flat.slice(f * nwave, (f + 1) * nwave);
    const rowIvar = flatIvar.slice(f * nwave, (f + 1) * nwave);
    for (let i = 0; i < nwave; i++) {
      const k = f * nwave + i;
      // The running median over the good pixels of the window, by insertion into a small sorted buffer.
      let count = 0;
      for (let j = Math.max(0, i - HALF_WINDOW); j <= Math.min(nwave - 1, i + HALF_WINDOW); j++) {
        if ((rowIvar[j] ?? 0) <= 0) continue;
        const v = row[j] ?? 0;
        let at = count++;
        while (at > 0 && (window[at - 1] ?? 0) > v) {
          window[at] = window[at - 1] ?? 0;
          at--;
        }
        window[at] = v;
      }
      if (count === 0) continue;
      const half = count >> 1;
      const rm = count % 2 === 1 ? (window[half] ?? 0) : ((window[half - 1] ?? 0) + (window[half] ?? 0)) / 2;
      const w = rowIvar[i] ?? 0;
      if (w <= 0) flat[k] = rm;
      else if (Math.abs((row[i] ?? 0) - rm) * Math.sqrt(w) > params.nsig) {
        flat[k] = rm;
        flatIvar[k] = 0;
      }
    }
  }

  // 4. Median over good fibers = 1 at every wavelength.
  for (let i = 0; i < nwave; i++) {
    const norm = median(column(i, flat, flatIvar));
    if (!(norm > 0)) continue;
    for (let f = 0; f < nfiber; f++) {
      const k = f * nwave + i;
      flat[k] = (flat[k] ?? 0) / norm;
      flatIvar[k] = (flatIvar[k] ?? 0) * norm * norm;
    }
  }

  return {
    fiberflat: {
      header: { NIGHT: Number(first.header["NIGHT"] ?? 0), CAMERA: String(first.header["CAMERA"] ?? ""), NFLAT: frames.length },
      FIBERFLAT: image(Float32Array.from(flat), [nfiber, nwave]),
      IVAR: image(Float32Array.from(flatIvar), [nfiber, nwave]),
      MEANSPEC: image(
        Float32Array.from(mean, (m) => (Number.isFinite(m) ? m : 0)),
        [nwave],
      ),
      WAVELENGTH: image(Float64Array.from(first.WAVELENGTH.data), [nwave]),
    },
  };
}
