import { describeDimensions } from "./describeDimensions.js";
import { exactScale } from "./makeUnit.js";
import { sameDimensions } from "./sameUnit.js";
import { applyScale, divideScales } from "./Scale.js";
import type { Unit } from "./Unit.js";

/** A converted value, or why the units do not convert. */
export type ConvertResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/**
 * `value` in `from` expressed in `to`: 10 `min` is 600 `s`, 4 `GiB` is 4294967296 `B`, 0.8
 * `Angstrom` is 0.08 `nm`. The ratio of the two scales is kept exact (rationals, powers of ten,
 * powers of π cancel), so such conversions round once. Fails, with a message naming both
 * kinds of quantity, when the dimensions differ.
 */
export function convert(value: number, from: Unit, to: Unit): ConvertResult {
  if (!sameDimensions(from, to)) {
    return {
      ok: false,
      message: `\`${from.text}\` (${describeDimensions(from.dims)}) cannot be converted to \`${to.text}\` (${describeDimensions(to.dims)}).`,
    };
  }
  const a = exactScale(from);
  const b = exactScale(to);
  // Units made by makeUnit always have an exact scale; the fallback only guards hand-made ones.
  if (a === undefined || b === undefined) return { ok: true, value: (value * from.scale) / to.scale };
  return { ok: true, value: applyScale(value, divideScales(a, b)) };
}
