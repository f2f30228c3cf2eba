/**
 * Where a pixel centre is: (z = cos θ, φ), plus sin θ computed directly near the poles where
 * √(1 − z²) would lose precision. The NESTED and RING variants follow the two code paths of the
 * reference library, whose results can differ in the last bit for the same pixel.
 */
import { HALF_PI, PI } from "./constants.js";
import type { Grid } from "./Grid.js";
import type { Loc } from "./PixelCoords.js";
import { facePhi, faceRing } from "./ringGeometry.js";

/** Sets z and, when |z| > 0.99, sin θ from tmp = 1 − |z| (exact in that form). */
function capLoc(tmp: number, north: boolean, out: Loc): void {
  out.z = north ? 1 - tmp : tmp - 1;
  out.haveSth = Math.abs(out.z) > 0.99;
  out.sth = out.haveSth ? Math.sqrt(tmp * (2 - tmp)) : 0;
}

/** Centre of the NESTED pixel at face coordinates (`face`, `ix`, `iy`). */
export function nestToLoc(g: Grid, face: number, ix: number, iy: number, out: Loc): void {
  const n = g.nside;
  const jr = faceRing(face) * n - ix - iy - 1;
  let nr: number;
  if (jr < n) {
    nr = jr;
    capLoc(nr * nr * g.fact2, true, out);
  } else if (jr > 3 * n) {
    nr = 4 * n - jr;
    capLoc(nr * nr * g.fact2, false, out);
  } else {
    nr = n;
    out.z = (2 * n - jr) * g.fact1;
    out.haveSth = false;
    out.sth = 0;
  }
  let tmp = facePhi(face) * nr + ix - iy;
  if (tmp < 0) tmp += 8 * nr;
  out.phi = nr === n ? 0.75 * HALF_PI * tmp * g.fact1 : (0.5 * HALF_PI * tmp) / nr;
}

/** Centre of the RING pixel at ring coordinates (`ring`, `k`). */
export function ringToLoc(g: Grid, ring: number, k: number, out: Loc): void {
  const n = g.nside;
  const iphi = k + 1;
  if (ring < n) {
    capLoc(ring * ring * g.fact2, true, out);
    out.phi = ((iphi - 0.5) * HALF_PI) / ring;
  } else if (ring <= 3 * n) {
    const fodd = (ring + n) % 2 === 1 ? 1 : 0.5;
    out.z = (2 * n - ring) * g.fact1;
    out.haveSth = false;
    out.sth = 0;
    out.phi = (iphi - fodd) * PI * 0.75 * g.fact1;
  } else {
    const r = 4 * n - ring;
    capLoc(r * r * g.fact2, false, out);
    out.phi = ((iphi - 0.5) * HALF_PI) / r;
  }
}
