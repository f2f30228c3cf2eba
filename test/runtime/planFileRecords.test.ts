import { mkdtempSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkFile, defaultIndexLoader } from "../../src/compile.js";
import { SourceMap } from "../../src/diag/SourceMap.js";
import { taskId } from "../../src/plan/index.js";
import { planWithData, readTaskRecord, RecordBuilder, writePlanFile } from "../../src/runtime/index.js";
import { writePeersPipeline } from "../../bench/peers/genPeersDflow.js";
import { FRONTIER, STATIC, writeSources } from "../backends/backendsFixture.js";

/** Checks and plans a pipeline file as `dflow emit plan` does. */
async function planned(file: string, out: string) {
  const c = await checkFile(new SourceMap(), path.resolve(file), { loadIndex: defaultIndexLoader });
  const checked = c.value?.bound;
  expect(checked).toBeDefined();
  const p = await planWithData(checked!, { out });
  expect(p.value).toBeDefined();
  return { checked: checked!, plan: p.value! };
}

/** Every task of the plan read back from the plan file equals the record built from the task graph. */
async function roundTrip(file: string, out = mkdtempSync(path.join(os.tmpdir(), "dflow-pf3-out-"))): Promise<{ tasks: number; bytes: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-pf3-"));
  const { checked, plan } = await planned(file, out);
  const w = writePlanFile(checked, plan, dir);
  const g = plan.graph;
  const builder = new RecordBuilder(checked);
  let tasks = 0;
  for (const s of g.stages) {
    if (s.deferred !== undefined) continue;
    for (let t = s.first; t < s.first + s.count; t++) {
      const want = builder.record(g, t);
      expect(readTaskRecord(dir, taskId(g, t))).toEqual(want);
      expect(readTaskRecord(dir, `${s.name}:${t - s.first}`)).toEqual(want);
      if (want !== undefined) tasks++;
    }
    expect(readTaskRecord(dir, `${s.name}:${s.count}`)).toBeUndefined();
  }
  expect(w.tasks).toBe(tasks);
  expect(readTaskRecord(dir, "nope[n=1]")).toBeUndefined();
  const bytes = readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
  return { tasks, bytes };
}

describe("plan file v3", () => {
  it("reads back every task of the run fixture as the task graph builds it, by id and by stage and index", async () => {
    expect((await roundTrip("test/fixtures/run/run.dflow")).tasks).toBe(9);
  });

  it("reads back the backends' fixtures: gathers, a relation, attributes in paths, stages past a frontier", async () => {
    for (const file of [STATIC, FRONTIER]) {
      const out = mkdtempSync(path.join(os.tmpdir(), "dflow-pf3-out-"));
      writeSources(out);
      expect((await roundTrip(file, out)).tasks).toBeGreaterThan(10);
    }
  }, 60_000);

  it("reads back the peers' shape (many-to-many gathers, per-night gathers) and stays compact", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-pf3-peers-"));
    const pipe = writePeersPipeline(20, dir);
    const r = await roundTrip(pipe.dflow, dir);
    expect(r.tasks).toBe(121.5 * 20 + 1);
    // Key columns and references, no paths per task: well under 100 bytes a task.
    expect(r.bytes / r.tasks).toBeLessThan(100);
  }, 60_000);
});
