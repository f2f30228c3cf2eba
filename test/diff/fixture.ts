/** A small pipeline with its own kernels and an ECSV type, written to a folder per version for `dflow diff` tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const KERNEL_TYPES = path.resolve("stdlib/kernel.js");

export const BASE_DFLOW = `pipeline dd

import "./kernels" as k

# How much each item is scaled.
param factor: float = 2

grid n = 0..3

product obs : Obs at "obs.ecsv"
product item[n] : Num at "item/item-{n}.json"
product twice[n] : Num at "twice/twice-{n}.json"
product total : Num at "total.json"

stage survey {
  out obs
  kernel k.survey
  time 1min
}

stage make[i: n] {
  in obs
  out item[i]
  kernel k.make
  time 30s
}

stage double[i: n] {
  in item[i]
  out twice[i]
  kernel k.double
  param factor = factor
  time 2min
}

stage total {
  in twice: twice[i] for i in n
  out total
  kernel k.total
  time 10s
}
`;

export const BASE_KERNELS = `import type { Handle, KernelContext } from ${JSON.stringify(KERNEL_TYPES)};

/**
 * The observations.
 * @format ecsv
 */
export interface Obs {
  /**
   * Exposure id.
   * @column EXPID i32
   */
  readonly EXPID: Int32Array;
  /**
   * Night, YYYYMMDD.
   * @column NIGHT i32
   */
  readonly NIGHT: Int32Array;
  /**
   * Seeing FWHM.
   * @column SEEING f32 arcsec
   */
  readonly SEEING: Float32Array;
}

/**
 * A number.
 * @format json
 */
export interface Num {
  /** The value. */
  readonly value: number;
}

/** Makes the observations. */
export function survey(_inputs: Readonly<Record<string, never>>, _params: Readonly<Record<string, never>>, _ctx: KernelContext): { obs: Obs } {
  return { obs: { EXPID: Int32Array.of(1), NIGHT: Int32Array.of(20201214), SEEING: Float32Array.of(1.1) } };
}

/** One item per partition from the first night. */
export async function make(inputs: { readonly obs: Handle<Obs> }, _params: Readonly<Record<string, never>>, ctx: KernelContext): Promise<{ item: Num }> {
  const t = await inputs.obs.read();
  return { item: { value: (t.NIGHT[0] ?? 0) + Number(ctx.key["n"]) } };
}

/** Scales by \`factor\`. */
export async function double(inputs: { readonly item: Handle<Num> }, params: {
  /**
   * @default 2
   */
  readonly factor: number;
}, _ctx: KernelContext): Promise<{ twice: Num }> {
  return { twice: { value: (await inputs.item.read()).value * params.factor } };
}

/** Sums every number. */
export async function total(inputs: { readonly twice: readonly Handle<Num>[] }, _params: Readonly<Record<string, never>>, _ctx: KernelContext): Promise<{ total: Num }> {
  let s = 0;
  for (const h of inputs.twice) s += (await h.read()).value;
  return { total: { value: s } };
}
`;

/** A text edit: replace `from` (which must occur) by `to`. */
export type Edit = readonly [from: string, to: string];

function apply(text: string, edits: readonly Edit[]): string {
  let t = text;
  for (const [a, b] of edits) {
    if (!t.includes(a)) throw new Error(`fixture edit does not apply: ${a}`);
    t = t.replace(a, b);
  }
  return t;
}

/** Writes a version of the fixture (the base with edits to the .dflow and to the kernels) under `dir`; returns its .dflow. */
export function writeVersion(dir: string, dflow: readonly Edit[] = [], kernels: readonly Edit[] = []): string {
  mkdirSync(path.join(dir, "kernels"), { recursive: true });
  writeFileSync(path.join(dir, "kernels", "index.ts"), apply(BASE_KERNELS, kernels));
  const file = path.join(dir, "p.dflow");
  writeFileSync(file, apply(BASE_DFLOW, dflow));
  return file;
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `dflow-diff-${prefix}-`));
}
