/**
 * Priorities and observing conditions of the targeting bits the mock sets (desitarget's
 * targetmask.yaml; docs/sources.md#targetmask); the bits themselves are stdlib/targetmask's.
 */
import { BGS_MASK, DESI_MASK, MWS_MASK, OBSCONDITIONS } from "../targetmask/index.js";

export { BGS_MASK, DESI_MASK, MWS_MASK, OBSCONDITIONS };

/** The bit sets of one target. */
export interface TargetBits {
  readonly desi: bigint;
  readonly bgs: bigint;
  readonly mws: bigint;
}

/** Priority when unobserved, NUMOBS_INIT and observing conditions of one targeting bit. */
interface BitRule {
  readonly priority: number;
  readonly numobs: number;
  readonly obscond: number;
}

const { DARK, GRAY, BRIGHT, BACKUP } = OBSCONDITIONS;

// UNOBS priority and NUMOBS_INIT from desitarget py/desitarget/data/targetmask.yaml
// (docs/sources.md#targetmask). Observing conditions are a simplification of its entries: dark
// tracers in dark time (ELG also gray here; the yaml says DARK), BGS and MWS in bright time
// (the yaml adds DARK for MWS_WD), standards and sky in any (the yaml: STD_FAINT DARK, STD_WD
// DARK|BRIGHT, SKY also TWILIGHT12/18).
const DESI_RULES: readonly [bigint, BitRule][] = [
  [DESI_MASK.QSO, { priority: 3400, numobs: 4, obscond: DARK }],
  [DESI_MASK.LRG, { priority: 3200, numobs: 2, obscond: DARK }],
  [DESI_MASK.ELG_HIP, { priority: 3200, numobs: 2, obscond: DARK | GRAY }],
  [DESI_MASK.ELG_LOP, { priority: 3100, numobs: 2, obscond: DARK | GRAY }],
  [DESI_MASK.ELG_VLO, { priority: 3000, numobs: 2, obscond: DARK | GRAY }],
  [DESI_MASK.ELG, { priority: 3000, numobs: 2, obscond: DARK | GRAY }],
  [DESI_MASK.STD_FAINT, { priority: -1, numobs: -1, obscond: DARK | GRAY | BRIGHT }],
  [DESI_MASK.STD_WD, { priority: -1, numobs: -1, obscond: DARK | GRAY | BRIGHT }],
  [DESI_MASK.STD_BRIGHT, { priority: -1, numobs: -1, obscond: BRIGHT }],
  [DESI_MASK.SKY, { priority: -1, numobs: -1, obscond: DARK | GRAY | BRIGHT | BACKUP }],
];
const BGS_RULES: readonly [bigint, BitRule][] = [
  [BGS_MASK.BGS_BRIGHT, { priority: 2100, numobs: 2, obscond: BRIGHT }],
  [BGS_MASK.BGS_FAINT, { priority: 2000, numobs: 2, obscond: BRIGHT }],
];
// MWS_FAINT_*: targetmask.yaml's NUMOBS is 2; 1 here (one visit is all a filler needs).
const MWS_RULES: readonly [bigint, BitRule][] = [
  [MWS_MASK.MWS_WD, { priority: 2998, numobs: 2, obscond: BRIGHT }],
  [MWS_MASK.MWS_MAIN_BLUE, { priority: 1500, numobs: 2, obscond: BRIGHT }],
  [MWS_MASK.MWS_MAIN_RED, { priority: 1500, numobs: 2, obscond: BRIGHT }],
  [MWS_MASK.MWS_FAINT_BLUE, { priority: 50, numobs: 1, obscond: BRIGHT }],
  [MWS_MASK.MWS_FAINT_RED, { priority: 50, numobs: 1, obscond: BRIGHT }],
];

/** Initial priority, number of observations and observing conditions of a target. */
export interface TargetPriority {
  readonly priority: number;
  readonly numobs: number;
  readonly obscond: number;
}

/**
 * PRIORITY_INIT and NUMOBS_INIT of a target: the largest over its set bits, as desitarget's
 * `initial_priority_numobs`; OBSCONDITIONS is the union. Standards and sky have −1 for both
 * (targetmask.yaml: priorities and NUMOBS do not apply to them) unless a science bit is also set.
 */
export function targetPriority(bits: TargetBits): TargetPriority {
  let priority = -Infinity;
  let numobs = -Infinity;
  let obscond = 0;
  const apply = (mask: bigint, rules: readonly [bigint, BitRule][]): void => {
    for (const [bit, r] of rules) {
      if ((mask & bit) === 0n) continue;
      priority = Math.max(priority, r.priority);
      numobs = Math.max(numobs, r.numobs);
      obscond |= r.obscond;
    }
  };
  apply(bits.desi, DESI_RULES);
  apply(bits.bgs, BGS_RULES);
  apply(bits.mws, MWS_RULES);
  if (priority === -Infinity) throw new Error(`target bits ${bits.desi}/${bits.bgs}/${bits.mws} have no priority rule`);
  return { priority, numobs, obscond };
}
