/** `dflow plan`'s per-stage figures: core-hours from the CPUs a task asks for, memory-hours from its `memory`. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderPlanSummary, summarizePlan } from "../../src/plan/index.js";
import { planText } from "../helpers/plan.js";

const TEXT = `pipeline m
import "./k" as k
grid e = 1..4
product a[e] : T at "a/{e}.json"
product b[e] : T at "b/{e}.json"
stage big[x: e] {
  out a[x]
  kernel k.f
  time 30min
  threads 4
  memory 3GB
}
stage small[x: e] {
  in a[x]
  out b[x]
  kernel k.g
  time 6min
}
`;

describe("plan summary figures", () => {
  const r = planText(TEXT, { out: mkdtempSync(path.join(os.tmpdir(), "dflow-summary-")) });
  const plan = r.plan!;
  const all = new Uint8Array(plan.graph.taskCount).fill(1);

  it("counts core-hours over the larger of cores and threads, and memory-hours from `memory` in GB·h", () => {
    const [big, small] = summarizePlan(plan.graph, all);
    // 4 tasks × 0.5 h × 4 threads; × 3 GB.
    expect(big!.coreHours).toBeCloseTo(8, 12);
    expect(big!.memoryHours).toBeCloseTo(6, 12);
    // 4 tasks × 0.1 h × 1 core; no `memory`: not known.
    expect(small!.coreHours).toBeCloseTo(0.4, 12);
    expect(small!.memoryHours).toBeUndefined();
  });

  it("counts only the tasks to run, and scales time by the site's factor", () => {
    const some = new Uint8Array(plan.graph.taskCount);
    some[0] = 1;
    const site = { name: "s", coresPerNode: 8, timeFactor: 2, MaxArraySize: 10, setup: [] };
    const [big] = summarizePlan(plan.graph, some, site);
    expect(big!.toRun).toBe(1);
    expect(big!.coreHours).toBeCloseTo(4, 12);
    expect(big!.memoryHours).toBeCloseTo(3, 12);
  });

  it("marks a stage without `memory` with – and says it is not counted; the total is exact without a frontier", () => {
    const text = renderPlanSummary(plan, all, "text");
    expect(text).toMatch(/^small\s+4\s+4\s+\d+\s+0\.40\s+–$/m);
    expect(text).toMatch(/^total\s+8\s+8\s+\d+\s+8\.40\s+6\.00$/m);
    expect(text).toContain("–: the stage declares no `memory`; it is not counted in the memory-hours.");
    const json = JSON.parse(renderPlanSummary(plan, all, "json")) as { stages: { memoryHours: number | null }[]; total: { lowerBound: boolean } };
    expect(json.stages.map((s) => s.memoryHours)).toEqual([6, null]);
    expect(json.total.lowerBound).toBe(false);
  });
});
