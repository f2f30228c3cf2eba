import { SPEED_OF_LIGHT_KM_PER_S } from "../constants/index.js";
import { BAD_FIT_MASK, MIN_DELTACHI2 } from "./zwarn.js";

/** One fitted minimum of one template: a row of redrock's per-target candidate table. */
export interface Candidate {
  readonly z: number;
  readonly zerr: number;
  zwarn: number;
  readonly chi2: number;
  /** Coefficients (solved at {@link zsolve}); empty until solved, see `ncoeff`. */
  coeff: Float64Array;
  /** The redshift the coefficients are solved at (the parabola's vertex); NaN: zero coefficients. */
  readonly zsolve: number;
  /** Number of basis vectors of the template. */
  readonly ncoeff: number;
  readonly spectype: string;
  readonly subtype: string;
  /** Index of the template among the fitter's templates. */
  readonly template: number;
  /** km/s within which another candidate is the same solution (1000; 100 for stars). */
  readonly dvLimit: number;
  deltachi2: number;
}

/** c (z − zref)/(1 + zref), km/s. */
export function velocityDifference(z: number, zref: number): number {
  return (SPEED_OF_LIGHT_KM_PER_S * (z - zref)) / (1 + zref);
}

const badfit = (c: Candidate): number => ((c.zwarn & BAD_FIT_MASK) !== 0 ? 1 : 0);
const byFit = (a: Candidate, b: Candidate): number => badfit(a) - badfit(b) || a.chi2 - b.chi2;

/**
 * redrock's candidate table of one target (docs/sources.md#redrock): the minima of every template
 * (in template order), stably sorted by (bad fit, χ²), at most `nminima` kept per spectype,
 * re-sorted; then DELTACHI2 of each is the smallest χ² rise to a later good candidate more than
 * min(dvLimit) away (0 if none), and SMALL_DELTA_CHI2 is set where any other good candidate at
 * least that far has |Δχ²| < 9. Mutates and returns the kept candidates.
 */
export function rankCandidates(all: readonly Candidate[], nminima: number): Candidate[] {
  const sorted = [...all].sort(byFit);
  const perType = new Map<string, number>();
  const kept = sorted.filter((c) => {
    const k = perType.get(c.spectype) ?? 0;
    perType.set(c.spectype, k + 1);
    return k < nminima;
  });
  kept.sort(byFit);
  const n = kept.length;
  for (let i = 0; i < n; i++) {
    const ci = kept[i]!;
    let d = Infinity;
    let small = false;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const cj = kept[j]!;
      if (badfit(cj) !== 0) continue;
      const lim = Math.min(ci.dvLimit, cj.dvLimit);
      const dv = Math.abs(velocityDifference(cj.z, ci.z));
      if (j > i && dv > lim) d = Math.min(d, cj.chi2 - ci.chi2);
      if (dv >= lim && Math.abs(cj.chi2 - ci.chi2) < MIN_DELTACHI2) small = true;
    }
    ci.deltachi2 = Number.isFinite(d) ? d : 0;
    if (small) ci.zwarn |= 4;
  }
  return kept;
}
