/**
 * The shared core of the point functions: from a direction to a pixel number and from a pixel
 * number to its centre, for either scheme and either pixel-number codec. Public functions
 * validate their inputs and then call these.
 */
import type { Grid } from "./Grid.js";
import type { PixelCodec } from "./PixelCodec.js";
import { newLoc, newRingPos, newXyf, type Loc, type RingPos, type Xyf } from "./PixelCoords.js";
import { locToNest, locToRing } from "./locToPixel.js";
import { nestToLoc, ringToLoc } from "./pixelToLoc.js";
import { ringToXyf, xyfToRing } from "./ringGeometry.js";
import { normalizePointing, type Pointing } from "./sphereMath.js";

/** Scratch records reused across the points of one call. */
export interface Scratch {
  readonly xyf: Xyf;
  readonly rp: RingPos;
  readonly loc: Loc;
  readonly ptg: Pointing;
}

/** Fresh scratch records for one call. */
export function newScratch(): Scratch {
  return { xyf: newXyf(), rp: newRingPos(), loc: newLoc(), ptg: { theta: 0, phi: 0 } };
}

/** Pixel number of the point (z, φ), with sin θ when `haveSth`. */
export function pixelOfLoc<P extends number | bigint>(
  codec: PixelCodec<P>,
  g: Grid,
  z: number,
  phi: number,
  sth: number,
  haveSth: boolean,
  nest: boolean,
  s: Scratch,
): P {
  if (nest) {
    locToNest(g, z, phi, sth, haveSth, s.xyf);
    return codec.encodeNest(g, s.xyf.face, s.xyf.ix, s.xyf.iy);
  }
  locToRing(g, z, phi, sth, haveSth, s.rp);
  return codec.offset(codec.ringStart(g, s.rp.ring), s.rp.k);
}

/**
 * Pixel number of the direction (θ, φ) after healpy's normalisation. Near the poles
 * (θ < 0.01 or θ > π − 0.01) sin θ is computed directly to keep the ring index exact.
 */
export function pixelOfAngles<P extends number | bigint>(codec: PixelCodec<P>, g: Grid, theta: number, phi: number, nest: boolean, s: Scratch): P {
  normalizePointing(theta, phi, s.ptg);
  const t = s.ptg.theta;
  const nearPole = t < 0.01 || t > 3.14159 - 0.01;
  return pixelOfLoc(codec, g, Math.cos(t), s.ptg.phi, nearPole ? Math.sin(t) : 0, nearPole, nest, s);
}

/** Pixel number of the direction of the non-zero vector (x, y, z). */
export function pixelOfVector<P extends number | bigint>(codec: PixelCodec<P>, g: Grid, x: number, y: number, z: number, nest: boolean, s: Scratch): P {
  const xl = 1 / Math.sqrt(x * x + y * y + z * z);
  const phi = x === 0 && y === 0 ? 0 : Math.atan2(y, x);
  const nz = z * xl;
  if (Math.abs(nz) > 0.99) return pixelOfLoc(codec, g, nz, phi, Math.sqrt(x * x + y * y) * xl, true, nest, s);
  return pixelOfLoc(codec, g, nz, phi, 0, false, nest, s);
}

/** Face coordinates of a (validated) pixel number of either scheme, into `s.xyf`. */
export function xyfOfPixel<P extends number | bigint>(codec: PixelCodec<P>, g: Grid, pix: P, nest: boolean, s: Scratch): Xyf {
  if (nest) {
    codec.decodeNest(g, pix, s.xyf);
  } else {
    codec.decodeRing(g, pix, s.rp);
    ringToXyf(g, s.rp.ring, s.rp.k, s.xyf);
  }
  return s.xyf;
}

/** Pixel number in either scheme of face coordinates. */
export function pixelOfXyf<P extends number | bigint>(codec: PixelCodec<P>, g: Grid, face: number, ix: number, iy: number, nest: boolean, s: Scratch): P {
  if (nest) return codec.encodeNest(g, face, ix, iy);
  xyfToRing(g, face, ix, iy, s.rp);
  return codec.offset(codec.ringStart(g, s.rp.ring), s.rp.k);
}

/** Centre of a (validated) pixel, into `s.loc`. */
export function locOfPixel<P extends number | bigint>(codec: PixelCodec<P>, g: Grid, pix: P, nest: boolean, s: Scratch): Loc {
  if (nest) {
    codec.decodeNest(g, pix, s.xyf);
    nestToLoc(g, s.xyf.face, s.xyf.ix, s.xyf.iy, s.loc);
  } else {
    codec.decodeRing(g, pix, s.rp);
    ringToLoc(g, s.rp.ring, s.rp.k, s.loc);
  }
  return s.loc;
}

/** Colatitude of a pixel centre: atan2(sin θ, z) near the poles, acos(z) elsewhere. */
export function thetaOfLoc(loc: Loc): number {
  return loc.haveSth ? Math.atan2(loc.sth, loc.z) : Math.acos(loc.z);
}

/** Unit vector of a pixel centre. */
export function vectorOfLoc(loc: Loc): [number, number, number] {
  const st = loc.haveSth ? loc.sth : Math.sqrt((1 - loc.z) * (1 + loc.z));
  return [st * Math.cos(loc.phi), st * Math.sin(loc.phi), loc.z];
}
