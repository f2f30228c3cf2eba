/** Numerical helpers the kernels share. */
export { erf, gaussianFraction } from "./erf.js";
export { fmix32 } from "./fmix32.js";
export { median } from "./median.js";
export { selectKth } from "./select.js";
