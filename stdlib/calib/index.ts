/**
 * Calibration of extracted frames (desispec's reduction after extraction, docs/sources.md#fiberflat,
 * #sky-subtraction): the fiber flat from flat-lamp frames and the sky model of each science
 * frame. The only public door of `stdlib/calib`; a plain export list.
 */
export { FIBERFLAT_DEFAULTS, combineFlats, computeFiberflat, fiberflat } from "./fiberflat.js";
export type { FiberflatOptions, FiberflatResult, FlatData } from "./fiberflat.js";
