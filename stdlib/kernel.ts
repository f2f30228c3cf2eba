/**
 * The kernel contract, the stdlib's side. A stage kernel is an exported function
 *
 *     (inputs: { name: Handle<T> | Gather<T>, … }, params: { … }, ctx: KernelContext)
 *       => { output: T, … } | Promise<{ output: T, … }>
 *
 * where each `T` is a product type of the data model (`stdlib/datamodel`). Inputs are lazy
 * handles (a gather is an array or async iterable of handles in natural key order) that read
 * headers, table rows and image rows without the rest of a file; outputs
 * are in-memory values the runtime validates and writes. Kernels do no file I/O and draw every
 * random number from `ctx.rng`. A grid kernel returns `GridKeys`, a relation kernel
 * `RelationPairs`. A kernel that finds its inputs or params unusable throws a
 * {@link KernelError} saying what failed; the runtime reports its message with the partition.
 * The checker reads the types of this file with ts-morph; its one runtime value is `KernelError`.
 */
import type { Header, Image } from "./datamodel/values.js";

/** An integer parameter (a JS number holding an integer). */
export type int = number;
/** A floating-point parameter. */
export type float = number;
/** A date parameter or grid key, as YYYYMMDD (DESI's NIGHT). */
export type date = number;

/** One value of a grid: an integer (64-bit keys as bigint), a string or a date. */
export type GridKey = number | bigint | string;

/** The partition a task works on: grid name → key. */
export type PartitionKey = Readonly<Record<string, GridKey>>;

/** What a kernel can read from one opening of an input product's file. */
export interface ProductFile {
  /** The primary header, without reading any data. */
  header(): Promise<Header>;
  /** Rows `[start, end)` of a table HDU (all columns, or the ones named), without reading the rest. */
  readRows(hdu: string, start: number, end: number, columns?: readonly string[]): Promise<Readonly<Record<string, unknown>>>;
  /**
   * Rows `[start, end)` along the first axis of an image HDU (the fibers of FLUX, IVAR, MASK or
   * RESOLUTION), without reading the rest: shape `[end - start, ...]`, the other axes whole.
   */
  readImageRows(hdu: string, start: number, end: number): Promise<Image>;
}

/**
 * A lazy handle on one input product: nothing is read until asked. Each read opens the file and
 * closes it; `session` opens it once for several reads (one opening per file a kernel visits).
 */
export interface Handle<T> extends ProductFile {
  /** The partition of the product this handle reads. */
  readonly key: PartitionKey;
  /** The product's file, for messages. */
  readonly path: string;
  /** The whole product. */
  read(): Promise<T>;
  /** Opens the file once: `use` reads through the file it is given, which closes when `use` settles. */
  session<R>(use: (file: ProductFile) => Promise<R>): Promise<R>;
}

/** A gathered input: handles in natural key order, as an array or streamed. */
export type Gather<T> = readonly Handle<T>[] | AsyncIterable<Handle<T>>;

/** A seeded random source derived from the pipeline seed, the stage and the partition key. */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Poisson with mean `lambda`. */
  poisson(lambda: number): number;
  /** Uniform 64-bit unsigned integer. */
  uint64(): bigint;
}

/** What the runtime gives every kernel call besides inputs and params. */
export interface KernelContext {
  readonly rng: Rng;
  readonly key: PartitionKey;
  readonly log: (message: string) => void;
}

/** What a grid kernel returns: the grid's keys, with optional attributes per key. */
export interface GridKeys {
  readonly keys: readonly GridKey[];
  readonly attributes?: Readonly<Record<string, readonly GridKey[]>>;
}

/** What a relation kernel returns: one tuple of keys per pair, `from` grids first, then `to` grids. */
export interface RelationPairs {
  readonly pairs: readonly (readonly GridKey[])[];
}

const KERNEL_ERROR = Symbol.for("dflow.KernelError");

/**
 * What a kernel throws to say what failed in its domain ("fiber 12 has no valid pixels", "the
 * arc lines do not fit"): the runtime reports the message with the task's partition, without a
 * stack, and fails only that task. Any other thrown value is reported too, as a failure of the
 * kernel, with its stack in the task's log. Recognised by a registered symbol, so that a copy
 * of this class loaded from another place still counts.
 */
export class KernelError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = "KernelError";
    // Marks a kernel error across copies of this module (see isKernelError).
    Object.defineProperty(this, KERNEL_ERROR, { value: true });
  }
}

/** Whether `e` is a {@link KernelError}, from this module or any copy of it. */
export function isKernelError(e: unknown): e is KernelError {
  return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[KERNEL_ERROR] === true;
}
