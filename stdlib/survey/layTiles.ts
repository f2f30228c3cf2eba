import { DEG, cosd, sind, wrap360 } from "./angles.js";

/** One tile centre of the layout. */
export interface TileCentre {
  readonly ra: number;
  readonly dec: number;
  readonly pass: number;
}

/** Offsets of the passes beyond the third, in lattice units: the R2 low-discrepancy sequence (Roberts 2018). */
const R2 = [0.7548776662466927, 0.5698402909980532] as const;

/** The offset of pass `p` in lattice units (u along a₁, v along a₂). */
function passOffset(p: number): readonly [number, number] {
  // Passes 1 and 2 sit on the two deep holes of the triangular lattice, as DESI's passes sit in
  // each other's gaps; further passes are spread by a low-discrepancy sequence.
  if (p < 3) return [p / 3, p / 3];
  const frac = (x: number): number => x - Math.floor(x);
  return [frac(0.5 + p * R2[0]), frac(0.5 + p * R2[1])];
}

/** (ξ, η) on the tangent plane at (ra0, dec0) (deg, gnomonic) back to the sphere. */
function deproject(xi: number, eta: number, ra0: number, dec0: number): { ra: number; dec: number } {
  const x = xi * DEG;
  const y = eta * DEG;
  const dec = Math.asin((sind(dec0) + y * cosd(dec0)) / Math.sqrt(1 + x * x + y * y)) / DEG;
  const ra = wrap360(ra0 + Math.atan2(x, cosd(dec0) - y * sind(dec0)) / DEG);
  return { ra, dec };
}

/**
 * Tile centres of a reduced DESI-like footprint around (ra0, dec0) (deg): each pass is a
 * triangular lattice of pitch `spacing` (deg) on the tangent plane at the centre, pass p shifted
 * into the gaps of the others; pass p gets ⌈(ntile − p)/npass⌉ tiles, the lattice points nearest
 * the centre. Neighbours in a pass are `spacing` apart on the plane (a little less on the sky),
 * so with spacing < 3.2° every tile overlaps its neighbours' 1.6° fields. Returned pass by pass,
 * then by distance from the centre.
 */
export function layTiles(ntile: number, npass: number, spacing: number, ra0: number, dec0: number): TileCentre[] {
  const out: TileCentre[] = [];
  for (let p = 0; p < npass; p++) {
    const n = Math.ceil((ntile - p) / npass);
    if (n <= 0) continue;
    const [du, dv] = passOffset(p);
    const k = Math.ceil(Math.sqrt(n)) + 2;
    const points: { x: number; y: number; d: number; i: number; j: number }[] = [];
    for (let j = -k; j <= k; j++) {
      for (let i = -k; i <= k; i++) {
        const u = i + du;
        const v = j + dv;
        const x = spacing * (u + v / 2);
        const y = spacing * v * (Math.sqrt(3) / 2);
        // Rounded so that symmetric points tie exactly and the (j, i) order decides.
        points.push({ x, y, d: Math.round((x * x + y * y) * 1e9) / 1e9, i, j });
      }
    }
    points.sort((a, b) => a.d - b.d || a.j - b.j || a.i - b.i);
    for (const q of points.slice(0, n)) out.push({ ...deproject(q.x, q.y, ra0, dec0), pass: p });
  }
  return out;
}
