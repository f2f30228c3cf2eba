/**
 * Reads the job graph of a peers Makefile (as `test/fixtures/peers/gen_makefile.py` writes it:
 * one explicit rule per output, `target: prerequisites` then one tab-indented recipe line),
 * streaming it line by line so that the 1.2-million-job Makefile of N = 10,000 is never one
 * string. Also reads any plain Makefile made of explicit rules: comments, variable
 * assignments, special targets (`.SUFFIXES:`, `.PHONY:` …), line continuations and inline
 * `; recipe`s are understood; pattern rules, variables in rule lines and conditionals are not.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** The graph of a Makefile: its jobs and its file edges. */
export interface MakefileGraph {
  /** Targets of rules that have a recipe: the jobs `make -n` would print, one recipe line each here. */
  readonly jobs: number;
  /** `"prerequisite -> target"` for every prerequisite of every rule, as the paths are written (relative to the Makefile). */
  readonly edges: Set<string>;
}

/** Options of {@link readMakefileGraph}. */
export interface MakefileGraphOptions {
  /**
   * Keep the edges from leaf inputs: prerequisites that no rule makes (the peers'
   * `data/simspec/…` files). Default true, because dflow's plan lists source products among
   * a task's inputs too, so its edges include them.
   */
  readonly leafEdges?: boolean;
}

/** One explicit rule as read from the file. */
export interface MakefileRule {
  readonly targets: readonly string[];
  readonly prerequisites: readonly string[];
  /** Whether the rule has a recipe (a tab-indented line after it, or `; recipe` on its line). */
  readonly hasRecipe: boolean;
}

const ASSIGNMENT = /^\s*(?:export\s+|override\s+)?[A-Za-z_.][\w.-]*\s*(?:\+|\?|!|::?)?=/;

/**
 * Calls `onRule` for every explicit rule of the Makefile at `file`, in file order, once its
 * recipe lines (if any) have been read. Special targets (a name starting with `.` followed by
 * capitals) are skipped. Order-only prerequisites (after `|`) count as prerequisites.
 */
export async function forEachMakefileRule(file: string, onRule: (rule: MakefileRule) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let pending: { targets: string[]; prerequisites: string[]; hasRecipe: boolean } | undefined;
  let carried = "";
  const flush = (): void => {
    if (pending !== undefined) onRule(pending);
    pending = undefined;
  };
  for await (const raw of lines) {
    if (raw.startsWith("\t") && carried === "") {
      // A recipe line belongs to the rule above it (a tab line with no rule above is ignored).
      if (pending !== undefined) pending.hasRecipe = true;
      continue;
    }
    if (raw.endsWith("\\")) {
      carried += raw.slice(0, -1) + " ";
      continue;
    }
    const line = carried + raw;
    carried = "";
    const text = stripComment(line);
    if (text.trim() === "") continue;
    flush();
    if (ASSIGNMENT.test(text)) continue;
    const colon = text.indexOf(":");
    if (colon < 0) continue; // a directive (include, ifeq, …): not a rule
    const targets = words(text.slice(0, colon));
    let rest = text.slice(colon + 1);
    if (rest.startsWith(":")) rest = rest.slice(1); // a double-colon rule
    let hasRecipe = false;
    const semi = rest.indexOf(";");
    if (semi >= 0) {
      hasRecipe = rest.slice(semi + 1).trim() !== "";
      rest = rest.slice(0, semi);
    }
    if (targets.length === 0 || targets.every((t) => /^\.[A-Z_]+$/.test(t))) continue;
    pending = { targets, prerequisites: words(rest).filter((w) => w !== "|"), hasRecipe };
  }
  if (carried !== "") throw new Error(`${file}: the last line ends with a backslash`);
  flush();
}

/**
 * Reads the jobs and edges of the Makefile at `file` (see {@link forEachMakefileRule}). Edges
 * from leaf inputs are kept unless `opts.leafEdges` is false.
 */
export async function readMakefileGraph(file: string, opts: MakefileGraphOptions = {}): Promise<MakefileGraph> {
  let jobs = 0;
  const edges = new Set<string>();
  const targets = new Set<string>();
  const keepLeaves = opts.leafEdges ?? true;
  await forEachMakefileRule(file, (rule) => {
    if (rule.hasRecipe) jobs += rule.targets.length;
    for (const t of rule.targets) {
      if (!keepLeaves) targets.add(t);
      for (const p of rule.prerequisites) edges.add(`${p} -> ${t}`);
    }
  });
  if (!keepLeaves) {
    for (const e of edges) if (!targets.has(e.slice(0, e.indexOf(" -> ")))) edges.delete(e);
  }
  return { jobs, edges };
}

function stripComment(line: string): string {
  const hash = line.indexOf("#");
  return hash < 0 ? line : line.slice(0, hash);
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== "");
}
