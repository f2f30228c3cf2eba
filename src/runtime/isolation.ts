import { DEFAULT_TASK_SECONDS, type ResolvedResources } from "../bound/index.js";
import { secondsText } from "../util/secondsText.js";
import type { TaskLimits } from "./taskPool.js";

/**
 * The wall time a task may take is its stage's declared `time` times this factor (a stage
 * declaring none, and a grid or relation kernel, is given the plan's default, one hour, times
 * it, or `--task-timeout`): a task still running then is stopped and fails. `dflow run
 * --timeout-factor` and `dflow task --timeout-factor` change it.
 */
export const DEFAULT_TIMEOUT_FACTOR = 3;

/** How tasks are isolated and limited: the flags of `dflow run` and `dflow task`. */
export interface IsolationSettings {
  /** Multiplies a stage's declared `time` (default {@link DEFAULT_TIMEOUT_FACTOR}). */
  readonly timeoutFactor?: number;
  /** Seconds a task whose stage declares no `time` may take, and a grid or relation kernel (default: one hour × the factor). */
  readonly taskTimeout?: number;
  /** Bytes of memory a task may hold when its stage declares no `memory`; also the limit of grid and relation kernels. */
  readonly taskMemory?: number;
}

let script: string | undefined;

/** Makes tasks run in child processes of `file`, the bundled CLI (called by the executable at start). */
export function setTaskScript(file: string | undefined): void {
  script = file;
}

/** The bundled CLI that task processes run, when dflow runs from its bundle; undefined from sources (tasks then run in this process). */
export function taskScript(): string | undefined {
  return script;
}

const secs = secondsText;

/**
 * The limits of one task of a stage with resources `res` (undefined: a grid or relation kernel,
 * or a task whose stage's resources are not at hand), and where each comes from; `what` says who
 * gets the default time.
 */
export function taskLimits(
  res: Pick<ResolvedResources, "seconds" | "timeDeclared" | "memory"> | undefined,
  s: IsolationSettings,
  what = res === undefined ? "a grid or relation kernel has" : "its stage declares no `time`, so it has",
): TaskLimits {
  const factor = s.timeoutFactor ?? DEFAULT_TIMEOUT_FACTOR;
  let time: Pick<TaskLimits, "seconds" | "secondsWhy">;
  if (res?.timeDeclared === true)
    time = { seconds: res.seconds * factor, secondsWhy: `its stage's \`time ${secs(res.seconds)}\` × the timeout factor ${factor}` };
  else if (s.taskTimeout !== undefined) time = { seconds: s.taskTimeout, secondsWhy: "--task-timeout" };
  else
    time = {
      seconds: DEFAULT_TASK_SECONDS * factor,
      secondsWhy: `${what} the default ${secs(DEFAULT_TASK_SECONDS)} × the timeout factor ${factor}`,
    };
  const memory =
    res?.memory !== undefined
      ? { memory: res.memory, memoryWhy: "its stage's `memory`" }
      : s.taskMemory !== undefined
        ? { memory: s.taskMemory, memoryWhy: "--task-memory" }
        : {};
  return { ...time, ...memory };
}
