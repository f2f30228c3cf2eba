/**
 * Mock targets for a DESI-like survey (docs/sources.md#target-classes): the healpix footprint of a tile table and
 * its relations to tiles and exposures (1.6° fields, inclusive nested disc queries), and the
 * per-pixel mock target selection with its truth table (desitarget's `select_mock_targets`,
 * one task per nside-64 pixel). Only kernels are exported here.
 */
export { exposurePixels } from "./exposurePixels.js";
export { footprintPixels } from "./footprintPixels.js";
export { selectMockTargets } from "./selectMockTargets.js";
export { tilePixels } from "./tilePixels.js";
