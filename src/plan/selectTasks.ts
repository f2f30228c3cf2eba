import { diag } from "../diag/codes.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import type { Selector, SelectorAtom, SelectorConstraint, SelectorValue } from "../syntax/parseSelector.js";
import { suggest } from "../util/suggest.js";
import type { BoundPipeline } from "../bound/index.js";
import { unknownUntil, type UnknownUntil } from "./frontierCauses.js";
import type { StageTasks, TaskGraph } from "./TaskGraph.js";

function atomMatches(v: unknown, a: SelectorAtom): boolean {
  return a.kind === "int" ? String(v) === a.value.toString() : String(v) === a.value;
}

/** Whether a key (or attribute) value matches a constraint's value: an atom, a set of atoms, or an integer range. */
export function valueMatches(v: unknown, val: SelectorValue): boolean {
  if (val.kind === "atom") return atomMatches(v, val.atom);
  if (val.kind === "set") return val.atoms.some((a) => atomMatches(v, a));
  const n = typeof v === "number" ? (Number.isInteger(v) ? BigInt(v) : undefined) : /^-?\d+$/.test(String(v)) ? BigInt(String(v)) : undefined;
  return n !== undefined && n >= val.lo && n <= val.hi;
}

/** The index of the stage variable a constraint names: by its grid's name or by the variable's own name; -1 when none. */
export function constraintVar(vars: readonly { readonly name?: string; readonly grid: string }[], name: string): number {
  return vars.findIndex((v) => v.grid === name || v.name === name);
}

/** DF1011 for a constraint naming neither a grid nor a variable of a stage (`vars`: the stage's variables). */
export function unknownConstraintVar(stage: string, vars: readonly { readonly name: string; readonly grid: string }[], c: SelectorConstraint): Diagnostic {
  const name = c.path[0]!;
  const names = vars.flatMap((x) => (x.name === x.grid ? [x.grid] : [x.grid, x.name]));
  return diag("DF1011", `Stage \`${stage}\` has no grid or variable \`${name}\`.`, c.loc, {
    label: "not a grid of the stage",
    ...(names.length > 0
      ? { help: `its tasks are keyed by ${names.map((n) => `\`${n}\``).join(", ")}` }
      : { help: "the stage has one task: select it by its name alone" }),
    suggestions: suggest(name, names),
  });
}

/**
 * DF1011 for a selector that constrains one key twice (`work[n=3,n=4]`, or a variable by its
 * name and by its grid's): the constraints would have to hold together, so it names nothing
 * or means something else than it says. `vars`: the stage's variables; undefined when no key
 * is repeated (an attribute, `exposure.night`, is a key of its own).
 */
export function repeatedKey(vars: readonly { readonly name?: string; readonly grid: string }[], sel: Selector, text: string): Diagnostic | undefined {
  const seen = new Map<string, SelectorConstraint>();
  for (const c of sel.constraints) {
    const vi = constraintVar(vars, c.path[0]!);
    if (vi < 0) continue;
    const key = [String(vi), ...c.path.slice(1)].join(".");
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, c);
      continue;
    }
    const name = c.path.join(".");
    const before = first.path.join(".");
    const what = before === name ? `The key \`${name}\` is repeated` : `\`${before}\` and \`${name}\` name one key (a variable and its grid)`;
    return diag("DF1011", `${what} in \`${text}\`: a task has one value of it, so a selector gives it once.`, c.loc, {
      label: "repeated",
      help: `give it once; several values are a set (\`${name}={3,4}\`) or a range (\`${name}=3..4\`)`,
    });
  }
  return undefined;
}

/** Why a constraint cannot apply to a stage (a grid or variable it does not have, an attribute its grid lacks), or undefined. */
function constraintProblem(g: TaskGraph, stage: StageTasks, c: SelectorConstraint): Diagnostic | undefined {
  const v = stage.vars[constraintVar(stage.vars, c.path[0]!)];
  if (v === undefined) return unknownConstraintVar(stage.name, stage.vars, c);
  if (c.path.length > 2) return diag("DF1011", `\`${c.path.join(".")}\` names more than a grid and one of its attributes.`, c.loc, { label: "too deep" });
  const grid = g.grids.get(v.grid);
  if (c.path.length === 2 && grid !== undefined && !grid.attributes.has(c.path[1]!)) {
    const attrs = [...grid.attributes.keys()];
    return diag("DF1011", `Grid \`${v.grid}\` has no attribute \`${c.path[1]}\`.`, c.loc, {
      label: "unknown attribute",
      ...(attrs.length > 0 ? { help: `its attributes: ${attrs.map((a) => `\`${a}\``).join(", ")}` } : { help: "it has no attributes" }),
      suggestions: suggest(c.path[1]!, attrs),
    });
  }
  return undefined;
}

/**
 * The tasks a selector names: its stage's tasks whose keys (or key attributes, `exposure.night`)
 * match every constraint. A constraint is on a variable's grid name or on the variable's name.
 */
export function selectTasks(g: TaskGraph, sel: Selector): number[] {
  const stage = g.stages.find((s) => s.name === sel.stage);
  if (stage === undefined) return [];
  const tests = sel.constraints.map((c) => {
    const vi = constraintVar(stage.vars, c.path[0]!);
    if (vi < 0 || c.path.length > 2) return () => false;
    const grid = g.grids.get(stage.vars[vi]!.grid);
    if (grid === undefined) return () => false;
    const values = c.path.length > 1 ? grid.attributes.get(c.path[1]!)?.values : grid.keys;
    const keysCol = stage.keys[vi]!;
    return (i: number): boolean => {
      const v = values?.[keysCol[i]!];
      return v !== undefined && valueMatches(v, c.value);
    };
  });
  const out: number[] = [];
  for (let i = 0; i < stage.count; i++) if (tests.every((t) => t(i))) out.push(stage.first + i);
  return out;
}

/** The tasks one selector picks in a plan, with why it picks none when that is an error. */
export interface SelectorMatch {
  /** Global task ids, ascending. */
  readonly tasks: readonly number[];
  /** Its stage waits on the frontier: it has no tasks yet, which is no error. */
  readonly deferred: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The one meaning of a task selector, for every command that takes one (`run --only`, `emit
 * … --only`, `graph --tasks`, `check --only`, `task`): a stage of the plan (DF2002 otherwise),
 * constraints on its grids or variables and their attributes (DF1011 for one it does not
 * have), and at least one task matched (DF1011 otherwise, unless the stage waits on the
 * frontier and has no tasks yet).
 */
export function matchSelector(g: TaskGraph, sel: Selector, text: string): SelectorMatch {
  const stage = g.stages.find((s) => s.name === sel.stage);
  if (stage === undefined) {
    const d = diag("DF2002", `There is no stage named \`${sel.stage}\`.`, sel.loc, {
      label: "unknown stage",
      suggestions: suggest(
        sel.stage,
        g.stages.map((s) => s.name),
      ),
    });
    return { tasks: [], deferred: false, diagnostics: [d] };
  }
  const problems = sel.constraints.flatMap((c) => constraintProblem(g, stage, c) ?? []);
  const repeated = problems.length === 0 ? repeatedKey(stage.vars, sel, text) : undefined;
  if (repeated !== undefined) problems.push(repeated);
  if (problems.length > 0) return { tasks: [], deferred: false, diagnostics: problems };
  const deferred = stage.deferred !== undefined;
  const tasks = selectTasks(g, sel);
  const none =
    tasks.length === 0 && !deferred ? [diag("DF1011", `No task of stage \`${sel.stage}\` matches \`${text}\`.`, sel.loc, { label: "matches nothing" })] : [];
  return { tasks, deferred, diagnostics: none };
}

/**
 * Marks the tasks selected and every task upstream of them (the producers of their inputs,
 * transitively) in `mask` (one byte per task of `g`).
 */
export function markWithUpstream(g: TaskGraph, tasks: Iterable<number>, mask: Uint8Array): void {
  const stack: number[] = [];
  for (const t of tasks) {
    if (mask[t] === 1) continue;
    mask[t] = 1;
    stack.push(t);
  }
  while (stack.length > 0) {
    const t = stack.pop()!;
    for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++) {
      const u = g.edges[e]!;
      if (mask[u] === 0) {
        mask[u] = 1;
        stack.push(u);
      }
    }
  }
}

/** A selection of tasks over a plan: per task 1 when it is selected or needed upstream. */
export interface TaskSelection {
  readonly mask: Uint8Array;
  /** Per selector, whether it matched a task. */
  readonly matched: readonly boolean[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The tasks a list of selectors asks for in a plan, with what they need upstream, task by task
 * (through gathers and relations alike: the plan's edges). A selector whose stage waits on the
 * frontier has no tasks yet: it asks for the tasks of the stages whose run makes what its
 * grids and relations are computed from (see {@link unknownUntil}), and for what those need,
 * so that the frontier can be computed; once it is, the same selector picks its own tasks.
 */
export function selectWithUpstream(
  g: TaskGraph,
  pipeline: BoundPipeline,
  selectors: readonly { readonly selector: Selector; readonly text: string }[],
): TaskSelection {
  const mask = new Uint8Array(g.taskCount);
  const diagnostics: Diagnostic[] = [];
  const matched: boolean[] = [];
  let waiting: Map<string, UnknownUntil> | undefined;
  for (const s of selectors) {
    const m = matchSelector(g, s.selector, s.text);
    diagnostics.push(...m.diagnostics);
    matched.push(m.tasks.length > 0);
    markWithUpstream(g, m.tasks, mask);
    if (!m.deferred) continue;
    // Not the files already made (`unknownUntil` with no root): an input changed on disk makes its producer run again first.
    waiting ??= unknownUntil(pipeline, g);
    const first = new Set(waiting.get(s.selector.stage)?.stages ?? []);
    for (const st of g.stages) if (first.has(st.name)) markWithUpstream(g, range(st.first, st.count), mask);
  }
  return { mask, matched, diagnostics };
}

function* range(first: number, count: number): Iterable<number> {
  for (let i = 0; i < count; i++) yield first + i;
}
