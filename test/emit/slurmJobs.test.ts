/**
 * The Slurm layout without a cluster: packing, splitting at MaxArraySize, aftercorr between
 * identically laid-out arrays, exact afterok elements, afterany for best-effort inputs, the
 * cost model's packing under MaxSubmitJobs, the budget check, srun for ranks and threads, and
 * the sacct parser `dflow status` relies on.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { slurmFiles, slurmTime } from "../../src/emit/slurm/emitSlurm.js";
import { checkSlurmBudget } from "../../src/emit/slurm/slurmBudget.js";
import { planSlurmJobs, type SlurmJobs } from "../../src/emit/slurm/slurmJobs.js";
import { parseSacct } from "../../src/emit/slurm/slurmLedger.js";
import type { Site, TaskGraph } from "../../src/plan/index.js";
import { planText } from "../helpers/plan.js";

const SITE: Site = { name: "t", coresPerNode: 4, timeFactor: 1, MaxArraySize: 8, MaxSubmitJobs: 1000, MaxJobCount: 1000, setup: [] };

function graph(text: string): TaskGraph {
  const p = planText(text, { out: mkdtempSync(path.join(os.tmpdir(), "dflow-slurmjobs-")) });
  expect(p.short).toBe("");
  return p.plan!.graph;
}

function all(g: TaskGraph): Uint8Array {
  return new Uint8Array(g.taskCount).fill(1);
}

function layout(j: SlurmJobs): string[] {
  return j.arrays.map(
    (a) =>
      `${a.name} ${a.elementStart.length - 1}x${a.tasks.length} ${a.deps.map((d) => ("external" in d ? `${d.kind}:${d.external}` : `${d.kind}:${d.array}${"elements" in d && d.elements !== undefined ? "_" + d.elements.join("_") : ""}`)).join(",")}`,
  );
}

const CHAIN = `pipeline p
import "./k" as k
grid e = 1..12
grid c = {b, r, z}
grid n = 1..4
product a[e, c] : T at "a/{e}-{c}.json"
product b[e, c] : T at "b/{e}-{c}.json"
product s[n] : T at "s/{n}.json"
product t : T at "t.json"
stage one[x: e, y: c] {
  out a[x, y]
  kernel k.f
  pack 3
  time 2min
}
stage two[x: e, y: c] {
  in a[x, y]
  out b[x, y]
  kernel k.f
  pack 3
  time 2min
}
stage night[m: n] {
  in bs: b[x, y] for x in e, y in c where (x - 1) / 3 == m - 1
  out s[m]
  kernel k.f
}
stage total {
  in ss: s[m] for m in n besteffort
  out t
  kernel k.f
}
`;

describe("planSlurmJobs", () => {
  it("packs, splits at MaxArraySize, chains identical layouts with aftercorr and waits for exact elements otherwise", () => {
    const g = graph(CHAIN);
    const j = planSlurmJobs(g, { pipeline: "p", site: SITE, submit: all(g) });
    expect(layout(j)).toEqual([
      "p.one.0 8x24 ",
      "p.one.1 4x12 ",
      "p.two.0 8x24 aftercorr:0",
      "p.two.1 4x12 aftercorr:1",
      // Night m reads exposures 3m-2 … 3m: elements of `two` holding their 9 tasks.
      "p.night.0 1x1 afterok:2_0_1_2",
      "p.night.1 1x1 afterok:2_3_4_5",
      "p.night.2 1x1 afterok:2_6_7,afterok:3_0",
      "p.night.3 1x1 afterok:3_1_2_3",
      // A best-effort input waits with afterany, so a failed night does not cancel the total.
      "p.total.0 1x1 afterany:4,afterany:5,afterany:6,afterany:7",
    ]);
    expect(j.elements).toBe(12 + 12 + 4 + 1);
    expect(j.autoPack).toBe(1);
    expect(j.arrays[0]!.seconds).toBe(3 * 120);
    expect(checkSlurmBudget(j, SITE)).toEqual([]);
  });

  it("submits only the tasks asked for and depends on earlier jobs by element", () => {
    const g = graph(CHAIN);
    const submit = new Uint8Array(g.taskCount);
    const external = new Map<number, string>();
    for (let t = 0; t < g.taskCount; t++) {
      const stage = g.stageOf(t).name;
      if (stage === "one") external.set(t, `77_${Math.floor((t - g.stageOf(t).first) / 3)}`);
      else submit[t] = 1;
    }
    const j = planSlurmJobs(g, { pipeline: "p", site: SITE, submit, external, suffix: "r1" });
    expect(j.arrays[0]!.name).toBe("p.two.0.r1");
    // Each element of `two` waits for its own element of job 77: elements with the same dependencies share an array.
    expect(j.arrays.filter((a) => a.stage === "two")).toHaveLength(12);
    expect(j.arrays[0]!.deps).toEqual([{ kind: "afterok", external: "77_0" }]);
  });

  it("packs stages without `pack` by a common factor to fit MaxSubmitJobs, and reports what still does not fit", () => {
    const g = graph(CHAIN);
    const small: Site = { ...SITE, MaxSubmitJobs: 27 };
    const j = planSlurmJobs(g, { pipeline: "p", site: small, submit: all(g) });
    // one and two keep their `pack 3` (24 elements); night is packed 2 per element (2), total 1.
    expect(j.autoPack).toBe(2);
    expect(j.elements).toBe(27);
    expect(checkSlurmBudget(j, small)).toEqual([]);
    const tiny: Site = { ...SITE, MaxSubmitJobs: 20, MaxJobCount: 5, nodeHours: 0.1 };
    const over = checkSlurmBudget(planSlurmJobs(g, { pipeline: "p", site: tiny, submit: all(g) }), tiny);
    expect(over.map((d) => d.code)).toEqual(["DF5006", "DF5006", "DF5006"]);
    expect(over[0]!.message).toBe("The plan needs 26 queued jobs (array elements), over the site `t`'s MaxSubmitJobs of 20.");
    expect(over[1]!.message).toMatch(/job records \(arrays\), over the site `t`'s MaxJobCount of 5\.$/);
    expect(over[2]!.message).toMatch(/node-hours, over the site `t`'s node_hours allocation of 0\.1\.$/);
  });

  it("packs the cheapest tasks first, never past max_time, and checks what one job asks of a node", () => {
    const g = graph(`pipeline cost
import "./k" as k
grid e = 1..2000
grid s = 1..100
product a[e] : T at "a/{e}.json"
product b[s] : T at "b/{s}.json"
stage fast[x: e] {
  out a[x]
  kernel k.f
  time 1min
}
stage slow[y: s] {
  out b[y]
  kernel k.f
  time 12h
  cores 8
  memory 600GB
}
`);
    const site: Site = { ...SITE, MaxSubmitJobs: 500, maxTime: 48 * 3600, coresPerNode: 4, memoryPerNode: "512GB" };
    const j = planSlurmJobs(g, { pipeline: "cost", site, submit: all(g) });
    const per = (stage: string): number => Math.max(...j.arrays.filter((a) => a.stage === stage).map((a) => a.tasks.length / (a.elementStart.length - 1)));
    // The one-minute tasks are packed; the twelve-hour ones are not.
    expect(per("slow")).toBe(1);
    expect(per("fast")).toBeGreaterThan(4);
    expect(j.elements).toBeLessThanOrEqual(500);
    expect(j.arrays.find((a) => a.stage === "slow")!.seconds).toBe(12 * 3600);
    // Node-hours count the CPUs asked for: 100 × 12 h × 8 cores / 4 cores per node, plus the fast stage.
    expect(j.nodeHours).toBeCloseTo((100 * 12 * 8) / 4 + (2000 * 60) / 3600 / 4, 0);
    const over = checkSlurmBudget(j, site).map((d) => d.message);
    expect(over).toEqual(["Stage `slow` asks for 8 cores per job, more than a node of site `t` has (cores_per_node 4)."]);
    const fits = checkSlurmBudget(j, { ...site, coresPerNode: 8 }).map((d) => d.message);
    expect(fits).toEqual(["Stage `slow` asks for 600.0 GB per job, more than a node of site `t` has (memory_per_node 512GB)."]);
    const shortJobs = planSlurmJobs(g, { pipeline: "cost", site: { ...site, maxTime: 6 * 3600 }, submit: all(g) });
    const roomy = { ...site, coresPerNode: 8, memoryPerNode: "1TB" };
    const short = checkSlurmBudget(shortJobs, { ...roomy, maxTime: 6 * 3600 });
    expect(short.map((d) => d.message)).toEqual(["Stage `slow` needs jobs of 12.0 h, over site `t`'s max_time of 6.0 h."]);
    // A limit under an hour is given in minutes or seconds, never as 0.0 h.
    const minutes = checkSlurmBudget(shortJobs, { ...roomy, maxTime: 72 }).map((d) => d.message);
    expect(minutes).toContain("Stage `slow` needs jobs of 12.0 h, over site `t`'s max_time of 1.2 min.");
    const seconds = checkSlurmBudget(shortJobs, { ...roomy, maxTime: 30 }).map((d) => d.message);
    expect(seconds).toContain("Stage `slow` needs jobs of 12.0 h, over site `t`'s max_time of 30 s.");
  });

  it("writes scripts: srun with ranks and threads, the throttle, the per-element log and comment, dependencies in submit.sh", () => {
    const g = graph(`pipeline mpi
import "./k" as k
grid e = 1..3
product a[e] : T at "a/{e}.json"
product b : T at "b.json"
stage fit[x: e] {
  out a[x]
  kernel k.f
  ranks 4
  threads 2
  memory 2GB
  time 90min
}
stage sum {
  in as: a[x] for x in e
  out b
  kernel k.f
}
`);
    const j = planSlurmJobs(g, { pipeline: "mpi", site: { ...SITE, partition: "regular", setup: ["module load dflow"], arrayThrottle: 2 }, submit: all(g) });
    const files = new Map(
      [
        ...slurmFiles(j, g, {
          source: "mpi.dflow",
          pipeline: "mpi",
          dir: "/e",
          planDir: "/e/plan",
          node: "/usr/bin/node",
          dflow: "/opt/dflow.js",
          site: { ...SITE, partition: "regular", setup: ["module load dflow"], arrayThrottle: 2 },
          root: "/e",
        }),
      ].map((f) => [f.path, [...f.chunks].join("")]),
    );
    const fit = files.get("jobs/mpi.fit.0.sbatch")!;
    expect(fit).toContain("#SBATCH --array=0-2%2\n");
    expect(fit).toContain("#SBATCH --ntasks=4\n#SBATCH --cpus-per-task=2\n#SBATCH --mem=1908M\n");
    expect(fit).toContain("#SBATCH --time=01:30:00\n#SBATCH --partition=regular\n");
    // The log path holds the emit directory: it goes on sbatch's command line in submit.sh, quoted, not on an #SBATCH line.
    expect(fit).not.toContain("#SBATCH --output");
    expect(files.get("submit.sh")).toContain('--output="$DIR/logs/mpi.fit.0/%a.log" "$DIR/jobs/mpi.fit.0.sbatch"');
    expect(fit).toContain("#SBATCH --kill-on-invalid-dep=yes\n");
    expect(fit).toContain("module load dflow\n");
    expect(fit).toContain('srun -n 4 -c 2 --cpu-bind=cores "$NODE" "$DFLOW" task "$PLAN" --tasks-file "$TASKS" --element "$element"\n');
    expect(files.get("jobs/mpi.fit.0.tasks")).toBe("fit[e=1]\nfit[e=2]\nfit[e=3]\n");
    expect(files.get("submit.sh")).toContain(
      'submit mpi.sum.0 --dependency="afterok:${j0}" --output="$DIR/logs/mpi.sum.0/%a.log" "$DIR/jobs/mpi.sum.0.sbatch" >/dev/null\n',
    );
    expect(files.get("jobs/mpi.sum.0.sbatch")).toContain('exec "$NODE" "$DFLOW" task');
  });

  it("formats times as Slurm reads them", () => {
    expect(slurmTime(59)).toBe("00:00:59");
    expect(slurmTime(3600 * 26 + 61)).toBe("1-02:01:01");
  });
});

describe("parseSacct", () => {
  it("gives every element its state, expanding arrays not split yet", () => {
    const s = parseSacct(["12_0|COMPLETED", "12_[1-3,5%2]|PENDING", "12_2|RUNNING", "13|CANCELLED by 0", "14_[0-7]|CANCELLED"].join("\n"));
    expect(Object.fromEntries(s)).toEqual({
      "12_0": "COMPLETED",
      "12_1": "PENDING",
      "12_2": "RUNNING",
      "12_3": "PENDING",
      "12_5": "PENDING",
      "13": "CANCELLED",
      ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`14_${i}`, "CANCELLED"])),
    });
  });
});
