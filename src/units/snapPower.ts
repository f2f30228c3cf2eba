/** Denominators tried when recognising a fractional power as a rational (`m^(1/2)`, `Hz^(-1/3)`). */
const MAX_DENOMINATOR = 12;

/**
 * A power as `n/d` computed afresh when it is within 1e-9 of a small fraction, so that
 * `m^(1/3)` cubed is exactly `m` and equal powers reached by different routes are the same number.
 */
export function snapPower(p: number): number {
  if (Number.isInteger(p)) return p;
  for (let d = 1; d <= MAX_DENOMINATOR; d++) {
    const n = Math.round(p * d);
    if (n !== 0 && Math.abs(p * d - n) < 1e-9) return n / d;
  }
  return p;
}

/** `[n, d]` when `p` is a fraction with a small denominator (d > 1), else undefined. */
export function powerAsFraction(p: number): readonly [number, number] | undefined {
  if (Number.isInteger(p)) return undefined;
  for (let d = 2; d <= MAX_DENOMINATOR; d++) {
    const n = Math.round(p * d);
    if (n !== 0 && n / d === p) return [n, d];
  }
  return undefined;
}
