import { describe, expect, test } from "vitest";
import { ang2pix } from "../../stdlib/healpix/index.js";
import { observedPixels, pixelExposures, schedule, simulate, type ExampleExposures } from "../../stdlib/example/index.js";
import { handle, taskCtx } from "./helpers.js";

const PARAMS = { nnight: 2, nexp: 3, ntile: 4, nfiber: 60, firstNight: 20210301, ra: 35, dec: -4.5, patch: 1.5, radius: 0.8, exptime: 1000 };

/** (pixel, EXPID) for every fiber of every science frame `simulate` writes, with ang2pix on TARGET_RA/DEC. */
async function simulatedPixels(exposures: ExampleExposures, nside: number): Promise<Set<string>> {
  const out = new Set<string>();
  for (let row = 0; row < exposures.EXPID.length; row++) {
    if (exposures.FLAVOR[row] !== "science") continue;
    const expid = exposures.EXPID[row] ?? 0;
    const { frame } = await simulate({ exposures: handle(exposures) }, { step: 100 }, taskCtx(1, "simulate", { exposure: expid, camera: "b" }));
    const fm = frame.FIBERMAP;
    for (let f = 0; f < fm.FIBER.length; f++) {
      const theta = Math.PI / 2 - ((fm.TARGET_DEC[f] ?? 0) * Math.PI) / 180;
      const phi = ((fm.TARGET_RA[f] ?? 0) * Math.PI) / 180;
      out.add(`${ang2pix(nside, theta, phi, true)},${expid}`);
    }
  }
  return out;
}

describe("example.observedPixels and example.pixelExposures", () => {
  const { exposures } = schedule({}, PARAMS, taskCtx(3, "schedule"));

  test.each([16, 64, 256])("at nside %d the grid is the set of ang2pix of the simulated targets", async (nside) => {
    const expected = [...new Set([...(await simulatedPixels(exposures, nside))].map((s) => Number(s.split(",")[0])))].sort((a, b) => a - b);
    const { keys } = await observedPixels({ exposures: handle(exposures) }, { nside }, taskCtx(1, "grid"));
    expect(keys).toEqual(expected);
    expect(keys.length).toBeGreaterThan(nside === 16 ? 0 : 3);
  });

  test.each([16, 64, 256])("at nside %d the relation pairs each pixel with exactly the exposures that put a target in it", async (nside) => {
    const expected = await simulatedPixels(exposures, nside);
    const { pairs } = await pixelExposures({ exposures: handle(exposures) }, { nside }, taskCtx(1, "relation"));
    expect(new Set(pairs.map((p) => p.join(",")))).toEqual(expected);
    expect(pairs.length).toBe(expected.size);
    // Ordered by pixel, then EXPID; its pixels are the grid's keys; no flat appears.
    const sorted = [...pairs].sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]));
    expect(pairs).toEqual(sorted);
    const { keys } = await observedPixels({ exposures: handle(exposures) }, { nside }, taskCtx(1, "grid"));
    expect([...new Set(pairs.map((p) => p[0]))]).toEqual(keys);
    const flats = new Set([...exposures.EXPID].filter((_, r) => exposures.FLAVOR[r] === "flat"));
    expect(pairs.some((p) => flats.has(Number(p[1])))).toBe(false);
  });

  test("an nside that is not a power of two is refused", async () => {
    await expect(observedPixels({ exposures: handle(exposures) }, { nside: 48 }, taskCtx(1, "grid"))).rejects.toThrow(/power of two/);
    await expect(pixelExposures({ exposures: handle(exposures) }, { nside: 0 }, taskCtx(1, "relation"))).rejects.toThrow(/power of two/);
  });
});
