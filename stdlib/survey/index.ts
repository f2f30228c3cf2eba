/**
 * The survey simulator: a reduced DESI-like tiling and a seeded observing schedule at Kitt Peak
 * with real Sun and Moon circumstances, Krisciunas & Schaefer moonlight and desispec's effective
 * time (desi.md §1.3, §1.4, §3.1, §13). Only the kernel is exported; the astronomy lives in its
 * own files.
 */
export { surveysim } from "./surveysim.js";
