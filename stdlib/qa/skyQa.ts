/**
 * Fiber-assignment efficiency per true class: of the targets inside a tile's field (within
 * {@link FIELD_RADIUS_DEG} of a tile's centre), the fraction a fiber was assigned to. Sky
 * positions (TEMPLATETYPE SKY) are not targets and are left out.
 */
import { FIELD_RADIUS_DEG } from "../targets/tileFieldPixels.js";
import type { TruthRow } from "./readInputs.js";

export { FIELD_RADIUS_DEG };

const DEG = Math.PI / 180;

/** Unit vector of (ra, dec) in degrees. */
function vec(ra: number, dec: number): [number, number, number] {
  return [Math.cos(dec * DEG) * Math.cos(ra * DEG), Math.cos(dec * DEG) * Math.sin(ra * DEG), Math.sin(dec * DEG)];
}

/** Targets in the tiles' fields and how many were assigned, per true class (in name order). */
export function assignmentByClass(
  targets: readonly { readonly id: BigInt64Array; readonly ra: Float64Array; readonly dec: Float64Array }[],
  truth: ReadonlyMap<bigint, TruthRow>,
  assigned: ReadonlySet<bigint>,
  tiles: readonly { readonly ra: number; readonly dec: number }[],
): { cls: string; inFields: number; assigned: number }[] {
  const centres = tiles.map((t) => vec(t.ra, t.dec));
  const cosR = Math.cos(FIELD_RADIUS_DEG * DEG);
  const by = new Map<string, { inFields: number; assigned: number }>();
  for (const part of targets)
    for (let i = 0; i < part.id.length; i++) {
      const cls = truth.get(part.id[i]!)?.cls;
      if (cls === undefined || cls === "SKY") continue;
      const v = vec(part.ra[i]!, part.dec[i]!);
      if (!centres.some((c) => c[0] * v[0] + c[1] * v[1] + c[2] * v[2] >= cosR)) continue;
      let b = by.get(cls);
      if (b === undefined) by.set(cls, (b = { inFields: 0, assigned: 0 }));
      b.inFields++;
      if (assigned.has(part.id[i]!)) b.assigned++;
    }
  return [...by.keys()].sort().map((cls) => ({ cls, ...by.get(cls)! }));
}
