import { alg } from "@dagrejs/graphlib";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import type { Selector } from "../syntax/parseSelector.js";
import { suggest } from "../util/suggest.js";
import type { Scope } from "./Scope.js";
import { stageParts } from "./Scope.js";
import { buildStageGraph } from "./stageGraph.js";

/**
 * The stages a run or an emit needs for the requested targets: the selected stages and
 * everything upstream of them (all stages when nothing is selected). A `refactoring` stage
 * among them is DF4001 unless `allowRefactoring`; a selector naming no stage is DF2002.
 */
export function requestedStages(scope: Scope, selectors: readonly Selector[], allowRefactoring: boolean): { stages: Set<string>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const g = buildStageGraph(scope);
  const wanted = new Set<string>();
  if (selectors.length === 0) for (const s of scope.stages.keys()) wanted.add(s);
  for (const sel of selectors) {
    if (!scope.stages.has(sel.stage)) {
      diagnostics.push(
        diag("DF2002", `There is no stage named \`${sel.stage}\`.`, sel.loc, { label: "unknown stage", suggestions: suggest(sel.stage, scope.stages.keys()) }),
      );
      continue;
    }
    wanted.add(sel.stage);
    for (const up of alg.preorder(reverse(g), [sel.stage])) wanted.add(up);
  }
  if (!allowRefactoring) {
    for (const name of [...wanted].sort()) {
      const stage = scope.stages.get(name)!;
      const status = stageParts(stage).status;
      if (status?.word !== "refactoring") continue;
      diagnostics.push(
        diag("DF4001", `Stage \`${name}\` is marked \`refactoring\`, so it is not run or emitted.`, status.wordLoc, {
          label: status.note !== undefined ? `refactoring: ${status.note.value}` : "refactoring",
          help: "pass --allow-refactoring to run it anyway, or select targets that do not need it",
        }),
      );
    }
  }
  return { stages: wanted, diagnostics };
}

function reverse(g: ReturnType<typeof buildStageGraph>): ReturnType<typeof buildStageGraph> {
  const r = new (g.constructor as new (o: { directed: boolean }) => ReturnType<typeof buildStageGraph>)({ directed: true });
  for (const v of g.nodes()) r.setNode(v);
  for (const e of g.edges()) r.setEdge(e.w, e.v);
  return r;
}
