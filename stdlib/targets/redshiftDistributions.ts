import type { BinnedDistribution } from "./piecewiseUniform.js";

/**
 * Redshift distributions of the target classes: desispec's QA reference n(z) of the main survey
 * (fraction of good redshifts per 0.1 in z for galaxies, per 0.2 for quasars, bins labelled by
 * their lower edge; desispec py/desispec/data/qa/qa-reference-nz.ecsv,
 * docs/sources.md#redshift-distributions).
 * Weights are used as they are; the sampler normalises them.
 */
export const REDSHIFT_DISTRIBUTIONS = {
  BGS_BRIGHT: { start: 0.0, width: 0.1, weights: [0.146, 0.331, 0.303, 0.154, 0.045, 0.006] },
  BGS_FAINT: { start: 0.0, width: 0.1, weights: [0.032, 0.158, 0.313, 0.295, 0.146, 0.04, 0.005] },
  LRG: { start: 0.2, width: 0.1, weights: [0.013, 0.058, 0.093, 0.125, 0.152, 0.172, 0.18, 0.112, 0.052, 0.019] },
  ELG: {
    start: 0.0,
    width: 0.1,
    weights: [0.021, 0.041, 0.022, 0.011, 0.009, 0.007, 0.019, 0.076, 0.14, 0.152, 0.121, 0.114, 0.095, 0.078, 0.062, 0.012],
  },
  QSO: {
    start: 0.3,
    width: 0.2,
    weights: [0.008, 0.024, 0.053, 0.074, 0.095, 0.106, 0.117, 0.114, 0.104, 0.088, 0.068, 0.048, 0.036, 0.025, 0.017, 0.01, 0.005],
  },
} as const satisfies Record<string, BinnedDistribution>;

/**
 * Redshift splitting quasars into tracers (z < 1.8) and Lyα quasars (z ≥ 1.8), as desitarget's
 * mock does (desitarget py/desitarget/mock/data/select-mock-targets.yaml). All quasars are drawn from the whole QSO
 * n(z) above, so the split follows from it: 53.8 % tracers, 46.2 % Lyα (see `mockClasses.ts`).
 */
export const QSO_LYA_SPLIT_Z = 1.8;
