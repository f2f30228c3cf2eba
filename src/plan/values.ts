/** Plan-time values and constant evaluation; they live with the bound expressions they evaluate. */
export { binary, evalConst, looseEq, type Value } from "../bound/index.js";
