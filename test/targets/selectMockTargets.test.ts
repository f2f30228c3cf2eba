import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { selectMockTargets } from "../../stdlib/targets/index.js";
import { handle, taskCtx } from "../example/helpers.js";
import { findPython, runPython } from "../helpers/externalTools.js";
import { selectAll, SURVEY_TILES, type PixelOutput } from "./fixtures.js";

// ---- Expectations typed in from the primary sources, independent of the kernel's tables. ----

/** desispec data/qa/qa-reference-nz.ecsv per-bin fractions (docs/sources.md#redshift-distributions): [first lower edge, bin width, fractions]. */
const NZ: Record<string, [number, number, number[]]> = {
  BGS_BRIGHT: [0.0, 0.1, [0.146, 0.331, 0.303, 0.154, 0.045, 0.006]],
  BGS_FAINT: [0.0, 0.1, [0.032, 0.158, 0.313, 0.295, 0.146, 0.04, 0.005]],
  LRG: [0.2, 0.1, [0.013, 0.058, 0.093, 0.125, 0.152, 0.172, 0.18, 0.112, 0.052, 0.019]],
  ELG: [0.0, 0.1, [0.021, 0.041, 0.022, 0.011, 0.009, 0.007, 0.019, 0.076, 0.14, 0.152, 0.121, 0.114, 0.095, 0.078, 0.062, 0.012]],
  QSO: [0.3, 0.2, [0.008, 0.024, 0.053, 0.074, 0.095, 0.106, 0.117, 0.114, 0.104, 0.088, 0.068, 0.048, 0.036, 0.025, 0.017, 0.01, 0.005]],
};

/**
 * Densities (deg⁻², docs/sources.md#target-classes): the mock table (ELG, LRG; quasars 120 + 50 = 170 in all), the
 * main BGS numbers, and the documented choices for the rest. Quasars are checked apart: 170 in
 * all, split at z = 1.8 by desispec's QSO n(z).
 */
const DENSITY: Record<string, number> = {
  ELG: 2200,
  LRG: 480,
  BGS_BRIGHT: 800,
  BGS_FAINT: 600,
  MWS_MAIN: 500,
  MWS_FAINT: 390,
  MWS_WD: 3,
  STD: 40,
  SKY: 1700,
};
const QSO_DENSITY = 120 + 50;

/**
 * Galactic extinction coefficients A_band / E(B−V) of the Legacy Surveys for DECam g, r, z and
 * WISE W1, W2 (Schlafly & Finkbeiner 2011; desitarget mockmaker.py `mw_transmission`; desispec
 * efftime.py for r): targets' fluxes are observed, i.e. dimmed by 10^(−0.4 R EBV).
 */
const R_EXT = { FLUX_G: 3.214, FLUX_R: 2.165, FLUX_Z: 1.211, FLUX_W1: 0.184, FLUX_W2: 0.113 } as const;

const PIXEL_AREA = (4 * Math.PI * (180 / Math.PI) ** 2) / (12 * 64 * 64); // deg², nside 64

/** The piecewise-uniform CDF of bins [start + i·w, start + (i+1)·w) with the given weights, restricted to [lo, hi). */
function binnedCdf(start: number, w: number, weights: number[], lo = -Infinity, hi = Infinity): (x: number) => number {
  const part = (i: number, x: number): number => {
    const a = Math.max(start + i * w, lo);
    const b = Math.min(start + (i + 1) * w, hi);
    if (b <= a) return 0;
    return (weights[i] ?? 0) * Math.min(1, Math.max(0, (x - a) / (b - a))) * ((b - a) / w);
  };
  let total = 0;
  weights.forEach((_, i) => (total += part(i, Infinity)));
  return (x) => {
    let s = 0;
    weights.forEach((_, i) => (s += part(i, x)));
    return s / total;
  };
}

/** Kolmogorov–Smirnov D of a sample against a continuous CDF. */
function ksD(sample: number[], cdf: (x: number) => number): number {
  const s = [...sample].sort((a, b) => a - b);
  const n = s.length;
  let d = 0;
  s.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
  });
  return d;
}

const magOf = (flux: number): number => 22.5 - 2.5 * Math.log10(flux);
const bit = (mask: bigint | undefined, b: number): boolean => (((mask ?? 0n) >> BigInt(b)) & 1n ? true : false);

/** Collects failed per-target checks so that one assertion reports the first 20 (an expect per target is slow). */
function problems(): { list: string[]; check: (ok: boolean, message: () => string) => void } {
  const list: string[] = [];
  return {
    list,
    check: (ok, message) => {
      if (!ok && list.length < 20) list.push(message());
    },
  };
}

/** One flattened target with the truth it needs. */
interface Flat {
  cls: string;
  pixel: number;
  row: number;
  out: PixelOutput;
}

/** The class of row `i` from its bits alone (desitarget targetmask.yaml bit numbers). */
function classOf(o: PixelOutput, i: number): string {
  const t = o.targets.TARGETS;
  const desi = t.DESI_TARGET[i];
  const bgs = t.BGS_TARGET[i];
  const mws = t.MWS_TARGET[i];
  if (bit(desi, 1)) return "ELG";
  if (bit(desi, 0)) return "LRG";
  if (bit(desi, 2)) return (o.truth.TRUTH.TRUEZ[i] ?? 0) < 1.8 ? "QSO" : "LYA";
  if (bit(bgs, 1)) return "BGS_BRIGHT";
  if (bit(bgs, 0)) return "BGS_FAINT";
  if (bit(mws, 1)) return "MWS_WD";
  if (bit(mws, 8) || bit(mws, 11)) return "MWS_MAIN";
  if (bit(mws, 14) || bit(mws, 17)) return "MWS_FAINT";
  if (bit(desi, 33)) return "STD";
  if (bit(desi, 32)) return "SKY";
  return "?";
}

describe("selectMockTargets over a small survey", () => {
  let pixels: PixelOutput[] = [];
  let all: Flat[] = [];
  const byClass = new Map<string, Flat[]>();
  let msPerPixel = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    pixels = await selectAll(SURVEY_TILES, 11);
    msPerPixel = (performance.now() - t0) / pixels.length;
    all = pixels.flatMap((out) => Array.from(out.targets.TARGETS.TARGETID, (_, row) => ({ cls: classOf(out, row), pixel: out.pixel, row, out })));
    for (const f of all) {
      const list = byClass.get(f.cls);
      if (list === undefined) byClass.set(f.cls, [f]);
      else list.push(f);
    }
  }, 120_000);

  const of = (cls: string): Flat[] => byClass.get(cls) ?? [];
  const col = <K extends keyof PixelOutput["targets"]["TARGETS"]>(f: Flat, k: K): PixelOutput["targets"]["TARGETS"][K] => f.out.targets.TARGETS[k];
  const num = (f: Flat, k: "FLUX_G" | "FLUX_R" | "FLUX_Z" | "FLUX_W1" | "FLUX_W2" | "FIBERFLUX_G" | "FIBERFLUX_Z"): number => col(f, k)[f.row] ?? NaN;
  /** A target's flux corrected for Galactic extinction (what desitarget's galaxy, quasar and colour cuts use). */
  const dered = (f: Flat, k: "FLUX_G" | "FLUX_R" | "FLUX_Z" | "FLUX_W1" | "FIBERFLUX_G" | "FIBERFLUX_Z"): number => {
    const band = k.replace("FIBER", "") as keyof typeof R_EXT;
    return num(f, k) / 10 ** (-0.4 * R_EXT[band] * (col(f, "EBV")[f.row] ?? NaN));
  };
  const z = (f: Flat): number => f.out.truth.TRUTH.TRUEZ[f.row] ?? NaN;

  // Speed is measured in bench/, not asserted here (the machine's load decides a wall time); the figure is printed.
  test("every target of the survey's pixels has a known class", () => {
    expect(pixels.length).toBeGreaterThan(60);
    expect(of("?")).toEqual([]);
    console.log(`selectMockTargets: ${pixels.length} pixels, ${all.length} targets, ${msPerPixel.toFixed(1)} ms per pixel`);
  });

  test("densities per class are within 3σ (Poisson) of the sources' densities", () => {
    const area = pixels.length * PIXEL_AREA;
    const [start, w, f] = NZ["QSO"] ?? [0, 0, []];
    const below = binnedCdf(start, w, f)(1.8); // qa-reference-nz.ecsv: 53.8 % of quasars below z = 1.8
    expect(below).toBeCloseTo(0.534 / 0.992, 9);
    const expectations: [string, number, number][] = [
      ...Object.entries(DENSITY).map(([cls, d]): [string, number, number] => [cls, d, of(cls).length]),
      ["all quasars", QSO_DENSITY, of("QSO").length + of("LYA").length],
      ["QSO tracers (z < 1.8)", QSO_DENSITY * below, of("QSO").length],
      ["Lyα quasars (z ≥ 1.8)", QSO_DENSITY * (1 - below), of("LYA").length],
    ];
    for (const [cls, density, n] of expectations) {
      const expected = density * area;
      expect(Math.abs(n - expected), `${cls}: ${n} targets, ${expected.toFixed(0)} expected`).toBeLessThan(3 * Math.sqrt(expected));
    }
  });

  test.each(["ELG", "LRG", "BGS_BRIGHT", "BGS_FAINT"])("%s n(z) passes a KS test (1%) against desispec's QA reference n(z)", (cls) => {
    const sample = of(cls).map(z);
    expect(sample.length).toBeGreaterThanOrEqual(10_000);
    const [start, w, f] = NZ[cls] ?? [0, 0, []];
    expect(ksD(sample, binnedCdf(start, w, f))).toBeLessThan(1.63 / Math.sqrt(sample.length));
  });

  test("QSO n(z) of all quasars (tracers and Lyα together) passes a KS test (1%) against desispec's whole QSO n(z)", () => {
    const [start, w, f] = NZ["QSO"] ?? [0, 0, []];
    const sample = [...of("QSO"), ...of("LYA")].map(z);
    expect(sample.length).toBeGreaterThanOrEqual(10_000);
    expect(ksD(sample, binnedCdf(start, w, f))).toBeLessThan(1.63 / Math.sqrt(sample.length));
    // 53.8 % below z = 1.8 (qa-reference-nz.ecsv), within 3σ binomial; the old 120:50 split gave 70.6 %.
    const p = 0.534 / 0.992;
    const low = sample.filter((x) => x < 1.8).length;
    expect(Math.abs(low - p * sample.length)).toBeLessThan(3 * Math.sqrt(sample.length * p * (1 - p)));
  });

  // Galaxy, quasar and colour cuts on extinction-corrected fluxes; the MWS and standards' magnitude
  // windows on observed ones (desitarget cuts.py: `unextinct_fluxes` vs `obs_rflux` and Gaia G).
  test("magnitudes and colours are within the target-selection cuts", () => {
    const eps = 1e-5; // float32 fluxes
    const p = problems();
    for (const f of of("ELG")) {
      const g = magOf(dered(f, "FLUX_G"));
      const r = magOf(dered(f, "FLUX_R"));
      const zz = magOf(dered(f, "FLUX_Z"));
      const gfib = magOf(dered(f, "FIBERFLUX_G"));
      p.check(g > 20 - eps && gfib < 24.1 + eps, () => `ELG g ${g} g_fib ${gfib}`);
      p.check(r - zz > 0.15 - eps && g - r < 0.5 * (r - zz) + 0.1 + eps, () => `ELG g-r ${g - r} r-z ${r - zz}`);
    }
    for (const f of of("LRG")) p.check(magOf(dered(f, "FIBERFLUX_Z")) < 21.61 + eps, () => `LRG z_fib ${magOf(dered(f, "FIBERFLUX_Z"))}`);
    for (const f of [...of("QSO"), ...of("LYA")]) {
      const r = magOf(dered(f, "FLUX_R"));
      p.check(r > 16.5 && r < 23.0, () => `QSO r ${r}`);
    }
    for (const f of of("BGS_BRIGHT")) p.check(magOf(dered(f, "FLUX_R")) < 19.5 + eps, () => `BGS Bright r ${magOf(dered(f, "FLUX_R"))}`);
    for (const f of of("BGS_FAINT")) {
      const r = magOf(dered(f, "FLUX_R"));
      p.check(r > 19.5 - eps && r < 20.175 + eps, () => `BGS Faint r ${r}`);
    }
    for (const f of [...of("MWS_MAIN"), ...of("MWS_FAINT")]) {
      const r = magOf(num(f, "FLUX_R"));
      p.check(r > 16 - eps && r < 20 + eps, () => `MWS r ${r}`);
    }
    for (const f of of("STD")) {
      const g = magOf(dered(f, "FLUX_G"));
      const r = magOf(dered(f, "FLUX_R"));
      const zz = magOf(dered(f, "FLUX_Z"));
      const rObs = magOf(num(f, "FLUX_R"));
      p.check(g - r > 0 && g - r < 0.35 && r - zz < 0.2, () => `STD g-r ${g - r} r-z ${r - zz}`);
      p.check(rObs > 16 - eps && rObs < 19 + eps, () => `STD r ${rObs}`);
      p.check(bit(col(f, "DESI_TARGET")[f.row], 35) === rObs < 18, () => `STD_BRIGHT at r ${rObs}`);
    }
    for (const f of of("SKY")) for (const k of ["FLUX_G", "FLUX_R", "FLUX_Z", "FLUX_W1"] as const) p.check(num(f, k) === 0, () => `SKY ${k} ${num(f, k)}`);
    expect(p.list).toEqual([]);
  });

  /** Least-squares slope of log10(counts per mag) in 0.1-mag bins (the last one may be shorter) against magnitude, over [lo, hi). */
  function countSlope(mags: number[], lo: number, hi: number): number {
    const nb = Math.ceil((hi - lo) / 0.1 - 1e-9);
    const counts = new Array<number>(nb).fill(0);
    for (const m of mags) {
      const i = Math.floor((m - lo) / 0.1);
      if (i >= 0 && i < nb) counts[i] = (counts[i] ?? 0) + 1;
    }
    // Weighted by the counts (Poisson: var(log N) ∝ 1/N).
    let sw = 0,
      sx = 0,
      sy = 0,
      sxx = 0,
      sxy = 0;
    counts.forEach((c, i) => {
      if (c === 0) return;
      const a = lo + i * 0.1;
      const b = Math.min(hi, a + 0.1);
      const x = (a + b) / 2;
      const y = Math.log10(c / (b - a));
      sw += c;
      sx += c * x;
      sy += c * y;
      sxx += c * x * x;
      sxy += c * x * y;
    });
    return (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
  }

  test.each([
    // class(es), magnitude, range, documented slope d log N / dm
    ["BGS", 17.0, 20.175, 0.313],
    ["ELG", 21.5, 24.1, 0.45],
    ["LRG", 19.0, 21.6, 0.45],
    ["QSO", 17.5, 22.7, 0.28],
    ["MWS", 16.0, 20.0, 0.2],
  ] as const)("%s number counts follow the documented slope", (name, lo, hi, slope) => {
    const pick: Record<string, [string[], (f: Flat) => number]> = {
      BGS: [["BGS_BRIGHT", "BGS_FAINT"], (f) => magOf(dered(f, "FLUX_R"))],
      ELG: [["ELG"], (f) => magOf(dered(f, "FIBERFLUX_G"))],
      LRG: [["LRG"], (f) => magOf(dered(f, "FIBERFLUX_Z"))],
      QSO: [["QSO", "LYA"], (f) => magOf(dered(f, "FLUX_R"))],
      MWS: [["MWS_MAIN", "MWS_FAINT"], (f) => magOf(num(f, "FLUX_R"))],
    };
    const [classes, m] = pick[name] ?? [[], () => 0];
    const mags = classes.flatMap((c) => of(c).map(m));
    expect(mags.reduce((a, b) => Math.min(a, b), Infinity)).toBeGreaterThanOrEqual(lo - 1e-4);
    expect(mags.reduce((a, b) => Math.max(a, b), -Infinity)).toBeLessThan(hi + 1e-4);
    expect(Math.abs(countSlope(mags, lo, hi) - slope)).toBeLessThan(0.03);
  });

  test("TARGETIDs are unique, at least 2^58, and decode to RELEASE, BRICKID = pixel and BRICK_OBJID", () => {
    const seen = new Set<bigint>();
    const p = problems();
    for (const o of pixels) {
      const t = o.targets.TARGETS;
      const n = t.TARGETID.length;
      for (let i = 0; i < n; i++) {
        const id = t.TARGETID[i] ?? 0n;
        seen.add(id);
        const what = (): string => `pixel ${o.pixel} row ${i} TARGETID ${id}`;
        p.check(id >= 2n ** 58n && ((id >> 58n) & 1n) === 1n, what);
        p.check(Number((id >> 59n) & 1n) === (bit(t.DESI_TARGET[i], 32) ? 1 : 0), () => `${what()}: SKY bit`);
        p.check(Number((id >> 42n) & 0xffffn) === t.RELEASE[i], () => `${what()}: RELEASE ${t.RELEASE[i]}`);
        p.check(Number((id >> 22n) & 0xfffffn) === o.pixel && t.BRICKID[i] === o.pixel && t.HPXPIXEL[i] === BigInt(o.pixel), () => `${what()}: BRICKID`);
        p.check(Number(id & 0x3fffffn) === t.BRICK_OBJID[i], () => `${what()}: BRICK_OBJID ${t.BRICK_OBJID[i]}`);
        p.check(i === 0 || (t.TARGETID[i - 1] ?? 0n) < id, () => `${what()}: not sorted`);
      }
      expect(o.targets.header).toEqual({ HPXPIXEL: o.pixel, HPXNSIDE: 64, HPXNEST: true, FILENSID: 64, FILENEST: true, FILEHPX: o.pixel });
      expect(o.truth.header).toEqual({ HPXPIXEL: o.pixel, HPXNSIDE: 64, HPXNEST: true, FILENSID: 64, FILENEST: true, FILEHPX: o.pixel });
    }
    expect(p.list).toEqual([]);
    expect(seen.size).toBe(all.length);
  });

  test("every target lies in its pixel, uniformly over the pixel's 64 nside-512 sub-pixels (healpy)", () => {
    const py = findPython(["healpy", "numpy"], ["python3-healpy", "python3-numpy"]);
    const ra = Float64Array.from(all, (f) => col(f, "RA")[f.row] ?? NaN);
    const dec = Float64Array.from(all, (f) => col(f, "DEC")[f.row] ?? NaN);
    const file = path.join(tmpdir(), `dflow-targets-radec-${process.pid}.bin`);
    writeFileSync(file, Buffer.concat([Buffer.from(ra.buffer), Buffer.from(dec.buffer)]));
    const out = runPython(
      py,
      `
import sys, numpy as np, healpy as hp
a = np.fromfile(sys.argv[1], dtype='<f8'); n = a.size // 2
ra, dec = a[:n], a[n:]
p64 = hp.ang2pix(64, ra, dec, nest=True, lonlat=True)
p512 = hp.ang2pix(512, ra, dec, nest=True, lonlat=True)
print(' '.join(map(str, p64.tolist()))); print(' '.join(map(str, (p512 - 64 * p64).tolist())))
`,
      [file],
    );
    const [l64, lsub] = out.trim().split("\n");
    const p64 = (l64 ?? "").split(" ").map(Number);
    const sub = (lsub ?? "").split(" ").map(Number);
    expect(p64.length).toBe(all.length);
    expect(all.filter((f, i) => p64[i] !== f.pixel).length).toBe(0);
    const counts = new Array<number>(64).fill(0);
    for (const s of sub) counts[s] = (counts[s] ?? 0) + 1;
    const e = all.length / 64;
    const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(92.0); // χ² 1 % critical value, 63 degrees of freedom
  });

  test("truth is row-matched to targets, with classes, template types and parameters where they apply", () => {
    const spectype: Record<string, string> = {
      ELG: "GALAXY",
      LRG: "GALAXY",
      BGS_BRIGHT: "GALAXY",
      BGS_FAINT: "GALAXY",
      QSO: "QSO",
      LYA: "QSO",
      MWS_MAIN: "STAR",
      MWS_FAINT: "STAR",
      MWS_WD: "STAR",
      STD: "STAR",
      SKY: "SKY",
    };
    const template: Record<string, string> = {
      ELG: "ELG",
      LRG: "LRG",
      BGS_BRIGHT: "BGS",
      BGS_FAINT: "BGS",
      QSO: "QSO",
      LYA: "QSO",
      MWS_MAIN: "STAR",
      MWS_FAINT: "STAR",
      MWS_WD: "WD",
      STD: "STAR",
      SKY: "SKY",
    };
    for (const o of pixels) expect(o.truth.TRUTH.TARGETID).toEqual(o.targets.TARGETS.TARGETID);
    const seeds = new Set<bigint>();
    const p = problems();
    const within = (v: number | undefined, lo: number, hi: number): boolean => v !== undefined && v >= lo && v <= hi;
    for (const f of all) {
      const u = f.out.truth.TRUTH;
      const i = f.row;
      const what = (s: string) => (): string => `${f.cls} pixel ${f.pixel} row ${i}: ${s}`;
      p.check(u.TRUESPECTYPE[i] === spectype[f.cls] && u.TEMPLATETYPE[i] === template[f.cls], what(`${u.TRUESPECTYPE[i]}/${u.TEMPLATETYPE[i]}`));
      p.check(u.FLUX_R[i] === 0 || Math.abs(magOf(u.FLUX_R[i] ?? NaN) - magOf(dered(f, "FLUX_R"))) < 1e-4, what("truth FLUX_R is not the intrinsic flux"));
      seeds.add(u.SEED[i] ?? 0n);
      const galaxy = u.TRUESPECTYPE[i] === "GALAXY";
      const stellar = u.TRUESPECTYPE[i] === "STAR";
      if (!galaxy)
        for (const k of ["OIIFLUX", "HBETAFLUX", "VDISP", "D4000", "OIIIHBETA", "OIIDOUBLET"] as const) p.check(u[k][i] === 0, what(`${k} ${u[k][i]}`));
      if (!stellar) for (const k of ["TEFF", "LOGG", "FEH"] as const) p.check(u[k][i] === 0, what(`${k} ${u[k][i]}`));
      if (f.cls === "ELG") {
        p.check(
          within(u.VDISP[i], 50 - 1e-3, 150 + 1e-3) && within(u.OIIIHBETA[i], -0.5 - 1e-6, 0.2 + 1e-6),
          what(`VDISP ${u.VDISP[i]} OIIIHBETA ${u.OIIIHBETA[i]}`),
        );
        p.check((u.OIIFLUX[i] ?? 0) > 0 && (u.HBETAFLUX[i] ?? 0) > 0 && within(u.OIIDOUBLET[i], 0.5, 1.0), what("lines"));
        p.check(u.MAGFILTER[i] === "decam2014-r" && Math.abs((u.MAG[i] ?? 0) - magOf(u.FLUX_R[i] ?? NaN)) < 1e-4, what(`MAG ${u.MAG[i]}`));
      }
      if (f.cls === "LRG") {
        p.check(within(u.VDISP[i], 150 - 1e-3, 300 + 1e-3) && u.OIIFLUX[i] === 0, what(`VDISP ${u.VDISP[i]}`));
        p.check(u.MAGFILTER[i] === "decam2014-z" && Math.abs((u.MAG[i] ?? 0) - magOf(u.FLUX_Z[i] ?? NaN)) < 1e-4, what(`MAG ${u.MAG[i]}`));
      }
      if (f.cls.startsWith("BGS"))
        p.check(
          within(u.VDISP[i], 120 - 1e-3, 300 + 1e-3) && within(u.OIIIHBETA[i], -1.3 - 1e-6, 0.6 + 1e-6),
          what(`VDISP ${u.VDISP[i]} OIIIHBETA ${u.OIIIHBETA[i]}`),
        );
      if (stellar) p.check((u.TEFF[i] ?? 0) > 3000 && Math.abs((u.TRUEZ[i] ?? 0) * 299792.458) < 2000, what(`TEFF ${u.TEFF[i]} z ${u.TRUEZ[i]}`));
      if (f.cls === "MWS_WD") p.check(u.TEMPLATESUBTYPE[i] === "DA" || u.TEMPLATESUBTYPE[i] === "DB", what(`subtype ${u.TEMPLATESUBTYPE[i]}`));
      if (f.cls === "SKY") p.check(u.TRUEZ[i] === 0 && u.MAG[i] === 0 && u.MAGFILTER[i] === "", what("sky truth"));
      if (f.cls !== "QSO" && f.cls !== "LYA" && f.cls !== "MWS_WD") p.check(u.TEMPLATESUBTYPE[i] === "", what(`subtype ${u.TEMPLATESUBTYPE[i]}`));
    }
    expect(p.list).toEqual([]);
    expect(seeds.size).toBe(all.length);
  });

  test("targets' fluxes are observed: FLUX_*(targets) / FLUX_*(truth, intrinsic) = 10^(−0.4 R_band EBV) for every target", () => {
    const p = problems();
    let maxEbv = 0;
    let n = 0;
    for (const f of all) {
      const t = f.out.targets.TARGETS;
      const u = f.out.truth.TRUTH;
      const i = f.row;
      const ebv = t.EBV[i] ?? NaN;
      maxEbv = Math.max(maxEbv, ebv);
      for (const k of ["FLUX_G", "FLUX_R", "FLUX_Z", "FLUX_W1", "FLUX_W2"] as const) {
        const truth = u[k][i] ?? NaN;
        const target = t[k][i] ?? NaN;
        if (f.cls === "SKY") {
          p.check(truth === 0 && target === 0, () => `SKY ${k} ${target} / ${truth}`);
          continue;
        }
        const want = 10 ** (-0.4 * R_EXT[k] * ebv);
        p.check(
          Math.abs(target / truth / want - 1) < 1e-6,
          () => `${f.cls} pixel ${f.pixel} row ${i}: ${k} ${target} / ${truth} = ${target / truth}, want ${want} at EBV ${ebv}`,
        );
        n++;
      }
      // Fiber fluxes are observed too: the same fraction of the observed total flux in g, r and z.
      if (f.cls !== "SKY") {
        const frac = (t.FIBERFLUX_R[i] ?? NaN) / (t.FLUX_R[i] ?? NaN);
        p.check(
          Math.abs((t.FIBERFLUX_G[i] ?? NaN) / (t.FLUX_G[i] ?? NaN) / frac - 1) < 1e-6 &&
            Math.abs((t.FIBERFLUX_Z[i] ?? NaN) / (t.FLUX_Z[i] ?? NaN) / frac - 1) < 1e-6,
          () => `${f.cls}: fiber fractions differ between bands`,
        );
      }
    }
    expect(p.list).toEqual([]);
    expect(n).toBeGreaterThan(100_000);
    // The reddening is large enough for the dimming to matter: ≥ 4 % in r somewhere (tolerance 1e-6).
    expect(maxEbv).toBeGreaterThan(0.02);
  });

  test("about 12 % of quasars are BALs, within 3σ binomial", () => {
    const q = [...of("QSO"), ...of("LYA")];
    const bal = q.filter((f) => f.out.truth.TRUTH.TEMPLATESUBTYPE[f.row] === "BAL").length;
    const others = q.filter((f) => f.out.truth.TRUTH.TEMPLATESUBTYPE[f.row] !== "BAL").every((f) => f.out.truth.TRUTH.TEMPLATESUBTYPE[f.row] === "");
    expect(others).toBe(true);
    expect(Math.abs(bal - 0.12 * q.length)).toBeLessThan(3 * Math.sqrt(q.length * 0.12 * 0.88));
  });

  test("priorities, NUMOBS_INIT and bits follow desitarget's targetmask.yaml", () => {
    const expected: Record<string, [number, number]> = {
      LRG: [3200, 2],
      QSO: [3400, 4],
      LYA: [3400, 4],
      BGS_BRIGHT: [2100, 2],
      BGS_FAINT: [2000, 2],
      MWS_MAIN: [1500, 2],
      MWS_WD: [2998, 2],
      SKY: [-1, -1],
      STD: [-1, -1],
    };
    const p = problems();
    for (const f of all) {
      const t = f.out.targets.TARGETS;
      const i = f.row;
      const desi = t.DESI_TARGET[i];
      let want = expected[f.cls];
      if (f.cls === "ELG") want = bit(desi, 6) ? [3200, 2] : bit(desi, 5) ? [3100, 2] : [3000, 2];
      if (f.cls === "MWS_FAINT") want = [50, Number(t.NUMOBS_INIT[i])];
      const got = [Number(t.PRIORITY_INIT[i]), Number(t.NUMOBS_INIT[i])];
      p.check(got[0] === want?.[0] && got[1] === want?.[1], () => `${f.cls}: priority/numobs ${got.join("/")}`);
      if (f.cls === "ELG") p.check(bit(desi, 5) !== bit(desi, 7), () => "ELG must be exactly one of LOP and VLO");
      if (f.cls.startsWith("BGS")) p.check(bit(desi, 60), () => "BGS_ANY");
      if (f.cls.startsWith("MWS")) p.check(bit(desi, 61), () => "MWS_ANY");
      const sp = t.SUBPRIORITY[i] ?? -1;
      p.check(sp >= 0 && sp < 1 && (t.EBV[i] ?? 0) > 0, () => `SUBPRIORITY ${sp} EBV ${t.EBV[i]}`);
      const morph = t.MORPHTYPE[i] ?? "?";
      p.check(["PSF", "REX", "EXP", "DEV", "SER", ""].includes(morph), () => `MORPHTYPE ${morph}`);
      p.check((morph === "PSF") === (t.SHAPE_R[i] === 0 && f.cls !== "SKY"), () => `${f.cls} MORPHTYPE ${morph} SHAPE_R ${t.SHAPE_R[i]}`);
    }
    expect(p.list).toEqual([]);
    const elg = of("ELG");
    const hip = elg.filter((f) => bit(col(f, "DESI_TARGET")[f.row], 6)).length;
    expect(Math.abs(hip - 0.1 * elg.length)).toBeLessThan(3 * Math.sqrt(elg.length * 0.09));
  });
});

describe("selectMockTargets for one pixel", () => {
  const tiles = SURVEY_TILES;
  const pixel = 27245; // inside tile 2000's field at (150, 2)
  const run = (seed: number, key: Record<string, number | string | bigint> = { healpix: pixel }, nside = 64): ReturnType<typeof selectMockTargets> =>
    selectMockTargets({ tiles: handle(tiles) }, { nside }, taskCtx(seed, "select_mock_targets", key));

  test("the same seed gives the same targets and truth; another seed different ones", async () => {
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    expect(a.targets.TARGETS.TARGETID.length).toBeGreaterThan(3000);
    expect(b).toEqual(a);
    expect(c.targets.TARGETS.RA).not.toEqual(a.targets.TARGETS.RA);
  });

  test("a pixel outside the footprint gets no targets", async () => {
    const logs: string[] = [];
    const out = await selectMockTargets({ tiles: handle(tiles) }, { nside: 64 }, taskCtx(1, "s", { healpix: 0 }, logs));
    expect(out.targets.TARGETS.TARGETID.length).toBe(0);
    expect(out.truth.TRUTH.TARGETID.length).toBe(0);
    expect(out.targets.header["HPXPIXEL"]).toBe(0);
    expect(logs.join("\n")).toMatch(/outside the footprint/);
  });

  test("bad pixel keys and nsides are refused with clear errors", async () => {
    await expect(run(1, { healpix: "abc" })).rejects.toThrow(/`healpix` key "abc" is not an integer pixel number/);
    await expect(run(1, { healpix: 1.5 })).rejects.toThrow(/not an integer/);
    await expect(run(1, { healpix: 49152 })).rejects.toThrow(/not a pixel number from 0 to 49151/);
    await expect(run(1, { exposure: 3 })).rejects.toThrow(/index the stage by a grid named `healpix`/);
    await expect(run(1, { healpix: pixel }, 48)).rejects.toThrow(/nside 48 is not a power of two/);
    await expect(run(1, { healpix: pixel }, 512)).rejects.toThrow(/nside 512 is not a power of two from 1 to 256/);
  });
});
