import { rankCandidates, velocityDifference, type Candidate } from "./Candidate.js";
import { coarseScan, type CoarseScan } from "./coarseScan.js";
import { BAD_CHI2, exactChi2, solveCounter } from "./exactChi2.js";
import { fineFit, solveCoeff } from "./fineFit.js";
import { findMinima } from "./minfit.js";
import { prepareTarget, type PreparedTarget } from "./prepareTarget.js";
import type { Spectrum } from "./Spectrum.js";
import { fullType, type Template } from "./Template.js";
import { templateModel, type TemplateModel } from "./TemplateModel.js";
import { MIN_DELTACHI2, ZWARN } from "./zwarn.js";

/** The best fit of one target: redrock's REDSHIFTS row, with the candidates it was chosen from. */
export interface RedshiftResult {
  readonly z: number;
  readonly zerr: number;
  readonly zwarn: number;
  readonly chi2: number;
  /** Coefficients, zero-padded to the largest basis among the templates. */
  readonly coeff: Float64Array;
  readonly fitmethod: string;
  readonly npixels: number;
  readonly spectype: string;
  readonly subtype: string;
  readonly ncoeff: number;
  readonly deltachi2: number;
  readonly candidates: readonly Candidate[];
}

/** Seconds spent per phase, summed over the targets a fitter fitted. */
export interface FitTimes {
  scan: number;
  fine: number;
  /** Exact solves made (re-centring, fine fits and coefficients). */
  solves: number;
}

/** Options of {@link redshiftFitter}. */
export interface FitterOptions {
  /** Minima kept per template and per spectype (redrock's nminima, 3). */
  readonly nminima?: number;
  /** Mask the sky-line windows (rrdesi's default; --no-skymask turns it off). */
  readonly skyMask?: boolean;
  /**
   * χ² allowance for what the approximate scan and the fine fit can move a minimum by: a minimum
   * whose approximate χ² is more than this above what could still change the best fit's
   * DELTACHI2 or ZWARN is not refined. Default 30.
   */
  readonly margin?: number;
}

/** A redshift fitter for spectra on fixed band wavelength grids. */
export interface RedshiftFitter {
  readonly templates: readonly Template[];
  fit(spectra: readonly Spectrum[]): RedshiftResult;
  readonly times: FitTimes;
}

/**
 * What a fine fit may gain over its exact coarse minimum, as a fraction of the reach (plus the
 * margin): up to ≈ 60 was seen for a narrow line between 207 km/s steps, and it grows with the
 * lines' S/N, as the reach does (≈ 260 seen for a strong-line galaxy with DELTACHI2 ≈ 900).
 * Stars' grid is 12 km/s: their fine fit gains at most {@link STAR_GAIN}.
 */
const GAIN_FACTOR = 0.5;
/** The allowance is also at least this multiple of the largest gain a fine fit of this target has made. */
const SEEN_GAIN_FACTOR = 1.5;
const STAR_GAIN = 10;
/** DELTACHI2 above which 1 % exceeds the fine-fit gains seen (≤ ≈ 300). */
const STANDIN_REACH = 30000;

/** One template's state while a target is fitted. */
interface TemplateWalk {
  readonly index: number;
  readonly model: TemplateModel;
  readonly approx: Float64Array;
  readonly minima: number[];
  next: number;
  readonly exact: Map<number, number>;
  readonly accepted: Candidate[];
  /** The exact coarse χ² of each accepted minimum (what orders a template's walk). */
  readonly acceptedCoarse: number[];
  /** Whether the walk's first minima have been re-ordered by exact χ² ({@link probe}). */
  probed: boolean;
  /** Minima not refined, with their exact coarse χ² (they hold their place in the walk). */
  readonly skipped: { z: number; chi2: number }[];
  readonly seen: Set<number>;
  /** What every template's walk shares: the largest overestimate of the approximate χ² seen at a solved grid point. */
  readonly shared: { overshoot: number };
}

/**
 * Builds a fitter of `templates` (sorted by full type, as redrock orders them) for spectra whose
 * bands lie on `bandWaves`. `fit` runs redrock's algorithm (docs/sources.md#redrock): a coarse χ²
 * scan of every template over its grid (approximate, see coarseScan.ts), the best minima re-found
 * on the grid with exact solves and refined by {@link fineFit}, candidates ranked with DELTACHI2
 * and ZWARN. Minima are refined across all templates in order of a lower bound on their exact χ²
 * ({@link scanSlack}), and refining stops once no remaining minimum could come within the best
 * fit's DELTACHI2 (or 9) of it, allowing for `margin`, the scan's error and the fine fit's gain.
 */
export function redshiftFitter(templates: readonly Template[], bandWaves: readonly Float64Array[], options: FitterOptions = {}): RedshiftFitter {
  const sorted = [...templates].sort((a, b) => (fullType(a) < fullType(b) ? -1 : fullType(a) > fullType(b) ? 1 : 0));
  const models = sorted.map(templateModel);
  let waveMin = Infinity;
  let waveMax = -Infinity;
  for (const w of bandWaves) {
    waveMin = Math.min(waveMin, w[0]!);
    waveMax = Math.max(waveMax, w[w.length - 1]!);
  }
  const scans: CoarseScan[] = models.map((m) => coarseScan(m, waveMin, waveMax));
  const nminima = options.nminima ?? 3;
  const margin = options.margin ?? 30;
  const maxCoeff = Math.max(...models.map((m) => m.nbasis));
  const times: FitTimes = { scan: 0, fine: 0, solves: 0 };
  return {
    templates: sorted,
    times,
    fit(spectra) {
      const target = prepareTarget(spectra, options.skyMask ?? true);
      if (target.npixels === 0) return noData(models, target, maxCoeff);
      const t0 = performance.now();
      const s0 = solveCounter.count;
      const shared = { overshoot: 0 };
      const walks: TemplateWalk[] = scans.map((s, index) => {
        const approx = s.scan(target);
        return {
          index,
          model: s.model,
          approx,
          minima: findMinima(approx),
          next: 0,
          exact: new Map(),
          accepted: [],
          acceptedCoarse: [],
          skipped: [],
          seen: new Set(),
          probed: false,
          shared,
        };
      });
      const t1 = performance.now();
      const ranked = refine(target, walks, nminima, margin);
      times.scan += (t1 - t0) / 1000;
      times.fine += (performance.now() - t1) / 1000;
      const best = ranked[0]!;
      best.coeff = solveCoeff(target, models[best.template]!, best.zsolve);
      times.solves += solveCounter.count - s0;
      return resultOf(ranked, target, maxCoeff);
    },
  };
}

/** The exact χ² at grid index i (cached). */
function exactAt(target: PreparedTarget, w: TemplateWalk, i: number): number {
  let v = w.exact.get(i);
  if (v === undefined) {
    v = exactChi2(target, w.model, w.model.template.redshifts[i]!).chi2;
    w.exact.set(i, v);
    if (v !== BAD_CHI2 && w.approx[i]! < BAD_CHI2) {
      w.shared.overshoot = Math.max(w.shared.overshoot, w.approx[i]! - v);
    }
  }
  return v;
}

/** From grid index i, walks downhill on the exact χ² to a local minimum (edges count). */
function descend(target: PreparedTarget, w: TemplateWalk, i: number): number {
  const nz = w.model.template.redshifts.length;
  for (;;) {
    const c = exactAt(target, w, i);
    const l = i > 0 ? exactAt(target, w, i - 1) : Infinity;
    const r = i < nz - 1 ? exactAt(target, w, i + 1) : Infinity;
    if (l < c && l <= r) i--;
    else if (r < c) i++;
    else return i;
  }
}

/**
 * Refines minima across templates in order of their lower bounds while they could matter (see
 * {@link redshiftFitter}): a minimum could matter if it could become the best fit, or if it is
 * far (beyond the velocity limits, with a coarse step to spare) from the best fit and could come
 * within the best fit's DELTACHI2 of it. A minimum near the best fit that cannot beat it enters
 * the candidates with its exact coarse χ² instead of a fine fit; one beyond any reach still takes
 * its place in its template's walk (it would have been one of the template's minima).
 */
function refine(target: PreparedTarget, walks: TemplateWalk[], nminima: number, margin: number): Candidate[] {
  let ranked: Candidate[] = [];
  let gainSeen = 0;
  let a0 = Infinity;
  for (const w of walks) for (const i of w.minima.slice(0, 1)) a0 = Math.min(a0, w.approx[i]!);
  /** A lower bound on the exact χ² of the exact minima in the basin of w's next approximate minimum. */
  const lower = (w: TemplateWalk): number => w.approx[w.minima[w.next]!]! - scanSlack(w, w.minima[w.next]!, a0, margin);
  for (;;) {
    const reach = ranked.length > 0 ? reachOf(ranked) : Infinity;
    const allowance = margin + Math.max(GAIN_FACTOR * reach, SEEN_GAIN_FACTOR * gainSeen);
    let pick: TemplateWalk | null = null;
    let pickLow = Infinity;
    for (const w of walks) {
      if (w.next >= w.minima.length) continue;
      const low = lower(w);
      // A template with its nminima slots filled goes on while its next minimum's exact coarse χ²
      // could be below one of theirs (redrock's walk takes minima in that order).
      if (low > slotBound(w, nminima)) continue;
      if (pick === null || low < pickLow) {
        pick = w;
        pickLow = low;
      }
    }
    if (pick === null) break;
    // A template's next minima lie higher still: once beyond reach, the template is done.
    const pickGain = pick.model.template.spectype === "STAR" ? STAR_GAIN : allowance;
    if (ranked.length > 0 && pickLow - pickGain > ranked[0]!.chi2 + reach) {
      pick.next = pick.minima.length;
      continue;
    }
    if (!pick.probed) {
      // Probing measures the template's own scan error, which moves its bounds: choose again.
      probe(target, pick, a0, margin);
      continue;
    }
    const i = pick.minima[pick.next]!;
    pick.next++;
    const zs = pick.model.template.redshifts;
    const dvLimit = pick.model.dvLimit;
    const blocked = (z: number): boolean =>
      pick.accepted.some((c) => Math.abs(velocityDifference(z, c.z)) < dvLimit) || pick.skipped.some((k) => Math.abs(velocityDifference(z, k.z)) < dvLimit);
    if (blocked(zs[i]!)) continue;
    const e = settle(target, pick, descend(target, pick, i), a0, margin);
    if (pick.seen.has(e)) continue;
    pick.seen.add(e);
    if (blocked(zs[e]!)) continue;
    const coarseChi2 = pick.exact.get(e)!;
    if (coarseChi2 >= slotBound(pick, nminima)) continue;
    const gain = pick.model.template.spectype === "STAR" ? STAR_GAIN : Math.min(allowance, Math.max(margin, neighbourGain(pick, e)));
    const t = pick.model.template;
    const base = {
      coeff: new Float64Array(0),
      ncoeff: pick.model.nbasis,
      spectype: t.spectype,
      subtype: t.subtype,
      template: pick.index,
      dvLimit,
      deltachi2: 0,
    };
    // Beyond STANDIN_REACH a rival's fine fit moves DELTACHI2 by less than 1 %: its coarse minimum stands in.
    if (!matters(ranked, pick, e, coarseChi2 - gain, reach) || (Number.isFinite(reach) && reach > STANDIN_REACH && coarseChi2 - gain > ranked[0]!.chi2)) {
      if (coarseChi2 - gain > ranked[0]!.chi2 + reach) {
        pick.skipped.push({ z: zs[e]!, chi2: coarseChi2 });
        continue;
      }
      // Near the best fit and unable to beat it: its exact coarse minimum stands in for its fine
      // fit, which only decides whether it is among its spectype's kept candidates.
      const edge = e < 1 || e > zs.length - 2 ? ZWARN.Z_FITLIMIT : 0;
      pick.accepted.push({ ...base, z: zs[e]!, zerr: 0, zwarn: edge, chi2: coarseChi2, zsolve: zs[e]! });
      pick.acceptedCoarse.push(coarseChi2);
      ranked = rankAll(walks, target, nminima);
      continue;
    }
    const f = fineFit(target, pick.model, e, true, (k) => pick.exact.get(k));
    if (f.chi2 < coarseChi2) gainSeen = Math.max(gainSeen, coarseChi2 - f.chi2);
    if (blocked(f.z)) continue;
    pick.accepted.push({ ...f, ...base });
    pick.acceptedCoarse.push(coarseChi2);
    ranked = rankAll(walks, target, nminima);
  }
  return ranked;
}

/**
 * A fine fit's gain was seen up to 0.78 × the larger rise to its coarse neighbours (79 fits), and
 * up to 10 between flat neighbours (a narrow dip between grid points): allowed 1.5 × that rise
 * plus 3, and at least the margin.
 */
const NEIGHBOUR_GAIN = 1.5;

/**
 * What the fine fit of the exact grid minimum e may gain on its exact coarse χ² (the fine grid
 * lies between e's neighbours, which the descent has solved): {@link NEIGHBOUR_GAIN} × the larger
 * rise from e to a neighbour, plus 3; unbounded at the grid's ends.
 */
function neighbourGain(w: TemplateWalk, e: number): number {
  const c = w.exact.get(e)!;
  const l = w.exact.get(e - 1);
  const r = w.exact.get(e + 1);
  if (l === undefined || r === undefined) return Infinity;
  return NEIGHBOUR_GAIN * Math.max(l - c, r - c) + 3;
}

/**
 * redrock's walk takes a template's exact minima in order of exact χ², so of two exact minima
 * within the velocity limit the lower one is taken and the other is never a candidate. From the
 * exact minimum e, the template's untaken approximate minima within the limit that could lie lower
 * (their bound below e's χ²) are walked down too, and the lowest exact minimum found is returned.
 */
function settle(target: PreparedTarget, w: TemplateWalk, e: number, a0: number, margin: number): number {
  const zs = w.model.template.redshifts;
  const tried = new Set<number>([e]);
  for (let changed = true; changed;) {
    changed = false;
    for (let k = w.next; k < w.minima.length; k++) {
      const j = w.minima[k]!;
      if (tried.has(j) || Math.abs(velocityDifference(zs[j]!, zs[e]!)) >= w.model.dvLimit) continue;
      if (w.approx[j]! - scanSlack(w, j, a0, margin) > w.exact.get(e)!) continue;
      tried.add(j);
      const f = descend(target, w, j);
      if (w.exact.get(f)! < w.exact.get(e)!) {
        e = f;
        changed = true;
      }
    }
  }
  return e;
}

/** Approximate minima probed exactly before a template's walk starts. */
const PROBES = 6;
/**
 * The approximate scan's error grows with how far a template's χ² lies above the best fit's (its
 * bins leave out the resolution): up to ≈ 2 % of that height was seen beyond a fixed 30.
 */
const RELATIVE_ERROR = 0.05;

/**
 * How much the approximate χ² at grid index i of w may exceed the exact χ² of the exact minima in
 * its basin: the margin, plus the larger of the overestimate seen at any solved grid point (of
 * any template: the error of a bright star's scan is about as large at every template's minimum)
 * and {@link RELATIVE_ERROR} of the height of i above the scan's lowest minimum a0.
 */
function scanSlack(w: TemplateWalk, i: number, a0: number, margin: number): number {
  return margin + Math.max(w.shared.overshoot, RELATIVE_ERROR * Math.max(0, w.approx[i]! - a0));
}

/**
 * Re-orders the start of a template's walk by exact χ²: its lowest approximate minimum is walked
 * down to its exact grid minimum (which measures the scan's error on this template), then the
 * other approximate minima within twice the scan's slack of it (at most {@link PROBES}) are, and
 * those minima, sorted by exact χ², lead the walk. The approximate scan can swap two minima a
 * few χ² apart, and redrock's walk takes them in exact order.
 */
function probe(target: PreparedTarget, w: TemplateWalk, a0: number, margin: number): void {
  w.probed = true;
  const i0 = w.minima[0]!;
  descend(target, w, i0);
  const first = w.approx[i0]!;
  const window = 2 * scanSlack(w, i0, a0, margin);
  const picked = w.minima.filter((i) => w.approx[i]! <= first + window).slice(0, PROBES);
  if (picked.length < 2) return;
  const exactMinima = [...new Set(picked.map((i) => descend(target, w, i)))].sort((a, b) => w.exact.get(a)! - w.exact.get(b)! || a - b);
  const rest = w.minima.filter((i) => !picked.includes(i));
  w.minima.splice(0, w.minima.length, ...exactMinima, ...rest);
}

/** Whether a minimum at grid index i whose final χ² is at least `low` could change the result. */
function matters(ranked: readonly Candidate[], w: TemplateWalk, i: number, low: number, reach: number): boolean {
  if (ranked.length === 0) return true;
  const best = ranked[0]!;
  if (low <= best.chi2) return true;
  const zs = w.model.template.redshifts;
  const z = zs[i]!;
  const step = Math.abs(velocityDifference(zs[Math.min(i + 1, zs.length - 1)]!, zs[Math.max(i - 1, 0)]!));
  const near = Math.abs(velocityDifference(z, best.z)) < Math.min(w.model.dvLimit, best.dvLimit) - step;
  return !near && low <= best.chi2 + reach;
}

/**
 * How far above the best χ² a candidate's final χ² can be and still change the result (the best
 * fit's DELTACHI2, or the SMALL_DELTA_CHI2 threshold): the best fit's DELTACHI2 (at least
 * {@link MIN_DELTACHI2}) once it has a far rival, else without limit.
 */
function reachOf(ranked: readonly Candidate[]): number {
  const best = ranked[0]!;
  return hasFarRival(ranked) ? Math.max(best.deltachi2, MIN_DELTACHI2) : Infinity;
}

/** True if the best candidate has a good candidate beyond its velocity limit after it. */
function hasFarRival(ranked: readonly Candidate[]): boolean {
  const b = ranked[0]!;
  return ranked.some((c, j) => j > 0 && Math.abs(velocityDifference(c.z, b.z)) > Math.min(b.dvLimit, c.dvLimit));
}

/** The exact coarse χ² of a template's nminima-th lowest minimum so far (accepted or skipped); Infinity while fewer. */
function slotBound(w: TemplateWalk, nminima: number): number {
  const v = [...w.acceptedCoarse, ...w.skipped.map((k) => k.chi2)].sort((a, b) => a - b);
  return v.length < nminima ? Infinity : v[nminima - 1]!;
}

/** The candidate table of the minima accepted so far (copies, so ranking can be redone). */
function rankAll(walks: readonly TemplateWalk[], target: PreparedTarget, nminima: number): Candidate[] {
  const all: Candidate[] = [];
  for (const w of walks) {
    // The template's nminima lowest minima (a skipped one holds its slot).
    const slots: (Candidate | null)[] = [...w.accepted, ...w.skipped.map(() => null)];
    const chi2Of = (j: number): number => (j < w.accepted.length ? w.acceptedCoarse[j]! : w.skipped[j - w.accepted.length]!.chi2);
    const order = slots.map((_, j) => j).sort((a, b) => chi2Of(a) - chi2Of(b) || a - b);
    for (const j of order.slice(0, nminima)) {
      const c = slots[j];
      if (c === null || c === undefined) continue;
      let zwarn = c.zwarn;
      if (target.npixels === 0) zwarn |= ZWARN.NODATA;
      if (target.npixels < 10 * c.ncoeff) zwarn |= ZWARN.LITTLE_COVERAGE;
      all.push({ ...c, zwarn, deltachi2: 0 });
    }
  }
  return rankCandidates(all, nminima);
}

/** The REDSHIFTS row of the first ranked candidate. */
function resultOf(ranked: readonly Candidate[], target: PreparedTarget, maxCoeff: number): RedshiftResult {
  const b = ranked[0]!;
  const coeff = new Float64Array(maxCoeff);
  coeff.set(b.coeff);
  return {
    z: b.z,
    zerr: b.zerr,
    zwarn: b.zwarn,
    chi2: b.chi2,
    coeff,
    fitmethod: "PCA",
    npixels: target.npixels,
    spectype: b.spectype,
    subtype: b.subtype,
    ncoeff: b.ncoeff,
    deltachi2: b.deltachi2,
    candidates: ranked,
  };
}

/**
 * A target without a single usable pixel, as redrock ends up with it: every χ² is 9,999,999, so
 * the first template's first grid point is kept with BAD_MINFIT and Z_FITLIMIT, plus NODATA and
 * LITTLE_COVERAGE (ZWARN 1570), zero coefficients and DELTACHI2 0.
 */
function noData(models: readonly TemplateModel[], target: PreparedTarget, maxCoeff: number): RedshiftResult {
  const m = models[0]!;
  const t = m.template;
  const zwarn = ZWARN.NODATA | ZWARN.LITTLE_COVERAGE | ZWARN.BAD_MINFIT | ZWARN.Z_FITLIMIT;
  const c: Candidate = {
    z: t.redshifts[0]!,
    zerr: -1,
    zwarn,
    chi2: BAD_CHI2,
    coeff: new Float64Array(m.nbasis),
    zsolve: NaN,
    ncoeff: m.nbasis,
    spectype: t.spectype,
    subtype: t.subtype,
    template: 0,
    dvLimit: m.dvLimit,
    deltachi2: 0,
  };
  return resultOf([c], target, maxCoeff);
}
