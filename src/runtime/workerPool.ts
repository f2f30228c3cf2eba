import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { loadExport, type KernelFunction, type ProductTypeInfo } from "../kernels/index.js";
import { executeTask, type TaskOutcome, type TaskRecord } from "./executeTask.js";
import { fileHash } from "./state.js";

interface WorkerInit {
  readonly dflowWorker: true;
  readonly out: string;
  readonly types: readonly ProductTypeInfo[];
  /** `dflow run --verify`: rehash the outputs of tasks that look up to date. */
  readonly verify: boolean;
}

interface Job {
  readonly record: TaskRecord;
  /** Content hashes the main thread already knows, by absolute path. */
  readonly hashes: Readonly<Record<string, string>>;
}

/** Whether this thread is a dflow task worker (started by {@link WorkerPool}). */
export function isTaskWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInit> | undefined)?.dflowWorker === true;
}

/** The loop of a task worker: load kernels on demand, run each record it is sent, answer its outcome. */
export function serveTasks(): void {
  const init = workerData as WorkerInit;
  const types = new Map(init.types.map((t) => [t.name, t]));
  const fns = new Map<string, KernelFunction | string>();
  parentPort!.on("message", (job: Job) => {
    void (async () => {
      let outcome: TaskOutcome;
      try {
        outcome = await executeTask(job.record, {
          out: init.out,
          types,
          async loadKernel(r) {
            let f = fns.get(r.kernel);
            if (f === undefined) {
              f = await loadExport(r.module, r.exportName, r.kernel);
              fns.set(r.kernel, f);
            }
            return f;
          },
          hashOf: (file) => job.hashes[file] ?? fileHash(file),
          verify: init.verify,
        });
      } catch (e) {
        outcome = { kind: "failed", message: (e as Error).message };
      }
      parentPort!.postMessage(outcome);
    })();
  });
}

/**
 * A pool of worker threads running task records: one task at a time per worker, in the order
 * they are asked for. `script` is a file that calls {@link serveTasks} when {@link isTaskWorker}.
 */
export class WorkerPool {
  readonly #idle: Worker[] = [];
  readonly #waiting: ((w: Worker) => void)[] = [];
  readonly #all: Worker[] = [];

  constructor(size: number, script: string, out: string, types: readonly ProductTypeInfo[], verify = false) {
    const data: WorkerInit = { dflowWorker: true, out, types, verify };
    for (let i = 0; i < size; i++) {
      const w = new Worker(script, { workerData: data });
      w.unref();
      this.#all.push(w);
      this.#idle.push(w);
    }
  }

  /** Runs one record on the next free worker. */
  async run(record: TaskRecord, hashes: Readonly<Record<string, string>>): Promise<TaskOutcome> {
    const w = this.#idle.pop() ?? (await new Promise<Worker>((resolve) => this.#waiting.push(resolve)));
    try {
      return await new Promise<TaskOutcome>((resolve, reject) => {
        const onMessage = (o: TaskOutcome): void => {
          w.off("error", onError);
          resolve(o);
        };
        const onError = (e: Error): void => {
          w.off("message", onMessage);
          reject(e);
        };
        w.once("message", onMessage);
        w.once("error", onError);
        w.postMessage({ record, hashes } satisfies Job);
      });
    } finally {
      const next = this.#waiting.shift();
      if (next !== undefined) next(w);
      else this.#idle.push(w);
    }
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.#all.map((w) => w.terminate()));
  }
}
