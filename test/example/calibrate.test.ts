import { describe, expect, test } from "vitest";
import { image } from "../../stdlib/datamodel/values.js";
import { calibrate, type ExampleFlat, type ExampleFrame } from "../../stdlib/example/index.js";
import { pointSourceAcceptance, throughput, waveGrid } from "../../stdlib/instrument/index.js";
import { handle, taskCtx, testRng } from "./helpers.js";

const NFIBER = 50;
const WAVE = waveGrid("r", 10);
const NW = WAVE.length;
const EXPTIME = 1000;
const HC = 6.62607015e-34 * 1e7 * 299792458 * 1e10;
/** Electrons per Å per 1e-17 erg/(s cm² Å), written out: area, time, throughput, acceptance in 1.1″ seeing, λ/hc. */
const CALIB = Float64Array.from(WAVE, (w) => (8.659e4 * EXPTIME * throughput("r", w) * pointSourceAcceptance(1.1) * w * 1e-17) / HC);
const isSky = (f: number): boolean => f % 5 === 4;

/** The true source flux of fiber f, in 1e-17 erg/(s cm² Å); 0 on sky fibers. */
const source = (f: number, i: number): number => (isSky(f) ? 0 : (0.5 + 0.05 * f) * (1 + 0.3 * Math.sin((WAVE[i] ?? 0) / 150)));
/** Sky electrons per Å, with an emission line. */
const sky = (i: number): number => 150 + 800 * Math.exp(-((((WAVE[i] ?? 0) - 6302) / 8) ** 2));
/** Relative fiber throughput. */
const thru = (f: number, i: number): number => (1 + 0.04 * Math.sin(f)) * (1 + 0.02 * Math.cos(f) * (i / NW - 0.5));

interface Noise {
  readonly frame: number;
  readonly flat: number;
}

/** A frame made from the known fluxes, with Gaussian noise of `noise.frame` × its Poisson σ; and its flat, with fractional noise `noise.flat`. */
function make(noise: Noise, seed = 1, objtype: (f: number) => string = (f) => (isSky(f) ? "SKY" : "TGT")): { frame: ExampleFrame; flat: ExampleFlat } {
  const rng = testRng(seed);
  const flux = new Float32Array(NFIBER * NW);
  const ivar = new Float32Array(NFIBER * NW);
  const ff = new Float32Array(NFIBER * NW);
  const ffIvar = new Float32Array(NFIBER * NW);
  for (let f = 0; f < NFIBER; f++) {
    for (let i = 0; i < NW; i++) {
      const k = f * NW + i;
      const e = (source(f, i) * (CALIB[i] ?? 0) + sky(i)) * thru(f, i);
      flux[k] = e + noise.frame * Math.sqrt(e) * rng.normal();
      ivar[k] = 1 / e;
      const sf = noise.flat > 0 ? noise.flat : 1e-6;
      ff[k] = thru(f, i) * (1 + noise.flat * rng.normal());
      ffIvar[k] = 1 / (thru(f, i) * sf) ** 2;
    }
  }
  const frame: ExampleFrame = {
    header: { NIGHT: 20210101, EXPID: 5, TILEID: 0, CAMERA: "r", FLAVOR: "science", EXPTIME },
    FLUX: image(flux, [NFIBER, NW]),
    IVAR: image(ivar, [NFIBER, NW]),
    WAVELENGTH: image(Float64Array.from(WAVE), [NW]),
    FIBERMAP: {
      TARGETID: BigInt64Array.from({ length: NFIBER }, (_, f) => 2n ** 58n + BigInt(f)),
      FIBER: Int32Array.from({ length: NFIBER }, (_, f) => f),
      TARGET_RA: new Float64Array(NFIBER).fill(10),
      TARGET_DEC: new Float64Array(NFIBER).fill(-5),
      FIBERSTATUS: new Int32Array(NFIBER),
      OBJTYPE: Array.from({ length: NFIBER }, (_, f) => objtype(f)),
    },
  };
  const flat: ExampleFlat = {
    header: { NIGHT: 20210101, CAMERA: "r", NFLAT: 1 },
    FIBERFLAT: image(ff, [NFIBER, NW]),
    IVAR: image(ffIvar, [NFIBER, NW]),
    MEANSPEC: image(new Float32Array(NW).fill(1), [NW]),
    WAVELENGTH: image(Float64Array.from(WAVE), [NW]),
  };
  return { frame, flat };
}

async function run(frame: ExampleFrame, flat: ExampleFlat, logs: string[] = []) {
  return (await calibrate({ frame: handle(frame), fiberflat: handle(flat) }, {}, taskCtx(1, "calibrate", { exposure: 5, camera: "r" }, logs))).cframe;
}

describe("example.calibrate", () => {
  test("a noiseless frame made from known fluxes calibrates back to them, sky fibers to zero", async () => {
    const { frame, flat } = make({ frame: 0, flat: 0 });
    const cframe = await run(frame, flat);
    expect(cframe.FLUX.shape).toEqual([NFIBER, NW]);
    let worst = 0;
    for (let f = 0; f < NFIBER; f++) for (let i = 0; i < NW; i++) worst = Math.max(worst, Math.abs((cframe.FLUX.data[f * NW + i] ?? 0) - source(f, i)));
    // float32 rounding of ~10^4 electrons, divided by a calibration of ~60: a few 1e-4.
    expect(worst).toBeLessThan(2e-3);
    expect(cframe.FIBERMAP).toBe(frame.FIBERMAP);
    expect(cframe.header).toEqual(frame.header);
    expect(cframe.WAVELENGTH.data).toEqual(WAVE);
  });

  test("with noise in the frame and the flat, the propagated IVAR gives unit-normal pulls", async () => {
    const { frame, flat } = make({ frame: 1, flat: 0.01 }, 7);
    const cframe = await run(frame, flat);
    let s = 0;
    let s2 = 0;
    let n = 0;
    let zero = 0;
    for (let f = 0; f < NFIBER; f++) {
      if (isSky(f)) continue;
      for (let i = 0; i < NW; i++) {
        const k = f * NW + i;
        const w = cframe.IVAR.data[k] ?? 0;
        if (w <= 0) zero++;
        const p = ((cframe.FLUX.data[k] ?? 0) - source(f, i)) * Math.sqrt(w);
        s += p;
        s2 += p * p;
        n++;
      }
    }
    const mean = s / n;
    const sd = Math.sqrt(s2 / n - mean * mean);
    expect(zero).toBe(0);
    // The sky estimate's error is common to all fibers at a wavelength, so the mean pull scatters more than 1/sqrt(n).
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(sd).toBeGreaterThan(0.95);
    expect(sd).toBeLessThan(1.05);
  });

  test("without sky fibers the sky is the median of all fibers", async () => {
    // Every fiber sees only sky: the median over all of them is the sky itself.
    const { frame, flat } = make({ frame: 0, flat: 0 }, 1, () => "TGT");
    const skyOnly = {
      ...frame,
      FLUX: image(
        Float32Array.from(frame.FLUX.data, (_, k) => sky(k % NW) * thru(Math.floor(k / NW), k % NW)),
        [NFIBER, NW],
      ),
    };
    const logs: string[] = [];
    const cframe = await run(skyOnly, flat, logs);
    expect(Math.max(...cframe.FLUX.data.map(Math.abs))).toBeLessThan(1e-3);
    expect(logs.join("\n")).toMatch(/no good sky fiber/);
  });

  test("pixels where the flat is 0 or unknown get IVAR 0", async () => {
    const { frame, flat } = make({ frame: 0, flat: 0 });
    flat.FIBERFLAT.data[3 * NW + 10] = 0;
    flat.IVAR.data[3 * NW + 11] = 0;
    const cframe = await run(frame, flat);
    expect([cframe.IVAR.data[3 * NW + 10], cframe.IVAR.data[3 * NW + 11], cframe.FLUX.data[3 * NW + 10]]).toEqual([0, 0, 0]);
    expect(cframe.IVAR.data[3 * NW + 12]).toBeGreaterThan(0);
  });

  test("a flat of another size or grid is refused", async () => {
    const { frame, flat } = make({ frame: 0, flat: 0 });
    const shifted = {
      ...flat,
      WAVELENGTH: image(
        Float64Array.from(WAVE, (w) => w + 0.8),
        [NW],
      ),
    };
    await expect(run(frame, shifted)).rejects.toThrow(/different wavelength grids/);
  });
});
