import { PATROL_RADIUS_MM } from "./constants.js";
import { sharedFocalPlane } from "./focalPlane.js";

/** Positioners by grid cell, to find the ones that reach a point without scanning all 5000. */
export interface PositionerGrid {
  /**
   * Writes into `out` the positioners (FIBER numbers, increasing) whose patrol disk holds
   * (`x`, `y`), i.e. whose centre is within 6 mm of it, and returns how many there are.
   */
  reach(x: number, y: number, out: Int32Array): number;
}

let cached: PositionerGrid | undefined;

/**
 * A spatial hash of the focal plane's positioner centres on square cells one patrol radius
 * wide (CSR layout), so a point is checked against the positioners of its 3 × 3 cells only.
 * Built once.
 */
export function positionerGrid(): PositionerGrid {
  if (cached !== undefined) return cached;
  const fp = sharedFocalPlane();
  const cell = PATROL_RADIUS_MM;
  const half = fp.maxCentreRadius + 2 * cell;
  const side = Math.ceil((2 * half) / cell);
  const cellOf = (x: number, y: number): number => Math.floor((y + half) / cell) * side + Math.floor((x + half) / cell);
  const start = new Int32Array(side * side + 1);
  for (let i = 0; i < fp.n; i++) {
    const c = cellOf(fp.x[i] ?? 0, fp.y[i] ?? 0) + 1;
    start[c] = (start[c] ?? 0) + 1;
  }
  for (let c = 0; c < side * side; c++) start[c + 1] = (start[c + 1] ?? 0) + (start[c] ?? 0);
  const fillAt = start.slice(0, side * side);
  const items = new Int32Array(fp.n);
  for (let i = 0; i < fp.n; i++) {
    const c = cellOf(fp.x[i] ?? 0, fp.y[i] ?? 0);
    const at = fillAt[c] ?? 0;
    items[at] = i;
    fillAt[c] = at + 1;
  }
  const r2 = PATROL_RADIUS_MM * PATROL_RADIUS_MM;
  cached = {
    reach(x, y, out) {
      const cx = Math.floor((x + half) / cell);
      const cy = Math.floor((y + half) / cell);
      if (!(cx >= 1 && cy >= 1 && cx < side - 1 && cy < side - 1)) return 0;
      let k = 0;
      for (let gy = cy - 1; gy <= cy + 1; gy++) {
        for (let gx = cx - 1; gx <= cx + 1; gx++) {
          const c = gy * side + gx;
          for (let j = start[c] ?? 0; j < (start[c + 1] ?? 0); j++) {
            const i = items[j] ?? 0;
            const dx = x - (fp.x[i] ?? 0);
            const dy = y - (fp.y[i] ?? 0);
            if (dx * dx + dy * dy <= r2) out[k++] = i;
          }
        }
      }
      out.subarray(0, k).sort();
      return k;
    },
  };
  return cached;
}
