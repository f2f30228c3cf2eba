/** The values the codec tests write: example kernels' real outputs and seeded samples of DESI types. */
import type { ProductTypeInfo } from "../../../src/kernels/index.js";
import type { ExampleExposures, ExampleFrame, ExampleSummary } from "../../../stdlib/example/index.js";
import { schedule, simulate } from "../../../stdlib/example/index.js";
import { handMadeExposures } from "../../example/fixtures.js";
import { handle, taskCtx } from "../../example/helpers.js";
import { productType } from "./productTypes.js";
import { sampleValue } from "./sampleValue.js";

/** A frame as `example.simulate` makes it: 6 fibers, a 40 Å-pixel r grid, science exposure 2. */
export async function exampleFrame(): Promise<ExampleFrame> {
  const { frame } = await simulate({ exposures: handle(handMadeExposures(6)) }, { step: 50 }, taskCtx(7, "simulate", { exposure: 2, camera: "r" }));
  return frame;
}

/** An exposures table as `example.schedule` makes it (integer meta keys as bigint). */
export function exampleExposures(): ExampleExposures {
  const params = { nnight: 2, nexp: 2, ntile: 2, nfiber: 8, firstNight: 20201214, ra: 150.1, dec: 2.2, patch: 1, radius: 0.8, exptime: 1000 };
  return schedule({}, params, taskCtx(3, "schedule")).exposures;
}

/** A summary as `example.summarize` writes it, with a band without data (null). */
export function exampleSummary(): ExampleSummary {
  return {
    nside: 64,
    npixel: 2,
    nspectra: 12,
    ntarget: 9,
    pixels: [
      { pixel: 17, nspectra: 7, ntarget: 5, nexp: 2, medianSnr: { b: 1.25, r: 3.5e-7, z: null } },
      { pixel: 4242, nspectra: 5, ntarget: 4, nexp: 1, medianSnr: { b: 0.1, r: 12, z: 2.75 } },
    ],
  };
}

/** A small DESI `Frame`: 5 fibers × 9 pixels, the fibermap's rows one per fiber. */
export async function desiFrame(seed = 1): Promise<{ t: ProductTypeInfo; value: Record<string, unknown> }> {
  const t = await productType("Frame");
  const value = sampleValue(t, { dims: { fiber: 5, wave: 9 }, rows: 5, seed });
  // DATE-OBS is a FITS date (fitsverify checks its form), not any string.
  return { t, value: { ...value, header: { ...(value["header"] as Record<string, unknown>), "DATE-OBS": "2021-02-12T06:00:00.000" } } };
}

/** A small DESI `Redrock`: 6 targets, EXP_FIBERMAP with 9 rows (exposures of the targets). */
export async function desiRedrock(seed = 2): Promise<{ t: ProductTypeInfo; value: Record<string, unknown> }> {
  const t = await productType("Redrock");
  return { t, value: sampleValue(t, { rows: { REDSHIFTS: 6, FIBERMAP: 6, EXP_FIBERMAP: 9, TSNR2: 6 }, seed }) };
}
