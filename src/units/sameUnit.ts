import type { Unit } from "./Unit.js";

/** Whether two units have the same dimensions (powers equal; keys are canonical). */
export function sameDimensions(a: Unit, b: Unit): boolean {
  const ka = Object.keys(a.dims);
  const kb = Object.keys(b.dims);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    const pb = b.dims[k];
    if (pb === undefined || Math.abs((a.dims[k] ?? 0) - pb) > 1e-9) return false;
  }
  return true;
}

/**
 * Whether two units are the same physical unit: equal dimensions and scales within `relTol`
 * of each other. `1e-17 erg/s/cm2/Angstrom` and `10**-17 erg/(s cm2 Angstrom)` are; `J` and
 * `erg` are not (same dimensions, other scale), nor `electron` and `count`.
 */
export function sameUnit(a: Unit, b: Unit, relTol = 1e-12): boolean {
  return sameDimensions(a, b) && Math.abs(a.scale - b.scale) <= relTol * Math.max(a.scale, b.scale);
}
