/**
 * Calibration of extracted frames (desispec's reduction after extraction, docs/sources.md#fiberflat,
 * #sky-subtraction, #stdstars, #fluxcalib): the fiber flat from flat-lamp frames, the sky model of
 * each science frame, standard-star fits, the flux calibration and calibrated frames with their
 * scores. Calibration reads frames, fiber flats, skies and the stdlib's model libraries, never a
 * simulation's truth (test/calib/importGraph.test.ts). The only public door of `stdlib/calib`; a
 * plain export list.
 */
export { FIBERFLAT_DEFAULTS, combineFlats, computeFiberflat, fiberflat } from "./fiberflat.js";
export type { FiberflatOptions, FiberflatResult, FlatData } from "./fiberflat.js";
export { applyFiberflat, subtractSky } from "./applyFiberflat.js";
export type { Spectra } from "./applyFiberflat.js";
export { SKY_BAD_STATUS, SKY_DEFAULTS, computeSky, flatFielded, sky, skyFibersOf } from "./sky.js";
export type { SkyData, SkyOptions, SkyResult } from "./sky.js";
export { stdstars } from "./stdstars.js";
export { fluxcal } from "./fluxcal.js";
export { calibrate } from "./calibrate.js";
export { TRACERS, efftimeOf, snr2timeOf } from "./tsnr.js";
export type { Tracer } from "./tsnr.js";
