/**
 * An upper bound on the angular distance, in radians, from the centre of any HEALPix pixel at
 * `nside` to any point of that pixel: HEALPix C++'s `max_pixrad` (Górski et al. 2005), the
 * distance between the point (z = 2/3, φ = π/(4·nside)) and (z = 1 − (1 − 1/nside)²/3, φ = 0),
 * which bounds the corner distance of the most distorted pixels.
 */
export function maxPixelRadius(nside: number): number {
  const za = 2 / 3;
  const pa = Math.PI / (4 * nside);
  const t = (1 - 1 / nside) ** 2;
  const zb = 1 - t / 3;
  const sa = Math.sqrt((1 - za) * (1 + za));
  const sb = Math.sqrt((1 - zb) * (1 + zb));
  const ax = sa * Math.cos(pa);
  const ay = sa * Math.sin(pa);
  // The angle from the cross and dot products is accurate at small separations, unlike acos.
  const cx = ay * zb - za * 0;
  const cy = za * sb - ax * zb;
  const cz = ax * 0 - ay * sb;
  return Math.atan2(Math.hypot(cx, cy, cz), ax * sb + za * zb);
}
