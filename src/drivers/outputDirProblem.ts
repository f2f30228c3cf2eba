import { statSync } from "node:fs";
import path from "node:path";
import { diag } from "../diag/codes.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { displayPath } from "../diag/SourceMap.js";
import { lostBytes } from "../util/lostBytes.js";
import { directoryProblem, type DirectoryError } from "../util/makeDirectory.js";

/** Whether `p` leads to something (a dangling link does not). */
function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** DF5016 of a directory that cannot be used or made, naming the flag and the path at fault. */
export function directoryDiagnostic(flag: string | undefined, problem: DirectoryError, cwd: string): Diagnostic {
  const named = flag !== undefined ? `${flag} ${displayPath(problem.dir, cwd)}` : displayPath(problem.dir, cwd);
  const at = displayPath(problem.at, cwd);
  const message = problem.at === problem.dir ? `\`${named}\` ${problem.reason}.` : `\`${named}\` cannot be created: \`${at}\` ${problem.reason}.`;
  const other = flag !== undefined ? `give ${flag} another directory` : "choose another --out or --emit-dir";
  const help = {
    file:
      problem.at === problem.dir
        ? `${flag !== undefined ? `give ${flag} a directory path (it is created when missing)` : other}, or remove the file`
        : `${flag !== undefined ? `give ${flag} a path outside \`${at}\`` : other}, or remove the file`,
    link: `create the link's target, remove the link, or ${other}`,
    unwritable: problem.at === problem.dir ? `fix its permissions, or ${other}` : `fix the permissions of \`${at}\`, or ${other}`,
    refused: `${other}, on a file system where it can be created`,
  }[problem.fault];
  return diag("DF5016", message, undefined, { help });
}

/**
 * Checks a directory a command will create and write into (`--out`, `--emit-dir`) before any work:
 * DF5016 when it is a file, a dangling symbolic link, lies under one, or cannot be written or
 * created; undefined when usable. `reading`: the command only reads it (`dflow plan`), so a
 * directory that cannot be written is no problem.
 */
export function outputDirProblem(flag: string, given: string, cwd: string, reading = false): Diagnostic | undefined {
  const dir = path.resolve(cwd, given);
  const shown = displayPath(dir, cwd);
  if (!exists(dir) && lostBytes(given))
    return diag(
      "DF5016",
      `\`${flag} ${shown}\` is not valid UTF-8: dflow receives such a name with those bytes replaced (shown as �) and would write into a directory of another name.`,
      undefined,
      {
        help: `give ${flag} a directory whose name is UTF-8`,
      },
    );
  // Missing levels are made later, from the nearest existing path, which must be a writable directory (not a file, not a dangling link).
  const problem = directoryProblem(dir);
  return problem !== undefined && !(reading && problem.fault === "unwritable") ? directoryDiagnostic(flag, problem, cwd) : undefined;
}

/** {@link outputDirProblem} of a command's `--out` and `--emit-dir`, those it was given. */
export function outputDirProblems(flags: { readonly out?: string; readonly emitDir?: string }, cwd: string, reading = false): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const [flag, given] of [
    ["--out", flags.out],
    ["--emit-dir", flags.emitDir],
  ] as const) {
    const d = given !== undefined ? outputDirProblem(flag, given, cwd, reading) : undefined;
    if (d !== undefined) found.push(d);
  }
  return found;
}
