import type { GridKey } from "../../stdlib/kernel.js";
import type { KernelFunction, ProductTypeInfo } from "../kernels/index.js";
import { openProduct } from "./codecs/index.js";
import { makeRng, taskSeed } from "./rng.js";
import { thrownText } from "./thrownText.js";

/**
 * One call of a grid or relation kernel, as plain data: what a task process is sent, so that a
 * kernel computing a grid runs as isolated from the run as a stage's task.
 */
export interface DomainCallJob {
  readonly kind: "grid" | "relation";
  /** The grid's or relation's name, for messages. */
  readonly name: string;
  /** The kernel's dotted name, its module entry file and export. */
  readonly kernel: string;
  readonly module: string;
  readonly exportName: string;
  /** Input products by kernel port: absolute path and product type name. */
  readonly inputs: readonly { readonly port: string; readonly path: string; readonly type: string }[];
  readonly params: Readonly<Record<string, unknown>>;
  /** The pipeline seed (the rng is derived from it and the kernel's name). */
  readonly seed: string;
  /** A relation's tuple length (its `from` grids and `to` grids). */
  readonly arity?: number;
}

/** What a grid or relation kernel gave: keys, pairs, or why it failed. */
export type DomainCallResult =
  | { readonly ok: true; readonly keys: readonly GridKey[] }
  | { readonly ok: true; readonly pairs: readonly (readonly GridKey[])[] }
  | { readonly ok: false; readonly message: string };

const isKey = (k: unknown): k is GridKey => typeof k === "number" || typeof k === "bigint" || typeof k === "string";

/** A kernel's value as the keys or pairs it must be, copied into plain arrays (its getters run here); a message when it is not. */
function readDomainValue(job: DomainCallJob, value: unknown): DomainCallResult {
  const what = job.kind === "grid" ? "keys (`{ keys: [...] }`)" : "pairs (`{ pairs: [[...], ...] }`)";
  if (value === null || typeof value !== "object") return { ok: false, message: `it returned ${value === null ? "null" : typeof value}, not ${what}` };
  const field = job.kind === "grid" ? "keys" : "pairs";
  const list = (value as Record<string, unknown>)[field];
  if (!Array.isArray(list)) return { ok: false, message: `it returned no \`${field}\` array, not ${what}` };
  if (job.kind === "grid") {
    const keys: GridKey[] = [];
    for (let i = 0; i < list.length; i++) {
      const k: unknown = list[i];
      if (!isKey(k)) return { ok: false, message: `key ${i} is ${k === null ? "null" : typeof k}, not an integer, a bigint or a string` };
      keys.push(k);
    }
    return { ok: true, keys };
  }
  const pairs: GridKey[][] = [];
  for (let i = 0; i < list.length; i++) {
    const p: unknown = list[i];
    if (!Array.isArray(p)) return { ok: false, message: `pair ${i} is not an array of keys` };
    if (job.arity !== undefined && p.length !== job.arity) return { ok: false, message: `pair ${i} has ${p.length} keys, not ${job.arity}` };
    const tuple: GridKey[] = [];
    for (const k of p as unknown[]) {
      if (!isKey(k)) return { ok: false, message: `pair ${i} holds ${k === null ? "null" : typeof k}, not an integer, a bigint or a string` };
      tuple.push(k);
    }
    pairs.push(tuple);
  }
  return { ok: true, pairs };
}

/**
 * Calls a grid or relation kernel: opens its inputs, calls it with its params and a seeded rng,
 * and reads what it returned into plain keys or pairs. Whatever the kernel throws or returns
 * becomes a result; this never throws.
 */
export async function runDomainCall(
  job: DomainCallJob,
  load: (job: DomainCallJob) => Promise<KernelFunction | string>,
  types: ReadonlyMap<string, ProductTypeInfo>,
): Promise<DomainCallResult> {
  let fn: KernelFunction | string;
  try {
    fn = await load(job);
  } catch (e) {
    return { ok: false, message: thrownText(e, "loading it").message };
  }
  if (typeof fn === "string") return { ok: false, message: fn };
  const inputs: Record<string, unknown> = {};
  for (const inp of job.inputs) {
    const t = types.get(inp.type);
    if (t === undefined) return { ok: false, message: `product type \`${inp.type}\` is unknown` };
    inputs[inp.port] = { key: {}, ...openProduct(t, inp.path) };
  }
  let value: unknown;
  try {
    value = await fn(inputs, { ...job.params }, { rng: makeRng(taskSeed(job.seed, job.kernel, "")), key: {}, log: () => undefined });
  } catch (e) {
    return { ok: false, message: thrownText(e).message };
  }
  try {
    return readDomainValue(job, value);
  } catch (e) {
    return { ok: false, message: `its result cannot be read: ${thrownText(e, "reading it").message}` };
  }
}
