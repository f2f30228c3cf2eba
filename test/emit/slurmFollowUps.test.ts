/**
 * The Slurm follow-ups without a cluster: ledgers from their text, sacct rows, the state of each
 * task, the task sets of `dflow continue` and `dflow resubmit`, the status report, the emission
 * lock, and the products the frontier waits for.
 */
import { mkdtempSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  classifySacct,
  continuationQueued,
  continueTasks,
  frontierProducts,
  lockPath,
  parseLedgers,
  parseSacct,
  resubmitTasks,
  slurmStatus,
  statusJson,
  statusText,
  withEmissionLock,
  type SlurmStatus,
  type SlurmTaskState,
  type SubmissionText,
  type TaskEdges,
} from "../../src/emit/slurm/index.js";
import { bindProgram } from "../../src/bind/index.js";
import { checkProgram } from "../../src/check/index.js";
import { SourceMap } from "../../src/diag/index.js";
import { parseDflow } from "../../src/syntax/index.js";

/** A submission from its ledger text and task lists. */
function submission(dir: string, ledger: string, tasks: Record<string, string>): SubmissionText {
  return { dir, ledger, tasksFile: (name) => tasks[name] };
}

/** Task edges from lists of inputs: `inputs[t]` are the tasks `t` reads. */
function edges(inputs: readonly (readonly number[])[]): TaskEdges {
  const edgeStart = [0];
  const list: number[] = [];
  for (const i of inputs) {
    list.push(...i);
    edgeStart.push(list.length);
  }
  return { taskCount: inputs.length, edgeStart, edges: list };
}

describe("ledgers", () => {
  it("give each task the element that last held it, job ids in submission order, and the continuation jobs", () => {
    const first = submission("/e", "p.a\t100\np.b\t101\np.continue\t102\n", { "p.a": "a[1]\ta[2]\na[3]\n", "p.b": "b[1]\n" });
    const again = submission("/e/next/001-resubmit", "p.a.r1\t200\n", { "p.a.r1": "a[3]\n" });
    const l = parseLedgers([first, again]);
    expect(l.jobIds).toEqual(["100", "101", "102", "200"]);
    expect(l.continuations).toEqual([{ jobId: "102", dir: "/e" }]);
    expect(Object.fromEntries([...l.tasks].map(([id, e]) => [id, `${e.jobId}_${e.element} ${e.jobName} ${e.dir}`]))).toEqual({
      "a[1]": "100_0 p.a /e",
      "a[2]": "100_0 p.a /e",
      "a[3]": "200_0 p.a.r1 /e/next/001-resubmit",
      "b[1]": "101_0 p.b /e",
    });
  });

  it("skip malformed lines and arrays whose task list is missing (never submitted)", () => {
    const l = parseLedgers([submission("/e", "p.a\tnot-a-number\n\np.b\n\np.c\t7\np.d\t8\n", { "p.c": "c[1]\n\nc[2]\n" })]);
    expect(l.jobIds).toEqual(["7", "8"]);
    expect([...l.tasks].map(([id, e]) => `${id}=${e.jobId}_${e.element}`)).toEqual(["c[1]=7_0", "c[2]=7_2"]);
  });
});

describe("task states", () => {
  it("follow sacct's word for an element, up-to-date outputs winning over it", () => {
    const table: [string | undefined, SlurmTaskState][] = [
      [undefined, "pending"],
      ["PENDING", "pending"],
      ["REQUEUED", "pending"],
      ["SUSPENDED", "pending"],
      ["RUNNING", "running"],
      ["COMPLETING", "running"],
      ["COMPLETED", "stale"],
      ["CANCELLED", "cancelled"],
      ["FAILED", "failed"],
      ["TIMEOUT", "failed"],
      ["OUT_OF_MEMORY", "failed"],
      ["NODE_FAIL", "failed"],
    ];
    for (const [sacct, state] of table) expect(classifySacct(sacct, false), String(sacct)).toBe(state);
    expect(classifySacct("FAILED", true)).toBe("done");
  });

  it("come from the ledger, the sacct rows (an element's own row over its array's) and the outputs' freshness", () => {
    const ledger = parseLedgers([submission("/e", "p.a\t12\np.b\t13\np.continue\t14\n", { "p.a": "a[1]\na[2]\na[3]\na[4]\n", "p.b": "b[1]\tb[2]\n" })]);
    // `CANCELLED by 1000` is how sacct words a cancellation: the first word counts.
    const jobs = parseSacct("12_[0-3%2]|PENDING\n12_0|COMPLETED\n12_1|FAILED\n12_2|CANCELLED by 1000\n13_0|RUNNING\n");
    const ids = ["a[1]", "a[2]", "a[3]", "a[4]", "b[1]", "b[2]", "c[1]", "c[2]", "c[3]"];
    // 0 up to date, 1 an output missing, 3 changed.
    const fresh = [0, 1, 1, 1, 1, 1, 0, 3, 1];
    const s = slurmStatus(ids, fresh, ledger, jobs);
    expect(s.states).toEqual(["done", "failed", "cancelled", "pending", "running", "running", "done", "stale", "never submitted"]);
    expect(s.where).toEqual(["12_0", "12_1", "12_2", "12_3", "13_0", "13_0", undefined, undefined, undefined]);
    expect(s.continuations).toEqual([{ jobId: "14", state: "PENDING" }]);
    expect(slurmStatus(ids, fresh, ledger, parseSacct("14|RUNNING\n")).continuations).toEqual([{ jobId: "14", state: "RUNNING" }]);
  });
});

describe("dflow continue's task set", () => {
  it("submits what no submission holds, depends on what is queued, and leaves what waits on a failure to resubmit", () => {
    // 0 failed → 1 never submitted → 2 never submitted; 3 pending → 4 never submitted; 5 done; 6 never submitted.
    const g = edges([[], [0], [1], [], [3], [], [5]]);
    const s: Pick<SlurmStatus, "states" | "where"> = {
      states: ["failed", "never submitted", "never submitted", "pending", "never submitted", "done", "never submitted"],
      where: ["9_0", undefined, undefined, "9_1", undefined, "9_2", undefined],
    };
    const f = continueTasks(g, s);
    expect([...f.submit]).toEqual([0, 0, 0, 0, 1, 0, 1]);
    expect([...f.external]).toEqual([[3, "9_1"]]);
  });

  it("does not add a continuation while another one waits, unless it is the job running this", () => {
    expect(continuationQueued([{ jobId: "5", state: "COMPLETED" }], undefined)).toBe(false);
    expect(continuationQueued([{ jobId: "5", state: "PENDING" }], undefined)).toBe(true);
    expect(continuationQueued([{ jobId: "5", state: "RUNNING" }], "5")).toBe(false);
    expect(
      continuationQueued(
        [
          { jobId: "5", state: "RUNNING" },
          { jobId: "6", state: "REQUEUED" },
        ],
        "5",
      ),
    ).toBe(true);
  });
});

describe("dflow resubmit's task set", () => {
  it("submits failed, cancelled, stale and never-submitted tasks, and cancels and resubmits a queued element that reads one", () => {
    // 0 failed; 1 pending reads 0, in element 9_1 with 2 (pending, reads nothing); 3 pending elsewhere;
    // 4 cancelled; 5 stale; 6 never submitted; 7 done in 9_1.
    const g = edges([[], [0], [], [], [], [], [], []]);
    const s: Pick<SlurmStatus, "states" | "where"> = {
      states: ["failed", "pending", "pending", "pending", "cancelled", "stale", "never submitted", "done"],
      where: ["9_0", "9_1", "9_1", "9_2", "9_3", undefined, undefined, "9_1"],
    };
    const f = resubmitTasks(g, s);
    expect([...f.submit]).toEqual([1, 1, 1, 0, 1, 1, 1, 0]);
    expect(f.cancel).toEqual(["9_1"]);
    expect([...f.external]).toEqual([[3, "9_2"]]);
  });

  it("submits nothing when everything is done or queued on current inputs", () => {
    const f = resubmitTasks(edges([[], [0]]), { states: ["done", "running"], where: ["1_0", "1_1"] });
    expect([...f.submit]).toEqual([0, 0]);
    expect(f.cancel).toEqual([]);
    expect([...f.external]).toEqual([[1, "1_1"]]);
  });
});

describe("the status report", () => {
  const plan = { ids: ["a[1]", "a[2]", "b[1]"], stageOf: (t: number) => (t < 2 ? "a" : "b"), deferred: [{ stage: "c", waits: "grid `h` waits for `b`" }] };
  const status: SlurmStatus = {
    states: ["done", "failed", "never submitted"],
    where: ["3_0", "3_1", undefined],
    continuations: [{ jobId: "4", state: "PENDING" }],
  };

  it("counts tasks per stage and state, then says what waits and what failed", () => {
    expect(statusText(plan, status)).toBe(
      [
        "stage     done  running  pending   failed  cancelled    stale  never submitted",
        "a            1        0        0        1          0        0                0",
        "b            0        0        0        0          0        0                1",
        "all          1        0        0        1          0        0                1",
        "c: not planned yet (grid `h` waits for `b`)",
        "continuation job 4: pending",
        "failed:",
        "  a[2] (job 3_1)",
        "",
      ].join("\n"),
    );
  });

  it("as JSON lists every task with its state and element", () => {
    expect(JSON.parse(statusJson(plan, status))).toEqual({
      stages: { a: { done: 1, failed: 1 }, b: { "never submitted": 1 } },
      deferred: [{ stage: "c", waits: "grid `h` waits for `b`" }],
      continuations: [{ jobId: "4", state: "PENDING" }],
      tasks: { "a[1]": { state: "done", job: "3_0" }, "a[2]": { state: "failed", job: "3_1" }, "b[1]": { state: "never submitted" } },
    });
  });
});

describe("the emission lock", () => {
  it("lets one follow-up in at a time and is released when it ends, even by an exception", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "dflow-lock-"));
    let inner: unknown;
    const outer = await withEmissionLock(root, async () => {
      inner = await withEmissionLock(root, async () => "second");
      return "first";
    });
    expect(outer).toEqual({ held: false, value: "first" });
    expect(inner).toEqual({ held: true });
    expect(existsSync(lockPath(root))).toBe(false);
    await expect(withEmissionLock(root, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(lockPath(root))).toBe(false);
    expect(await withEmissionLock(root, async () => 1)).toEqual({ held: false, value: 1 });
  });
});

describe("the frontier's products", () => {
  it("are what the kernels behind frontier grids read and the products whose columns they take", () => {
    const text = `pipeline p
import "./k" as k
grid n = 1..2
product tiles : T at "tiles.fits"
product other : T at "other.fits"
product pix[h] : T at "pix/{h}.json"
grid tile = tiles.TILEID key
grid h: int = kernel k.pixels(tiles, other)
stage make { out tiles kernel k.f }
stage mk2 { out other kernel k.f }
stage use[x: h] { out pix[x] kernel k.f }
`;
    const sources = new SourceMap();
    const parsed = parseDflow(sources.add("test.dflow", text));
    expect(parsed.diagnostics).toEqual([]);
    const bound = bindProgram(checkProgram(parsed.value.ast, undefined, sources).value).value;
    expect(frontierProducts(bound, new Set(["tile"]))).toEqual(["tiles"]);
    expect(frontierProducts(bound, new Set(["h"])).sort()).toEqual(["other", "tiles"]);
    expect(frontierProducts(bound, new Set(["n"]))).toEqual([]);
  });
});
