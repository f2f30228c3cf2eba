/**
 * A set of tasks of one stage written as key ranges: `sky[exposure=1..5, camera=b]`. Keys are
 * taken in the stage's own order per variable (the keys its tasks have, so a `where` does not
 * break a run); a variable whose every key is in a box is left out; runs of consecutive keys
 * are `a..b`, several runs `{a..b, c}`. The boxes come from grouping by the first variable the
 * keys whose tasks have the same boxes over the others, recursively.
 */
import type { StageTasks, TaskGraph } from "../plan/index.js";

function runs(idx: readonly number[], keys: readonly unknown[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j]! + 1) j++;
    parts.push(j === i ? String(keys[i]) : `${String(keys[i])}..${String(keys[j])}`);
    i = j + 1;
  }
  return parts.length === 1 ? parts[0]! : `{${parts.join(", ")}}`;
}

/**
 * The boxes covering `tasks` (local indices of stage `s`, ascending), each a list of
 * `var=range` texts, in key order; at most `limit` boxes are made.
 */
export function keyRanges(g: TaskGraph, s: StageTasks, tasks: readonly number[], limit = 50): { boxes: string[]; more: number } {
  if (s.vars.length === 0 || tasks.length === 0) return { boxes: tasks.length > 0 ? [s.name] : [], more: 0 };
  if (tasks.length === s.count) return { boxes: [`${s.name}[*]`], more: 0 };
  // Per variable: the stage's distinct key indices in order, and each one's rank among them.
  const dims = s.vars.map((v, d) => {
    const seen = new Uint8Array(g.grids.get(v.grid)!.keys.length);
    for (let i = 0; i < s.count; i++) seen[s.keys[d]![i]!] = 1;
    const rank = new Int32Array(seen.length).fill(-1);
    let n = 0;
    for (let k = 0; k < seen.length; k++) if (seen[k] === 1) rank[k] = n++;
    return { name: s.vars.filter((w) => w.grid === v.grid).length > 1 ? v.name : v.grid, keys: g.grids.get(v.grid)!.keys, rank, n };
  });
  const box = (idx: readonly number[], d: number): string[] => {
    if (d === dims.length) return [""];
    const dim = dims[d]!;
    const groups = new Map<number, number[]>();
    for (const i of idx) {
      const k = s.keys[d]![i]!;
      let a = groups.get(k);
      if (a === undefined) groups.set(k, (a = []));
      a.push(i);
    }
    const bySig = new Map<string, { sub: string[]; keys: number[] }>();
    for (const k of [...groups.keys()].sort((a, b) => dim.rank[a]! - dim.rank[b]!)) {
      const sub = box(groups.get(k)!, d + 1);
      const sig = sub.join("\n");
      let e = bySig.get(sig);
      if (e === undefined) bySig.set(sig, (e = { sub, keys: [] }));
      e.keys.push(k);
    }
    const out: string[] = [];
    for (const { sub, keys } of bySig.values()) {
      const text =
        keys.length === dim.n
          ? ""
          : `${dim.name}=${runs(
              keys.map((k) => dim.rank[k]!),
              keys.map((k) => dim.keys[k]),
            )}`;
      for (const r of sub) out.push([text, r].filter((x) => x !== "").join(", "));
    }
    return out;
  };
  const all = box(tasks, 0);
  const shown = all.slice(0, limit).map((b) => `${s.name}[${b === "" ? "*" : b}]`);
  return { boxes: shown, more: all.length - shown.length };
}
