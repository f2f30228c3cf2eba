import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import { taskId, type TaskGraph } from "../plan/index.js";
import type { KeyValue, TaskRecord } from "./executeTask.js";
import { programIdentity } from "./runProgram.js";

/**
 * Builds task records from a plan. Everything a stage's tasks share (kernel, module entry,
 * closure hash, params evaluated and converted, ports and their types) was bound once and
 * planned once per stage; a record only adds the task's key and its input and output paths.
 */
export class RecordBuilder {
  /** The import closure of each kernel of the index, by name. */
  readonly #closures: ReadonlyMap<string, readonly string[]>;

  constructor(readonly pipeline: BoundPipeline) {
    this.#closures = new Map((pipeline.index?.kernels ?? []).map((k) => [k.name, k.importClosure]));
  }

  /** The record of task `t` of graph `g`; `undefined` when its kernel is not in the index. */
  record(g: TaskGraph, t: number): TaskRecord | undefined {
    const s = g.stageOf(t);
    const stage = s.stage;
    const k = stage.kernel;
    const prog = stage.program !== undefined ? programIdentity(stage.program, s.params ?? {}) : undefined;
    if ((k === undefined && prog === undefined) || s.params === undefined) return undefined;
    const key: Record<string, KeyValue> = {};
    s.vars.forEach((v, i) => (key[v.grid] = g.grids.get(v.grid)!.keys[s.keys[i]![t - s.first]!]!));
    const producers = new Map<string, number>();
    for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) {
      const p = g.edges[e]!;
      g.outputsOf(p, (product, keys) => producers.set(g.paths.get(product)!(keys), p));
    }
    const inputs = stage.inputs.map((item) => ({ port: item.port, form: item.form, items: [] as { path: string; type: string; producer?: string }[] }));
    g.inputsOf(t, (product, keys, item) => {
      const p = g.paths.get(product)!(keys);
      const producer = producers.get(p);
      inputs[item]!.items.push({ path: p, type: stage.inputs[item]!.typeName, ...(producer !== undefined ? { producer: taskId(g, producer) } : {}) });
    });
    const outputs: { port: string; path: string; type: string }[] = [];
    g.outputsOf(t, (product, keys, item) =>
      outputs.push({ port: stage.outputs[item]!.port, path: g.paths.get(product)!(keys), type: stage.outputs[item]!.typeName }),
    );
    if (prog !== undefined) {
      const first = stage.program!.args[0];
      return {
        id: taskId(g, t),
        stage: s.name,
        kernel: `run ${stage.program!.shell ? "shell" : first?.kind === "text" ? first.text : path.basename(prog.record.path)}`,
        module: "",
        exportName: "",
        closure: prog.closure,
        key,
        seed: String(g.params.get("seed") ?? 0),
        params: s.params,
        inputs,
        outputs,
        program: prog.record,
      };
    }
    if (k === undefined) return undefined;
    return {
      id: taskId(g, t),
      stage: s.name,
      kernel: k.name,
      module: k.entry,
      exportName: k.exportName,
      closure: k.closure,
      ...(k.formerClosure !== undefined ? { formerClosure: k.formerClosure } : {}),
      ...(this.#closures.has(k.name) ? { closureFiles: this.#closures.get(k.name)! } : {}),
      key,
      seed: String(g.params.get("seed") ?? 0),
      params: s.params,
      inputs,
      outputs,
    };
  }
}
