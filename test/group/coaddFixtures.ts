/**
 * Synthetic healpix spectra for the coadd tests: repeats of known noiseless spectra, each exposure
 * seen through its own asymmetric, wavelength-dependent resolution matrix and its own noise level,
 * with masked pixels, optional cosmic hits and optional bad fibers. The truth is kept so a test can
 * compare a coadd with R_c · truth.
 */
import type { ProductTypeInfo } from "../../src/kernels/index.js";
import type { Spectra } from "../../stdlib/datamodel/Spectra.js";
import type { SpectraFibermapTable } from "../../stdlib/datamodel/SpectraFibermapTable.js";
import type { SpectraScoresTable } from "../../stdlib/datamodel/SpectraScoresTable.js";
import { image } from "../../stdlib/datamodel/values.js";
import { waveGrid } from "../../stdlib/instrument/index.js";
import { productType } from "../runtime/codecs/productTypes.js";
import { makeRng, sampleValue } from "../runtime/codecs/sampleValue.js";

export const BANDS = ["b", "r", "z"] as const;
export type Band = (typeof BANDS)[number];
export const NDIAG = 11;

/** A cosmic hit: `sigmas` × the pixel's σ added to `pixel` of exposure `exp` of target `target` in `band`. */
export interface Hit {
  readonly target: number;
  readonly exp: number;
  readonly band: Band;
  readonly pixel: number;
  readonly sigmas: number;
}

export interface FixtureOptions {
  readonly ntarget: number;
  readonly nexp: number;
  readonly seed?: number;
  /** Wavelength subsampling of the cameras' grids (1: the full grids). */
  readonly step?: number;
  /** Noise off: the flux is exactly R_e · truth (ivar still varies). */
  readonly noiseless?: boolean;
  readonly hits?: readonly Hit[];
  /** FIBERSTATUS of (target, exposure) pairs; others are 0. */
  readonly status?: readonly { target: number; exp: number; status: number }[];
  /** Fraction of pixels flagged in MASK (ivar kept). */
  readonly maskFraction?: number;
  /** (target, exposure) pairs whose signal is multiplied by `factor`, the noise unchanged (light lost in the fiber). */
  readonly throughput?: readonly { target: number; exp: number; factor: number }[];
  /** The Spectra product type (read from the repository's data model when not given). */
  readonly spectraType?: ProductTypeInfo;
}

export interface Fixture {
  readonly spectra: Spectra;
  /** truth[band][target]: the noiseless spectrum on the band's grid (before resolution). */
  readonly truth: Record<Band, Float64Array[]>;
  /** Row of (target, exposure) in the spectra file. */
  readonly rowOf: (target: number, exp: number) => number;
}

/** The true spectrum of target `t`: a sloped continuum with a few emission and absorption lines. */
export function trueSpectrum(wave: Float64Array, t: number): Float64Array {
  const lines = [4100 + 37 * t, 5200 + 11 * t, 6563 + 23 * t, 8000 - 17 * t, 9100 + 5 * t];
  return Float64Array.from(wave, (w) => {
    let f = 5 + 2 * t + 3 * Math.sin(w / (250 + 20 * t)) + 1e-4 * (w - 6000);
    lines.forEach((c, k) => (f += (k % 2 === 0 ? 40 : -2) * Math.exp(-0.5 * ((w - c) / (1.5 + 0.3 * k)) ** 2)));
    return f;
  });
}

/**
 * The diagonals of an asymmetric resolution matrix in scipy's dia convention: row i's element at
 * column i + k (k = 5 … −5) is stored at [5 − k, i + k]; each row sums to 1. Its left and right
 * widths differ and drift along the band, and differ between exposures.
 */
export function asymmetricResolution(nwave: number, exp: number, target: number): Float32Array {
  const half = NDIAG >> 1;
  const data = new Float32Array(NDIAG * nwave);
  for (let i = 0; i < nwave; i++) {
    const drift = i / nwave;
    const left = 0.8 + 0.15 * exp + 0.2 * drift + 0.03 * target;
    const right = 1.3 - 0.1 * exp + 0.3 * drift;
    const row: number[] = [];
    for (let d = 0; d < NDIAG; d++) {
      const k = half - d;
      const j = i + k;
      const s = k < 0 ? left : right;
      row.push(j >= 0 && j < nwave ? Math.exp(-0.5 * (k / s) ** 2) * (1 + 0.05 * k) : 0);
    }
    const sum = row.reduce((a, b) => a + b, 0);
    row.forEach((v, d) => {
      const j = i + (half - d);
      if (j >= 0 && j < nwave) data[d * nwave + j] = v / sum;
    });
  }
  return data;
}

/** R · x for R in the dia storage above. */
export function applyDia(data: ArrayLike<number>, x: ArrayLike<number>, nwave: number, ndiag = NDIAG): Float64Array {
  const half = ndiag >> 1;
  const out = new Float64Array(nwave);
  for (let d = 0; d < ndiag; d++) {
    const k = half - d;
    for (let j = Math.max(0, k); j < Math.min(nwave, nwave + k); j++) out[j - k]! += data[d * nwave + j]! * x[j]!;
  }
  return out;
}

/** A standard normal deviate from a uniform generator (Box–Muller). */
function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Synthetic spectra: `ntarget` targets, each seen in `nexp` exposures (rows exposure-major). */
export async function makeSpectra(o: FixtureOptions): Promise<Fixture> {
  const rng = makeRng(o.seed ?? 7);
  const nspec = o.ntarget * o.nexp;
  const rowOf = (t: number, e: number): number => e * o.ntarget + t;
  const sample = sampleValue(o.spectraType ?? (await productType("Spectra")), { rows: nspec, dims: { spectrum: nspec }, seed: o.seed ?? 7 });
  const fm = { ...(sample["FIBERMAP"] as SpectraFibermapTable) } as Record<string, unknown>;
  const ids = BigInt64Array.from({ length: nspec }, (_, r) => (1n << 58n) + BigInt(1000 + (r % o.ntarget)));
  const status = new Int32Array(nspec);
  for (const s of o.status ?? []) status[rowOf(s.target, s.exp)] = s.status;
  Object.assign(fm, {
    TARGETID: ids,
    FIBERSTATUS: status,
    OBJTYPE: Array.from({ length: nspec }, () => "TGT"),
    EXPID: Int32Array.from({ length: nspec }, (_, r) => 100 + Math.floor(r / o.ntarget)),
    NIGHT: Int32Array.from({ length: nspec }, (_, r) => 20250101 + (Math.floor(r / o.ntarget) >> 1)),
    TILEID: Int32Array.from({ length: nspec }, (_, r) => 1000 + (Math.floor(r / o.ntarget) % 3)),
    MJD: Float64Array.from({ length: nspec }, (_, r) => 60676 + 0.03 * Math.floor(r / o.ntarget)),
    EXPTIME: Float64Array.from({ length: nspec }, (_, r) => 900 + 100 * Math.floor(r / o.ntarget)),
    FIBER_RA: Float64Array.from({ length: nspec }, (_, r) => (359.9995 + 0.001 * rng() + 0.0001 * (r % o.ntarget)) % 360),
    FIBER_DEC: Float64Array.from({ length: nspec }, () => 30 + 0.001 * rng()),
    DELTA_X: Float64Array.from({ length: nspec }, () => 0.01 * normal(rng)),
    DELTA_Y: Float64Array.from({ length: nspec }, () => 0.01 * normal(rng)),
  });
  const scores: Record<string, unknown> = {};
  for (const name of Object.keys(sample["SCORES"] as SpectraScoresTable)) scores[name] = Float64Array.from({ length: nspec }, () => 100 * rng());
  const out: Record<string, unknown> = {
    header: { SPGRP: "healpix", SPGRPVAL: 27000, HPXPIXEL: 27000, HPXNSIDE: 64, HPXNEST: true, SURVEY: "main", PROGRAM: "dark" },
    FIBERMAP: fm,
    SCORES: { ...scores, TARGETID: ids },
  };
  const truth = {} as Record<Band, Float64Array[]>;
  for (const band of BANDS) {
    const wave = waveGrid(`${band}0`, o.step ?? 1);
    const nwave = wave.length;
    truth[band] = Array.from({ length: o.ntarget }, (_, t) => trueSpectrum(wave, t));
    const flux = new Float32Array(nspec * nwave);
    const ivar = new Float32Array(nspec * nwave);
    const mask = new Int32Array(nspec * nwave);
    const res = new Float32Array(nspec * NDIAG * nwave);
    for (let t = 0; t < o.ntarget; t++) {
      for (let e = 0; e < o.nexp; e++) {
        const r = rowOf(t, e);
        const R = asymmetricResolution(nwave, e, t);
        res.set(R, r * NDIAG * nwave);
        const model = applyDia(R, truth[band][t]!, nwave);
        const factor = o.throughput?.find((x) => x.target === t && x.exp === e)?.factor ?? 1;
        for (let i = 0; i < nwave; i++) {
          const sigma = (0.8 + 0.1 * e) * (1 + 0.25 * Math.sin(i / 37 + t + 1.7 * e)) * (band === "b" ? 1.3 : 1);
          ivar[r * nwave + i] = 1 / (sigma * sigma);
          flux[r * nwave + i] = factor * model[i]! + (o.noiseless ? 0 : sigma * normal(rng));
          if (rng() < (o.maskFraction ?? 0)) mask[r * nwave + i] = 1 << 2;
        }
      }
    }
    for (const h of o.hits ?? []) {
      if (h.band !== band) continue;
      const k = rowOf(h.target, h.exp) * nwave + h.pixel;
      flux[k]! += h.sigmas / Math.sqrt(ivar[k]!);
    }
    const B = band.toUpperCase();
    out[`${B}_WAVELENGTH`] = image(wave, [nwave]);
    out[`${B}_FLUX`] = image(flux, [nspec, nwave]);
    out[`${B}_IVAR`] = image(ivar, [nspec, nwave]);
    out[`${B}_MASK`] = image(mask, [nspec, nwave]);
    out[`${B}_RESOLUTION`] = image(res, [nspec, NDIAG, nwave]);
  }
  return { spectra: out as unknown as Spectra, truth, rowOf };
}
