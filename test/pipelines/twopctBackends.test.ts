/**
 * pipelines/twopct.dflow at its `ci` profile on the four backends: `dflow run -j1` (the
 * reference), `dflow run -j2`, `make -j2` on the emitted Makefile and the emitted Slurm scripts
 * on the local one-node Slurm (scripts/slurm-up.sh) write the same bytes: the redshift catalogue
 * and every other product under the output root (its `.dflow` state and logs left out), compared
 * by SHA-256 and reported by path.
 *
 * The pipeline's grids past surveysim and tilepix come from the data, so a Makefile covers the
 * plan up to its frontier: make is run, the Makefile emitted again over the products it made,
 * and run again, until the plan has no stage left past a frontier. The Slurm emission has its
 * continuation job for that, which plans and submits the rest by itself.
 *
 * Run with the Slurm lock held: `flock /tmp/slurm.lock npx vitest run test/pipelines/twopctBackends.test.ts`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emittedScripts, ensureSlurm, waitForJobs } from "../backends/slurmCluster.js";
import { findTool } from "../helpers/externalTools.js";
import { runBin } from "../helpers/cli.js";
import { productProblems, runToEnd, TreeHasher } from "../helpers/killResume.js";

const PIPE = "pipelines/twopct.dflow";
const PROFILE = ["--profile", "ci"];
/** The redshift catalogue of the ci profile's dark program. */
const CATALOGUE = "zcatalog/zpix-main-dark.fits";

const hasher = new TreeHasher();
let base: string;
/** The reference products (`dflow run -j1`), path → SHA-256. */
let want: Map<string, string>;
const seconds: Record<string, number> = {};

/** A fresh directory under this file's temporary base. */
function tmp(name: string): string {
  return mkdtempSync(path.join(base, `${name}-`));
}

/**
 * Where the products under `root` differ from the reference's, by path (none when all are
 * byte-identical). The root is removed once hashed: a ci run writes about 2 GB.
 */
function differences(root: string): string[] {
  const tree = hasher.scan(root);
  rmSync(root, { recursive: true, force: true });
  return [...productProblems(want, tree.products, true), ...tree.temporaries.map((t) => `${t}: a temporary file left`)];
}

/** The stages of the plan of `out` that wait for a data-dependent grid (past a frontier). */
function deferredStages(out: string): string[] {
  const p = runBin(["plan", PIPE, ...PROFILE, "--out", out, "--format", "json"]);
  expect(p.code, p.stderr).toBe(0);
  return (JSON.parse(p.stdout) as { stages: { stage: string; deferred?: string }[] }).stages.filter((s) => s.deferred !== undefined).map((s) => s.stage);
}

describe("pipelines/twopct.dflow --profile ci on four backends", () => {
  beforeAll(() => {
    base = mkdtempSync(path.join(os.tmpdir(), "dflow-twopct-backends-"));
    const ref = tmp("run-j1");
    const r = runToEnd(["run", PIPE, ...PROFILE, "--out", ref, "-j", "1"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/run: \d+ tasks run, 0 up to date, 0 failed, 0 not run/);
    seconds["run -j1"] = r.seconds;
    const tree = hasher.scan(ref);
    expect(tree.temporaries).toEqual([]);
    want = tree.products;
    rmSync(ref, { recursive: true, force: true });
  }, 1_200_000);
  afterAll(() => {
    console.log(`twopct ci backends, seconds: ${JSON.stringify(seconds)}`);
    rmSync(base, { recursive: true, force: true });
  });

  it("dflow run -j1 writes the redshift catalogue among its products", () => {
    expect(want.has(CATALOGUE), [...want.keys()].join("\n")).toBe(true);
    expect(want.size).toBeGreaterThan(20);
  });

  it("dflow run -j2 writes the same bytes", () => {
    const out = tmp("run-j2");
    const r = runToEnd(["run", PIPE, ...PROFILE, "--out", out, "-j", "2"]);
    expect(r.code, r.stderr).toBe(0);
    seconds["run -j2"] = r.seconds;
    expect(differences(out)).toEqual([]);
  }, 1_200_000);

  it("make -j2 on the emitted Makefile, emitted again past each frontier, writes the same bytes", () => {
    const make = findTool("make", "make");
    const out = tmp("make-out");
    const dir = tmp("make");
    const t0 = Date.now();
    let rounds = 0;
    for (let last = false; !last;) {
      // The round whose plan has nothing past a frontier is the last.
      last = deferredStages(out).length === 0;
      const e = runBin(["emit", "make", PIPE, ...PROFILE, "--emit-dir", dir, "--out", out]);
      expect(e.code, e.stderr).toBe(0);
      const r = spawnSync(make, ["-j2", "-f", path.join(dir, "Makefile")], { encoding: "utf8", maxBuffer: 1 << 26 });
      expect(r.status, r.stderr).toBe(0);
      rounds++;
      expect(rounds, "the plan still has stages past a frontier after 4 rounds of make").toBeLessThanOrEqual(4);
    }
    seconds["make -j2"] = (Date.now() - t0) / 1000;
    // surveysim's tiles and exposures, then tilepix's pixels.
    expect(rounds).toBe(3);
    // A further make has nothing to do.
    expect(spawnSync(make, ["-q", "-f", path.join(dir, "Makefile")]).status).toBe(0);
    expect(differences(out)).toEqual([]);
  }, 1_200_000);

  it("the emitted Slurm scripts on the local Slurm write the same bytes", async () => {
    ensureSlurm();
    const out = tmp("slurm-out");
    const root = tmp("slurm");
    const t0 = Date.now();
    const e = runBin(["emit", "slurm", PIPE, ...PROFILE, "--site", "sites/local.yaml", "--emit-dir", root, "--out", out]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stderr).toContain("continuation job");
    for (const f of emittedScripts(root)) expect(spawnSync("bash", ["-n", f]).status, f).toBe(0);
    const sub = spawnSync("bash", [path.join(root, "submit.sh")], { encoding: "utf8" });
    expect(sub.status, sub.stderr).toBe(0);
    const rows = await waitForJobs(root, 1_100_000);
    seconds.slurm = (Date.now() - t0) / 1000;
    expect(rows.filter((r) => r.state !== "COMPLETED").map((r) => `${r.jobId} ${r.name} ${r.state}`)).toEqual([]);
    expect(existsSync(path.join(out, CATALOGUE))).toBe(true);
    expect(differences(out)).toEqual([]);
  }, 1_200_000);
});
