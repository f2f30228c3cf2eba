/**
 * The redshift catalogue against the simulation's truth: per true class, how many targets have
 * a primary redshift, how many of those are confident (ZWARN = 0) and how many are correct
 * (confident, |Δz|/(1 + z_true) below {@link DZ_CORRECT} and the truth's spectral type), so the
 * success (correct / observed) and the purity (correct / confident); Δz/(1 + z) per target, the
 * success binned in magnitude and in [OII] flux, and n(z) of the truth and of the confident
 * redshifts. docs/sources.md#requirements.
 */

/** |Δz|/(1 + z_true) below which a redshift is correct: 1000 km/s, redrock's exclusion radius. */
export const DZ_CORRECT = 0.0033;

/** One target of the catalogue matched to its truth. */
export interface MatchedTarget {
  readonly cls: string;
  readonly ztrue: number;
  readonly z: number;
  readonly zwarn: number;
  readonly spectype: string;
  readonly truespectype: string;
  readonly mag: number;
  /** [OII] flux, erg/s/cm². */
  readonly oii: number;
}

/** Whether a matched target's redshift is confident and correct. */
export function isCorrect(t: MatchedTarget): boolean {
  return t.zwarn === 0 && Math.abs(t.z - t.ztrue) / (1 + t.ztrue) < DZ_CORRECT && t.spectype.trim() === t.truespectype.trim();
}

/** Counts of one class. */
export interface ClassCounts {
  readonly cls: string;
  readonly observed: number;
  readonly confident: number;
  readonly correct: number;
}

/** Counts per class, classes sorted by name (only those with a target). */
export function classCounts(targets: readonly MatchedTarget[]): ClassCounts[] {
  const by = new Map<string, { observed: number; confident: number; correct: number }>();
  for (const t of targets) {
    let c = by.get(t.cls);
    if (c === undefined) by.set(t.cls, (c = { observed: 0, confident: 0, correct: 0 }));
    c.observed++;
    if (t.zwarn === 0) c.confident++;
    if (isCorrect(t)) c.correct++;
  }
  return [...by.keys()].sort().map((cls) => ({ cls, ...by.get(cls)! }));
}

/** One bin of a binned success: the class, the bin's centre, its targets and the fraction correct. */
export interface SuccessBin {
  readonly cls: string;
  readonly x: number;
  readonly n: number;
  readonly success: number;
}

/**
 * The success per class in bins of `value` of width `width` (bins aligned on multiples of it);
 * targets whose value is not finite are left out; only bins with targets.
 */
export function binnedSuccess(targets: readonly MatchedTarget[], value: (t: MatchedTarget) => number, width: number): SuccessBin[] {
  const by = new Map<string, { cls: string; bin: number; n: number; good: number }>();
  for (const t of targets) {
    const v = value(t);
    if (!Number.isFinite(v)) continue;
    const bin = Math.floor(v / width);
    const key = `${t.cls}\u0000${bin}`;
    let b = by.get(key);
    if (b === undefined) by.set(key, (b = { cls: t.cls, bin, n: 0, good: 0 }));
    b.n++;
    if (isCorrect(t)) b.good++;
  }
  return [...by.values()]
    .sort((a, b) => (a.cls < b.cls ? -1 : a.cls > b.cls ? 1 : a.bin - b.bin))
    .map((b) => ({ cls: b.cls, x: round((b.bin + 0.5) * width), n: b.n, success: b.good / b.n }));
}

/** One bin of n(z): which redshift (`true` or `recovered`), the bin's centre and the count. */
export interface NzBin {
  readonly kind: "true" | "recovered";
  readonly z: number;
  readonly count: number;
}

/** n(z) in bins of `width`: the true redshifts of every observed target, and the confident (ZWARN = 0) redshifts. */
export function nOfZ(targets: readonly MatchedTarget[], width: number): NzBin[] {
  const count = (zs: readonly number[], kind: NzBin["kind"]): NzBin[] => {
    const by = new Map<number, number>();
    for (const z of zs) {
      const b = Math.floor(z / width);
      by.set(b, (by.get(b) ?? 0) + 1);
    }
    return [...by.keys()].sort((a, b) => a - b).map((b) => ({ kind, z: round((b + 0.5) * width), count: by.get(b)! }));
  };
  return [
    ...count(
      targets.map((t) => t.ztrue),
      "true",
    ),
    ...count(
      targets.filter((t) => t.zwarn === 0).map((t) => t.z),
      "recovered",
    ),
  ];
}

/** A number rounded to 10 significant digits, so bin centres print as written (0.35, not 0.35000000000000003). */
export function round(x: number): number {
  return Number(x.toPrecision(10));
}
