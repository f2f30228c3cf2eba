/**
 * pipelines/twopct.dflow at its `ci` profile, killed with SIGKILL half way: the whole process
 * group (the run and every task process it forked) once half of the uninterrupted run's tasks are
 * done and a task is running. What the kill leaves holds no partial product under a product's
 * name, and the rerun ends with the redshift catalogue's bytes, and every other product's, of an
 * uninterrupted run. A product cut short after the kill (a partial file, as a writer without
 * dflow's atomic rename would leave it) is not taken for up to date: its task runs again.
 */
import { mkdtempSync, rmSync, statSync, truncateSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { productProblems, runGroupKilledWhen, runToEnd, stateRecords, TreeHasher } from "../helpers/killResume.js";

const PROFILE = ["--profile", "ci"];
const CATALOGUE = "zcatalog/zpix-main-dark.fits";
const run = (out: string): string[] => ["run", "pipelines/twopct.dflow", ...PROFILE, "--out", out, "-j", "2"];

describe("pipelines/twopct.dflow --profile ci killed half way (kill -9 of its process group)", () => {
  it("leaves whole products only; the rerun runs what was not done, a product cut short among it, and ends with the uninterrupted run's bytes", async () => {
    const hasher = new TreeHasher();
    const base = mkdtempSync(path.join(os.tmpdir(), "dflow-twopct-kill-"));
    try {
      const reference = path.join(base, "ref");
      const whole = runToEnd(run(reference));
      expect(whole.code, whole.stderr).toBe(0);
      const tasks = whole.ran;
      const want = hasher.scan(reference).products;
      expect(want.has(CATALOGUE)).toBe(true);
      // Its hashes are kept, not its 2 GB.
      rmSync(reference, { recursive: true, force: true });

      const out = path.join(base, "killed");
      const k = await runGroupKilledWhen(run(out), () => stateRecords(out) >= tasks / 2);
      expect(k.killed, "the run ended before half its tasks were done").toBe(true);
      expect(k.busyTasks).toBeGreaterThan(0);
      expect(k.survivors).toBe(0);
      const done = stateRecords(out);
      expect(done).toBeGreaterThanOrEqual(tasks / 2);
      expect(done).toBeLessThan(tasks);
      const left = hasher.scan(out);
      // Every product under its name is whole: byte-identical to the uninterrupted run's.
      expect(productProblems(want, left.products, false)).toEqual([]);
      expect(left.products.has(CATALOGUE)).toBe(false);

      // A partial file: the largest product the killed run finished, cut to half its size.
      const [partial] = [...left.products.keys()].sort((a, b) => statSync(path.join(out, b)).size - statSync(path.join(out, a)).size);
      truncateSync(path.join(out, partial!), Math.floor(statSync(path.join(out, partial!)).size / 2));

      const rerun = runToEnd(run(out));
      expect(rerun.code, rerun.stderr).toBe(0);
      // The tasks the kill cut off, and the producer of the partial file, ran; no more were taken for up to date than had finished.
      expect(rerun.ran + rerun.upToDate).toBe(tasks);
      expect(rerun.ran).toBeGreaterThanOrEqual(tasks - done + 1);
      expect(rerun.upToDate).toBeLessThanOrEqual(done - 1);
      const tree = hasher.scan(out);
      expect(tree.temporaries).toEqual([]);
      // The partial file among them: had it been taken for up to date, its bytes would differ.
      expect(productProblems(want, tree.products, true)).toEqual([]);
      console.log(
        `twopct ci kill: uninterrupted ${whole.seconds.toFixed(1)} s, ${tasks} tasks; killed at ${k.killSeconds.toFixed(1)} s with ${done} tasks done and ${k.busyTasks} running; ` +
          `${left.temporaries.length} temporary files left; rerun ${rerun.seconds.toFixed(1)} s, ${rerun.ran} run, ${rerun.upToDate} up to date; ${partial} cut short and made again`,
      );
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  }, 1_200_000);
});
