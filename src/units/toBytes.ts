import { invariant } from "../util/index.js";
import { convert, type ConvertResult } from "./convert.js";
import { makeUnit } from "./makeUnit.js";
import type { Unit } from "./Unit.js";

/** Whether a unit is a data size (`B`, `GB`, `GiB`, `byte`). */
export function isDataSize(unit: Unit): boolean {
  const keys = Object.keys(unit.dims);
  return keys.length === 1 && unit.dims["information"] === 1;
}

/** A data size in bytes: `toBytes(4, GB)` is 4e9, `toBytes(4, GiB)` is 4294967296. Fails when the unit is not a data size. */
export function toBytes(value: number, unit: Unit): ConvertResult {
  const target = makeUnit(1, [["B", 1]]);
  invariant(target !== undefined, "`B` is in the vocabulary");
  return convert(value, unit, target);
}
