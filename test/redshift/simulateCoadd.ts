/**
 * Test and script support: coadd-shaped spectra of mock targets under nominal dark conditions,
 * with the simulator's noise model (the fastframe kernel's electrons, sky, read noise and
 * resolution), calibrated back to flux with a perfect sky model and a point-source calibration.
 */
import type { Rng } from "../../stdlib/kernel.js";
import {
  BANDS,
  FIBER_SOLID_ANGLE_ARCSEC2,
  NDIAG,
  PIXEL_ANGSTROM,
  applyResolution,
  atmosphericTransmission,
  effectiveReadNoise,
  fiberAcceptance,
  photonsPerFluxUnit,
  pointSourceAcceptance,
  seeingAt,
  skySpectrum,
  sourceProfile,
  throughput,
  waveGrid,
  writeResolution,
} from "../../stdlib/instrument/index.js";
import type { Spectrum } from "../../stdlib/redshift/index.js";
import { observedSpectrum, type TemplateRow } from "../../stdlib/templates/index.js";
import { MOCK_CLASSES, type MockClassName } from "../../stdlib/targets/mockClasses.js";
import type { MockObject } from "../../stdlib/targets/MockObject.js";
import { makeRng, taskSeed } from "../../src/runtime/index.js";

/** A simulated target: its truth, its shape and its coadd spectra (b, r, z). */
export interface SimTarget {
  readonly row: TemplateRow;
  readonly cls: MockClassName;
  readonly object: MockObject;
  readonly spectra: Spectrum[];
}

/** Nominal observing conditions of the survey's effective time. */
const SEEING = 1.1;
const DARK = { fraction: 0, altitude: -30, separation: 90, airmass: 1 };

interface BandModel {
  readonly wave: Float64Array;
  readonly conv: Float64Array;
  readonly sky: Float64Array;
  readonly r: Float64Array;
  readonly read2: number;
}
const bandModels = new Map<string, BandModel>();
function bandModel(band: string, exptime: number): BandModel {
  const key = `${band}:${exptime}`;
  let m = bandModels.get(key);
  if (m === undefined) {
    const wave = waveGrid(band);
    const n = wave.length;
    const conv = new Float64Array(n);
    const sky = new Float64Array(n);
    const skyFlux = skySpectrum(wave, PIXEL_ANGSTROM, DARK);
    for (let i = 0; i < n; i++) {
      conv[i] = photonsPerFluxUnit(wave[i]!, PIXEL_ANGSTROM) * throughput(band, wave[i]!) * exptime;
      sky[i] = skyFlux[i]! * FIBER_SOLID_ANGLE_ARCSEC2 * conv[i]!;
      conv[i]! *= atmosphericTransmission(wave[i]!, 1);
    }
    const r = new Float64Array(NDIAG * n);
    writeResolution(band, n, { widthScale: 1, shift: 0 }, r, 0);
    const skyR = new Float64Array(n);
    applyResolution(r, 0, n, sky, 0, skyR);
    const rn = effectiveReadNoise(band);
    m = { wave, conv, sky: skyR, r, read2: rn * rn };
    bandModels.set(key, m);
  }
  return m;
}

/**
 * The coadd spectra of `row` (shape `object`) after `exptime` seconds at airmass 1, 1.1″ seeing
 * and a dark sky: electrons = R (F · atmosphere · acceptance + sky) · conversion, Poisson and read
 * noise drawn from `rng`; flux = (electrons − R sky) / (conversion · atmosphere · point-source
 * acceptance), ivar from the noiseless expectation.
 */
export function simulateSpectra(row: TemplateRow, object: MockObject, rng: Rng, exptime = 1000): Spectrum[] {
  return BANDS.map((band) => {
    const bm = bandModel(band, exptime);
    const n = bm.wave.length;
    const f = observedSpectrum(row, bm.wave);
    const profile = sourceProfile(object.morphtype, object.shapeR);
    const src = new Float64Array(n);
    const calib = new Float64Array(n);
    for (let i = 0; i < n; i += 256) {
      const s = seeingAt(SEEING, bm.wave[i]!);
      const acc = fiberAcceptance(s, profile, object.shapeR);
      const accP = pointSourceAcceptance(s);
      for (let j = i; j < Math.min(n, i + 256); j++) {
        src[j] = f[j]! * bm.conv[j]! * acc;
        calib[j] = bm.conv[j]! * accP;
      }
    }
    const srcR = new Float64Array(n);
    applyResolution(bm.r, 0, n, src, 0, srcR);
    const flux = new Float32Array(n);
    const ivar = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const mean = Math.max(0, srcR[i]! + bm.sky[i]!);
      const counts = rng.poisson(mean) + Math.sqrt(bm.read2) * rng.normal();
      flux[i] = (counts - bm.sky[i]!) / calib[i]!;
      ivar[i] = (calib[i]! * calib[i]!) / (mean + bm.read2);
    }
    return { wave: bm.wave, flux, ivar, resolution: Float32Array.from(bm.r), ndiag: NDIAG };
  });
}

/** The truth row of a mock object with the given seed. */
export function rowOf(o: MockObject, seed: bigint, targetid: bigint): TemplateRow {
  return {
    TARGETID: targetid,
    TRUEZ: o.truez,
    TRUESPECTYPE: o.spectype,
    TEMPLATETYPE: o.templatetype,
    TEMPLATESUBTYPE: o.subtype,
    SEED: seed,
    MAG: o.mag,
    MAGFILTER: o.magfilter,
    FLUX_G: 10 ** (-0.4 * (o.g - 22.5)),
    FLUX_R: 10 ** (-0.4 * (o.r - 22.5)),
    FLUX_Z: 10 ** (-0.4 * (o.z - 22.5)),
    OIIFLUX: o.oiiflux,
    HBETAFLUX: o.hbetaflux,
    VDISP: o.vdisp,
    D4000: o.d4000,
    OIIIHBETA: o.oiiihbeta,
    OIIDOUBLET: o.oiidoublet,
    TEFF: o.teff,
    LOGG: o.logg,
    FEH: o.feh,
  };
}

/**
 * `count` mock objects of class `cls` drawn from a stream named by `label` (training and testing
 * use different labels, so they never share a seed), with their truth rows.
 */
export function drawObjects(cls: MockClassName, count: number, label: string): { row: TemplateRow; object: MockObject }[] {
  const c = MOCK_CLASSES.find((k) => k.name === cls);
  if (c === undefined) throw new Error(`no mock class ${cls}`);
  const rng = makeRng(taskSeed(label, cls, "objects"));
  const draw = c.drawer(rng);
  const out: { row: TemplateRow; object: MockObject }[] = [];
  for (let i = 0; i < count; i++) {
    const object = draw(0);
    const seed = BigInt.asIntN(64, rng.uint64());
    out.push({ row: rowOf(object, seed, (1n << 58n) | BigInt(i)), object });
  }
  return out;
}

/** `count` simulated targets of class `cls` (stream `label`), noise from stream `label`/noise. */
export function simulateTargets(cls: MockClassName, count: number, label: string, exptime = 1000): SimTarget[] {
  const noise = makeRng(taskSeed(label, cls, "noise"));
  return drawObjects(cls, count, label).map(({ row, object }) => ({ row, cls, object, spectra: simulateSpectra(row, object, noise, exptime) }));
}
