import { naturalCompare } from "../util/suggest.js";
import type { Value } from "./values.js";

/** An attribute of a resolved grid: one value per key; when it holds another grid's keys, their indices too. */
export interface ResolvedAttribute {
  readonly values: readonly Value[];
  /** Index of each value in the grid named like the attribute (-1 when absent), if there is such a grid. */
  readonly gridIndex?: Int32Array;
}

/**
 * A grid with its keys known: keys in natural order (`exp2 < exp10`), a key → index map,
 * and its attributes. Tasks store key indices, never keys.
 */
export interface ResolvedGrid {
  readonly name: string;
  readonly keys: readonly Value[];
  readonly index: ReadonlyMap<Value, number>;
  readonly attributes: ReadonlyMap<string, ResolvedAttribute>;
}

/** A grid not resolved yet: it depends on a product a stage has not made (the plan's frontier). */
export interface FrontierGrid {
  readonly name: string;
  /** The product it waits for, or the reason it cannot be computed at plan time. */
  readonly waitsFor: string;
  /** An upper bound on its size from its envelope, when it declares one. */
  readonly bound?: number;
}

/** Sorts keys in natural order: numbers numerically before strings, strings naturally. */
export function sortKeys(keys: Value[]): Value[] {
  return keys.sort((a, b) => {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "number") return -1;
    if (typeof b === "number") return 1;
    return naturalCompare(String(a), String(b));
  });
}

/** Builds a resolved grid from distinct keys (sorted here) and attribute values aligned with the sorted keys. */
export function makeGrid(name: string, keys: Value[], attributes: Map<string, ResolvedAttribute> = new Map()): ResolvedGrid {
  const index = new Map<Value, number>();
  keys.forEach((k, i) => index.set(k, i));
  return { name, keys, index, attributes };
}

/** The key index of `v` in `g`, accepting `"12"` for `12` and the reverse; -1 when absent. */
export function keyIndex(g: ResolvedGrid, v: Value): number {
  const i = g.index.get(v);
  if (i !== undefined) return i;
  if (typeof v === "string" && /^-?\d+$/.test(v)) return g.index.get(Number(v)) ?? -1;
  if (typeof v === "number") return g.index.get(String(v)) ?? -1;
  return -1;
}
