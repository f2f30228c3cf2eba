import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { diag } from "../diag/codes.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { displayPath } from "../diag/SourceMap.js";
import { lostBytes } from "../util/lostBytes.js";

/** The kind of a path on disk: a directory, something else, or nothing. */
function kindOf(p: string): "dir" | "other" | "none" {
  try {
    return statSync(p).isDirectory() ? "dir" : "other";
  } catch {
    return "none";
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a directory a command will create and write into (`--out`, `--emit-dir`) before any work:
 * DF5016 when it is a file, lies under a file, or cannot be written or created; undefined when usable.
 */
export function outputDirProblem(flag: string, given: string, cwd: string): Diagnostic | undefined {
  const dir = path.resolve(cwd, given);
  const shown = displayPath(dir, cwd);
  const kind = kindOf(dir);
  if (kind === "none" && lostBytes(given))
    return diag(
      "DF5016",
      `\`${flag} ${shown}\` is not valid UTF-8: dflow receives such a name with those bytes replaced (shown as �) and would write into a directory of another name.`,
      undefined,
      {
        help: `give ${flag} a directory whose name is UTF-8`,
      },
    );
  if (kind === "dir")
    return writable(dir)
      ? undefined
      : diag("DF5016", `\`${flag} ${shown}\` is a directory that cannot be written.`, undefined, {
          help: `fix its permissions, or give ${flag} a writable directory`,
        });
  if (kind === "other")
    return diag("DF5016", `\`${flag} ${shown}\` is a file, not a directory.`, undefined, {
      help: `give ${flag} a directory path (it is created when missing), or remove the file`,
    });
  // Missing: created with its parents, from the nearest existing one, which must be a writable directory.
  let parent = path.dirname(dir);
  while (kindOf(parent) === "none" && path.dirname(parent) !== parent) parent = path.dirname(parent);
  if (kindOf(parent) === "other")
    return diag("DF5016", `\`${flag} ${shown}\` cannot be created: \`${displayPath(parent, cwd)}\` is a file, not a directory.`, undefined, {
      help: `give ${flag} a path outside \`${displayPath(parent, cwd)}\``,
    });
  if (!writable(parent))
    return diag("DF5016", `\`${flag} ${shown}\` cannot be created: \`${displayPath(parent, cwd)}\` cannot be written.`, undefined, {
      help: `give ${flag} a path in a writable directory`,
    });
  return undefined;
}

/** {@link outputDirProblem} of a command's `--out` and `--emit-dir`, those it was given. */
export function outputDirProblems(flags: { readonly out?: string; readonly emitDir?: string }, cwd: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const [flag, given] of [
    ["--out", flags.out],
    ["--emit-dir", flags.emitDir],
  ] as const) {
    const d = given !== undefined ? outputDirProblem(flag, given, cwd) : undefined;
    if (d !== undefined) found.push(d);
  }
  return found;
}
