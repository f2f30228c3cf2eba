/**
 * A stage's resources are resolved once per plan (they may name params) into one value that
 * `dflow plan`'s summary and the Slurm layout both read: a duration param is a duration, not
 * seconds; a missing time is DEFAULT_TASK_SECONDS for both; a value of the wrong kind is DF3040.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_TASK_SECONDS } from "../../src/bound/index.js";
import { slurmFiles } from "../../src/emit/slurm/emitSlurm.js";
import { planSlurmJobs } from "../../src/emit/slurm/slurmJobs.js";
import { summarizePlan, type PlanOptions, type Site, type TaskGraph } from "../../src/plan/index.js";
import { planText } from "../helpers/plan.js";

const SITE: Site = { name: "t", coresPerNode: 4, timeFactor: 1, MaxArraySize: 100, MaxSubmitJobs: 1000, MaxJobCount: 1000, setup: [] };

/** A one-stage pipeline over 2 tasks with `lines` declared before it and `resources` in the stage. */
function text(lines: string, resources: string): string {
  return `pipeline r
import "./k" as k
${lines}
grid e = 1..2
product a[e] : T at "a/{e}.json"
stage work[x: e] {
  out a[x]
  kernel k.f
${resources}
}
`;
}

function plan(t: string, opts: Omit<PlanOptions, "out"> = {}): { g: TaskGraph | undefined; short: string } {
  const r = planText(t, { out: mkdtempSync(path.join(os.tmpdir(), "dflow-res-")), ...opts });
  return { g: r.plan?.graph, short: r.short };
}

function sbatch(g: TaskGraph, site: Site = SITE): string {
  const j = planSlurmJobs(g, { pipeline: "r", site, submit: new Uint8Array(g.taskCount).fill(1) });
  const files = [
    ...slurmFiles(j, g, { source: "r.dflow", pipeline: "r", dir: "/e", planDir: "/e/plan", node: "/usr/bin/node", dflow: "/opt/dflow.js", site, root: "/e" }),
  ];
  return [...files.find((f) => f.path === "jobs/r.work.0.sbatch")!.chunks].join("");
}

describe("resources resolved once per plan", () => {
  it("reads a duration param as a duration in the summary and in #SBATCH --time, as the literal does", () => {
    for (const [lines, res, opts] of [
      ["", "  time 2h", {}],
      ["param t: duration = 2h", "  time t", {}],
      ["param t: duration = 10min", "  time t", { set: ["t=2h"] }],
      ["param t: duration = 10min\nprofile long { t = 120min }", "  time t", { profile: "long" }],
    ] as const) {
      const { g, short } = plan(text(lines, res), opts);
      expect(short).toBe("");
      expect(g!.stages[0]!.resources.seconds).toBe(7200);
      const s = summarizePlan(g!, new Uint8Array(g!.taskCount).fill(1));
      expect(s[0]!.coreHours).toBeCloseTo(4, 12);
      expect(sbatch(g!)).toContain("#SBATCH --time=02:00:00\n");
    }
  });

  it("counts cores and ranks from params, packs by a duration, and reads memory from a size param", () => {
    const { g, short } = plan(text("param n: int = 3\nparam r: int = 2\nparam m: size = 2GB", "  time 20min\n  cores n\n  ranks r\n  memory m\n  pack 1h"));
    expect(short).toBe("");
    expect(g!.stages[0]!.resources).toMatchObject({ seconds: 1200, cores: 3, ranks: 2, memory: 2e9, pack: { seconds: 3600 } });
    const s = summarizePlan(g!, new Uint8Array(g!.taskCount).fill(1));
    expect(s[0]).toMatchObject({ jobs: 1 });
    expect(s[0]!.coreHours).toBeCloseTo((2 * 1200 * 3 * 2) / 3600, 12);
    const job = sbatch(g!);
    // Both tasks in one element (the summary's one job): 2 × 20 min.
    expect(job).toContain("#SBATCH --array=0-0");
    expect(job).toContain("#SBATCH --time=00:40:00\n");
    expect(job).toContain("#SBATCH --ntasks=2\n#SBATCH --cpus-per-task=3\n#SBATCH --mem=1908M\n");
  });

  it("uses one default time for a stage without `time`: the summary's core-hours and the job's --time agree", () => {
    const { g, short } = plan(text("", "  cores 2"));
    expect(short).toBe("");
    expect(g!.stages[0]!.resources).toMatchObject({ seconds: DEFAULT_TASK_SECONDS, timeDeclared: false });
    expect(summarizePlan(g!, new Uint8Array(g!.taskCount).fill(1))[0]!.coreHours).toBeCloseTo((2 * 2 * DEFAULT_TASK_SECONDS) / 3600, 12);
    expect(sbatch(g!)).toContain("#SBATCH --time=01:00:00\n");
  });

  it.each([
    ["param t: int = 5", "  time t", "`time` of stage `work` takes a duration such as `10min`, but it is `5`, with no unit."],
    ["param t = 4GB", "  time t", "`time` of stage `work` takes a duration such as `10min`, but it is `4 GB`."],
    ["param m = 10min", "  memory m", "`memory` of stage `work` takes a data size such as `4GB`, but it is `10 min`."],
    ["param n: float = 2.5", "  cores n", "`cores` of stage `work` takes a whole number greater than zero, but it is `2.5`, with no unit."],
    ["param n: duration = 2h", "  cores n", "`cores` of stage `work` takes a whole number greater than zero, but it is `2 h`."],
    ["param m = 8", "  memory m", "`memory` of stage `work` takes a data size such as `4GB`, but it is `8`, with no unit."],
  ])("reports `%s` with `%s` as DF3040, not a silent 0", (lines, res, message) => {
    const { short } = plan(text(lines, res));
    expect(short).toContain(`[DF3040]: ${message}`);
  });

  it("keeps `time … per N` as the time of one task: no count of work per task is known", () => {
    const { g, short } = plan(text("", "  time 10min per 250 spectra"));
    expect(short).toBe("");
    expect(g!.stages[0]!.resources).toMatchObject({ seconds: 600, per: { amount: 250, unit: "spectra" } });
    expect(sbatch(g!)).toContain("#SBATCH --time=00:10:00\n");
  });
});
