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

/**
 * What a grid or relation kernel gave, copied so that it crosses between processes (its getters
 * ran where it was made): `{ keys }` or `{ pairs }` for the receiver to check (domainValues), or
 * why it failed.
 */
export type DomainCallResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; /** What the log gets besides the message (a stack). */ readonly detail?: string };

/** A key as sent on: a primitive as it is, anything else as an empty object (an unusable key to the receiver). */
const copyKey = (k: unknown): unknown =>
  typeof k === "number" || typeof k === "bigint" || typeof k === "string" || typeof k === "boolean" || k === null || k === undefined ? k : {};

/** A kernel's value reduced to plain data of the same shape: `{ keys: [...] }`, `{ pairs: [[...], ...] }`, or undefined when it has neither. */
function copyDomainValue(job: DomainCallJob, value: unknown): unknown {
  if (value === null || typeof value !== "object") return undefined;
  const field = job.kind === "grid" ? "keys" : "pairs";
  const list: unknown = (value as Record<string, unknown>)[field];
  if (!Array.isArray(list)) return undefined;
  const items = Array.from(list as unknown[], (x) => (job.kind === "grid" ? copyKey(x) : Array.isArray(x) ? Array.from(x as unknown[], copyKey) : null));
  return { [field]: items };
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
    const t = thrownText(e);
    return { ok: false, message: t.message, ...(t.log !== t.message ? { detail: t.log } : {}) };
  }
  try {
    return { ok: true, value: copyDomainValue(job, value) };
  } catch (e) {
    return { ok: false, message: `its result cannot be read: ${thrownText(e, "reading it").message}` };
  }
}
