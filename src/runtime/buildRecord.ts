import { existsSync, readFileSync } from "node:fs";
import { portName, stageParts, type CheckedProgram } from "../check/index.js";
import type { KernelIndex, KernelInfo } from "../kernels/index.js";
import { evalConst, taskId, type TaskGraph, type Value } from "../plan/index.js";
import type * as A from "../syntax/ast.js";
import { convert, parseUnit } from "../units/index.js";
import { sha256 } from "./state.js";
import type { KeyValue, TaskRecord } from "./executeTask.js";

/** Builds task records from a plan; caches per-kernel work (closure hashes). */
export class RecordBuilder {
  readonly #closures = new Map<string, string>();
  constructor(
    readonly checked: CheckedProgram,
    readonly index: KernelIndex,
  ) {}

  /** The type name of a product. */
  typeName(product: string): string {
    const p = this.checked.scope.products.get(product);
    return p?.type.name.parts[p.type.name.parts.length - 1]?.value ?? "";
  }

  /** A kernel by qualified name, with its module's entry file. */
  kernel(name: string): { info: KernelInfo; entry: string } | undefined {
    const info = this.index.kernels.find((k) => k.name === name);
    const entry = info !== undefined ? this.index.modules.find((m) => m.alias === info.module)?.entry : undefined;
    return info !== undefined && entry !== undefined ? { info, entry } : undefined;
  }

  /** Content hash of a kernel's import closure. */
  closure(info: KernelInfo): string {
    let h = this.#closures.get(info.name);
    if (h === undefined) {
      h = sha256(...info.importClosure.map((f) => `${f}\0${existsSync(f) ? readFileSync(f, "utf8") : ""}`));
      this.#closures.set(info.name, h);
    }
    return h;
  }

  /** A kernel's params: its `@default`s, then the values given (quantities converted to the param's unit). */
  params(info: KernelInfo, given: readonly { name: A.NameNode; value: A.ExprNode }[], values: ReadonlyMap<string, Value>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of info.params) if (p.default !== undefined) out[p.name] = p.default;
    for (const g of given) {
      const e = g.value;
      if (e.kind === "Quantity") {
        const want = info.params.find((p) => p.name === g.name.value)?.unit;
        const from = parseUnit(e.unit);
        const to = want !== undefined ? parseUnit(want) : undefined;
        const c = from.ok && to?.ok === true ? convert(e.number.value, from.unit, to.unit) : undefined;
        out[g.name.value] = c?.ok === true ? c.value : e.number.value;
      } else out[g.name.value] = evalConst(e, values);
    }
    return out;
  }

  /** The record of task `t` of graph `g`; `undefined` when its kernel is not in the index. */
  record(g: TaskGraph, t: number): TaskRecord | undefined {
    const s = g.stageOf(t);
    const parts = stageParts(s.node);
    const kname = parts.kernel?.kernel.parts.map((x) => x.value).join(".") ?? "";
    const k = this.kernel(kname);
    if (k === undefined) return undefined;
    const key: Record<string, KeyValue> = {};
    s.vars.forEach((v, i) => (key[v.grid] = g.grids.get(v.grid)!.keys[s.keys[i]![t - s.first]!]!));
    const producers = new Map<string, number>();
    for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) {
      const p = g.edges[e]!;
      g.outputsOf(p, (product, keys) => producers.set(g.paths.get(product)!(keys), p));
    }
    const inputs = parts.inputs.map((item) => {
      const port = k.info.inputs.find((x) => x.name === portName(item));
      const form: "single" | "array" | "stream" = item.gather === undefined ? "single" : port?.collection === "stream" ? "stream" : "array";
      return { port: portName(item), form, items: [] as { path: string; type: string; producer?: string }[] };
    });
    g.inputsOf(t, (product, keys, item) => {
      const p = g.paths.get(product)!(keys);
      const producer = producers.get(p);
      inputs[item]!.items.push({ path: p, type: this.typeName(product), ...(producer !== undefined ? { producer: taskId(g, producer) } : {}) });
    });
    const outputs: { port: string; path: string; type: string }[] = [];
    g.outputsOf(t, (product, keys, item) => outputs.push({ port: portName(parts.outputs[item]!), path: g.paths.get(product)!(keys), type: this.typeName(product) }));
    return {
      id: taskId(g, t),
      stage: s.name,
      kernel: kname,
      module: k.entry,
      exportName: k.info.exportName,
      closure: this.closure(k.info),
      key,
      seed: String(g.params.get("seed") ?? 0),
      params: this.params(k.info, parts.params.map((p) => ({ name: p.name, value: p.value })), g.params),
      inputs,
      outputs,
    };
  }
}
