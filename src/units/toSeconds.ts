import { invariant } from "../util/index.js";
import { convert, type ConvertResult } from "./convert.js";
import { makeUnit } from "./makeUnit.js";
import type { Unit } from "./Unit.js";

/** Whether a unit is a duration (`s`, `10min`, `h`, `d`, `yr`, `ms`). */
export function isDuration(unit: Unit): boolean {
  const keys = Object.keys(unit.dims);
  return keys.length === 1 && unit.dims["time"] === 1;
}

/** A duration in seconds: `toSeconds(10, min)` is 600. Fails when the unit is not a duration. */
export function toSeconds(value: number, unit: Unit): ConvertResult {
  const target = makeUnit(1, [["s", 1]]);
  invariant(target !== undefined, "`s` is in the vocabulary");
  return convert(value, unit, target);
}
