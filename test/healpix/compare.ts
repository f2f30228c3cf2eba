/** Element-wise comparison helpers that report the first few differences with their inputs. */

/** Values compared: pixel numbers as number or bigint, or doubles. */
type Cell = number | bigint;

function same(a: Cell | undefined, b: Cell | undefined): boolean {
  if (typeof a === "bigint" && typeof b === "number") return Number(a) === b && Number.isSafeInteger(b);
  if (typeof a === "number" && typeof b === "bigint") return a === Number(b) && Number.isSafeInteger(a);
  return Object.is(a, b) || a === b;
}

/**
 * Descriptions of the first `limit` indices where `actual` differs from `expected` (a bigint
 * equals a number when both are the same safe integer), plus a count; empty when they agree.
 */
export function mismatches(label: string, expected: ArrayLike<Cell>, actual: ArrayLike<Cell>, input: (i: number) => string = String, limit = 5): string[] {
  if (expected.length !== actual.length) return [`${label}: length ${actual.length}, expected ${expected.length}`];
  const out: string[] = [];
  let count = 0;
  for (let i = 0; i < expected.length; i++) {
    if (same(expected[i], actual[i])) continue;
    count++;
    if (out.length < limit) out.push(`${label}[${i}] for ${input(i)}: got ${String(actual[i])}, healpy ${String(expected[i])}`);
  }
  if (count > limit) out.push(`${label}: ${count} differences in all`);
  return out;
}

/** The bits of `x` as an integer ordered like the doubles themselves. */
function ordered(x: number): bigint {
  const bits = new BigInt64Array(new Float64Array([x]).buffer)[0] ?? 0n;
  return bits >= 0n ? bits : -(bits & 0x7fffffffffffffffn);
}

/** Distance in units in the last place between two doubles (0 when identical, Infinity with NaN). */
export function ulpDistance(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Infinity;
  const d = ordered(a) - ordered(b);
  return Number(d < 0n ? -d : d);
}

/** How many elements agree bit for bit, differ by at most the tolerated ulps, or differ by more. */
export interface UlpTally {
  exact: number;
  close: number;
  worse: string[];
}

/** A fresh {@link UlpTally}. */
export function newTally(): UlpTally {
  return { exact: 0, close: 0, worse: [] };
}

/**
 * Tallies the ulp distances between `expected` and `actual`: identical, within `maxUlp`, or
 * worse (keeping the first examples).
 */
export function tallyUlps(label: string, expected: ArrayLike<number>, actual: ArrayLike<number>, into: UlpTally, maxUlp = 1): void {
  for (let i = 0; i < expected.length; i++) {
    const d = ulpDistance(expected[i] ?? NaN, actual[i] ?? NaN);
    if (d === 0) into.exact++;
    else if (d <= maxUlp) into.close++;
    else if (into.worse.length < 5) into.worse.push(`${label}[${i}]: got ${actual[i]}, healpy ${expected[i]} (${d} ulp)`);
  }
}
