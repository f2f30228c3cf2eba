/**
 * Fiber assignment for one tile on a model of the DESI focal plane (docs/sources.md#focal-plane): the
 * kernel `assign` turns a tile and the target files around it into the tile's fibermap.
 *
 * The focal-plane model is exported too, for kernels that need fiber positions (the exposure
 * simulator): `focalPlane()` gives the 5000 positioners (centres, petals, device locations,
 * fibers), `radecToFocal` and `focalToRadec` map sky positions to CS5 millimetres and back with
 * the Echo22 radial plate scale (`thetaToRadius`, `radiusToTheta`, `radialPlateScale`), and the
 * constants name the geometry (pitch, patrol radius, keep-out). These helpers are not kernels.
 */

// Kernels.
export { assign } from "./assign.js";

// Focal-plane model (not kernels).
export { focalPlane, type FocalPlane } from "./focalPlane.js";
export { radecToFocal, type FocalXY } from "./radecToFocal.js";
export { focalToRadec, type RaDec } from "./focalToRadec.js";
export { PLATE_SCALE_CENTER_UM_PER_ARCSEC, radialPlateScale, radiusToTheta, thetaToRadius } from "./plateScale.js";
export {
  FA_TYPE,
  FIBERSTATUS_UNASSIGNED,
  KEEPOUT_MM,
  NFIBER,
  NPETAL,
  PATROL_RADIUS_MM,
  PETAL_ANGLE_DEG,
  PETAL_GAP_HALF_WIDTH_MM,
  POSITIONER_PITCH_MM,
  POSITIONERS_PER_PETAL,
  TILE_RADIUS_DEG,
} from "./constants.js";
