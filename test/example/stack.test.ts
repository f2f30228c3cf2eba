import { beforeAll, describe, expect, test } from "vitest";
import { image } from "../../stdlib/datamodel/values.js";
import { radec2pix } from "../../stdlib/healpix/index.js";
import { stack, type ExampleCFrame } from "../../stdlib/example/index.js";
import { handle, taskCtx } from "./helpers.js";
import { runExample, type ExampleRun } from "./runExample.js";

const PARAMS = { seed: 5, nside: 64, nnight: 2, nexp: 3, ntile: 3, nfiber: 40, step: 20 };

describe("example.stack", () => {
  let run: ExampleRun;
  beforeAll(async () => {
    run = await runExample(PARAMS);
  });

  test("every fiber of every science exposure lands in exactly one pixel", () => {
    const seen = new Map<string, number>();
    for (const s of run.spectra.values()) {
      for (let i = 0; i < s.FIBERMAP.TARGETID.length; i++) {
        const k = `${s.FIBERMAP.EXPID[i] ?? 0}/${s.FIBERMAP.TARGETID[i] ?? 0n}`;
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
    }
    const expected = new Set<string>();
    for (const [key, cf] of run.cframes) {
      if (!key.endsWith("/b")) continue;
      for (const id of cf.FIBERMAP.TARGETID) expected.add(`${String(cf.header["EXPID"])}/${id}`);
    }
    expect(expected.size).toBe(2 * 3 * 40);
    expect(new Set(seen.keys())).toEqual(expected);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(run.spectra.size).toBeGreaterThan(2);
  });

  test("each row is in its pixel, ordered by EXPID then FIBER, and holds its cframes' rows in every band", () => {
    for (const [pixel, s] of run.spectra) {
      expect(s.header).toEqual({ HPXPIXEL: pixel, HPXNSIDE: 64, HPXNEST: true });
      const fm = s.FIBERMAP;
      const n = fm.TARGETID.length;
      for (let i = 0; i < n; i++) {
        expect(radec2pix(64, fm.TARGET_RA[i] ?? 0, fm.TARGET_DEC[i] ?? 0, true)).toBe(pixel);
        if (i > 0) expect((fm.EXPID[i - 1] ?? 0) * 1e5 + (fm.FIBER[i - 1] ?? 0)).toBeLessThan((fm.EXPID[i] ?? 0) * 1e5 + (fm.FIBER[i] ?? 0));
        for (const [band, flux, ivar, wave] of [
          ["b", s.B_FLUX, s.B_IVAR, s.B_WAVELENGTH],
          ["r", s.R_FLUX, s.R_IVAR, s.R_WAVELENGTH],
          ["z", s.Z_FLUX, s.Z_IVAR, s.Z_WAVELENGTH],
        ] as const) {
          const cf = run.cframes.get(`${fm.EXPID[i] ?? 0}/${band}`) as ExampleCFrame;
          const f = fm.FIBER[i] ?? 0;
          const nw = wave.data.length;
          expect(wave.data).toEqual(cf.WAVELENGTH.data);
          expect(flux.data.subarray(i * nw, (i + 1) * nw)).toEqual(cf.FLUX.data.subarray(f * nw, (f + 1) * nw));
          expect(ivar.data.subarray(i * nw, (i + 1) * nw)).toEqual(cf.IVAR.data.subarray(f * nw, (f + 1) * nw));
          expect(cf.FIBERMAP.TARGETID[f]).toBe(fm.TARGETID[i]);
          expect([fm.NIGHT[i], fm.TILEID[i]]).toEqual([cf.header["NIGHT"], cf.header["TILEID"]]);
        }
      }
    }
  });

  test("the gather's order does not change the file", async () => {
    const pixel = run.pixels[0] ?? 0;
    const exps = run.pairs.filter(([p]) => p === pixel).map(([, e]) => e);
    const handles = exps.flatMap((e) => ["b", "r", "z"].map((c) => handle(run.cframes.get(`${e}/${c}`) as ExampleCFrame)));
    const a = (await stack({ cframes: handles }, { nside: 64 }, taskCtx(5, "stack", { healpix: pixel }))).spectra;
    // Rotated and reversed: no handle keeps its place.
    const shuffled = [...handles.slice(2), ...handles.slice(0, 2)].reverse();
    const b = (await stack({ cframes: shuffled }, { nside: 64 }, taskCtx(5, "stack", { healpix: pixel }))).spectra;
    expect(b).toEqual(a);
    expect(a).toEqual(run.spectra.get(pixel));
  });

  test("a band no cframe covers is empty, and a band one exposure lacks is left at IVAR 0", async () => {
    const pixel = run.pixels[0] ?? 0;
    const exps = run.pairs.filter(([p]) => p === pixel).map(([, e]) => e);
    const get = (e: number, c: string): ExampleCFrame => run.cframes.get(`${e}/${c}`) as ExampleCFrame;
    const noZ = (
      await stack({ cframes: exps.flatMap((e) => [handle(get(e, "b")), handle(get(e, "r"))]) }, { nside: 64 }, taskCtx(5, "stack", { healpix: pixel }))
    ).spectra;
    const n = noZ.FIBERMAP.TARGETID.length;
    expect([noZ.Z_WAVELENGTH.shape, noZ.Z_FLUX.shape, noZ.Z_IVAR.shape]).toEqual([[0], [n, 0], [n, 0]]);

    const [first, ...rest] = exps;
    const handles = [handle(get(first ?? 0, "b")), ...rest.flatMap((e) => ["b", "r", "z"].map((c) => handle(get(e, c))))];
    const partial = (await stack({ cframes: handles }, { nside: 64 }, taskCtx(5, "stack", { healpix: pixel }))).spectra;
    const nw = partial.R_WAVELENGTH.data.length;
    for (let i = 0; i < partial.FIBERMAP.EXPID.length; i++) {
      const ivarRow = partial.R_IVAR.data.subarray(i * nw, (i + 1) * nw);
      expect(ivarRow.every((w) => w === 0)).toBe(partial.FIBERMAP.EXPID[i] === first);
    }
  });

  test("two cframes of one exposure and band are refused", async () => {
    const cf = run.cframes.values().next().value as ExampleCFrame;
    await expect(stack({ cframes: [handle(cf), handle(cf)] }, { nside: 64 }, taskCtx(5, "stack", { healpix: 0 }))).rejects.toThrow(/two . cframes of exposure/);
    const other = {
      ...cf,
      WAVELENGTH: image(
        Float64Array.from(cf.WAVELENGTH.data, (w) => w + 1),
        cf.WAVELENGTH.shape,
      ),
      header: { ...cf.header, EXPID: 99999 },
    };
    await expect(stack({ cframes: [handle(cf), handle(other)] }, { nside: 64 }, taskCtx(5, "stack", { healpix: 0 }))).rejects.toThrow(
      /different wavelength grids/,
    );
  });
});
