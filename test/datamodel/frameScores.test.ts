/**
 * A frame's SCORES are desispec's extraction scores (specscore.compute_frame_scores, suffix RAW):
 * recomputed here from FLUX and IVAR with the definitions written out, and written with only the
 * three columns of the frame's band (the optional columns of the other bands left out), which the
 * reader and astropy find as such.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { openProduct, writeProduct } from "../../src/runtime/codecs/index.js";
import type { Frame } from "../../stdlib/datamodel/Frame.js";
import { fastframe } from "../../stdlib/sim/fastframe.js";
import { handle, taskCtx } from "../example/helpers.js";
import { productType } from "../runtime/codecs/productTypes.js";
import { exposureList, flatFnu, simspecOf } from "../sim/fixtures.js";

const EXPOSURES = exposureList([{ EXPID: 31, EXPTIME: 1000 }]);
const SIMSPEC = simspecOf(
  500,
  (f) => (f % 10 === 0 ? "SKY" : "TGT"),
  (w) => flatFnu(20, w),
);
const dir = mkdtempSync(join(tmpdir(), "dflow-frame-scores-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function frameOf(camera: string): Promise<Frame> {
  const key = { exposure: 31, camera, petal: 0 };
  return (await fastframe({ exposures: handle(EXPOSURES), simspec: handle(SIMSPEC) }, { cosmics: 5 }, taskCtx(2, "fastframe", key))).frame;
}

/** The middle value, or the mean of the two middle values. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

describe("frame SCORES", () => {
  for (const [camera, lo, hi] of [
    ["b", 4000, 5800],
    ["r", 5800, 7600],
    ["z", 7600, 9800],
  ] as const) {
    test(`${camera}: SUM_RAW_COUNT, MEDIAN_RAW_COUNT and MEDIAN_RAW_SNR over ${lo}–${hi} Å, and only the ${camera} columns, in memory and in the file.`, async () => {
      const frame = await frameOf(camera);
      const wave = frame.WAVELENGTH.data;
      const nwave = wave.length;
      const pixels = Array.from({ length: nwave }, (_, i) => i).filter((i) => wave[i]! >= lo && wave[i]! < hi);
      // The grid is 0.8 Å wide everywhere (to rounding), so Δλ is taken from its neighbours.
      const dw = (i: number): number => (i === 0 ? wave[1]! - wave[0]! : i === nwave - 1 ? wave[i]! - wave[i - 1]! : (wave[i + 1]! - wave[i - 1]!) / 2);
      const B = camera.toUpperCase();
      const scores = frame.SCORES as Record<string, Float64Array>;
      expect(Object.keys(scores).sort()).toEqual([`MEDIAN_RAW_COUNT_${B}`, `MEDIAN_RAW_SNR_${B}`, `SUM_RAW_COUNT_${B}`]);
      for (let f = 0; f < 500; f += 37) {
        const flux = pixels.map((i) => frame.FLUX.data[f * nwave + i]!);
        const sum = flux.reduce((s, x) => s + x, 0);
        const count = median(pixels.map((i, k) => flux[k]! / dw(i)));
        const snr = median(pixels.map((i, k) => (Math.sqrt(Math.max(0, frame.IVAR.data[f * nwave + i]!)) * flux[k]!) / Math.sqrt(dw(i))));
        expect(scores[`SUM_RAW_COUNT_${B}`]![f]).toBeCloseTo(sum, 6);
        expect(scores[`MEDIAN_RAW_COUNT_${B}`]![f]).toBeCloseTo(count, 9);
        expect(scores[`MEDIAN_RAW_SNR_${B}`]![f]).toBeCloseTo(snr, 9);
      }
      // A 20th-magnitude source has S/N well above a sky fiber's zero.
      expect(scores[`MEDIAN_RAW_SNR_${B}`]![1]!).toBeGreaterThan(1);

      const path = join(dir, `frame-${camera}0.fits`);
      const t = await productType("Frame");
      writeProduct(t, frame, path);
      const back = (await openProduct<Frame>(t, path).read()).SCORES as Record<string, Float64Array>;
      expect(Object.keys(back).sort()).toEqual(Object.keys(scores).sort());
      expect(Array.from(back[`MEDIAN_RAW_SNR_${B}`]!)).toEqual(Array.from(scores[`MEDIAN_RAW_SNR_${B}`]!));
      if (existsSync("/usr/bin/python3")) {
        const script =
          "import sys\nfrom astropy.io import fits\nh = fits.open(sys.argv[1])\nprint(','.join(h['SCORES'].columns.names), h['SCORES'].header['NAXIS2'], h[0].header['OBSTYPE'], h[0].header['FAPRGRM'])";
        let out: string | undefined;
        try {
          out = execFileSync("/usr/bin/python3", ["-c", script, path], { encoding: "utf8" }).trim();
        } catch {
          out = undefined; // no astropy on this machine: the reader's view above is the check
        }
        if (out !== undefined) expect(out).toBe(`SUM_RAW_COUNT_${B},MEDIAN_RAW_COUNT_${B},MEDIAN_RAW_SNR_${B} 500 SCIENCE dark`);
      }
    });
  }
});
