import type * as A from "../../syntax/ast.js";
import { suggest } from "../../util/suggest.js";
import type { CheckContext } from "../CheckContext.js";
import { portName, stageParts } from "../Scope.js";

/**
 * A stage that runs a program (`run "prog" "--in" {flats} "--out" {fiberflat}`) is well formed
 * (DF3028): it binds no kernel as well, says `run` once, gives every output to the program (the
 * program writes the temporary path dflow gives it), and every `{NAME}` names one of its inputs,
 * outputs, stage or pipeline params or grid variables; `version` comes with a `run` line; `run
 * shell` starts with the script's text.
 */
export function ProgramStageRule(ctx: CheckContext): void {
  for (const stage of ctx.scope.stages.values()) {
    const runs = stage.items.filter((i): i is A.RunNode => i.kind === "Run");
    const versions = stage.items.filter((i): i is A.VersionNode => i.kind === "Version");
    const name = stage.name.value;
    if (runs.length === 0) {
      for (const v of versions)
        ctx.report("DF3028", `Stage \`${name}\` declares a \`version\` command but runs no program.`, v.loc, {
          label: "no `run` line",
          help: 'add `run "PROGRAM" …`, or remove the `version` line',
        });
      continue;
    }
    const parts = stageParts(stage);
    const run = runs[0]!;
    for (const extra of [...runs.slice(1), ...versions.slice(1)])
      ctx.report("DF3028", `Stage \`${name}\` says \`${extra.kind === "Run" ? "run" : "version"}\` twice.`, extra.loc, {
        label: "second line",
        secondary: [{ span: (extra.kind === "Run" ? run : versions[0]!).loc, message: "first here" }],
      });
    if (parts.kernel !== undefined)
      ctx.report("DF3028", `Stage \`${name}\` binds a kernel and runs a program: it does one or the other.`, parts.kernel.loc, {
        label: "kernel here",
        secondary: [{ span: run.loc, message: "program here" }],
        help: "remove the `kernel` line or the `run` line",
      });
    if (run.shell && run.args[0]?.kind !== "String")
      ctx.report("DF3028", "`run shell` takes the script's text first.", run.args[0]?.loc ?? run.loc, {
        label: "not a string",
        help: 'write `run shell "prog --in \\"$1\\"" {flats}`: placeholders reach the script as $1, $2, …',
      });
    const paramNames = new Set([...parts.params.map((p) => p.name.value), ...ctx.scope.params.keys()]);
    const first = run.args[0];
    if (!run.shell && first !== undefined && first.kind !== "String" && !paramNames.has(first.value))
      ctx.report("DF3028", "`run` takes the program first: a string or a param.", first.loc, {
        label: "not a program",
        help: 'write `run "prog" "--in" {flats}`',
      });
    for (const a of versions[0]?.args ?? [])
      if (a.kind === "Name" && !paramNames.has(a.value))
        ctx.report("DF3028", `\`{${a.value}}\` in a \`version\` command names no param.`, a.loc, {
          label: "not a param",
          suggestions: suggest(a.value, paramNames),
        });
    const names = new Map<string, string>();
    for (const i of parts.inputs) names.set(portName(i), "input");
    for (const o of parts.outputs) names.set(portName(o), "output");
    for (const p of parts.params) names.set(p.name.value, "param");
    for (const v of stage.vars) names.set(v.name.value, "variable");
    for (const p of ctx.scope.params.keys()) if (!names.has(p)) names.set(p, "param");
    const given = new Set<string>();
    for (const a of run.args) {
      if (a.kind !== "Name") continue;
      given.add(a.value);
      if (names.has(a.value)) continue;
      ctx.report("DF3028", `\`{${a.value}}\` names no input, output, param or grid variable of stage \`${name}\`.`, a.loc, {
        label: "unknown placeholder",
        suggestions: suggest(a.value, names.keys()),
      });
    }
    for (const o of parts.outputs) {
      const port = portName(o);
      if (!given.has(port))
        ctx.report("DF3028", `Output \`${port}\` of stage \`${name}\` is not given to the program.`, o.loc, {
          label: "never written",
          help: `pass its path as an argument: \`{${port}}\` (the program writes there, dflow moves it into place)`,
        });
    }
  }
}
