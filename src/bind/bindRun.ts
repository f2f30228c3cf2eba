import { portName, type stageParts } from "../check/index.js";
import type * as A from "../syntax/ast.js";
import type { BoundProgram, BoundRunArg } from "../bound/index.js";

/**
 * The program a stage runs (`run …`, with its `version` line), or undefined for a kernel stage.
 * Each `{NAME}` is resolved as the checker did: the stage's inputs and outputs first, then its
 * params, its grid variables, and last the pipeline's params.
 */
export function bindRun(stage: A.StageNode, parts: ReturnType<typeof stageParts>, base: string): BoundProgram | undefined {
  const run = stage.items.find((i): i is A.RunNode => i.kind === "Run");
  if (run === undefined) return undefined;
  const version = stage.items.find((i): i is A.VersionNode => i.kind === "Version");
  const inputs = new Set(parts.inputs.map(portName));
  const outputs = new Set(parts.outputs.map(portName));
  const params = new Set(parts.params.map((p) => p.name.value));
  const arg = (a: A.RunArgNode): BoundRunArg => {
    if (a.kind === "String") return { kind: "text", text: a.value };
    const name = a.value;
    if (inputs.has(name)) return { kind: "input", name };
    if (outputs.has(name)) return { kind: "output", name };
    if (params.has(name)) return { kind: "param", name };
    const v = stage.vars.find((x) => x.name.value === name);
    if (v !== undefined) return { kind: "key", name, grid: v.grid.value };
    return { kind: "param", name };
  };
  return { shell: run.shell, args: run.args.map(arg), version: version?.args.map(arg), base, span: run.loc };
}
