/**
 * TEST-ONLY reference fitter: redrock's algorithm with one exact linear solve per redshift of
 * every template's whole grid (no approximate scan, no pruning), then redrock's minima walk
 * (three per template, 1000/100 km/s apart, fine fit) and candidate ranking. The fast fitter
 * must agree with it.
 */
import { BAD_CHI2, prepareTarget, redshiftFitter, velocityDifference, type Candidate, type Spectrum, type Template } from "../../stdlib/redshift/index.js";
import { exactChi2 } from "../../stdlib/redshift/exactChi2.js";
import { fineFit } from "../../stdlib/redshift/fineFit.js";
import { findMinima } from "../../stdlib/redshift/minfit.js";
import { rankCandidates } from "../../stdlib/redshift/Candidate.js";
import { templateModel } from "../../stdlib/redshift/TemplateModel.js";
import { ZWARN } from "../../stdlib/redshift/zwarn.js";

/** The reference's best fit. */
export interface ReferenceResult {
  readonly z: number;
  readonly zerr: number;
  readonly zwarn: number;
  readonly chi2: number;
  readonly spectype: string;
  readonly subtype: string;
  readonly deltachi2: number;
  readonly candidates: readonly Candidate[];
}

/** Fits one target by brute force with `templates` (sorted as the fitter sorts them). */
export function bruteForceFit(templates: readonly Template[], spectra: readonly Spectrum[]): ReferenceResult {
  const sorted = redshiftFitter(templates, [spectra[0]!.wave]).templates;
  const target = prepareTarget(spectra);
  const all: Candidate[] = [];
  sorted.forEach((t, index) => {
    const model = templateModel(t);
    const zs = t.redshifts;
    const chi2 = Float64Array.from(zs, (z) => (target.npixels === 0 ? BAD_CHI2 : exactChi2(target, model, z).chi2));
    const accepted: Candidate[] = [];
    for (const i of findMinima(chi2)) {
      if (accepted.length === 3) break;
      if (accepted.some((c) => Math.abs(velocityDifference(zs[i]!, c.z)) < model.dvLimit)) continue;
      const f = fineFit(target, model, i, true, (k) => chi2[k]);
      if (accepted.some((c) => Math.abs(velocityDifference(f.z, c.z)) < model.dvLimit)) continue;
      accepted.push({
        ...f,
        coeff: new Float64Array(0),
        ncoeff: model.nbasis,
        spectype: t.spectype,
        subtype: t.subtype,
        template: index,
        dvLimit: model.dvLimit,
        deltachi2: 0,
      });
    }
    accepted.sort((a, b) => a.chi2 - b.chi2);
    for (const c of accepted) {
      if (target.npixels === 0) c.zwarn |= ZWARN.NODATA;
      if (target.npixels < 10 * c.ncoeff) c.zwarn |= ZWARN.LITTLE_COVERAGE;
      all.push(c);
    }
  });
  const ranked = rankCandidates(all, 3);
  const b = ranked[0]!;
  return { z: b.z, zerr: b.zerr, zwarn: b.zwarn, chi2: b.chi2, spectype: b.spectype, subtype: b.subtype, deltachi2: b.deltachi2, candidates: ranked };
}

/** The acceptance rule: Z within max(1e-5 (1+z), ZERR/10), ZWARN equal, DELTACHI2 within 1 % or 0.5. */
export function agrees(a: { z: number; zwarn: number; deltachi2: number }, ref: ReferenceResult): boolean {
  const zok = Math.abs(a.z - ref.z) <= Math.max(1e-5 * (1 + ref.z), Math.abs(ref.zerr) / 10);
  const dok = Math.abs(a.deltachi2 - ref.deltachi2) <= Math.max(0.5, 0.01 * Math.abs(ref.deltachi2));
  return zok && a.zwarn === ref.zwarn && dok;
}
