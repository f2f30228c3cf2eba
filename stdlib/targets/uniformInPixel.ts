import { pix2vec, radec2pix } from "../healpix/index.js";
import type { Rng } from "../kernel.js";
import { maxPixelRadius } from "./maxPixelRadius.js";

const RAD = 180 / Math.PI;

/** Positions drawn in one pixel: RA in [0, 360) and Dec, in degrees. */
export interface PixelPositions {
  readonly ra: Float64Array;
  readonly dec: Float64Array;
}

/**
 * A sampler of directions uniform in area over nested pixel `pixel` at `nside`: directions are
 * drawn uniformly in the spherical cap around the pixel centre whose radius bounds the pixel
 * ({@link maxPixelRadius}, plus 0.1 %) and kept when `radec2pix` puts them in the pixel
 * (rejection; about 30 % are kept at nside 64). Every draw comes from `rng`.
 */
export function uniformInPixel(nside: number, pixel: number, rng: Rng): () => readonly [number, number] {
  const [cx, cy, cz] = pix2vec(nside, pixel, true);
  // An orthonormal frame (e1, e2, c) around the centre.
  const ref: [number, number, number] = Math.abs(cz) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  let e1x = ref[1] * cz - ref[2] * cy;
  let e1y = ref[2] * cx - ref[0] * cz;
  let e1z = ref[0] * cy - ref[1] * cx;
  const n1 = Math.hypot(e1x, e1y, e1z);
  e1x /= n1;
  e1y /= n1;
  e1z /= n1;
  const e2x = cy * e1z - cz * e1y;
  const e2y = cz * e1x - cx * e1z;
  const e2z = cx * e1y - cy * e1x;
  const radius = maxPixelRadius(nside) * 1.001;
  // 1 − cos(radius), computed without cancellation.
  const oneMinusCos = 2 * Math.sin(radius / 2) ** 2;
  return () => {
    for (;;) {
      const h = oneMinusCos * rng.uniform(); // 1 − cos α, uniform: equal area
      const sinA = Math.sqrt(h * (2 - h));
      const cosA = 1 - h;
      const beta = 2 * Math.PI * rng.uniform();
      const u = sinA * Math.cos(beta);
      const v = sinA * Math.sin(beta);
      const x = cosA * cx + u * e1x + v * e2x;
      const y = cosA * cy + u * e1y + v * e2y;
      const z = cosA * cz + u * e1z + v * e2z;
      let ra = Math.atan2(y, x) * RAD;
      if (ra < 0) ra += 360;
      if (ra >= 360) ra -= 360;
      const dec = Math.atan2(z, Math.hypot(x, y)) * RAD;
      if (radec2pix(nside, ra, dec, true) === pixel) return [ra, dec];
    }
  };
}
