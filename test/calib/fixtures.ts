/**
 * Frames for the calibration tests, made by the simulator (stdlib/sim fastframe) from SimSpecs
 * built here: flat-lamp frames and science frames whose fibers are sky fibers, targets of a
 * reference spectrum, or empty. The tests compare what calibration recovers with the
 * simulator's truth (stdlib/instrument), which calibration itself never imports.
 */
import type { Frame } from "../../stdlib/datamodel/Frame.js";
import type { SimSpec } from "../../stdlib/datamodel/SimSpec.js";
import { lampSpectrum } from "../../stdlib/instrument/index.js";
import { fastframe } from "../../stdlib/sim/fastframe.js";
import { handle, taskCtx } from "../example/helpers.js";
import { type ExposureSpec, type FiberKind, exposureList, simspecOf } from "../sim/fixtures.js";

export const SCIENCE: ExposureSpec = { EXPID: 21, NIGHT: 20250102, TILEID: 1234, EXPTIME: 1000, AIRMASS: 1.1, SEEING: 1.1, TRANSP: 1, MJD: 60677.25 };
export const FLATS: readonly ExposureSpec[] = [20, 19, 18].map((EXPID) => ({ EXPID, NIGHT: 20250102, FLAVOR: "flat", EXPTIME: 120 }));
export const EXPOSURES = exposureList([SCIENCE, ...FLATS]);

/** A flat-lamp SimSpec of `n` fibers from fiber 0. */
export function flatSimspec(n: number): SimSpec {
  return simspecOf(
    n,
    () => "TGT",
    (w) => lampSpectrum([w])[0]!,
  );
}

/** A science SimSpec of `n` fibers whose kinds are `kind(fiber)` and whose targets hold `source`. */
export function scienceSimspec(n: number, kind: (fiber: number) => FiberKind, source: (wave: number) => number): SimSpec {
  return simspecOf(n, kind, source);
}

/** fastframe for one camera of petal 0 of exposure `expid`. */
export async function frameOf(simspec: SimSpec, expid: number, camera: string, seed = 1, cosmics = 5): Promise<Frame> {
  const key = { exposure: expid, camera, petal: 0 };
  const out = await fastframe({ exposures: handle(EXPOSURES), simspec: handle(simspec) }, { cosmics }, taskCtx(seed, "fastframe", key));
  return out.frame;
}
