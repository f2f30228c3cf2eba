import { DEG, cosd, sind } from "./angles.js";

/** Great-circle distance (deg) between (ra1, dec1) and (ra2, dec2) (deg), by the haversine formula. */
export function angularSeparation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const a = sind((dec2 - dec1) / 2) ** 2 + cosd(dec1) * cosd(dec2) * sind((ra2 - ra1) / 2) ** 2;
  return (2 * Math.asin(Math.min(1, Math.sqrt(a)))) / DEG;
}
