/**
 * The ring structure of the HEALPix sphere (Górski et al. 2005, §4): ring lengths, their z,
 * and the exchange between ring coordinates and face coordinates. Integer arithmetic only,
 * in doubles, exact for every nside up to 2^29.
 *
 * The twelve base faces sit in three rows of four. Face f lies in row r = ⌊f/4⌋ (0 north,
 * 1 equatorial, 2 south); its southern vertex is on ring (r + 2)·nside ({@link faceRing}) and
 * its centre on longitude {@link facePhi}·π/4. Inside a face, ix grows towards the north-east
 * and iy towards the north-west, so pixel (0, 0) is the southernmost.
 */
import type { Grid } from "./Grid.js";
import type { RingPos, Xyf } from "./PixelCoords.js";

/** Ring index, in units of nside, of the southern vertex of base face `face` (2, 3 or 4). */
export function faceRing(face: number): number {
  return (face >> 2) + 2;
}

/** Longitude of the centre of base face `face`, in units of π/4 (odd for the polar rows, even for the equatorial one). */
export function facePhi(face: number): number {
  return 2 * (face & 3) + 1 - ((face >> 2) & 1);
}

/** Number of pixels in `ring` (1..4·nside−1). */
export function ringLength(g: Grid, ring: number): number {
  if (ring < g.nside) return 4 * ring;
  if (ring < 3 * g.nside) return 4 * g.nside;
  return 4 * (4 * g.nside - ring);
}

/** Whether the first pixel centre of `ring` is half a pixel east of φ = 0 (always so in the caps). */
export function ringShifted(g: Grid, ring: number): boolean {
  if (ring < g.nside || ring >= 3 * g.nside) return true;
  return (ring - g.nside) % 2 === 0;
}

/** z = cos θ of the pixel centres of `ring`; ring 0 and 4·nside give the poles. */
export function ringZ(g: Grid, ring: number): number {
  if (ring < g.nside) return 1 - ring * ring * g.fact2;
  if (ring <= 3 * g.nside) return (2 * g.nside - ring) * g.fact1;
  const r = 4 * g.nside - ring;
  return r * r * g.fact2 - 1;
}

/** The last ring whose centres lie north of (or on) `z`; 0 when `z` is north of every ring. */
export function ringAbove(g: Grid, z: number): number {
  const az = Math.abs(z);
  if (az <= 2 / 3) return Math.trunc(g.nside * (2 - 1.5 * z));
  const iring = Math.trunc(g.nside * Math.sqrt(3 * (1 - az)));
  return z > 0 ? iring : 4 * g.nside - iring - 1;
}

/** Ring coordinates of the pixel at face coordinates (`face`, `ix`, `iy`). */
export function xyfToRing(g: Grid, face: number, ix: number, iy: number, out: RingPos): void {
  const ring = faceRing(face) * g.nside - ix - iy - 1;
  const nr = ringLength(g, ring) / 4;
  const kshift = ringShifted(g, ring) ? 0 : 1;
  // The numerator is even by construction of kshift.
  let jp = (facePhi(face) * nr + ix - iy + 1 + kshift) / 2;
  if (jp < 1) jp += 4 * g.nside;
  out.ring = ring;
  out.k = jp - 1;
}

/** Face coordinates of the pixel at ring coordinates (`ring`, `k`). */
export function ringToXyf(g: Grid, ring: number, k: number, out: Xyf): void {
  const n = g.nside;
  const iphi = k + 1;
  let nr: number;
  let kshift: number;
  let face: number;
  if (ring < n) {
    nr = ring;
    kshift = 0;
    face = Math.floor(k / nr);
  } else if (ring <= 3 * n) {
    nr = n;
    kshift = (ring + n) % 2;
    const tmp = ring - n;
    // Indices of the ascending and descending edge lines through the pixel, in face units.
    const ifm = Math.floor((iphi - Math.floor((tmp + 1) / 2) + n - 1) / n);
    const ifp = Math.floor((iphi - Math.floor((2 * n + 1 - tmp) / 2) + n - 1) / n);
    face = ifp === ifm ? ifp | 4 : ifp < ifm ? ifp : ifm + 8;
  } else {
    nr = 4 * n - ring;
    kshift = 0;
    face = Math.floor(k / nr) + 8;
  }
  const irt = ring - faceRing(face) * n + 1;
  let ipt = 2 * iphi - facePhi(face) * nr - kshift - 1;
  if (ipt >= 2 * n) ipt -= 8 * n;
  out.face = face;
  out.ix = Math.floor((ipt - irt) / 2);
  out.iy = Math.floor((-ipt - irt) / 2);
}
