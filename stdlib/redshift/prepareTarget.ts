import type { Spectrum } from "./Spectrum.js";

/** One band after the fitter's masking: weights, flux, pixel edges and the resolution's diagonals. */
export interface PreparedBand {
  readonly wave: Float64Array;
  /** Pixel edges: midpoints between centres, extrapolated by half a pixel at both ends. */
  readonly edges: Float64Array;
  /** Weight of each pixel: the inverse variance after masking (0 = not used). */
  readonly w: Float64Array;
  readonly flux: Float64Array;
  /** √w and √w · flux: the weighted data of the exact solve. */
  readonly sw: Float64Array;
  readonly swf: Float64Array;
  /** The pixels with weight lie in [lo, hi) (lo = hi = 0 if none). */
  readonly lo: number;
  readonly hi: number;
  /** The resolution by rows: rows[p · ndiag + half + k] = R[p, p + k] (0 beyond the band's ends). */
  readonly rows: Float64Array;
  readonly ndiag: number;
}

/** A target ready to fit: its bands, Σ w f² and the number of pixels with weight. */
export interface PreparedTarget {
  readonly bands: readonly PreparedBand[];
  readonly wf2: number;
  /** Pixels with ivar > 0 over all bands (redrock's NPIXELS). */
  readonly npixels: number;
}

/** Sky-line windows (Å) that rrdesi masks by default (docs/sources.md#redrock). */
export const SKY_MASK: readonly (readonly [number, number])[] = [
  [5572, 5582],
  [9792, 9795],
];

/** rrdesi's `negflux_nsig`: a pixel below −5σ is dropped. */
const NEGFLUX_NSIG = 5;

/**
 * Masks a target's bands as rrdesi does before fitting (docs/sources.md#redrock): non-finite
 * flux or ivar, MASK ≠ 0, flux·√ivar < −5, resolution rows summing to < 0.99 and the sky-line
 * windows {@link SKY_MASK} get weight 0 (and flux 0 where it was not finite).
 */
export function prepareTarget(spectra: readonly Spectrum[], skyMask = true): PreparedTarget {
  let wf2 = 0;
  let npixels = 0;
  const bands = spectra.map((s): PreparedBand => {
    const n = s.wave.length;
    const nd = s.ndiag;
    const half = (nd - 1) >> 1;
    const w = new Float64Array(n);
    const flux = new Float64Array(n);
    const r = Float64Array.from(s.resolution);
    if (r.length !== nd * n) throw new Error(`prepareTarget: resolution has ${r.length} values, expected ${nd} × ${n}`);
    for (let i = 0; i < n; i++) {
      const f = Number(s.flux[i]);
      let iv = Number(s.ivar[i]);
      if (!Number.isFinite(f) || !Number.isFinite(iv) || iv < 0) iv = 0;
      flux[i] = Number.isFinite(f) ? f : 0;
      if (s.mask !== undefined && Number(s.mask[i]) !== 0) iv = 0;
      if (flux[i]! * Math.sqrt(iv) < -NEGFLUX_NSIG) iv = 0;
      let rowSum = 0;
      for (let k = -half; k <= half; k++) {
        const j = i + k;
        if (j >= 0 && j < n) rowSum += r[(half - k) * n + j]!;
      }
      if (!(rowSum >= 0.99)) iv = 0;
      if (skyMask) for (const [lo, hi] of SKY_MASK) if (s.wave[i]! >= lo && s.wave[i]! <= hi) iv = 0;
      w[i] = iv;
      if (iv > 0) {
        npixels++;
        wf2 += iv * flux[i]! * flux[i]!;
      }
    }
    const sw = w.map(Math.sqrt);
    const swf = sw.map((v, i) => v * flux[i]!);
    let lo = 0;
    while (lo < n && w[lo] === 0) lo++;
    let hi = n;
    while (hi > lo && w[hi - 1] === 0) hi--;
    if (lo === n) lo = hi = 0;
    return { wave: s.wave, edges: pixelEdges(s.wave), w, flux, sw, swf, lo, hi, rows: resolutionRows(r, n, nd), ndiag: nd };
  });
  return { bands, wf2, npixels };
}

/** The dia layout's diagonals (R[p, p + k] at index (half − k) n + p + k) re-laid by rows. */
function resolutionRows(r: Float64Array, n: number, nd: number): Float64Array {
  const half = (nd - 1) >> 1;
  const rows = new Float64Array(n * nd);
  for (let p = 0; p < n; p++) {
    for (let k = -half; k <= half; k++) {
      const j = p + k;
      if (j >= 0 && j < n) rows[p * nd + half + k] = r[(half - k) * n + j]!;
    }
  }
  return rows;
}

/** Edges between pixel centres (midpoints), the outer ones half a pixel beyond the ends. */
export function pixelEdges(wave: Float64Array): Float64Array {
  const n = wave.length;
  const e = new Float64Array(n + 1);
  for (let i = 1; i < n; i++) e[i] = 0.5 * (wave[i - 1]! + wave[i]!);
  e[0] = wave[0]! - 0.5 * (wave[1]! - wave[0]!);
  e[n] = wave[n - 1]! + 0.5 * (wave[n - 1]! - wave[n - 2]!);
  return e;
}
