import type { FrameScoresTable } from "../datamodel/FrameScoresTable.js";
import { selectKth } from "../math/index.js";

/** desispec's top-hat range of each band for frame scores, Å: [lower (included), upper). */
const TOPHAT: Readonly<Record<string, readonly [number, number]>> = { b: [4000, 5800], r: [5800, 7600], z: [7600, 9800] };

/** numpy.gradient of a 1-D grid: central differences inside, one-sided at the ends. */
function gradient(w: Float64Array): Float64Array {
  const n = w.length;
  const g = new Float64Array(n);
  if (n < 2) return g;
  g[0] = w[1]! - w[0]!;
  g[n - 1] = w[n - 1]! - w[n - 2]!;
  for (let i = 1; i < n - 1; i++) g[i] = (w[i + 1]! - w[i - 1]!) / 2;
  return g;
}

/** numpy.median of `v` (the mean of the two middle values for an even count; reorders `v`); NaN when empty. */
function median(v: Float64Array): number {
  const n = v.length;
  if (n === 0) return Number.NaN;
  const m = n >> 1;
  const upper = selectKth(v, v.length, m);
  if (n % 2 === 1) return upper;
  // The largest value below the upper middle one, among the first m after selection.
  let lower = -Infinity;
  for (let i = 0; i < m; i++) if (v[i]! > lower) lower = v[i]!;
  return (lower + upper) / 2;
}

/**
 * A frame's SCORES as desispec's extraction computes them (`specscore.compute_frame_scores`,
 * suffix RAW, counts not per Å; docs/sources.md#datamodel): for each of the `nfiber` fibers of
 * `flux` and `ivar` (`[fiber, wave]` on `wave`), over the pixels of the band's top hat, the sum of
 * FLUX, the median of FLUX / Δλ and the median of FLUX · √max(IVAR, 0) / √Δλ, in columns named
 * with `band` (b, r or z).
 */
export function frameScores(band: string, wave: Float64Array, flux: Float32Array, ivar: Float32Array, nfiber: number): FrameScoresTable {
  const range = TOPHAT[band];
  if (range === undefined) throw new Error(`frameScores: band \`${band}\` is not b, r or z`);
  const nwave = wave.length;
  const dw = gradient(wave);
  const pix: number[] = [];
  for (let i = 0; i < nwave; i++) if (wave[i]! >= range[0] && wave[i]! < range[1]) pix.push(i);
  const sum = new Float64Array(nfiber);
  const count = new Float64Array(nfiber);
  const snr = new Float64Array(nfiber);
  const a = new Float64Array(pix.length);
  const b = new Float64Array(pix.length);
  for (let f = 0; f < nfiber; f++) {
    let s = 0;
    pix.forEach((i, k) => {
      const x = flux[f * nwave + i]!;
      s += x;
      a[k] = x / dw[i]!;
      b[k] = (Math.sqrt(Math.max(0, ivar[f * nwave + i]!)) * x) / Math.sqrt(dw[i]!);
    });
    sum[f] = s;
    count[f] = median(a);
    snr[f] = median(b);
  }
  const B = band.toUpperCase();
  return { [`SUM_RAW_COUNT_${B}`]: sum, [`MEDIAN_RAW_COUNT_${B}`]: count, [`MEDIAN_RAW_SNR_${B}`]: snr };
}
