/**
 * On pipelines/twopct.dflow at the twopct profile, with its survey simulated under the output
 * root: changing one param of a stage makes exactly that stage's tasks and everything downstream
 * of them stale, with the planner's counts, jobs and core-hours (its graph and its summary).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diffPipelines } from "../../src/diff/index.js";
import { summarizePlan, type TaskGraph } from "../../src/plan/index.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "./fixture.js";

const TWOPCT = path.resolve("pipelines/twopct.dflow");

/** The planner's downstream closure of stage `stage`'s tasks over the plan's CSR edges, computed here on its own. */
function downstream(g: TaskGraph, stage: string): Uint8Array {
  const s = g.stages.find((x) => x.name === stage)!;
  const mark = new Uint8Array(g.taskCount);
  mark.fill(1, s.first, s.first + s.count);
  // Readers may come before producers in no plan; iterate to a fixed point to not rely on it.
  for (let changed = true; changed;) {
    changed = false;
    for (let t = 0; t < g.taskCount; t++) {
      if (mark[t] !== 0) continue;
      for (let e = g.edgeStart[t]!; e < g.edgeStart[t + 1]!; e++)
        if (mark[g.edges[e]!] !== 0) {
          mark[t] = 2;
          changed = true;
          break;
        }
    }
  }
  return mark;
}

describe("dflow diff on twopct: one stage param", () => {
  let out = "";
  beforeAll(async () => {
    out = tempDir("twopct");
    const r = await runCli(["run", TWOPCT, "--profile", "twopct", "--only", "surveysim", "--out", out]);
    expect(r.code).toBe(0);
  }, 180_000);

  for (const [stage, from, to, why] of [
    ["newexp", "  param npetal = npetal\n", "  param npetal = 9\n", "param npetal 10→9"],
    ["sky", "  kernel calib.sky\n", "  kernel calib.sky\n  param nsig = 5\n", "param nsig"],
  ] as const) {
    it(`${stage}: that stage's tasks and everything downstream, counted as the planner counts`, async () => {
      const dir = tempDir("twopct-head");
      const head = path.join(dir, "twopct.dflow");
      const text = readFileSync(TWOPCT, "utf8");
      expect(text).toContain(from);
      writeFileSync(head, text.replace(from, to));
      const r = await diffPipelines({ base: { file: TWOPCT, label: "base" }, head: { file: head, label: "head" } }, { out, profile: "twopct" });
      expect(r.problems.filter((d) => d.severity === "error")).toEqual([]);
      expect(r.changes.map((d) => d.code)).toEqual(["DF7008"]);
      const g = r.headGraph!;
      const expected = downstream(g, stage);
      const planner = summarizePlan(g, expected);
      const stale = planner.filter((s) => s.toRun > 0);
      expect(stale[0]!.stage).toBe(stage);
      expect(stale.length).toBeGreaterThan(1);
      expect(r.stages.map((s) => [s.stage, s.stale, s.jobs, s.coreHours])).toEqual(planner.map((s) => [s.stage, s.toRun, s.jobs, s.coreHours]));
      expect(r.total.stale).toBe(planner.reduce((a, s) => a + s.toRun, 0));
      expect(r.total.coreHours).toBeGreaterThan(0);
      // The stage itself is stale for the param, every stage after it for an input.
      const own = r.stages.find((s) => s.stage === stage)!;
      expect(own.stale).toBe(own.tasks);
      expect(own.reasons.map((x) => x.reason)).toEqual([expect.stringContaining(why)]);
      for (const s of r.stages.filter((x) => x.stale > 0 && x.stage !== stage)) for (const x of s.reasons) expect(x.reason).toMatch(/^input /);
    }, 120_000);
  }
});
