import { applyBalTroughs, drawBalTroughs } from "./balTroughs.js";
import { SPEED_OF_LIGHT_KM_PER_S } from "../constants/index.js";
import { distanceModulus } from "./distanceModulus.js";
import { galaxyContinuum, galaxyContinuumInto, galaxyMix } from "./galaxyPopulations.js";
import { igmSpec } from "./igmSpec.js";
import { lowerBound } from "./lowerBound.js";
import { NARROW_FWHM, QSO_LINES } from "./qsoLines.js";
import { FEII_OPTICAL_RFE_FRACTION, qsoPseudoContinua, type QsoPseudoContinua } from "./qsoPseudoContinua.js";
import { REST } from "./restWavelengths.js";
import { seededRng } from "./Rng.js";
import { sampleSmooth } from "./sampleSmooth.js";
import type { SourceModel } from "./SourceModel.js";

import type { TemplateRow } from "./TemplateRow.js";

const FWHM_TO_SIGMA = 1 / (2 * Math.sqrt(2 * Math.log(2)));
const INV_PIVOT = 1 / 1450;
/** Anchor spacing (Δλ/λ) for the power law, see `sampleSmooth.ts`. */
const SMOOTH_STEP = 1e-3;

/** A line ready to draw: rest centre, and two Gaussians' sigmas (Å) and integrated fluxes. */
interface DrawnLine {
  readonly center: number;
  readonly sigma1: number;
  readonly flux1: number;
  readonly sigma2: number;
  readonly flux2: number;
}

/**
 * A quasar at the systemic redshift TRUEZ, as a rest-frame shape (all of it scales with the
 * magnitude; SEED draws every parameter):
 *
 * - power law f_ν ∝ ν^α_ν, α_ν = −0.5 + 0.3 N(0,1) clipped to [−1.5, 0.5] (Vanden Berk et al.
 *   2001), i.e. f_λ ∝ λ^−(2+α_ν), unit at 1450 Å;
 * - broad and narrow lines of `qsoLines.ts`, equivalent widths scattered by a common factor
 *   10^(0.1 N) and 10^(0.08 N) per line; broad lines are two Gaussians sharing the flux 60/40
 *   with 1.3 and 0.5 times the object's FWHM (uniform 3000–6000 km/s), a peaked profile;
 * - a CIV blueshift drawn lognormally (0.25 dex) about a mean that grows with luminosity,
 *   700 − 300 (M + 26) km/s clipped to 100–3000, M the absolute magnitude from MAG (flat
 *   ΛCDM, power-law K-correction), as in Richards et al. (2011, AJ 141, 167); CIV's width
 *   grows with its shift;
 * - FeII: UV template with EW 40–100 Å (against the continuum at 2500 Å), optical template
 *   with R_FeII = F(FeII 4434–4684)/F(Hβ) uniform in 0.2–1.0;
 * - Balmer continuum, 10–30 % of the power law at 3646 Å;
 * - host galaxy at z < 1: the galaxy continuum (D4000 uniform 1.3–1.9) making a fraction
 *   U(0.05, 0.5) · (1 − z) of the light at 5100 Å;
 * - BAL troughs in CIV, SiIV, NV, Lyα when TEMPLATESUBTYPE is "BAL" (see `balTroughs.ts`);
 * - the IGM (Lyα and Lyβ forest, Lyman limit) applied by the renderer in the observed frame.
 */
export function qsoModel(row: TemplateRow): SourceModel {
  const z = Math.max(0, row.TRUEZ);
  const rng = seededRng(row.SEED, "params");
  const alpha = Math.min(0.5, Math.max(-1.5, -0.5 + 0.3 * rng.normal()));
  const slope = -(2 + alpha);
  const pl = (w: number): number => (w / 1450) ** slope;
  const fwhm = rng.between(3000, 6000);
  const ewScale = 10 ** (0.1 * rng.normal());
  const absMag = row.MAG - distanceModulus(z) + 2.5 * (1 + alpha) * Math.log10(1 + z);
  const meanShift = Math.min(3000, Math.max(100, 700 - 300 * (absMag + 26)));
  const civShift = Math.min(5000, meanShift * 10 ** (0.25 * rng.normal()));
  const feiiUvEw = rng.between(40, 100);
  const rFe = rng.between(0.2, 1.0);
  const bacFraction = rng.between(0.1, 0.3);

  const drawn: DrawnLine[] = [];
  let hbetaFlux = 0;
  for (const line of QSO_LINES) {
    const scatter = 10 ** (0.08 * rng.normal());
    const shift = civShift * line.shift;
    const center = line.rest * (1 - shift / SPEED_OF_LIGHT_KM_PER_S);
    const flux = line.ew * ewScale * scatter * pl(line.rest);
    if (line.rest === REST.HBETA) hbetaFlux = flux;
    if (line.kind === "narrow") {
      const s = (line.rest * NARROW_FWHM * FWHM_TO_SIGMA) / SPEED_OF_LIGHT_KM_PER_S;
      drawn.push({ center, sigma1: s, flux1: flux, sigma2: s, flux2: 0 });
    } else {
      const w = Math.sqrt(fwhm * fwhm + (1.2 * shift) ** 2);
      const s = (line.rest * w * FWHM_TO_SIGMA) / SPEED_OF_LIGHT_KM_PER_S;
      drawn.push({ center, sigma1: 1.3 * s, flux1: 0.6 * flux, sigma2: 0.5 * s, flux2: 0.4 * flux });
    }
  }

  const tables = qsoPseudoContinua();
  const feiiUvAmp = feiiUvEw * pl(2500);
  const feiiOptAmp = (rFe * hbetaFlux) / FEII_OPTICAL_RFE_FRACTION;
  const bacAmp = bacFraction * pl(REST.BALMER_LIMIT);

  const hostRng = seededRng(row.SEED, "host");
  const hostFraction = z < 1 ? hostRng.between(0.05, 0.5) * (1 - z) : 0;
  const hostMix = galaxyMix(hostRng.between(1.3, 1.9));
  const hostAmp = hostFraction > 0 ? ((hostFraction / (1 - hostFraction)) * pl(5100)) / galaxyContinuum(hostMix, 5100) : 0;

  const bal = row.TEMPLATESUBTYPE.trim().toUpperCase() === "BAL" ? drawBalTroughs(seededRng(row.SEED, "bal")) : null;

  const restShapeInto = (restWave: Float64Array, out: Float64Array): void => {
    sampleSmooth(restWave, out, (w) => Math.exp(slope * Math.log(w * INV_PIVOT)), SMOOTH_STEP);
    addPseudoContinua(tables, feiiUvAmp, feiiOptAmp, bacAmp, restWave, out);
    for (const l of drawn) addGaussian(restWave, out, l.center, l.sigma1, l.flux1, l.sigma2, l.flux2);
    if (bal !== null) applyBalTroughs(bal, restWave, out);
    if (hostAmp > 0) galaxyContinuumInto(hostMix, restWave, out, hostAmp, true);
  };
  return { z, restShapeInto, lines: [], igm: igmSpec(row, z) };
}

/** Adds flux1·G(sigma1) + flux2·G(sigma2) centred on `center`, sampled at `wave`. */
function addGaussian(wave: Float64Array, out: Float64Array, center: number, sigma1: number, flux1: number, sigma2: number, flux2: number): void {
  addOneGaussian(wave, out, center, sigma1, flux1);
  if (flux2 !== 0) addOneGaussian(wave, out, center, sigma2, flux2);
}

/** Adds flux·G(sigma) centred on `center` out to 6 sigma, sampled at `wave`. */
function addOneGaussian(wave: Float64Array, out: Float64Array, center: number, sigma: number, flux: number): void {
  const lo = lowerBound(wave, center - 6 * sigma);
  const hi = lowerBound(wave, center + 6 * sigma);
  const a = flux / (sigma * Math.sqrt(2 * Math.PI));
  const k = -0.5 / (sigma * sigma);
  for (let i = lo; i < hi; i++) {
    const d = (wave[i] as number) - center;
    out[i] = (out[i] as number) + a * Math.exp(k * d * d);
  }
}

/**
 * Adds the FeII and Balmer-continuum tables, with amplitudes `uv`, `optical` and `balmer`, to
 * `out` over the pixels the tables cover; the three share one grid, so one index serves all.
 */
function addPseudoContinua(t: QsoPseudoContinua, uv: number, optical: number, balmer: number, wave: Float64Array, out: Float64Array): void {
  const { start, step } = t.feiiUv;
  const a = t.feiiUv.values;
  const b = t.feiiOptical.values;
  const c = t.balmerContinuum.values;
  const last = a.length - 1;
  const lo = lowerBound(wave, start);
  const hi = lowerBound(wave, start + last * step);
  for (let i = lo; i < hi; i++) {
    const x = ((wave[i] as number) - start) / step;
    const k = Math.floor(x);
    const f = x - k;
    const g = 1 - f;
    out[i] =
      (out[i] as number) +
      uv * ((a[k] as number) * g + (a[k + 1] as number) * f) +
      optical * ((b[k] as number) * g + (b[k + 1] as number) * f) +
      balmer * ((c[k] as number) * g + (c[k + 1] as number) * f);
  }
}
