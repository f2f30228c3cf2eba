import { radec2pix } from "../healpix/index.js";
import type { ExampleExposures } from "./ExampleExposures.js";
import { exposureTargets } from "./exposureTargets.js";

/**
 * For each science exposure of the table (by EXPID), the set of nested healpix pixels at `nside`
 * its targets fall in (TARGET_RA/DEC through `radec2pix`, as DESI groups spectra, docs/sources.md#healpix).
 * Flats observe no target and are left out.
 */
export function pixelsByExposure(exposures: ExampleExposures, nside: number): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (let row = 0; row < exposures.EXPID.length; row++) {
    const targets = exposureTargets(exposures, row);
    if (targets.length === 0) continue;
    const pixels = new Set<number>();
    for (const t of targets) pixels.add(radec2pix(nside, t.ra, t.dec, true));
    out.set(exposures.EXPID[row] ?? 0, pixels);
  }
  return out;
}
