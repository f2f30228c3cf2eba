import { statSync } from "node:fs";
import path from "node:path";
import type { ProductTypeInfo } from "../kernels/index.js";

/** What one stage did in a run: tasks run, up to date and failed, the run tasks' time and the bytes they wrote. */
export interface StageSummary {
  readonly stage: string;
  readonly ran: number;
  readonly upToDate: number;
  readonly failed: number;
  /** Wall time of the tasks run, summed (s). */
  readonly seconds: number;
  /** Bytes of the outputs of the tasks run. */
  readonly bytes: number;
}

/**
 * A product the run ends by pointing at: an HTML product (a report, its path printed), or a JSON
 * product whose type declares `summary: readonly string[]` (its lines printed). Either one made
 * or found up to date by the run.
 */
export interface ReportProduct {
  readonly path: string;
  readonly type: string;
  readonly format: "html" | "json";
}

/** Whether a product of type `t` is one a run ends by showing (docs/conventions.md#run-summary). */
export function isReportType(t: ProductTypeInfo | undefined): boolean {
  if (t === undefined) return false;
  if (t.format === "html") return true;
  return t.format === "json" && t.fields.some((f) => f.name === "summary" && /^(readonly )?string\[\]$/.test(f.tsType));
}

/** Counts what each stage's tasks did as they end, for the run's closing summary. */
export class StageTally {
  readonly #stages = new Map<string, { ran: number; upToDate: number; failed: number; seconds: number; bytes: number }>();
  readonly #products = new Map<string, ReportProduct>();

  constructor(
    readonly out: string,
    readonly types: ReadonlyMap<string, ProductTypeInfo>,
  ) {}

  /** Task of `stage` with outputs `outputs` ended as `kind`; `seconds` its wall time when it ran. */
  settle(stage: string, outputs: readonly { readonly path: string; readonly type: string }[], kind: "ran" | "skipped" | "failed", seconds: number): void {
    let s = this.#stages.get(stage);
    if (s === undefined) this.#stages.set(stage, (s = { ran: 0, upToDate: 0, failed: 0, seconds: 0, bytes: 0 }));
    if (kind === "failed") {
      s.failed++;
      return;
    }
    if (kind === "ran") {
      s.ran++;
      s.seconds += seconds;
      for (const o of outputs) s.bytes += sizeOf(path.join(this.out, o.path));
    } else s.upToDate++;
    for (const o of outputs) {
      const t = this.types.get(o.type);
      if (isReportType(t)) this.#products.set(o.path, { path: path.join(this.out, o.path), type: o.type, format: t!.format as "html" | "json" });
    }
  }

  /** The stages that had tasks, in `order` (the plan's), then any other. */
  stages(order: readonly string[]): StageSummary[] {
    const names = [...order.filter((n) => this.#stages.has(n)), ...[...this.#stages.keys()].filter((n) => !order.includes(n))];
    return names.map((stage) => ({ stage, ...this.#stages.get(stage)! }));
  }

  /** The report products, by path. */
  products(): ReportProduct[] {
    return [...this.#products.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
