import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { productCount, productProblems, runKilledWhen, runToEnd, seededMoments, TreeHasher } from "../helpers/killResume.js";

// The ci profile's stages up to the frames of one camera: the kill moments over the whole
// pipeline are bench/killResume.ts's and scripts/killResume.ts's, a kill of the whole process
// group is test/pipelines/twopctKill.test.ts's.
const run = (out: string): string[] => ["run", "pipelines/twopct.dflow", "--profile", "ci", "--only", "fastframe[camera=b]", "--out", out, "-j", "2"];

describe("dflow run on the twopct pipeline (ci profile) after SIGKILL", () => {
  it("leaves whole products only, and the next run removes what the kill left and ends with the bytes of an uninterrupted run", async () => {
    const hasher = new TreeHasher();
    const reference = mkdtempSync(path.join(os.tmpdir(), "dflow-kill-ref-"));
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-kill-"));
    try {
      const whole = runToEnd(run(reference));
      expect(whole.code, whole.stderr).toBe(0);
      const want = hasher.scan(reference).products;
      rmSync(reference, { recursive: true, force: true });
      expect(want.size).toBeGreaterThan(40);
      // Three seeded moments, each into a run that resumes what the runs before it left: once
      // the root holds a seeded number of products (rising), and a seeded delay after that.
      const counts = seededMoments(20261207, 3, 2, want.size - 2).sort((a, b) => a - b);
      const delays = seededMoments(7, 3, 0, 800);
      let left: string[] = [];
      let kills = 0;
      for (const [i, n] of counts.entries()) {
        const ms = delays[i]!;
        const k = await runKilledWhen(run(out), () => productCount(out) >= n, ms);
        if (k.killed) kills++;
        const tree = hasher.scan(out);
        // The temporary files the previous kill left were removed before this run's tasks started.
        expect(
          left.filter((t) => tree.temporaries.includes(t)),
          `after a kill ${ms} ms past ${n} products`,
        ).toEqual([]);
        expect(productProblems(want, tree.products, false), `after a kill ${ms} ms past ${n} products`).toEqual([]);
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
  }, 600_000);
});
