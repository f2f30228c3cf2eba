const DEG = Math.PI / 180;

/**
 * Maps two uniforms `u`, `v` in [0, 1) to a point uniform over the spherical cap of `radius`
 * degrees around (`ra0`, `dec0`): the cosine of the distance uniform in [cos radius, 1], the
 * position angle 2πv. Returns [ra in [0, 360), dec], in degrees.
 */
export function capPoint(ra0: number, dec0: number, radius: number, u: number, v: number): [number, number] {
  const cosD = 1 - u * (1 - Math.cos(radius * DEG));
  const sinD = Math.sqrt(Math.max(0, 1 - cosD * cosD));
  const pa = 2 * Math.PI * v;
  const sinDec0 = Math.sin(dec0 * DEG);
  const cosDec0 = Math.cos(dec0 * DEG);
  const sinDec = Math.max(-1, Math.min(1, sinDec0 * cosD + cosDec0 * sinD * Math.cos(pa)));
  const dra = Math.atan2(Math.sin(pa) * sinD * cosDec0, cosD - sinDec0 * sinDec);
  const ra = (((ra0 + dra / DEG) % 360) + 360) % 360;
  return [ra, Math.asin(sinDec) / DEG];
}
