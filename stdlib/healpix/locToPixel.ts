/**
 * Which pixel contains a point (Górski et al. 2005, §4): the point (z = cos θ, φ) is mapped to
 * the two families of edge lines, whose integer parts name the pixel. The NESTED variant yields
 * face coordinates, the RING variant ring coordinates; the two evaluate some products in a
 * different order (as the reference library does), which matters only for points within an
 * ulp of a pixel edge.
 */
import { INV_HALF_PI } from "./constants.js";
import type { Grid } from "./Grid.js";
import type { RingPos, Xyf } from "./PixelCoords.js";
import { ringLength } from "./ringGeometry.js";
import { fmodulo } from "./sphereMath.js";

/**
 * Distance from the pole in units of the polar-cap ring spacing: nside·√(3(1 − |z|)), or, close
 * to the pole where 1 − |z| has lost its precision, nside·sin θ / √((1 + |z|)/3) from the
 * directly computed sin θ.
 */
function polarScale(g: Grid, za: number, sth: number, haveSth: boolean): number {
  return za < 0.99 || !haveSth ? g.nside * Math.sqrt(3 * (1 - za)) : (g.nside * sth) / Math.sqrt((1 + za) / 3);
}

/** Face coordinates of the NESTED pixel containing (z, φ); `sth` is used only when `haveSth`. */
export function locToNest(g: Grid, z: number, phi: number, sth: number, haveSth: boolean, out: Xyf): void {
  const n = g.nside;
  const za = Math.abs(z);
  const tt = fmodulo(phi * INV_HALF_PI, 4.0); // longitude in quarter turns, [0, 4)
  if (za <= 2 / 3) {
    const temp1 = n * (0.5 + tt);
    const temp2 = n * (z * 0.75);
    const jp = Math.trunc(temp1 - temp2); // ascending edge line
    const jm = Math.trunc(temp1 + temp2); // descending edge line
    const ifp = Math.floor(jp / n);
    const ifm = Math.floor(jm / n);
    out.face = ifp === ifm ? ifp | 4 : ifp < ifm ? ifp : ifm + 8;
    out.ix = jm - ifm * n;
    out.iy = n - (jp - ifp * n) - 1;
    return;
  }
  const ntt = Math.min(3, Math.trunc(tt));
  const tp = tt - ntt;
  const tmp = polarScale(g, za, sth, haveSth);
  // Points on the cap boundary may round one line too far; clamp them back into the face.
  const jp = Math.min(Math.trunc(tp * tmp), n - 1);
  const jm = Math.min(Math.trunc((1.0 - tp) * tmp), n - 1);
  if (z >= 0) {
    out.face = ntt;
    out.ix = n - jm - 1;
    out.iy = n - jp - 1;
  } else {
    out.face = ntt + 8;
    out.ix = jp;
    out.iy = jm;
  }
}

/** Ring coordinates of the RING pixel containing (z, φ); `sth` is used only when `haveSth`. */
export function locToRing(g: Grid, z: number, phi: number, sth: number, haveSth: boolean, out: RingPos): void {
  const n = g.nside;
  const za = Math.abs(z);
  const tt = fmodulo(phi * INV_HALF_PI, 4.0);
  if (za <= 2 / 3) {
    const nl4 = 4 * n;
    const temp1 = n * (0.5 + tt);
    const temp2 = n * z * 0.75;
    const jp = Math.trunc(temp1 - temp2);
    const jm = Math.trunc(temp1 + temp2);
    const ir = n + 1 + jp - jm; // ring counted from z = 2/3, 1..2n+1
    const kshift = 1 - (((ir % 2) + 2) % 2);
    const t1 = jp + jm - n + kshift + 1 + nl4 + nl4;
    const ip = Math.floor(t1 / 2) % nl4;
    if (ir >= 1 && ir <= 2 * n + 1) {
      out.ring = n + ir - 1;
      out.k = ip;
      return;
    }
    // At |z| = 2/3 exactly, a rounded sum can put the point one ring beyond the belt (ir = 0
    // or 2n + 2). The reference numbers it ncap + (ir − 1)·4n + ip all the same, as if that
    // ring had 4n pixels, which lands on a pixel of the adjacent cap rings: find that pixel.
    let ring = ir < 1 ? n : 3 * n;
    let k = ip + (n + ir - 1 - ring) * nl4;
    while (k < 0 && ring > 1) {
      ring--;
      k += ringLength(g, ring);
    }
    while (k >= ringLength(g, ring) && ring < 4 * n - 1) {
      k -= ringLength(g, ring);
      ring++;
    }
    out.ring = ring;
    out.k = k;
    return;
  }
  const tp = tt - Math.trunc(tt);
  const tmp = polarScale(g, za, sth, haveSth);
  const jp = Math.trunc(tp * tmp);
  const jm = Math.trunc((1.0 - tp) * tmp);
  const ir = jp + jm + 1; // ring counted from the nearer pole
  out.ring = z > 0 ? ir : 4 * n - ir;
  out.k = Math.trunc(tt * ir);
}
