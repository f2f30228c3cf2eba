/**
 * The one rule for paths that dflow writes into emitted Makefiles and job scripts (`emit make`,
 * `emit slurm`): the emit directory, the output root, and the paths of node and dflow. Each is
 * quoted for every context it reaches, or, when some context has no quoting for it, refused
 * before anything is written (DF5018), by both emitters alike:
 *
 * - in a shell word (recipes, `NAME=value` in scripts, sbatch's command line): single quotes,
 *   through {@link shQuote}, which every byte survives;
 * - in a make recipe or assignment: the shell word with `$` doubled and `#` escaped;
 * - in a make target or prerequisite: blanks, `:`, `#` and `$` escaped, `=` and `;` through variables.
 *
 * Make has no escape for a line break or a tab (they end or split a line), reads a backslash
 * as an escape, makes a rule with `%` a pattern rule, globs `*`, `?` and `[` and splits prerequisites
 * at `|` (escaped or not); sbatch reads `%`
 * and a backslash in an `--output` pattern. A path holding one of these is refused.
 */
import { diag } from "../diag/codes.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { shQuote } from "./shell.js";

export { shQuote };

/** Why a path cannot go into an emitted Makefile or script, or undefined when it can. */
export function pathProblem(p: string): string | undefined {
  if (/[\n\r\t]/.test(p)) return "a line break or tab";
  if (p.includes("\\")) return "a backslash";
  if (p.includes("%")) return "`%` (a pattern in make and in sbatch's log paths)";
  if (/[*?[]/.test(p)) return "a wildcard (`*`, `?`, `[`)";
  if (p.includes("|")) return "`|` (make's order-only separator, even inside a word)";
  return undefined;
}

/** The paths an emission writes into its files: the emit directory, the output root, node's and dflow's. */
export interface EmittedPaths {
  readonly emitDir: string;
  readonly out: string;
  readonly node: string;
  readonly dflow: string;
}

/**
 * One DF5018 per path of an emission that {@link pathProblem} refuses, naming it and why;
 * empty when all can go in. `into` says what is being written (`a Makefile`, `a Slurm job script`).
 */
export function refusedPaths(paths: EmittedPaths, into: string): Diagnostic[] {
  return (
    [
      ["the emit directory", paths.emitDir],
      ["the output root", paths.out],
      ["node's path", paths.node],
      ["dflow's path", paths.dflow],
    ] as const
  ).flatMap(([what, v]) => {
    const why = pathProblem(v);
    return why === undefined
      ? []
      : [
          diag("DF5018", `${what.replace(/^./, (c) => c.toUpperCase())} \`${v}\` cannot go in ${into}: it holds ${why}.`, undefined, {
            help: "give a path without line breaks, tabs, backslashes, `%`, `*`, `?`, `[` or `|` (with `--emit-dir` or `--out`)",
          }),
        ];
  });
}

/** A word for a make recipe: quoted for the shell, then `$` escaped for make. */
export function makeRecipeWord(s: string): string {
  return shQuote(s).replace(/\$/g, "$$$$");
}

/**
 * A recipe's shell words as the value of a make variable assignment: each quoted for the shell,
 * then `$` and `#` escaped for make (`\#` is a `#` in an assignment).
 */
export function makeRecipeValue(...words: string[]): string {
  return words.map((w) => makeRecipeWord(w).replace(/#/g, "\\#")).join(" ");
}

/**
 * A path as the value of a make variable that rule lines use in targets and prerequisites: `$`
 * doubled, `#` escaped for the assignment, and a blank, `:` and `;` escaped so the expanded rule
 * line keeps the path one word, not a separator or a recipe.
 */
export function makeVarPath(p: string): string {
  return p.replace(/\$/g, "$$$$").replace(/([ :;#])/g, "\\$1");
}

/** What {@link makeRulePath} escapes: a path without any goes into a rule line as it is. */
export const MAKE_SPECIAL = /[$ :;#=]/;

/**
 * A path (a product's, under the output root) in a target or prerequisite list: `$` doubled,
 * blanks, `:` and `#` escaped, `=` written `$(EQ)` and `;` written `$(SEMI)` (a rule line holding
 * `=` is read as an assignment and `;` starts a recipe, whatever escapes them; the Makefile
 * defines `EQ := =` and `SEMI := \;`).
 */
export function makeRulePath(p: string): string {
  return MAKE_SPECIAL.test(p)
    ? p
        .replace(/\$/g, "$$$$")
        .replace(/([ :#])/g, "\\$1")
        .replace(/=/g, "$$(EQ)")
        .replace(/;/g, "$$(SEMI)")
    : p;
}
