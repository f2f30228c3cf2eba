import { DESI_MASK, MWS_MASK } from "../targetmask/index.js";
import { FA_TYPE } from "./constants.js";

/** desitarget's desi_mask bits that fiber assignment reads (desitarget targetmask.yaml; docs/sources.md#targetmask). */
const DESI = DESI_MASK;

/** Bits 0–31 of desi_mask: the dark-time science classes. */
const DARK_SCIENCE = (1n << 32n) - 1n;
const STD_BITS = DESI.STD_FAINT | DESI.STD_WD | DESI.STD_BRIGHT;
/** mws_mask GAIA_STD_FAINT, GAIA_STD_WD, GAIA_STD_BRIGHT (bits 33–35): standards, not science. */
const MWS_STD_BITS = MWS_MASK.GAIA_STD_FAINT | MWS_MASK.GAIA_STD_WD | MWS_MASK.GAIA_STD_BRIGHT;

/** The classes assignment efficiency is reported for, in report order. */
export const TARGET_CLASSES = ["QSO", "LRG", "ELG", "BGS", "MWS", "SCND", "OTH", "STD", "SKY"] as const;

/** One of {@link TARGET_CLASSES}. */
export type TargetClass = (typeof TARGET_CLASSES)[number];

/**
 * fiberassign's FA_TYPE bits of a target from its targeting masks: SCIENCE for any science
 * bit (desi_mask bits 0–31, BGS_ANY, SCND_ANY, a non-zero BGS or SCND mask, an MWS
 * bit other than the Gaia standards), STANDARD for STD_FAINT, STD_WD, STD_BRIGHT or a Gaia
 * standard, SKY for SKY unless BAD_SKY, SUPPSKY for SUPP_SKY. 0: nothing fiber assignment can
 * use. MWS_ANY alone is not science: desitarget sets it for Gaia standards too.
 */
export function faType(desi: bigint, bgs: bigint, mws: bigint, scnd: bigint): number {
  let t = 0;
  const mwsScience = (mws & ~MWS_STD_BITS) !== 0n;
  if ((desi & (DARK_SCIENCE | DESI.BGS_ANY | DESI.SCND_ANY)) !== 0n || bgs !== 0n || scnd !== 0n || mwsScience) t |= FA_TYPE.SCIENCE;
  if ((desi & STD_BITS) !== 0n || (mws & MWS_STD_BITS) !== 0n) t |= FA_TYPE.STANDARD;
  if ((desi & DESI.SKY) !== 0n && (desi & DESI.BAD_SKY) === 0n) t |= FA_TYPE.SKY;
  if ((desi & DESI.SUPP_SKY) !== 0n) t |= FA_TYPE.SUPPSKY;
  return t;
}

/**
 * The class a target's efficiency counts under: its highest-priority science class (QSO,
 * LRG, ELG, BGS, MWS, SCND, OTH for other science bits), else STD or SKY (SUPP_SKY counts as
 * SKY); `undefined` for a target with none of these.
 */
export function targetClass(desi: bigint, bgs: bigint, mws: bigint, scnd: bigint, type: number): TargetClass | undefined {
  if ((type & FA_TYPE.SCIENCE) !== 0) {
    if ((desi & (DESI.QSO | DESI.QSO_HIZ)) !== 0n) return "QSO";
    if ((desi & DESI.LRG) !== 0n) return "LRG";
    if ((desi & (DESI.ELG | DESI.ELG_LOP | DESI.ELG_HIP | DESI.ELG_VLO)) !== 0n) return "ELG";
    if ((desi & DESI.BGS_ANY) !== 0n || bgs !== 0n) return "BGS";
    if ((mws & ~MWS_STD_BITS) !== 0n) return "MWS";
    if ((desi & DESI.SCND_ANY) !== 0n || scnd !== 0n) return "SCND";
    return "OTH";
  }
  if ((type & FA_TYPE.STANDARD) !== 0) return "STD";
  if ((type & (FA_TYPE.SKY | FA_TYPE.SUPPSKY)) !== 0) return "SKY";
  return undefined;
}

/** obsconditions bit of a tile's program (DARK 0, GRAY 1, BRIGHT 2, BACKUP 3); 0 for another program. */
export function programObsconditions(program: string): number {
  switch (program.trim().toUpperCase()) {
    case "DARK":
      return 1;
    case "GRAY":
      return 2;
    case "BRIGHT":
      return 4;
    case "BACKUP":
      return 8;
    default:
      return 0;
  }
}
