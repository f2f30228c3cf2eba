/**
 * DESI's targeting bits (desitarget py/desitarget/data/targetmask.yaml, main survey;
 * docs/sources.md#targetmask), one
 * definition for the kernels that set them (targets) and those that read them (fiberassign).
 * Bits are bigint: DESI_TARGET reaches bit 62.
 */

/** `desi_mask` bits (DESI_TARGET). */
export const DESI_MASK = {
  LRG: 1n << 0n,
  ELG: 1n << 1n,
  QSO: 1n << 2n,
  QSO_HIZ: 1n << 4n,
  ELG_LOP: 1n << 5n,
  ELG_HIP: 1n << 6n,
  ELG_VLO: 1n << 7n,
  SKY: 1n << 32n,
  STD_FAINT: 1n << 33n,
  STD_WD: 1n << 34n,
  STD_BRIGHT: 1n << 35n,
  BAD_SKY: 1n << 36n,
  SUPP_SKY: 1n << 37n,
  BGS_ANY: 1n << 60n,
  MWS_ANY: 1n << 61n,
  SCND_ANY: 1n << 62n,
} as const;

/** `bgs_mask` bits (BGS_TARGET). */
export const BGS_MASK = {
  BGS_FAINT: 1n << 0n,
  BGS_BRIGHT: 1n << 1n,
} as const;

/** `mws_mask` bits (MWS_TARGET). */
export const MWS_MASK = {
  MWS_WD: 1n << 1n,
  MWS_MAIN_BLUE: 1n << 8n,
  MWS_MAIN_RED: 1n << 11n,
  MWS_FAINT_BLUE: 1n << 14n,
  MWS_FAINT_RED: 1n << 17n,
  GAIA_STD_FAINT: 1n << 33n,
  GAIA_STD_WD: 1n << 34n,
  GAIA_STD_BRIGHT: 1n << 35n,
} as const;

/** `obsconditions` bits (OBSCONDITIONS). */
export const OBSCONDITIONS = {
  DARK: 1 << 0,
  GRAY: 1 << 1,
  BRIGHT: 1 << 2,
  BACKUP: 1 << 3,
  TWILIGHT12: 1 << 4,
  TWILIGHT18: 1 << 5,
} as const;
