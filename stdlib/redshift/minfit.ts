import { ZWARN } from "./zwarn.js";

/** A parabola's minimum: position, half-width at Δχ² = 1, value and BAD_MINFIT when it is no minimum. */
export interface MinFit {
  readonly x0: number;
  readonly xerr: number;
  readonly y0: number;
  readonly zwarn: number;
}

/**
 * Fits y = a x² + b x + c through three points, as redrock's `minfit` (docs/sources.md#redrock):
 * x0 = −b/2a, y0 = c − b²/4a, xerr = 1/√|a|; BAD_MINFIT when a ≤ 0, x0 is not strictly inside
 * the points or y0 ≤ 0; (−1, −1, −1, BAD_MINFIT) when a = 0. Computed about the middle point for
 * precision.
 */
export function minfit(x: ArrayLike<number>, y: ArrayLike<number>): MinFit {
  const bad = { x0: -1, xerr: -1, y0: -1, zwarn: ZWARN.BAD_MINFIT };
  if (x.length < 3) return bad;
  const [xa, xb, xc] = [x[0]!, x[1]!, x[2]!];
  const [ya, yb, yc] = [y[0]!, y[1]!, y[2]!];
  const ua = xa - xb;
  const uc = xc - xb;
  // y − yb = A u² + B u through (ua, ya − yb) and (uc, yc − yb).
  const sa = (ya - yb) / ua;
  const sc = (yc - yb) / uc;
  const a = (sc - sa) / (uc - ua);
  const b = sa - a * ua;
  if (a === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return bad;
  const x0 = xb - b / (2 * a);
  const y0 = yb - (b * b) / (4 * a);
  let zwarn = 0;
  if (x0 <= Math.min(xa, xb, xc) || Math.max(xa, xb, xc) <= x0) zwarn |= ZWARN.BAD_MINFIT;
  if (y0 <= 0) zwarn |= ZWARN.BAD_MINFIT;
  if (a < 0) zwarn |= ZWARN.BAD_MINFIT;
  return { x0, xerr: 1 / Math.sqrt(Math.abs(a)), y0, zwarn };
}

/**
 * Indices of the local minima of `v`, edges included (v[i] ≤ both neighbours), ordered by value
 * (ties by index), as redrock's `find_minima`.
 */
export function findMinima(v: ArrayLike<number>): number[] {
  const n = v.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && !(v[i]! <= v[i - 1]!)) continue;
    if (i < n - 1 && !(v[i]! <= v[i + 1]!)) continue;
    out.push(i);
  }
  return out.sort((a, b) => v[a]! - v[b]! || a - b);
}
