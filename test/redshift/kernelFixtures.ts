/**
 * Test support for the redshift and zcatalog kernels: a Coadd product of simulated targets (the
 * spectra of simulateCoadd.ts in the three bands, the tables seeded by the codecs' sample values
 * with TARGETIDs, OBJTYPE and FIBERSTATUS set), and in-memory handles.
 */
import type { Coadd } from "../../stdlib/datamodel/Coadd.js";
import type { Image } from "../../stdlib/datamodel/values.js";
import type { Handle, KernelContext, PartitionKey, ProductFile } from "../../stdlib/kernel.js";
import { NDIAG, waveGrid } from "../../stdlib/instrument/index.js";
import { productType } from "../runtime/codecs/productTypes.js";
import { sampleValue } from "../runtime/codecs/sampleValue.js";
import type { SimTarget } from "./simulateCoadd.js";

/** What a fixture target is, besides its spectra. */
export interface FixtureTarget {
  readonly targetid: bigint;
  /** Simulated spectra (b, r, z); undefined for a target with no data at all. */
  readonly sim?: SimTarget;
  readonly objtype?: string;
  readonly fiberstatus?: number;
  /** Bands whose ivar is set to 0 (e.g. ["b", "r"] for a target seen by the z camera only). */
  readonly deadBands?: readonly string[];
}

/** A Coadd of `targets` in healpix `pixel`: row i is target i. */
export async function buildCoadd(targets: readonly FixtureTarget[], pixel = 9000, seed = 3): Promise<Coadd> {
  const t = await productType("Coadd");
  const n = targets.length;
  const waves = Object.fromEntries(["b", "r", "z"].map((b) => [b, waveGrid(b)]));
  const v = sampleValue(t, {
    rows: { FIBERMAP: n, EXP_FIBERMAP: 2 * n, SCORES: n },
    dims: { target: n, wave_b: waves["b"]!.length, wave_r: waves["r"]!.length, wave_z: waves["z"]!.length },
    seed,
  });
  const fm = v["FIBERMAP"] as Record<string, unknown>;
  const ids = BigInt64Array.from(targets.map((x) => x.targetid));
  fm["TARGETID"] = ids;
  fm["OBJTYPE"] = targets.map((x) => x.objtype ?? "TGT");
  fm["COADD_FIBERSTATUS"] = Int32Array.from(targets.map((x) => x.fiberstatus ?? 0));
  const exp = v["EXP_FIBERMAP"] as Record<string, unknown>;
  exp["TARGETID"] = BigInt64Array.from([...ids, ...ids]);
  const scores = v["SCORES"] as Record<string, unknown>;
  scores["TARGETID"] = BigInt64Array.from(ids);
  for (const col of Object.values(scores)) if (col instanceof Float32Array) for (let i = 0; i < col.length; i++) col[i] = Math.abs(col[i]!) % 1000;
  ["b", "r", "z"].forEach((b, bi) => {
    const B = b.toUpperCase();
    const w = waves[b]!;
    const nw = w.length;
    const flux = new Float32Array(n * nw);
    const ivar = new Float32Array(n * nw);
    const mask = new Int32Array(n * nw);
    const res = new Float32Array(n * NDIAG * nw);
    targets.forEach((x, i) => {
      const s = x.sim?.spectra[bi];
      if (s === undefined) {
        res.fill(0, i * NDIAG * nw, (i + 1) * NDIAG * nw);
        for (let j = 0; j < nw; j++) res[i * NDIAG * nw + 5 * nw + j] = 1;
        return;
      }
      flux.set(Float32Array.from(s.flux), i * nw);
      if (!(x.deadBands ?? []).includes(b)) ivar.set(Float32Array.from(s.ivar), i * nw);
      res.set(Float32Array.from(s.resolution), i * NDIAG * nw);
    });
    v[`${B}_WAVELENGTH`] = { data: Float64Array.from(w), shape: [nw] };
    v[`${B}_FLUX`] = { data: flux, shape: [n, nw] };
    v[`${B}_IVAR`] = { data: ivar, shape: [n, nw] };
    v[`${B}_MASK`] = { data: mask, shape: [n, nw] };
    v[`${B}_RESOLUTION`] = { data: res, shape: [n, NDIAG, nw] };
  });
  v["header"] = { SPGRP: "healpix", SPGRPVAL: pixel, HPXPIXEL: pixel, HPXNSIDE: 64, HPXNEST: true, SURVEY: "main", PROGRAM: "dark" };
  return v as unknown as Coadd;
}

/** An in-memory handle; `readRows` and `readImageRows` serve rows of the value's tables and images. */
export function handle<T extends object>(value: T, key: PartitionKey = {}, path = "memory"): Handle<T> {
  const members = value as unknown as Record<string, unknown>;
  const file: ProductFile = {
    header: async () => ({ ...((members["header"] as Record<string, never> | undefined) ?? {}) }),
    readRows: async (hdu, start, end, columns) => {
      const table = members[hdu] as Record<string, { slice(a: number, b: number): unknown }> | undefined;
      if (table === undefined) throw new Error(`no HDU ${hdu}`);
      const names = columns ?? Object.keys(table);
      return Object.fromEntries(names.map((c) => [c, table[c]!.slice(start, end)]));
    },
    readImageRows: async (hdu, start, end) => {
      const im = members[hdu] as Image | undefined;
      if (im === undefined) throw new Error(`no HDU ${hdu}`);
      const per = im.shape.slice(1).reduce((a, b) => a * b, 1);
      return { data: im.data.slice(start * per, end * per), shape: [end - start, ...im.shape.slice(1)] };
    },
  };
  return { key, path, ...file, read: async () => value, session: async (use) => use(file) };
}

/** A kernel context that collects the log. */
export function testContext(key: PartitionKey = {}): KernelContext & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    key,
    lines,
    log: (m) => lines.push(m),
    rng: {
      uniform: () => {
        throw new Error("the redshift kernels draw no random number");
      },
      normal: () => {
        throw new Error("the redshift kernels draw no random number");
      },
      poisson: () => {
        throw new Error("the redshift kernels draw no random number");
      },
      uint64: () => {
        throw new Error("the redshift kernels draw no random number");
      },
    },
  };
}
