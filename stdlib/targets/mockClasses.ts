/**
 * The classes of mock targets, their densities, magnitude ranges, number-count slopes, colours,
 * redshifts and template parameters (docs/sources.md#target-classes, #redshift-distributions,
 * #templates, #targetmask). Each class makes a drawer that turns the
 * task's random stream into one {@link MockObject} per call.
 *
 * Number counts. Magnitudes follow dN/dm ∝ 10^(slope·m) within the class's range:
 * - BGS: slope 0.313 in r [derived] from the BGS densities (docs/sources.md#target-classes), so that BGS Bright (800 deg⁻² in
 *   17 ≤ r < 19.5) and BGS Faint (600 deg⁻² in 19.5 ≤ r < 20.175) are one power law:
 *   (10^(0.675 α) − 1) / (1 − 10^(−2.5 α)) = 600 / 800 gives α = 0.313. The r-band galaxy counts
 *   at r ≈ 17–20 are of that order (≈ 0.3–0.45; Yasuda et al. 2001, AJ 122, 1104) [mem].
 * - ELG (in g fiber magnitude) and LRG (in z fiber magnitude): 0.45, the slope of faint galaxy
 *   counts at 21 < m < 24 (Metcalfe et al. 2001, MNRAS 323, 795) [mem].
 * - QSO and Lyα QSO: 0.28 in r, the faint-end slope of quasar counts fainter than B ≈ 19.1
 *   (Hartwick & Schade 1990, ARA&A 28, 437; Boyle, Shanks & Peterson 1988) [mem].
 * - Stars (MWS, standards, white dwarfs): 0.2 in r, the high-latitude star counts at
 *   16 < r < 20 (Bahcall & Soneira 1980 model) [mem].
 *
 * Magnitude ranges: the selection cuts (docs/sources.md#target-classes), with desisim's template
 * ranges (docs/sources.md#templates) where the cut is open:
 * ELG g_fib ∈ [21.5, 24.1) (g_fib < 24.1; total g > 20 holds since the fiber fraction of an
 * ELG of SHAPE_R ≤ 1″ is ≥ 0.268), LRG z_fib ∈ [19.0, 21.6), QSO r ∈ [17.5, 22.7) (inside
 * 16.5 < r < 23.0), BGS Bright r ∈ [17.0, 19.5), BGS Faint r ∈ [19.5, 20.175), MWS main
 * r ∈ [16, 19) and faint r ∈ [19, 20), standards and white dwarfs r ∈ [16, 19) (standards with
 * r < 18 are also STD_BRIGHT; r stands in for Gaia G).
 *
 * Which magnitudes the cuts apply to (desitarget py/desitarget/cuts.py `_prepare_optical_wise`,
 * `unextinct_fluxes`): the galaxy and
 * quasar cuts (ELG, LRG, QSO, BGS) and every colour cut apply to extinction-corrected fluxes and
 * fiber fluxes, so those magnitudes are drawn as intrinsic ones; the MWS cuts apply to the
 * observed r (`obs_rflux`) and the standards' and white dwarfs' to Gaia G (not corrected), so the
 * stars' r windows are drawn as observed magnitudes and made intrinsic with A_r = 2.165 E(B−V)
 * at the star's position (the drawer's `ebv`). Every magnitude of a {@link MockObject} is
 * intrinsic; `selectMockTargets` dims the catalogue fluxes by the extinction.
 *
 * Densities (deg⁻²): desitarget's mock densities (select-mock-targets.yaml) for ELG 2200 and LRG 480, QSOs 170 (see
 * below); the main-survey BGS Bright 800 and Faint 600 (the
 * preliminary numbers of Hahn et al. 2023; the mock's own BGS is magnitude-limited); for
 * classes the sources leave open ("~10²–10³" for MWS): MWS main 500 and faint 390 (so that the counts
 * are one power law of slope 0.2 across r = 19: 500 · (10^0.2 − 1) / (1 − 10^−0.6) = 390), white
 * dwarfs 3, F standards 40 (≥ 100 per tile of ≈ 8 deg² need 12.5) and sky positions 1700 (desitarget's
 * sky candidate density, docs/sources.md#target-classes).
 *
 * Quasars. The sources give two QSO densities (docs/sources.md#target-classes): the main selection's 310 deg⁻² of targets, and
 * desitarget's mock densities of 120 deg⁻² tracers (z < 1.8) plus 50 deg⁻² Lyα quasars (z ≥ 1.8).
 * They agree once the contaminants are counted: the mock adds 52.5 % stars and 22.5 % galaxies
 * relative to its 170 deg⁻² of quasars ("37 % of 170/deg²"), and 170 × 1.75 ≈ 298 ≈ 310 targets
 * (the selection's 71 % QSOs, 310 × 0.71 ≈ 220, are of the same order as 170). The mock's 120:50
 * split, though, comes from its two input mocks (a tracer mock and a Lyα-forest mock), not from
 * the measured n(z): desispec's QA reference QSO n(z) puts 53.8 % of quasars below z = 1.8. Here all quasars,
 * 170 deg⁻² (the mock's total; contaminants are not modelled), are drawn from that full QSO
 * n(z), and those at z ≥ 1.8 (`QSO_LYA_SPLIT_Z`) are the Lyα quasars: about 91.5 deg⁻² tracers
 * and 78.5 deg⁻² Lyα. Both carry the QSO bit with PRIORITY_INIT 3400 and NUMOBS_INIT 4 (targetmask.yaml:
 * targeting cannot tell them apart; the MTL update after a redshift does), so the label is the
 * true redshift.
 *
 * Colours (AB) are plausible per class, not fits to imaging: ELGs inside the ELG colour box
 * (r − z > 0.15, g − r < 0.5 (r − z) + 0.1), LRGs red and bright in W1 (z − W1 > 0.8 (r − z) − 0.6),
 * QSOs blue with a W1 excess and g − r reddening by the Lyα forest at z > 2.5, F standards in
 * 0 < g − r < 0.35, r − z < 0.2, other stars along a simple stellar locus.
 *
 * Template parameters follow desisim's `templates.py` defaults (docs/sources.md#templates): VDISP
 * log-normal (log10 mean/σ ELG 1.9/0.15, desisim's `logvdisp_meansig` default; LRG 2.3/0.1 and
 * BGS 2.0/0.17 are model values; desisim itself now draws VDISP uniformly) truncated to desisim's
 * `vdisprange` (50–150, 150–300, 120–300 km/s); log10([OIII]/Hβ) uniform in its `oiiihbrange`
 * (ELG −0.5…0.2, BGS −1.3…0.6); [OII] 3726/3729 ratio N(0.73, 0.05) (desisim's `lineratios`
 * `oiidoublet_meansig`); [OII] and Hβ fluxes from log-normal rest equivalent widths times the continuum of the
 * object's own g, r, z at the line's observed wavelength; stellar radial velocities N(0, 200 km/s);
 * BAL quasars 12 %. TEFF of MWS stars from a drawn g − r along the dwarf sequence,
 * log10 TEFF = 3.86 − 0.21 (g − r) [mem, approximate]; 12 % of MWS stars are giants. Standards
 * (TEFF uniform in 6500–7800 K, redrawn until inside the colour box) and white dwarfs take g, r
 * and z from their own template spectrum (`starPhotometry.ts`), one source of truth for the
 * imaging the calibration reads and the spectrum; MWS stars take g − r and r − z from a grid of
 * the same templates (`gridStarColours`, within 0.01 mag of their own spectrum's), since a
 * template per star would be too slow at their density.
 */
import type { Rng } from "../kernel.js";
import { chance, normalOf, truncatedNormal, uniformIn } from "./draws.js";
import { EXTINCTION_COEFFICIENTS } from "./extinction.js";
import { fiberFraction } from "./fiberFraction.js";
import { blankObject, type MockObject } from "./MockObject.js";
import { continuumFlambda } from "./photometry.js";
import { gridStarColours, starColours } from "./starPhotometry.js";
import { piecewiseUniformSampler } from "./piecewiseUniform.js";
import { powerLawMagnitudeSampler } from "./powerLawMagnitude.js";
import { REDSHIFT_DISTRIBUTIONS } from "./redshiftDistributions.js";
import { BGS_MASK, DESI_MASK, MWS_MASK } from "./targetMasks.js";
import { SPEED_OF_LIGHT_KM_PER_S } from "../constants/index.js";

/** The mock classes, in the order their targets are drawn (QSO holds tracers and Lyα quasars). */
export type MockClassName = "ELG" | "LRG" | "QSO" | "BGS_BRIGHT" | "BGS_FAINT" | "MWS_MAIN" | "MWS_FAINT" | "MWS_WD" | "STD" | "SKY";

/** One class of mock targets. */
export interface MockClass {
  readonly name: MockClassName;
  /** Mean number of targets per square degree. */
  readonly density: number;
  /**
   * A drawer of objects of this class from `rng`; it takes the reddening E(B−V) (mag) at the
   * object's position, which the classes whose magnitude limits are on observed magnitudes need.
   */
  readonly drawer: (rng: Rng) => (ebv: number) => MockObject;
}

/** A_r / E(B−V) (Schlafly & Finkbeiner 2011, see `extinction.ts`). */
const R_R = EXTINCTION_COEFFICIENTS.r;

/** d log10 N / dm of BGS in r (see above). */
const BGS_SLOPE = 0.313;

/** Vacuum rest wavelengths (Å; NIST ASD, docs/sources.md#templates): the [OII] doublet's mean and Hβ. */
const OII_WAVE = 3728.5;
const HBETA_WAVE = 4862.68;

const log10 = Math.log10;
const mag = (flux: number): number => -2.5 * log10(flux);

/** 10^N(mu, sigma) truncated to [lo, hi] (values, not logs). */
function logNormalIn(rng: Rng, mu: number, sigma: number, lo: number, hi: number): number {
  return 10 ** truncatedNormal(rng, mu, sigma, log10(lo), log10(hi));
}

/** Sets the five AB magnitudes from g and the colours g−r, r−z, z−W1, W1−W2. */
function setColours(o: MockObject, g: number, gr: number, rz: number, zw1: number, w1w2: number): void {
  o.g = g;
  o.r = g - gr;
  o.z = o.r - rz;
  o.w1 = o.z - zw1;
  o.w2 = o.w1 - w1w2;
}

/** An emission-line flux, erg s⁻¹ cm⁻², of rest equivalent width `ewRest` (Å) at rest wavelength `wave` and redshift `z`. */
function lineFlux(o: MockObject, ewRest: number, wave: number, z: number): number {
  return ewRest * (1 + z) * continuumFlambda(o.g, o.r, o.z, wave * (1 + z));
}

function pick<T>(rng: Rng, choices: readonly (readonly [T, number])[]): T {
  let u = rng.uniform();
  for (const [v, p] of choices) {
    if (u < p) return v;
    u -= p;
  }
  return (choices[choices.length - 1] as readonly [T, number])[0];
}

function elg(rng: Rng): () => MockObject {
  const gfib = powerLawMagnitudeSampler(21.5, 24.1, 0.45, rng);
  const nz = piecewiseUniformSampler(REDSHIFT_DISTRIBUTIONS.ELG, rng);
  return () => {
    const o = blankObject();
    // ELG_LOP:ELG_VLO ≈ 1940:460 and ELG_HIP a random 10 % (approximate, not checked against
    // Raichoor et al. 2023, arXiv:2208.08513; docs/sources.md#target-classes).
    o.desi = DESI_MASK.ELG | (chance(rng, 1940 / 2400) ? DESI_MASK.ELG_LOP : DESI_MASK.ELG_VLO) | (chance(rng, 0.1) ? DESI_MASK.ELG_HIP : 0n);
    // Exponential discs around the 0.45″ of desispec efftime.py's FIBERFAC_ELG profile
    // (docs/sources.md#fiber-acceptance).
    o.shapeR = logNormalIn(rng, log10(0.45), 0.2, 0.1, 1.0);
    o.morphtype = chance(rng, 0.4) ? "REX" : "EXP";
    o.fiberFraction = fiberFraction(o.shapeR);
    const rz = truncatedNormal(rng, 0.7, 0.3, 0.16, 1.6);
    const grMax = 0.5 * rz + 0.1;
    const gr = truncatedNormal(rng, grMax - 0.15, 0.15, -0.3, grMax - 0.005);
    setColours(o, gfib() - mag(o.fiberFraction), gr, rz, truncatedNormal(rng, 0.5, 0.3, -0.5, 1.5), normalOf(rng, -0.45, 0.15));
    o.truez = nz();
    o.spectype = "GALAXY";
    o.templatetype = "ELG";
    o.mag = o.r;
    o.magfilter = "decam2014-r";
    o.vdisp = logNormalIn(rng, 1.9, 0.15, 50, 150);
    o.d4000 = uniformIn(rng, 1.0, 1.35);
    o.oiiihbeta = uniformIn(rng, -0.5, 0.2);
    o.oiidoublet = truncatedNormal(rng, 0.73, 0.05, 0.5, 1.0);
    o.oiiflux = lineFlux(o, logNormalIn(rng, log10(30), 0.2, 5, 200), OII_WAVE, o.truez);
    o.hbetaflux = o.oiiflux * 10 ** normalOf(rng, -0.35, 0.1);
    return o;
  };
}

function lrg(rng: Rng): () => MockObject {
  const zfib = powerLawMagnitudeSampler(19.0, 21.6, 0.45, rng);
  const nz = piecewiseUniformSampler(REDSHIFT_DISTRIBUTIONS.LRG, rng);
  return () => {
    const o = blankObject();
    o.desi = DESI_MASK.LRG;
    o.shapeR = logNormalIn(rng, log10(0.8), 0.2, 0.2, 3.0);
    o.morphtype = pick(rng, [
      ["DEV", 0.5],
      ["SER", 0.3],
      ["REX", 0.2],
    ] as const);
    o.fiberFraction = fiberFraction(o.shapeR);
    const z = zfib() - mag(o.fiberFraction);
    const gr = truncatedNormal(rng, 1.6, 0.25, 0.9, 2.3);
    const rz = truncatedNormal(rng, 1.5, 0.25, 0.9, 2.3);
    const zw1 = 0.8 * rz - 0.6 + truncatedNormal(rng, 0.5, 0.25, 0.05, 1.5);
    setColours(o, z + rz + gr, gr, rz, zw1, normalOf(rng, -0.5, 0.15));
    o.truez = nz();
    o.spectype = "GALAXY";
    o.templatetype = "LRG";
    o.mag = o.z;
    o.magfilter = "decam2014-z";
    o.vdisp = logNormalIn(rng, 2.3, 0.1, 150, 300);
    o.d4000 = truncatedNormal(rng, 1.85, 0.15, 1.5, 2.2);
    return o;
  };
}

/** Tracer and Lyα quasars together, from desispec's whole QSO n(z) (docs/sources.md#redshift-distributions) (Lyα ones are those at z ≥ 1.8). */
function qso(rng: Rng): () => MockObject {
  const r = powerLawMagnitudeSampler(17.5, 22.7, 0.28, rng);
  const nz = piecewiseUniformSampler(REDSHIFT_DISTRIBUTIONS.QSO, rng);
  return () => {
    const o = blankObject();
    o.desi = DESI_MASK.QSO;
    o.morphtype = "PSF";
    o.fiberFraction = fiberFraction(0);
    o.truez = nz();
    const rmag = r();
    const gr = normalOf(rng, 0.15, 0.1) + (o.truez > 2.5 ? 0.6 * (o.truez - 2.5) : 0);
    setColours(o, rmag + gr, gr, normalOf(rng, 0.1, 0.15), normalOf(rng, 1.0, 0.3), normalOf(rng, 0.4, 0.15));
    o.spectype = "QSO";
    o.templatetype = "QSO";
    o.subtype = chance(rng, 0.12) ? "BAL" : "";
    o.mag = o.r;
    o.magfilter = "decam2014-r";
    return o;
  };
}

function bgs(rng: Rng, bright: boolean): () => MockObject {
  const r = bright ? powerLawMagnitudeSampler(17.0, 19.5, BGS_SLOPE, rng) : powerLawMagnitudeSampler(19.5, 20.175, BGS_SLOPE, rng);
  const nz = piecewiseUniformSampler(bright ? REDSHIFT_DISTRIBUTIONS.BGS_BRIGHT : REDSHIFT_DISTRIBUTIONS.BGS_FAINT, rng);
  return () => {
    const o = blankObject();
    o.desi = DESI_MASK.BGS_ANY;
    o.bgs = bright ? BGS_MASK.BGS_BRIGHT : BGS_MASK.BGS_FAINT;
    o.shapeR = logNormalIn(rng, log10(bright ? 1.5 : 1.1), 0.2, 0.3, 6.0);
    o.morphtype = pick(rng, [
      ["EXP", 0.35],
      ["DEV", 0.35],
      ["SER", 0.3],
    ] as const);
    o.fiberFraction = fiberFraction(o.shapeR);
    const rmag = r();
    const gr = truncatedNormal(rng, 0.75, 0.2, 0.2, 1.2);
    setColours(o, rmag + gr, gr, truncatedNormal(rng, 0.45, 0.15, 0.0, 1.0), normalOf(rng, -0.1, 0.3), normalOf(rng, -0.6, 0.15));
    o.truez = nz();
    o.spectype = "GALAXY";
    o.templatetype = "BGS";
    o.mag = o.r;
    o.magfilter = "decam2014-r";
    o.vdisp = logNormalIn(rng, 2.0, 0.17, 120, 300);
    o.d4000 = truncatedNormal(rng, 1.5, 0.25, 1.05, 2.1);
    o.oiiihbeta = uniformIn(rng, -1.3, 0.6);
    o.oiidoublet = truncatedNormal(rng, 0.73, 0.05, 0.5, 1.0);
    // Passive galaxies (D4000 > 1.6) have weak lines.
    const ewHbeta = 10 ** normalOf(rng, o.d4000 > 1.6 ? -0.3 : 0.8, 0.3);
    o.hbetaflux = lineFlux(o, ewHbeta, HBETA_WAVE, o.truez);
    o.oiiflux = o.hbetaflux * 10 ** normalOf(rng, 0.2, 0.15);
    return o;
  };
}

/** log10 TEFF of a dwarf of colour g − r [mem, approximate]. */
const teffOfColour = (gr: number): number => 10 ** (3.86 - 0.21 * gr);

/** The AB colours r − z, z − W1 and W1 − W2 of a star of colour g − r along a simple stellar locus. */
function stellarLocus(rng: Rng, gr: number): [number, number, number] {
  const rz = (gr < 1.2 ? 0.5 * gr - 0.04 : 0.56 + 1.8 * (gr - 1.2)) + normalOf(rng, 0, 0.03);
  return [rz, -0.6 + 0.3 * gr + normalOf(rng, 0, 0.05), -0.65 + normalOf(rng, 0, 0.03)];
}

/** Fills the fields every star shares: PSF shape, radial velocity, class and normalisation. */
function star(rng: Rng, o: MockObject, templatetype: "STAR" | "WD"): void {
  o.morphtype = "PSF";
  o.fiberFraction = fiberFraction(0);
  o.truez = normalOf(rng, 0, 200) / SPEED_OF_LIGHT_KM_PER_S;
  o.spectype = "STAR";
  o.templatetype = templatetype;
  o.mag = o.r;
  o.magfilter = "decam2014-r";
}

function mws(rng: Rng, faint: boolean): (ebv: number) => MockObject {
  const r = faint ? powerLawMagnitudeSampler(19, 20, 0.2, rng) : powerLawMagnitudeSampler(16, 19, 0.2, rng);
  return (ebv) => {
    const o = blankObject();
    // The window is on the observed r (desitarget's `obs_rflux`); the object keeps the intrinsic one.
    const rmag = r() - R_R * ebv;
    // Halo/thick-disc turnoff stars and redder disc dwarfs.
    const drawn = chance(rng, 0.45) ? truncatedNormal(rng, 0.38, 0.1, 0.0, 0.8) : truncatedNormal(rng, 1.05, 0.3, 0.3, 1.6);
    const [, zw1, w1w2] = stellarLocus(rng, drawn);
    o.r = rmag;
    star(rng, o, "STAR");
    o.teff = teffOfColour(drawn);
    o.logg = chance(rng, 0.12) ? uniformIn(rng, 1.5, 3.5) : uniformIn(rng, 4.0, 4.8);
    o.feh = truncatedNormal(rng, -0.6, 0.5, -2.5, 0.5);
    // g − r and r − z of the star's own template (interpolated in a grid of them), so that the
    // imaging agrees with the spectrum; the drawn g − r only sets TEFF.
    const [gr, rz] = gridStarColours(o.teff, o.logg, o.feh);
    setColours(o, rmag + gr, gr, rz, zw1, w1w2);
    o.r = rmag;
    o.mag = rmag;
    const blue = gr < 0.7;
    o.desi = DESI_MASK.MWS_ANY;
    o.mws = faint ? (blue ? MWS_MASK.MWS_FAINT_BLUE : MWS_MASK.MWS_FAINT_RED) : blue ? MWS_MASK.MWS_MAIN_BLUE : MWS_MASK.MWS_MAIN_RED;
    return o;
  };
}

function whiteDwarf(rng: Rng): (ebv: number) => MockObject {
  const r = powerLawMagnitudeSampler(16, 19, 0.2, rng);
  return (ebv) => {
    const o = blankObject();
    // The window is on the observed magnitude (Gaia G, not extinction-corrected).
    const rmag = r() - R_R * ebv;
    o.teff = 10 ** uniformIn(rng, log10(8000), log10(40000));
    const zw1 = -1.0 + normalOf(rng, 0, 0.1);
    const w1w2 = -0.7 + normalOf(rng, 0, 0.05);
    o.desi = DESI_MASK.MWS_ANY | DESI_MASK.STD_WD;
    o.mws = MWS_MASK.MWS_WD;
    star(rng, o, "WD");
    // About 80 % of white dwarfs show hydrogen (DA), most others helium (DB) [mem].
    o.subtype = chance(rng, 0.8) ? "DA" : "DB";
    o.logg = truncatedNormal(rng, 8.0, 0.25, 7.0, 9.0);
    const [gr, rz] = starColours(o);
    setColours(o, rmag + gr, gr, rz, zw1, w1w2);
    o.mag = o.r;
    return o;
  };
}

/** Draws of a standard's stellar parameters before the last is kept whatever its colours. */
const STD_DRAWS = 20;

function standard(rng: Rng): (ebv: number) => MockObject {
  const r = powerLawMagnitudeSampler(16, 19, 0.2, rng);
  return (ebv) => {
    const o = blankObject();
    // The windows (16–19, STD_BRIGHT brighter than 18) are on the observed magnitude (Gaia G, not
    // extinction-corrected); the colour box on extinction-corrected colours, i.e. intrinsic ones.
    const observed = r();
    const rmag = observed - R_R * ebv;
    o.desi = DESI_MASK.STD_FAINT | (observed < 18 ? DESI_MASK.STD_BRIGHT : 0n);
    star(rng, o, "STAR");
    // F stars whose own spectrum is inside desitarget's isSTD_colors box, 0 < g − r < 0.35 and
    // r − z < 0.2: TEFF, LOGG and [Fe/H] drawn until the template's colours are (the last draw
    // after STD_DRAWS, whose colours are then what the spectrum says).
    let gr = 0;
    let rz = 0;
    for (let k = 0; k < STD_DRAWS; k++) {
      o.teff = uniformIn(rng, 6500, 7800);
      o.logg = uniformIn(rng, 3.9, 4.6);
      o.feh = truncatedNormal(rng, -0.5, 0.4, -2.5, 0.5);
      [gr, rz] = starColours(o);
      if (gr > 0 && gr < 0.35 && rz < 0.2) break;
    }
    setColours(o, rmag + gr, gr, rz, -0.6 + 0.3 * gr + normalOf(rng, 0, 0.05), -0.65 + normalOf(rng, 0, 0.03));
    o.mag = o.r;
    return o;
  };
}

function sky(): () => MockObject {
  return () => {
    const o = blankObject();
    o.desi = DESI_MASK.SKY;
    return o;
  };
}

/** The mock classes in drawing order, with their densities (deg⁻²). */
export const MOCK_CLASSES: readonly MockClass[] = [
  { name: "ELG", density: 2200, drawer: elg },
  { name: "LRG", density: 480, drawer: lrg },
  { name: "QSO", density: 170, drawer: qso },
  { name: "BGS_BRIGHT", density: 800, drawer: (rng) => bgs(rng, true) },
  { name: "BGS_FAINT", density: 600, drawer: (rng) => bgs(rng, false) },
  { name: "MWS_MAIN", density: 500, drawer: (rng) => mws(rng, false) },
  { name: "MWS_FAINT", density: 390, drawer: (rng) => mws(rng, true) },
  { name: "MWS_WD", density: 3, drawer: whiteDwarf },
  { name: "STD", density: 40, drawer: standard },
  { name: "SKY", density: 1700, drawer: sky },
];
