import type { Selector, SelectorAtom } from "../syntax/parseSelector.js";
import type { TaskGraph } from "./TaskGraph.js";

function atomMatches(v: unknown, a: SelectorAtom): boolean {
  return a.kind === "int" ? String(v) === a.value.toString() : String(v) === a.value;
}

/**
 * The tasks a selector names: its stage's tasks whose keys (or key attributes, `exposure.night`)
 * match every constraint. A constraint is on a variable's grid name or on the variable's name.
 */
export function selectTasks(g: TaskGraph, sel: Selector): number[] {
  const stage = g.stages.find((s) => s.name === sel.stage);
  if (stage === undefined) return [];
  const tests = sel.constraints.map((c) => {
    const vi = stage.vars.findIndex((v) => v.grid === c.path[0] || v.name === c.path[0]);
    if (vi < 0) return () => false;
    const grid = g.grids.get(stage.vars[vi]!.grid)!;
    const values = c.path.length > 1 ? grid.attributes.get(c.path[1]!)?.values : grid.keys;
    const keysCol = stage.keys[vi]!;
    return (i: number): boolean => {
      const v = values?.[keysCol[i]!];
      if (v === undefined) return false;
      const val = c.value;
      if (val.kind === "atom") return atomMatches(v, val.atom);
      if (val.kind === "set") return val.atoms.some((a) => atomMatches(v, a));
      const n = typeof v === "number" ? BigInt(Math.trunc(v)) : /^-?\d+$/.test(String(v)) ? BigInt(String(v)) : undefined;
      return n !== undefined && n >= val.lo && n <= val.hi;
    };
  });
  const out: number[] = [];
  for (let i = 0; i < stage.count; i++) if (tests.every((t) => t(i))) out.push(stage.first + i);
  return out;
}
