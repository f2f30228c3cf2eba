/**
 * The survey simulator: a reduced DESI-like tiling and a seeded observing schedule at Kitt Peak
 * with real Sun and Moon circumstances, Krisciunas & Schaefer moonlight and desispec's effective
 * time (docs/sources.md#observing, #moon, #efftime; Schlafly et al. 2023, arXiv:2306.06309). Only the kernel is exported; the astronomy lives in its
 * own files.
 */
export { surveysim } from "./surveysim.js";
