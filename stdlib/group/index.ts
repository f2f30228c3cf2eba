/**
 * Regrouping by healpix (desispec's pixgroup, docs/sources.md#healpix): the pixel map of the tiles'
 * petals, the relation pixel → (exposure, petal) it implies, and one spectra file per nested
 * nside-64 pixel and program from every exposure's cframes, reading only the rows a pixel needs.
 * Then the coadd of each pixel's spectra, per target and band.
 * The only public door of `stdlib/group`; a plain export list.
 */

// Kernels.
export { coadd } from "./coadd.js";
export { observedBy } from "./observedBy.js";
export { petalPixels } from "./petalPixels.js";
export { spectra } from "./spectra.js";

// Products.
export type { TilePixels } from "./TilePixels.js";
