import type { KernelIndex } from "../kernels/types.js";
import type { Span } from "../util/Span.js";
import type { BoundExpr, Value } from "./BoundExpr.js";

/**
 * A pipeline bound once, after the checker: every declaration with its names resolved, its
 * product types looked up, its stages' kernels found (module entry, export, import-closure
 * hash) and their constant params converted to the kernel's units. Spans (file id + offsets)
 * replace AST nodes, so the planner, the runtime, the emitters and the tools after them (lint,
 * diff, a language server) read this value and never the syntax tree.
 */
export interface BoundPipeline {
  /** The pipeline's name (`pipeline twopct …`), `""` when the file declares none. */
  readonly name: string;
  readonly title: string | undefined;
  readonly span: Span;
  readonly params: readonly BoundParam[];
  readonly profiles: readonly BoundProfile[];
  readonly grids: readonly BoundGrid[];
  readonly relations: readonly BoundRelation[];
  readonly products: ReadonlyMap<string, BoundProduct>;
  /** Stages in declaration order. */
  readonly stages: readonly BoundStage[];
  /** The stage producing each product (the first one when several do: the checker reports that). */
  readonly producers: ReadonlyMap<string, string>;
  /** The kernel index of the imports (product types, kernels), when it could be read. */
  readonly index: KernelIndex | undefined;
}

/** `param seed: int = 1`. */
export interface BoundParam {
  readonly name: string;
  /** The declared type as written (`int`, `duration`), when there is one. */
  readonly type: string | undefined;
  readonly default: BoundExpr | undefined;
  readonly span: Span;
  readonly nameSpan: Span;
}

/** `profile mini default { npetal = 2 }`. */
export interface BoundProfile {
  readonly name: string;
  readonly isDefault: boolean;
  readonly entries: readonly { readonly name: string; readonly value: BoundExpr; readonly span: Span }[];
  readonly span: Span;
}

/** A name as written, with where it is. */
export interface BoundName {
  readonly name: string;
  readonly span: Span;
}

/** `night: date = NIGHT`: a grid attribute (or a relation variable) read from a column. */
export interface BoundAttribute {
  readonly name: string;
  readonly type: string | undefined;
  readonly column: BoundName;
  readonly span: Span;
}

/** The domain of a grid. */
export type BoundDomain =
  | { readonly kind: "range"; readonly lo: BoundExpr; readonly hi: BoundExpr; readonly span: Span }
  | { readonly kind: "set"; readonly items: readonly BoundExpr[]; readonly span: Span }
  | {
      readonly kind: "column";
      readonly product: BoundName;
      readonly column: BoundName;
      readonly isKey: boolean;
      readonly attributes: readonly BoundAttribute[];
      readonly span: Span;
    }
  | { readonly kind: "kernel"; readonly call: BoundKernelCall; readonly span: Span };

/** `grid healpix = kernel targets.footprintPixels(tiles, nside = nside) nested`. */
export interface BoundGrid {
  readonly name: string;
  readonly domain: BoundDomain;
  readonly ordering: "nested" | "ring" | undefined;
  /** A static superset bounding a data-dependent grid. */
  readonly envelope: BoundDomain | undefined;
  readonly span: Span;
}

/** A kernel found in the index. */
export interface BoundKernel {
  /** Qualified name: `calib.fiberflat`. */
  readonly name: string;
  /** The module's alias and its entry file. */
  readonly module: string;
  readonly entry: string;
  readonly exportName: string;
  /** Content hash of the kernel's import closure (part of every task's fingerprint). */
  readonly closure: string;
  /**
   * The closure hash dflow computed before change detection was per kernel (over every file its
   * module's file imports): a task recorded with it is up to date, and its record is moved to
   * `closure`, rather than rerun. Absent when it equals `closure`.
   */
  readonly formerClosure?: string;
  /** The kernel's `@default`s, in its param order: a task's params start from them. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** The kernel's `@unit` of each param that declares one: given values are converted to it. */
  readonly units: Readonly<Record<string, string>>;
}

/** A param given to a kernel: its value when it is known at bind time (converted to the kernel param's unit), else the expression the planner evaluates once per plan. */
export type BoundParamArg =
  { readonly name: string; readonly span: Span; readonly value: unknown } | { readonly name: string; readonly span: Span; readonly expr: BoundExpr };

/** `kernel survey.pixels(tiles, nside = nside)`: positional args are products, named ones params. */
export interface BoundKernelCall {
  readonly name: string;
  readonly kernel: BoundKernel | undefined;
  /** Positional args: the product each names (undefined when it is not a name), and the kernel input it feeds. */
  readonly inputs: readonly { readonly product: string | undefined; readonly port: string | undefined }[];
  readonly params: readonly BoundParamArg[];
  readonly span: Span;
}

/** `relation observes(h: healpix) -> (e: exposure, p: petal) = … fanout 64`. */
export interface BoundRelation {
  readonly name: string;
  readonly from: readonly BoundVar[];
  readonly to: readonly BoundVar[];
  readonly source:
    | { readonly kind: "kernel"; readonly call: BoundKernelCall }
    | { readonly kind: "columns"; readonly product: BoundName; readonly columns: readonly BoundAttribute[]; readonly span: Span };
  readonly fanout: BoundExpr | undefined;
  readonly span: Span;
}

/** `h: healpix`. */
export interface BoundVar {
  readonly name: string;
  readonly grid: string;
  /** The variable's name as written. */
  readonly nameSpan: Span;
  readonly span: Span;
}

/** One piece of a path template. */
export type BoundTemplatePart =
  | { readonly kind: "text"; readonly text: string; readonly span: Span }
  | {
      readonly kind: "field";
      readonly path: readonly string[];
      readonly divisor: number | undefined;
      readonly format: string | undefined;
      readonly span: Span;
    };

/** `product frame[exposure, camera, petal] : Frame at "…"`. */
export interface BoundProduct {
  readonly name: string;
  readonly axes: readonly string[];
  /** The product type's name (the last part of the type as written): the one place it is computed. */
  readonly typeName: string;
  /** The type's storage format, when the type is in the kernel index. */
  readonly format: "fits" | "ecsv" | "json" | "html" | undefined;
  /** The path template (the default `NAME/NAME-k1-k2.EXT` when the product has none). */
  readonly template: readonly BoundTemplatePart[];
  /** Whether the path was written (`at "…"`), not defaulted. */
  readonly explicitPath: boolean;
  /** The path's span (the product's when defaulted). */
  readonly pathSpan: Span;
  readonly span: Span;
}

/** `frame[e, c, p]` in a stage. */
export interface BoundRef {
  readonly product: string;
  readonly indices: readonly BoundExpr[];
  readonly span: Span;
}

/** `for (e, p) in observes(h), c in camera where …`. */
export interface BoundGather {
  readonly clauses: readonly {
    readonly vars: readonly string[];
    readonly source: string;
    readonly args: readonly BoundExpr[] | undefined;
    readonly span: Span;
  }[];
  readonly where: BoundExpr | undefined;
  readonly span: Span;
}

/** A stage's input: the kernel port it feeds, how (one handle, an array, a stream), and the product type. */
export interface BoundInput {
  readonly port: string;
  readonly ref: BoundRef;
  readonly gather: BoundGather | undefined;
  readonly bestEffort: boolean;
  readonly form: "single" | "array" | "stream";
  readonly typeName: string;
  readonly span: Span;
}

/** A stage's output. */
export interface BoundOutput {
  readonly port: string;
  readonly ref: BoundRef;
  readonly typeName: string;
  readonly span: Span;
}

/** `cores 32`, `memory 4GB`, `time 10min per 250 spectra`, with the text as written (for `dflow table`). */
export interface BoundResource {
  readonly name: string;
  readonly value: BoundExpr;
  readonly per: BoundExpr | undefined;
  readonly text: string;
  readonly span: Span;
}

/** One argv element of a program stage: text as written, or what a `{NAME}` placeholder names. */
export type BoundRunArg =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "input" | "output" | "param"; readonly name: string }
  /** A grid variable: the task's key of grid `grid`. */
  | { readonly kind: "key"; readonly name: string; readonly grid: string };

/** `run "prog" "--in" {flats} "--out" {fiberflat}` with its `version` command. */
export interface BoundProgram {
  /** `run shell "SCRIPT" …`: the first argument is a script for `/bin/sh -c`, the others its `$1`, `$2`, …. */
  readonly shell: boolean;
  readonly args: readonly BoundRunArg[];
  /** The argv of the `version` command, when declared (strings and params). */
  readonly version: readonly BoundRunArg[] | undefined;
  /** The directory a program path with a `/` is relative to: the `.dflow` file's. */
  readonly base: string;
  readonly span: Span;
}

/** A stage bound: everything planning, running and emitting it needs. */
export interface BoundStage {
  readonly name: string;
  readonly nameSpan: Span;
  readonly vars: readonly BoundVar[];
  readonly where: BoundExpr | undefined;
  readonly inputs: readonly BoundInput[];
  readonly outputs: readonly BoundOutput[];
  /** The kernel as written (`calib.fiberflat`), `""` when the stage names none. */
  readonly kernelName: string;
  /** The kernel found in the index; undefined when the index could not be read. */
  readonly kernel: BoundKernel | undefined;
  /** The program the stage runs instead of a kernel (`run …`). */
  readonly program: BoundProgram | undefined;
  readonly params: readonly BoundParamArg[];
  readonly resources: ReadonlyMap<string, BoundResource>;
  readonly pack: BoundExpr | undefined;
  readonly status: { readonly word: "done" | "ready" | "refactoring"; readonly note: string | undefined; readonly span: Span } | undefined;
  /** The name `dflow table` shows: the label, else the stage's name. */
  readonly label: string;
  readonly span: Span;
}

/** A param value known at bind time, or the expression to evaluate with the plan's params. */
export function isBoundValue(p: BoundParamArg): p is { readonly name: string; readonly span: Span; readonly value: unknown } {
  return "value" in p;
}

export type { Value };
