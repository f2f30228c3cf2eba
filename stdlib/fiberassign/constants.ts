/**
 * Geometry of the modelled DESI focal plane and its positioners (Silber et al. 2023, arXiv:2205.09014;
 * docs/sources.md#focal-plane). Every
 * length is in millimetres on the focal surface (CS5), every angle in degrees.
 */

/** Petals of the focal plane, one per spectrograph. */
export const NPETAL = 10;

/** Fiber-carrying positioners per petal (DESI: 500 fibers per spectrograph). */
export const POSITIONERS_PER_PETAL = 500;

/** Fiber-carrying positioners on the focal plane. */
export const NFIBER = NPETAL * POSITIONERS_PER_PETAL;

/** Opening angle of one petal: a 36° wedge. */
export const PETAL_ANGLE_DEG = 360 / NPETAL;

/**
 * Centre-to-centre distance of neighbouring positioners on a petal's hexagonal grid (DESI's
 * minimum pitch; Silber et al. 2023, docs/sources.md#focal-plane).
 */
export const POSITIONER_PITCH_MM = 10.4;

/**
 * Patrol radius: a positioner's two 3.0 mm arms reach any point within 6 mm of its centre
 * (Silber et al. 2023; fiberassign py/fiberassign/test/simulate.py, simulated hardware LENGTH_R1 = LENGTH_R2 = 3.0 mm).
 */
export const PATROL_RADIUS_MM = 6.0;

/**
 * Minimum distance between the tips of two assigned fibers. DESI checks collisions of the arm
 * polygons (desihub/fiberassign); this model keeps the fiber tips apart instead: the phi arm's ferrule
 * holder is about 2.2 mm across, so two holders need about 2.2 mm between their axes, plus a
 * 0.2 mm margin on each side ⇒ 2.6 mm. It is a modelling constant, not a DESI value.
 */
export const KEEPOUT_MM = 2.6;

/**
 * Half-width of the strip along each petal edge that holds no positioner centre: half a pitch,
 * so that positioners of neighbouring petals are at least one pitch apart as they are on one
 * petal. The strips are the model's petal gaps.
 */
export const PETAL_GAP_HALF_WIDTH_MM = POSITIONER_PITCH_MM / 2;

/**
 * Radius of the tile (the field) used to decide which targets a tile can see: fiberassign's
 * 1.628° (fiberassign py/fiberassign/fba_launch_io.py; docs/sources.md#telescope). The modelled positioners reach about 1.60°, so nothing beyond this is
 * reachable anyway.
 */
export const TILE_RADIUS_DEG = 1.628;

/** fiberassign's FA_TYPE bits (TARGET_TYPE_* of fiberassign src/targets.h: SAFE 8, SUPPSKY 16): what a fiber's target was assigned as. */
export const FA_TYPE = { SCIENCE: 1, STANDARD: 2, SKY: 4, SAFE: 8, SUPPSKY: 16 } as const;

/** desispec's fibermask bit for a positioner left without a target. */
export const FIBERSTATUS_UNASSIGNED = 1;
