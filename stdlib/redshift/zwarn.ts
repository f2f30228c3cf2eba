/** redrock's ZWARN bits (docs/sources.md#redrock). */
export const ZWARN = {
  SKY: 1,
  LITTLE_COVERAGE: 2,
  SMALL_DELTA_CHI2: 4,
  NEGATIVE_MODEL: 8,
  MANY_OUTLIERS: 16,
  Z_FITLIMIT: 32,
  NEGATIVE_EMISSION: 64,
  UNPLUGGED: 128,
  BAD_TARGET: 256,
  NODATA: 512,
  BAD_MINFIT: 1024,
  POORDATA: 2048,
} as const;

/** Bits that make a candidate a bad fit, sorted after every good one (redrock's `badfit_mask`). */
export const BAD_FIT_MASK = ZWARN.NEGATIVE_MODEL | ZWARN.MANY_OUTLIERS | ZWARN.Z_FITLIMIT | ZWARN.NEGATIVE_EMISSION | ZWARN.BAD_MINFIT;

/** Δχ² below which another good solution makes the best one ambiguous (redrock's `min_deltachi2`). */
export const MIN_DELTACHI2 = 9;
