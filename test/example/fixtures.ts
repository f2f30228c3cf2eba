/** Small hand-made inputs for the example kernels' tests. */
import type { ExampleExposures } from "../../stdlib/example/index.js";

/**
 * An exposures table written by hand (not by `schedule`): one flat (EXPID 1, 120 s), one
 * science exposure of tile 3 (EXPID 2, 900 s) at RA 10, Dec -5, with 10 fibers in a 0.5° field.
 */
export function handMadeExposures(nfiber = 10): ExampleExposures {
  return {
    meta: { SIMSEED: 42, NFIBER: nfiber, RADIUS: 0.5 },
    EXPID: Int32Array.from([1, 2]),
    NIGHT: Int32Array.from([20210101, 20210101]),
    TILEID: Int32Array.from([-1, 3]),
    FLAVOR: ["flat", "science"],
    EXPTIME: Float32Array.from([120, 900]),
    RA: Float64Array.from([0, 10]),
    DEC: Float64Array.from([0, -5]),
  };
}
