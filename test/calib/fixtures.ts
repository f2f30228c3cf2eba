/**
 * Frames for the calibration tests, made by the simulator (stdlib/sim fastframe) from SimSpecs
 * built here: flat-lamp frames and science frames whose fibers are sky fibers or point sources
 * flat in f_ν. The tests compare what calibration recovers with the simulator's truth
 * (stdlib/instrument), which calibration itself never imports.
 */
import { fiberflat } from "../../stdlib/calib/index.js";
import type { FiberFlat } from "../../stdlib/datamodel/FiberFlat.js";
import type { Frame } from "../../stdlib/datamodel/Frame.js";
import type { SimSpec } from "../../stdlib/datamodel/SimSpec.js";
import { lampSpectrum } from "../../stdlib/instrument/index.js";
import { fastframe } from "../../stdlib/sim/fastframe.js";
import { handle, taskCtx } from "../example/helpers.js";
import { type ExposureSpec, type FiberKind, exposureList, flatFnu, simspecOf } from "../sim/fixtures.js";

export const NIGHT = 20250102;
export const SCIENCE: ExposureSpec = { EXPID: 21, NIGHT, TILEID: 1234, EXPTIME: 1000, AIRMASS: 1.1, SEEING: 1.1, TRANSP: 1, MJD: 60677.25 };
export const FLAT: ExposureSpec = { EXPID: 20, NIGHT, FLAVOR: "flat", EXPTIME: 120 };
export const EXPOSURES = exposureList([SCIENCE, FLAT]);

/** Fibers per test frame: one petal. */
export const NFIBER = 500;

/** Every sixth fiber is a sky fiber (84 on the petal, a few with a bad FIBERSTATUS). */
export const kindOf = (fiber: number): FiberKind => (fiber % 6 === 0 ? "SKY" : "TGT");

/** fastframe for one camera of petal 0 of exposure `expid`. */
export async function frameOf(simspec: SimSpec, expid: number, camera: string, seed = 1): Promise<Frame> {
  const key = { exposure: expid, camera, petal: 0 };
  const out = await fastframe({ exposures: handle(EXPOSURES), simspec: handle(simspec) }, { cosmics: 5 }, taskCtx(seed, "fastframe", key));
  return out.frame;
}

/** The flat-lamp frame of one camera. */
export async function flatFrame(camera: string): Promise<Frame> {
  const sim = simspecOf(
    NFIBER,
    () => "TGT",
    (w) => lampSpectrum([w])[0]!,
  );
  return frameOf(sim, FLAT.EXPID, camera);
}

/** The night's fiber flat of one camera, by the `calib.fiberflat` kernel. */
export async function nightFlat(camera: string, flat?: Frame): Promise<FiberFlat> {
  const frame = flat ?? (await flatFrame(camera));
  const key = { night: NIGHT, camera, petal: 0 };
  return (await fiberflat({ flats: [handle(frame, key)] }, { nsig: 10, smoothing: 5, maxiter: 15 }, taskCtx(1, "fiberflat", key))).fiberflat;
}

/** A science frame of one camera: sky fibers per {@link kindOf}, the rest point sources of AB magnitude 21. */
export async function scienceFrame(camera: string, seed = 3): Promise<Frame> {
  const sim = simspecOf(NFIBER, kindOf, (w) => flatFnu(21, w));
  return frameOf(sim, SCIENCE.EXPID, camera, seed);
}
