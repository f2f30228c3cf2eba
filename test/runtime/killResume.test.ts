import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { productProblems, runKilledAt, runToEnd, seededMoments, TreeHasher } from "../helpers/killResume.js";

const run = (out: string): string[] => ["run", "pipelines/twopct.dflow", "--profile", "mini", "--out", out, "-j", "2"];

describe("dflow run on the twopct pipeline (mini profile) after SIGKILL", () => {
  it("leaves whole products only, and the next run removes what the kill left and ends with the bytes of an uninterrupted run", async () => {
    const hasher = new TreeHasher();
    const reference = mkdtempSync(path.join(os.tmpdir(), "dflow-kill-ref-"));
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-kill-"));
    try {
      const whole = runToEnd(run(reference));
      expect(whole.code, whole.stderr).toBe(0);
      const want = hasher.scan(reference).products;
      rmSync(reference, { recursive: true, force: true });
      expect(want.size).toBeGreaterThan(50);
      // Three seeded moments, each into a run that resumes what the runs before it left.
      const moments = seededMoments(20261207, 3, 1500, Math.max(2000, whole.seconds * 800));
      let left: string[] = [];
      let kills = 0;
      for (const ms of moments) {
        const k = await runKilledAt(run(out), ms);
        if (k.killed) kills++;
        const tree = hasher.scan(out);
        // The temporary files the previous kill left were removed before this run's tasks started.
        expect(
          left.filter((t) => tree.temporaries.includes(t)),
          `after a kill at ${ms} ms`,
        ).toEqual([]);
        expect(productProblems(want, tree.products, false), `after a kill at ${ms} ms`).toEqual([]);
        left = tree.temporaries;
      }
      expect(kills).toBeGreaterThan(0);
      const last = runToEnd(run(out));
      expect(last.code, last.stderr).toBe(0);
      const tree = hasher.scan(out);
      expect(tree.temporaries).toEqual([]);
      expect(productProblems(want, tree.products, true)).toEqual([]);
    } finally {
      rmSync(reference, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});
