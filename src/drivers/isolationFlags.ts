import os from "node:os";
import { diag } from "../diag/codes.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { DEFAULT_TIMEOUT_FACTOR, type IsolationSettings } from "../runtime/index.js";
import { isDataSize, isDuration, parseUnit, toBytes, toSeconds, type Unit } from "../units/index.js";

/**
 * The isolation flags, as every command that calls a kernel takes them (`run`, `task`, and
 * `plan`, `table`, `graph`, `emit …`, which compute grids and relations with their kernels):
 * the flag, its value's name, and its help for what the command runs (tasks, kernels, or both).
 */
export const ISOLATION_FLAGS: readonly {
  readonly key: keyof IsolationFlags;
  readonly flag: string;
  readonly help: (what: IsolatedWork) => string;
}[] = [
  {
    key: "timeoutFactor",
    flag: "--timeout-factor <x>",
    help: (what) =>
      what === "kernels"
        ? `a grid or relation kernel may run 1 h times this, then fails (default ${DEFAULT_TIMEOUT_FACTOR})`
        : "a task may run its stage's declared `time` (1 h when it declares none) times this, then fails" +
          (what === "both" ? "; grid and relation kernels 1 h times this" : "") +
          ` (default ${DEFAULT_TIMEOUT_FACTOR})`,
  },
  {
    key: "taskTimeout",
    flag: "--task-timeout <duration>",
    help: (what) =>
      `the wall time ${what === "kernels" ? "of a grid or relation kernel" : what === "tasks" ? "of a task whose stage declares no `time`" : "of a task whose stage declares no `time`, and of grid and relation kernels"} (\`90s\`, \`10min\`; default: 1 h times the factor)`,
  },
  {
    key: "taskMemory",
    flag: "--task-memory <size>",
    help: (what) =>
      `the memory ${what === "kernels" ? "a grid or relation kernel" : what === "tasks" ? "a task whose stage declares no `memory`" : "a task whose stage declares no `memory`, and a grid or relation kernel,"} may hold (\`2GB\`; default: no limit)`,
  },
];

/** What a command runs under the isolation flags: stage tasks, grid and relation kernels, or both. */
export type IsolatedWork = "tasks" | "kernels" | "both";

/** The isolation flags of every command that calls a kernel, as written. */
export interface IsolationFlags {
  readonly timeoutFactor?: string;
  readonly taskTimeout?: string;
  readonly taskMemory?: string;
}

/** `n unit` as a number and a unit of the kind `is` accepts (`fallback` when no unit is written), or undefined. */
function quantity(text: string, is: (u: Unit) => boolean, fallback?: string): { n: number; unit: Unit } | undefined {
  const m = /^\s*(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([A-Za-z]*)\s*$/.exec(text);
  if (m === null) return undefined;
  const unit = unitOf(m[2] === "" ? (fallback ?? "") : m[2]!);
  return unit !== undefined && is(unit) ? { n: Number(m[1]), unit } : undefined;
}

function unitOf(text: string): Unit | undefined {
  if (text === "") return undefined;
  const u = parseUnit(text);
  return u.ok ? u.unit : undefined;
}

/**
 * The isolation settings of `--timeout-factor F` (a positive number), `--task-timeout T` (a
 * duration: `90s`, `10min`; seconds when bare) and `--task-memory M` (a data size: `2GB`); a
 * DF5001 for a malformed one.
 */
export function isolationSettings(flags: IsolationFlags): { value?: IsolationSettings; diagnostics: Diagnostic[] } {
  const bad = (flag: string, value: string, want: string): { diagnostics: Diagnostic[] } => ({
    diagnostics: [diag("DF5001", `\`${flag} ${value}\` must be ${want}.`, undefined)],
  });
  let timeoutFactor: number | undefined;
  if (flags.timeoutFactor !== undefined) {
    timeoutFactor = Number(flags.timeoutFactor);
    if (!Number.isFinite(timeoutFactor) || timeoutFactor <= 0 || flags.timeoutFactor.trim() === "")
      return bad("--timeout-factor", flags.timeoutFactor, "a number greater than 0");
  }
  let taskTimeout: number | undefined;
  if (flags.taskTimeout !== undefined) {
    const q = quantity(flags.taskTimeout, isDuration, "s");
    const s = q === undefined ? undefined : toSeconds(q.n, q.unit);
    if (s === undefined || !s.ok || !Number.isFinite(s.value) || s.value <= 0)
      return bad("--task-timeout", flags.taskTimeout, "a duration such as `90s` or `10min`");
    taskTimeout = s.value;
  }
  let taskMemory: number | undefined;
  if (flags.taskMemory !== undefined) {
    const q = quantity(flags.taskMemory, isDataSize);
    const b = q === undefined ? undefined : toBytes(q.n, q.unit);
    if (b === undefined || !b.ok || !Number.isFinite(b.value) || b.value <= 0) return bad("--task-memory", flags.taskMemory, "a data size such as `2GB`");
    taskMemory = b.value;
  }
  return {
    value: {
      ...(timeoutFactor !== undefined ? { timeoutFactor } : {}),
      ...(taskTimeout !== undefined ? { taskTimeout } : {}),
      ...(taskMemory !== undefined ? { taskMemory } : {}),
    },
    diagnostics: [],
  };
}

/**
 * `-j` bounded by the cores: more than there are is capped, with a note saying so. `typed` is
 * the value as given, shown as it was typed (not `1e+21` for twenty-one nines), cut to its
 * first digits and its length when it is longer than a line wants.
 */
export function boundedJobs(jobs: number, cores = os.availableParallelism(), typed = String(jobs)): { jobs: number; note?: string } {
  if (jobs <= cores) return { jobs };
  const t = typed.trim();
  const shown = t.length > 16 ? `${t.slice(0, 6)}… (${t.length} ${/^\d+$/.test(t) ? "digits" : "characters"})` : t;
  return { jobs: cores, note: `note: -j ${shown} is more than the ${cores} cores here: running at most ${cores} tasks at once` };
}
