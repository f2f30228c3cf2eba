import { image } from "../datamodel/values.js";
import {
  FIBER_SOLID_ANGLE_ARCSEC2,
  PIXEL_ANGSTROM,
  darkSky,
  effectiveReadNoise,
  fiberResponse,
  lampSpectrum,
  photonsPerFluxUnit,
  pointSourceAcceptance,
  throughput,
  waveGrid,
} from "../instrument/index.js";
import type { Handle, KernelContext, int } from "../kernel.js";
import type { ExampleExposures } from "./ExampleExposures.js";
import type { ExampleFibermapTable } from "./ExampleFibermapTable.js";
import type { ExampleFrame } from "./ExampleFrame.js";
import { exposureTargets } from "./exposureTargets.js";
import { EXAMPLE_SEEING_ARCSEC, fluxCalibration } from "./fluxCalibration.js";
import { integerKeyOf, keyOf } from "../kernelKey.js";
import { simulationMeta } from "./simulationMeta.js";
import { sourceSpectrum } from "./sourceSpectrum.js";

/**
 * Simulates the frame of one exposure and camera, found through the partition key
 * (`ctx.key.exposure`, an EXPID of `exposures`, and `ctx.key.camera`, b, r or z), as specsim and
 * quickgen do (docs/sources.md#specsim), with the instrument model of `stdlib/instrument`: the expected
 * electrons per pixel are the fiber's source flux (a TGT's continuum and [OII] line, none on a
 * SKY fiber) times the point-source calibration (1.1″ seeing), plus the dark sky at airmass 1
 * through the fiber's solid angle, times the fiber's fixed relative throughput (the instrument's
 * `fiberResponse` of fibers 0…NFIBER−1); on a flat, the flat-field lamp through the collecting
 * area and the camera and fiber throughputs. Counts are Poisson draws plus Gaussian read noise
 * (the instrument's effective read noise per 0.8 Å pixel), all from `ctx.rng`; IVAR is the
 * inverse of the expected variance (electrons plus read noise²), in electron/Å units. The
 * wavelength grid is the camera's DESI grid with `step` 0.8 Å pixels per pixel.
 */
export async function simulate(
  inputs: { readonly exposures: Handle<ExampleExposures> },
  params: {
    /**
     * DESI pixels (0.8 Å) per simulated pixel: 1 gives DESI's grids, larger values smaller frames.
     * @default 10
     */
    readonly step: int;
  },
  ctx: KernelContext,
): Promise<{ frame: ExampleFrame }> {
  const expid = integerKeyOf(ctx.key, "exposure", "example.simulate");
  const camera = String(keyOf(ctx.key, "camera", "example.simulate"));
  const exposures = await inputs.exposures.read();
  const row = exposures.EXPID.indexOf(expid);
  if (row < 0) throw new Error(`example.simulate: exposure ${expid} is not in ${inputs.exposures.path}`);
  const { nfiber } = simulationMeta(exposures.meta);
  const flavor = exposures.FLAVOR[row] ?? "";
  const exptime = exposures.EXPTIME[row] ?? 0;
  const tileid = exposures.TILEID[row] ?? -1;

  const wave = waveGrid(camera, params.step);
  const nwave = wave.length;
  const dw = PIXEL_ANGSTROM * params.step;
  const response = new Float64Array(nfiber * nwave);
  for (let f = 0; f < nfiber; f++) response.set(fiberResponse(camera, f, nwave), f * nwave);
  // Each pixel sums `step` 0.8 Å pixels, and their read noise.
  const readVar = effectiveReadNoise(camera) ** 2 * params.step;

  // Expected electrons per Å before the fiber's own throughput, per fiber.
  const expected: Float64Array[] = [];
  const targetid = new BigInt64Array(nfiber);
  const targetRa = new Float64Array(nfiber);
  const targetDec = new Float64Array(nfiber);
  const objtype: string[] = [];
  if (flavor === "flat") {
    // The lamp's photons through the telescope's area and the camera: electrons per Å.
    const lamp = lampSpectrum(wave);
    const perFiber = Float64Array.from(lamp, (l, i) => l * photonsPerFluxUnit(wave[i] ?? 0, 1) * exptime * throughput(camera, wave[i] ?? 0));
    for (let f = 0; f < nfiber; f++) {
      expected.push(perFiber);
      targetid[f] = -1n;
      objtype.push("NON");
    }
  } else if (flavor === "science") {
    const calib = fluxCalibration(camera, wave, exptime);
    // The calibration vector holds the point-source acceptance, which the sky does not have.
    const acceptance = pointSourceAcceptance(EXAMPLE_SEEING_ARCSEC);
    const sky = darkSky(wave, dw);
    const skyElectrons = Float64Array.from(sky, (s, i) => (s * FIBER_SOLID_ANGLE_ARCSEC2 * (calib[i] ?? 0)) / acceptance);
    for (const t of exposureTargets(exposures, row)) {
      const src = sourceSpectrum(t, wave, dw);
      expected.push(Float64Array.from(src, (s, i) => s * (calib[i] ?? 0) + (skyElectrons[i] ?? 0)));
      targetid[t.fiber] = t.targetid;
      targetRa[t.fiber] = t.ra;
      targetDec[t.fiber] = t.dec;
      objtype.push(t.objtype);
    }
  } else {
    throw new Error(`example.simulate: exposure ${expid} has FLAVOR \`${flavor}\`, not science or flat`);
  }

  const flux = new Float32Array(nfiber * nwave);
  const ivar = new Float32Array(nfiber * nwave);
  for (let f = 0; f < nfiber; f++) {
    const e = expected[f] ?? new Float64Array(nwave);
    for (let i = 0; i < nwave; i++) {
      const k = f * nwave + i;
      const mean = (e[i] ?? 0) * (response[k] ?? 0) * dw;
      const counts = ctx.rng.poisson(mean) + Math.sqrt(readVar) * ctx.rng.normal();
      flux[k] = counts / dw;
      ivar[k] = (dw * dw) / (mean + readVar);
    }
  }
  const fibermap: ExampleFibermapTable = {
    TARGETID: targetid,
    FIBER: Int32Array.from({ length: nfiber }, (_, f) => f),
    TARGET_RA: targetRa,
    TARGET_DEC: targetDec,
    FIBERSTATUS: new Int32Array(nfiber),
    OBJTYPE: objtype,
  };
  return {
    frame: {
      header: { NIGHT: exposures.NIGHT[row] ?? 0, EXPID: expid, TILEID: tileid, CAMERA: camera, FLAVOR: flavor, EXPTIME: exptime },
      FLUX: image(flux, [nfiber, nwave]),
      IVAR: image(ivar, [nfiber, nwave]),
      WAVELENGTH: image(wave, [nwave]),
      FIBERMAP: fibermap,
    },
  };
}
