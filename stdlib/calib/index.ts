/**
 * Calibration of extracted frames (desispec's reduction after extraction, docs/sources.md#fiberflat,
 * #sky-subtraction): the fiber flat from flat-lamp frames and the sky model of each science
 * frame. The only public door of `stdlib/calib`; a plain export list.
 */
export { FIBERFLAT_DEFAULTS, combineFlats, computeFiberflat, fiberflat } from "./fiberflat.js";
export type { FiberflatOptions, FiberflatResult, FlatData } from "./fiberflat.js";
export { applyFiberflat, subtractSky } from "./applyFiberflat.js";
export type { Spectra } from "./applyFiberflat.js";
export { SKY_BAD_STATUS, SKY_DEFAULTS, computeSky, flatFielded, sky, skyFibersOf } from "./sky.js";
export type { SkyData, SkyOptions, SkyResult } from "./sky.js";
