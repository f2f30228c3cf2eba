/**
 * An exact positive scale factor, `num/den × 10^pow10 × π^pi × approx`. Rationals and powers
 * of ten stay exact, so `0.8 Angstrom` converts to exactly `0.08 nm` and `1 deg` to `3600 arcsec`;
 * only fractional powers of non-decimal factors fall back to the floating `approx` part.
 */
export interface Scale {
  readonly num: bigint;
  readonly den: bigint;
  /** An integer. */
  readonly pow10: number;
  /** The power of π (angles in radians). */
  readonly pi: number;
  /** A floating factor, 1 unless a fractional power made the scale irrational. */
  readonly approx: number;
}

/** The scale 1. */
export const SCALE_ONE: Scale = Object.freeze({ num: 1n, den: 1n, pow10: 0, pi: 0, approx: 1 });

/** Numerator and denominator beyond this many bits make a scale too large to keep exactly. */
const MAX_BITS = 8192;

/** A scale `num/den × 10^pow10 × π^pi`, reduced. */
export function makeScale(num: bigint, den = 1n, pow10 = 0, pi = 0): Scale {
  return normalize(num, den, pow10, pi, 1);
}

/**
 * The exact decimal value of a number literal (`1e-17`, `3.631`, `.5`, `10`), or of a number's
 * shortest round-trip spelling. Returns undefined for anything that is not a positive finite decimal.
 */
export function decimalScale(text: string): Scale | undefined {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (m === null) return undefined;
  const int = m[1] ?? "";
  const frac = m[2] ?? "";
  if (int === "" && frac === "") return undefined;
  const exp = Number(m[3] ?? "0");
  if (!Number.isSafeInteger(exp)) return undefined;
  const num = BigInt(int + frac);
  if (num === 0n) return undefined;
  return normalize(num, 1n, exp - frac.length, 0, 1);
}

/** The exact decimal scale of a positive finite number, from its shortest round-trip spelling. */
export function numberScale(x: number): Scale | undefined {
  if (!(x > 0) || !Number.isFinite(x)) return undefined;
  return decimalScale(x.toExponential());
}

/** The product of two scales. */
export function multiplyScales(a: Scale, b: Scale): Scale {
  return normalize(a.num * b.num, a.den * b.den, a.pow10 + b.pow10, a.pi + b.pi, a.approx * b.approx);
}

/** `a / b`. */
export function divideScales(a: Scale, b: Scale): Scale {
  return normalize(a.num * b.den, a.den * b.num, a.pow10 - b.pow10, a.pi - b.pi, a.approx / b.approx);
}

/**
 * `s ** p`. Integer powers stay exact; a fractional power moves the rational part and the
 * fractional part of the power of ten into `approx`. Returns undefined when the exact parts
 * would grow beyond what is sensible to keep (thousands of digits).
 */
export function powerScale(s: Scale, p: number): Scale | undefined {
  if (p === 0) return SCALE_ONE;
  if (Number.isInteger(p)) {
    const n = BigInt(Math.abs(p));
    if ((bitLength(s.num) + bitLength(s.den)) * Math.abs(p) > MAX_BITS) return undefined;
    const num = s.num ** n;
    const den = s.den ** n;
    return p > 0 ? normalize(num, den, s.pow10 * p, s.pi * p, s.approx ** p) : normalize(den, num, s.pow10 * p, s.pi * p, s.approx ** p);
  }
  const ten = s.pow10 * p;
  const whole = Math.floor(ten);
  const approx = ratioToNumber(s.num, s.den) ** p * 10 ** (ten - whole) * s.approx ** p;
  return normalize(1n, 1n, whole, s.pi * p, approx);
}

/** The scale as a number, rounded once where the exact parts allow it. */
export function scaleToNumber(s: Scale): number {
  return applyScale(1, s);
}

/**
 * `value × s`, computed so that the common cases round once: the integer numerator first, then
 * the denominator, then the power of ten as one multiplication or division by an exact `1eK`.
 */
export function applyScale(value: number, s: Scale): number {
  let v: number;
  if (s.num < 1n << 53n && s.den < 1n << 53n) v = (value * Number(s.num)) / Number(s.den);
  else v = value * ratioToNumber(s.num, s.den);
  v = applyPow10(v, s.pow10);
  if (s.pi !== 0) v *= Math.PI ** s.pi;
  if (s.approx !== 1) v *= s.approx;
  return v;
}

/** Whether the exact parts of a scale are still small enough to compute with. */
export function scaleInRange(s: Scale): boolean {
  return (
    bitLength(s.num) <= MAX_BITS &&
    bitLength(s.den) <= MAX_BITS &&
    Number.isSafeInteger(s.pow10) &&
    Number.isFinite(s.pi) &&
    Number.isFinite(s.approx) &&
    s.approx > 0
  );
}

function applyPow10(v: number, k: number): number {
  if (k === 0 || v === 0 || !Number.isFinite(v)) return v;
  // Shift the exponent of v's shortest decimal spelling: one correctly rounded parse, so
  // 1 × 10⁻²⁴ is exactly the double 1e-24 and 0.8 × 10⁻¹ is 0.08.
  const [mantissa, exponent] = v.toExponential().split("e");
  return Number(`${mantissa}e${Number(exponent) + k}`);
}

function normalize(num: bigint, den: bigint, pow10: number, pi: number, approx: number): Scale {
  let n = num;
  let d = den;
  let t = pow10;
  const g = gcd(n, d);
  if (g > 1n) {
    n /= g;
    d /= g;
  }
  while (n >= 10n && n % 10n === 0n) {
    n /= 10n;
    t += 1;
  }
  while (d >= 10n && d % 10n === 0n) {
    d /= 10n;
    t -= 1;
  }
  return { num: n, den: d, pow10: t, pi: snap(pi), approx };
}

/** Powers of π come from sums of small rationals; snapping keeps them exact across orders. */
function snap(x: number): number {
  const r = Math.round(x * 720) / 720;
  return Math.abs(r - x) < 1e-9 ? r : x;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** `num/den` as a number for operands beyond 2^53: keep 64 significant bits, then scale by 2^k. */
function ratioToNumber(num: bigint, den: bigint): number {
  if (num < 1n << 53n && den < 1n << 53n) return Number(num) / Number(den);
  const shift = bitLength(num) - bitLength(den) - 64;
  const q = shift >= 0 ? num / (den << BigInt(shift)) : (num << BigInt(-shift)) / den;
  return Number(q) * 2 ** shift;
}
