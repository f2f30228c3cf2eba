import type { EmissionLine } from "./EmissionLine.js";
import { erf } from "../math/index.js";
import { lowerBound } from "./lowerBound.js";

/** Lines are summed out to this many sigma (the flux beyond is < 1e-14 of the line's). */
const REACH = 8;

/**
 * Adds each line's flux averaged over each pixel to `out`, scaled by `scale`: pixel edges are
 * the midpoints between the increasing wavelengths `wave` (the end pixels mirror their
 * neighbour), so Σ out·Δλ over the pixels recovers the line flux exactly however narrow the
 * line is compared with the pixels. A one-point grid is sampled instead.
 */
export function addEmissionLines(lines: readonly EmissionLine[], wave: Float64Array, out: Float64Array, scale = 1): void {
  const n = wave.length;
  if (n === 0 || lines.length === 0) return;
  if (n === 1) {
    const w = wave[0] as number;
    for (const l of lines) {
      const x = (w - l.center) / l.sigma;
      out[0] = (out[0] as number) + (scale * l.flux * Math.exp(-0.5 * x * x)) / (l.sigma * Math.sqrt(2 * Math.PI));
    }
    return;
  }
  const edge = (i: number): number => {
    if (i <= 0) return 1.5 * (wave[0] as number) - 0.5 * (wave[1] as number);
    if (i >= n) return 1.5 * (wave[n - 1] as number) - 0.5 * (wave[n - 2] as number);
    return 0.5 * ((wave[i - 1] as number) + (wave[i] as number));
  };
  for (const l of lines) {
    if (!(l.flux !== 0 && l.sigma > 0)) continue;
    const lo = Math.max(0, lowerBound(wave, l.center - REACH * l.sigma) - 1);
    const hi = Math.min(n, lowerBound(wave, l.center + REACH * l.sigma) + 1);
    if (lo >= hi) continue;
    const k = 1 / (l.sigma * Math.SQRT2);
    let eLo = edge(lo);
    let cLo = erf((eLo - l.center) * k);
    for (let i = lo; i < hi; i++) {
      const eHi = edge(i + 1);
      const cHi = erf((eHi - l.center) * k);
      out[i] = (out[i] as number) + (scale * l.flux * 0.5 * (cHi - cLo)) / (eHi - eLo);
      eLo = eHi;
      cLo = cHi;
    }
  }
}
