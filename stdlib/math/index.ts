/** Numerical helpers the kernels share. */
export { erf, gaussianFraction } from "./erf.js";
