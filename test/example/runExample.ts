/**
 * Runs the example pipeline in memory, task by task as pipelines/example.dflow declares it, with
 * contexts derived from the seed, the stage and the partition key. Tests use it to check the
 * kernels together (and that the order tasks run in does not matter).
 */
import { BANDS } from "../../stdlib/instrument/index.js";
import {
  calibrate,
  fiberflat,
  observedPixels,
  pixelExposures,
  schedule,
  simulate,
  stack,
  summarize,
  type ExampleCFrame,
  type ExampleExposures,
  type ExampleFlat,
  type ExampleFrame,
  type ExampleSpectra,
  type ExampleSummary,
} from "../../stdlib/example/index.js";
import { handle, taskCtx } from "./helpers.js";

/** The params of a run (the `mini` profile by default). */
export interface ExampleParams {
  readonly seed: number;
  readonly nside: number;
  readonly nnight: number;
  readonly nexp: number;
  readonly ntile: number;
  readonly nfiber: number;
  readonly step: number;
}

/** The `mini` profile with seed 1. */
export const MINI: ExampleParams = { seed: 1, nside: 64, nnight: 2, nexp: 2, ntile: 2, nfiber: 20, step: 10 };

/** Every product of a run, by partition. */
export interface ExampleRun {
  readonly exposures: ExampleExposures;
  /** `${expid}/${camera}` → frame. */
  readonly frames: Map<string, ExampleFrame>;
  /** `${night}/${camera}` → fiber flat. */
  readonly fiberflats: Map<string, ExampleFlat>;
  /** `${expid}/${camera}` → cframe (science exposures only). */
  readonly cframes: Map<string, ExampleCFrame>;
  readonly pixels: readonly number[];
  readonly pairs: readonly (readonly [number, number])[];
  /** pixel → spectra. */
  readonly spectra: Map<number, ExampleSpectra>;
  readonly summary: ExampleSummary;
}

/** Runs every task; `reverse` runs the tasks of each stage in reverse order and gathers in reverse. */
export async function runExample(p: ExampleParams = MINI, reverse = false): Promise<ExampleRun> {
  const order = <T>(xs: readonly T[]): T[] => (reverse ? [...xs].reverse() : [...xs]);
  const { exposures } = schedule(
    {},
    { nnight: p.nnight, nexp: p.nexp, ntile: p.ntile, nfiber: p.nfiber, firstNight: 20201214, ra: 150.1, dec: 2.2, patch: 1, radius: 0.8, exptime: 1000 },
    taskCtx(p.seed, "schedule"),
  );
  const exph = handle(exposures);
  const rows = Array.from(exposures.EXPID.keys());

  const frames = new Map<string, ExampleFrame>();
  for (const row of order(rows)) {
    for (const c of order(BANDS)) {
      const key = { exposure: exposures.EXPID[row] ?? 0, camera: c };
      const { frame } = await simulate({ exposures: exph }, { step: p.step }, taskCtx(p.seed, "simulate", key));
      frames.set(`${key.exposure}/${c}`, frame);
    }
  }

  const nights = [...new Set(exposures.NIGHT)].sort((a, b) => a - b);
  const fiberflats = new Map<string, ExampleFlat>();
  for (const n of order(nights)) {
    for (const c of order(BANDS)) {
      const flats = rows.filter((r) => exposures.NIGHT[r] === n && exposures.FLAVOR[r] === "flat");
      const hs = order(flats).map((r) =>
        handle(frames.get(`${exposures.EXPID[r] ?? 0}/${c}`) as ExampleFrame, { exposure: exposures.EXPID[r] ?? 0, camera: c }),
      );
      const { fiberflat: ff } = await fiberflat({ flats: hs }, { nsig: 10 }, taskCtx(p.seed, "fiberflat", { night: n, camera: c }));
      fiberflats.set(`${n}/${c}`, ff);
    }
  }

  const cframes = new Map<string, ExampleCFrame>();
  for (const row of order(rows)) {
    if (exposures.FLAVOR[row] !== "science") continue;
    for (const c of order(BANDS)) {
      const expid = exposures.EXPID[row] ?? 0;
      const key = { exposure: expid, camera: c };
      const frame = handle(frames.get(`${expid}/${c}`) as ExampleFrame, key);
      const ff = handle(fiberflats.get(`${exposures.NIGHT[row] ?? 0}/${c}`) as ExampleFlat);
      const { cframe } = await calibrate({ frame, fiberflat: ff }, {}, taskCtx(p.seed, "calibrate", key));
      cframes.set(`${expid}/${c}`, cframe);
    }
  }

  const { keys } = await observedPixels({ exposures: exph }, { nside: p.nside }, taskCtx(p.seed, "grid:healpix"));
  const pixels = keys.map(Number);
  const { pairs: rawPairs } = await pixelExposures({ exposures: exph }, { nside: p.nside }, taskCtx(p.seed, "relation:observes"));
  const pairs = rawPairs.map((pr) => [Number(pr[0]), Number(pr[1])] as const);

  const spectra = new Map<number, ExampleSpectra>();
  for (const h of order(pixels)) {
    const exps = pairs.filter(([px]) => px === h).map(([, e]) => e);
    const hs = order(exps).flatMap((e) => order(BANDS).map((c) => handle(cframes.get(`${e}/${c}`) as ExampleCFrame, { exposure: e, camera: c })));
    const { spectra: s } = await stack({ cframes: hs }, { nside: p.nside }, taskCtx(p.seed, "stack", { healpix: h }));
    spectra.set(h, s);
  }

  const { summary } = await summarize(
    { spectra: order(pixels).map((h) => handle(spectra.get(h) as ExampleSpectra, { healpix: h })) },
    {},
    taskCtx(p.seed, "summarize"),
  );
  return { exposures, frames, fiberflats, cframes, pixels, pairs, spectra, summary };
}
