import type { TaskGraph } from "./TaskGraph.js";

/**
 * The stable id of task `t`: its stage and canonical partition key, `sky[exposure=1234,camera=b,petal=3]`
 * (variables named by their grid, in the stage's order; a stage without variables is its bare name).
 */
export function taskId(g: TaskGraph, t: number): string {
  const s = g.stageOf(t);
  if (s.vars.length === 0) return s.name;
  const i = t - s.first;
  let out = s.name + "[";
  for (let v = 0; v < s.vars.length; v++) {
    const grid = g.grids.get(s.vars[v]!.grid)!;
    const dupe = s.vars.some((w, j) => j !== v && w.grid === s.vars[v]!.grid);
    out += (v > 0 ? "," : "") + (dupe ? s.vars[v]!.name : s.vars[v]!.grid) + "=" + String(grid.keys[s.keys[v]![i]!]);
  }
  return out + "]";
}
