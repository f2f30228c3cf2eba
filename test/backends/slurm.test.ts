/**
 * `dflow emit slurm` on a real one-node Slurm (scripts/slurm-up.sh), and `dflow emit make`
 * under GNU make, on the backends' test pipeline: 36 per-exposure tasks packed 3 per element
 * (12 elements over the test site's MaxArraySize of 8), a gather per night, a relation, a
 * data-dependent grid, a failing exposure, `dflow status` and `dflow resubmit`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findTool } from "../helpers/externalTools.js";
import { runBin } from "../helpers/cli.js";
import { treeContents } from "../helpers/tree.js";
import { FRONTIER, STATIC, writeRaw, writeSources } from "./backendsFixture.js";
import { emittedScripts, ensureSlurm, ledgerJobs, waitForJobs, type SacctRow } from "./slurmCluster.js";

const SITE = "sites/local.yaml";

function tmp(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `dflow-${name}-`));
}

/** The reference: `dflow run` on fresh sources. */
function reference(pipeline: string): string {
  const ref = tmp("ref");
  writeSources(ref);
  const r = runBin(["run", pipeline, "--out", ref]);
  expect(r.code, r.stderr).toBe(0);
  return ref;
}

function lint(root: string): void {
  const shellcheck = findTool("shellcheck", "shellcheck");
  for (const f of emittedScripts(root)) {
    const n = spawnSync("bash", ["-n", f], { encoding: "utf8" });
    expect(n.status, `bash -n ${f}: ${n.stderr}`).toBe(0);
    const s = spawnSync(shellcheck, [f], { encoding: "utf8" });
    expect(s.status, `shellcheck ${f}:\n${s.stdout}`).toBe(0);
  }
}

/**
 * Every element started after the elements it depends on ended: the dependencies are read back
 * from submit.sh (`${jK}` a whole array, `${jK}_i` one element, `aftercorr` element by element).
 */
function checkOrder(root: string, rows: readonly SacctRow[]): number {
  const ids = new Map(ledgerJobs(root).map((j) => [j.name, j.id]));
  const byElement = new Map(rows.map((r) => [r.jobId, r]));
  const elementsOf = (id: string): SacctRow[] => rows.filter((r) => r.jobId.startsWith(id + "_"));
  const lines = readFileSync(path.join(root, "submit.sh"), "utf8").split("\n");
  const vars = new Map<string, string>();
  for (const l of lines) {
    const v = /^(j\d+)=\$\(submit (\S+)/.exec(l);
    if (v !== null) vars.set(v[1]!, ids.get(v[2]!)!);
  }
  let checked = 0;
  for (const line of lines) {
    const m = /submit (\S+) --dependency="([^"]+)"/.exec(line);
    if (m === null || m[1]!.endsWith(".continue")) continue;
    const me = elementsOf(ids.get(m[1]!)!);
    expect(me.length).toBeGreaterThan(0);
    for (const clause of m[2]!.split(",")) {
      const [kind, ...targets] = clause.split(":");
      for (const t of targets) {
        const tm = /^\$\{(j\d+)\}(?:_(\d+))?$/.exec(t)!;
        const dep = vars.get(tm[1]!)!;
        for (const e of me) {
          if (e.state !== "COMPLETED") continue;
          const needs =
            kind === "aftercorr"
              ? [byElement.get(`${dep}_${e.jobId.split("_")[1]}`)!]
              : tm[2] !== undefined
                ? [byElement.get(`${dep}_${tm[2]}`)!]
                : elementsOf(dep);
          for (const n of needs) {
            expect(n, `${e.jobId} waits for a missing element of ${dep}`).toBeDefined();
            expect(e.start, `${e.jobId} (${m[1]}) started before ${n.jobId} ended`).toBeGreaterThanOrEqual(n.end);
            checked++;
          }
        }
      }
    }
  }
  return checked;
}

function status(root: string): Record<string, { state: string; job?: string }> {
  const r = runBin(["status", root, "--format", "json"]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { tasks: Record<string, { state: string; job?: string }> }).tasks;
}

describe("dflow emit slurm on a real Slurm", () => {
  beforeAll(() => ensureSlurm(), 120_000);

  it("runs the test pipeline to outputs identical to dflow run: arrays split at MaxArraySize, packing, dependencies respected", async () => {
    const ref = reference(STATIC);
    const root = tmp("slurm");
    const out = tmp("slurm-out");
    writeSources(out);
    const e = runBin(["emit", "slurm", STATIC, "--site", SITE, "--emit-dir", root, "--out", out]);
    expect(e.code, e.stderr).toBe(0);
    lint(root);
    const sub = spawnSync("bash", [path.join(root, "submit.sh")], { encoding: "utf8" });
    expect(sub.status, sub.stderr).toBe(0);
    const rows = await waitForJobs(root, 240_000);
    expect(rows.filter((r) => r.state !== "COMPLETED")).toEqual([]);
    // 36 extract tasks, 3 per element: 12 elements, split 8 + 4 at MaxArraySize 8.
    const extract = rows.filter((r) => r.name.startsWith("backends.extract."));
    expect(new Map([...new Set(extract.map((r) => r.name))].map((n) => [n, extract.filter((r) => r.name === n).length]))).toEqual(
      new Map([
        ["backends.extract.0", 8],
        ["backends.extract.1", 4],
      ]),
    );
    for (const r of extract) expect(r.comment.split(" ")).toHaveLength(3);
    expect(extract.map((r) => r.comment).join(" ")).toContain("extract[exposure=1,camera=b] extract[exposure=1,camera=r] extract[exposure=1,camera=z]");
    expect(checkOrder(root, rows)).toBeGreaterThan(40);
    expect(treeContents(out)).toEqual(treeContents(ref));
    expect(Object.values(status(root)).every((t) => t.state === "done")).toBe(true);
    // Submitting twice is refused: the ledger is how status and resubmit follow the jobs.
    expect(spawnSync("bash", [path.join(root, "submit.sh")], { encoding: "utf8" }).status).toBe(1);
    expect(runBin(["emit", "slurm", STATIC, "--site", SITE, "--emit-dir", root, "--out", out]).stderr).toContain("DF5007");
  }, 300_000);

  it("past a data-dependent grid, the continuation job plans and submits the rest", async () => {
    const ref = reference(FRONTIER);
    const root = tmp("slurm-frontier");
    const out = tmp("slurm-frontier-out");
    writeSources(out);
    const e = runBin(["emit", "slurm", FRONTIER, "--site", SITE, "--emit-dir", root, "--out", out]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stderr).toContain("continuation job");
    const submit = readFileSync(path.join(root, "submit.sh"), "utf8");
    // The continuation waits for the stage making the catalog the pixel grid is computed from, not for everything.
    expect(submit).toMatch(/submit frontier\.continue --dependency="afterok:\$\{j\d+\}"/);
    expect(spawnSync("bash", [path.join(root, "submit.sh")], { encoding: "utf8" }).status).toBe(0);
    // While everything is queued, a resubmit has nothing to add: no second continuation either.
    const early = runBin(["resubmit", root, "--no-submit"]);
    expect(early.code, early.stderr).toBe(0);
    expect(early.stderr).toContain("nothing to submit");
    const rows = await waitForJobs(root, 240_000);
    expect(rows.filter((r) => r.state !== "COMPLETED")).toEqual([]);
    expect(ledgerJobs(root).some((j) => j.name.startsWith("frontier.pixel."))).toBe(true);
    expect(ledgerJobs(root).filter((j) => j.name === "frontier.continue")).toHaveLength(1);
    lint(root);
    expect(treeContents(out)).toEqual(treeContents(ref));
  }, 300_000);

  it("a failing exposure cancels only what depends on it; status says so; resubmit after the fix runs only that subgraph", async () => {
    const root = tmp("slurm-fail");
    const out = tmp("slurm-fail-out");
    writeSources(out, 5); // exposure 5, the second night's second exposure
    expect(runBin(["emit", "slurm", STATIC, "--site", SITE, "--emit-dir", root, "--out", out]).code).toBe(0);
    expect(spawnSync("bash", [path.join(root, "submit.sh")], { encoding: "utf8" }).status).toBe(0);
    await waitForJobs(root, 240_000);
    const st = status(root);
    const by = (state: string): string[] =>
      Object.keys(st)
        .filter((k) => st[k]!.state === state)
        .sort();
    expect(by("failed")).toEqual(["extract[exposure=5,camera=b]", "extract[exposure=5,camera=r]", "extract[exposure=5,camera=z]"]);
    // Pixels 0 and 2 receive exposure 5 (pixels e % 5 and (e + 2) % 5).
    expect(by("cancelled")).toEqual([
      "calibrate[exposure=5,camera=b]",
      "calibrate[exposure=5,camera=r]",
      "calibrate[exposure=5,camera=z]",
      "nightly[night=20201215]",
      "pixel[pixel=0]",
      "pixel[pixel=2]",
      "total",
    ]);
    expect(by("done")).toHaveLength(82 - 10);
    expect(by("done")).toEqual(
      expect.arrayContaining([
        "nightly[night=20201214]",
        "nightly[night=20201216]",
        "nightly[night=20201217]",
        "pixel[pixel=1]",
        "pixel[pixel=3]",
        "pixel[pixel=4]",
      ]),
    );
    const text = runBin(["status", root]);
    expect(text.stdout).toMatch(/^all +72 +0 +0 +3 +7 +0 +0$/m);

    writeRaw(out, 5);
    const re = runBin(["resubmit", root]);
    expect(re.code, re.stderr).toBe(0);
    expect(re.stderr).toContain("10 tasks of 5 stages");
    const resubmitted = readdirSync(path.join(root, "next", "001-resubmit", "jobs"))
      .filter((f) => f.endsWith(".tasks"))
      .flatMap((f) =>
        readFileSync(path.join(root, "next", "001-resubmit", "jobs", f), "utf8")
          .split(/[\t\n]/)
          .filter((x) => x !== ""),
      )
      .sort();
    expect(resubmitted).toEqual([...by("failed"), ...by("cancelled")].sort());
    await waitForJobs(root, 240_000);
    lint(root);
    expect(Object.values(status(root)).every((t) => t.state === "done")).toBe(true);
    const ref = tmp("slurm-fail-ref");
    writeSources(ref);
    expect(runBin(["run", STATIC, "--out", ref]).code).toBe(0);
    expect(treeContents(out)).toEqual(treeContents(ref));
  }, 400_000);

  it("keeps a param value with shell metacharacters out of every shell: nothing is executed", async () => {
    const root = tmp("slurm meta");
    const out = tmp("slurm meta out");
    const evil = `$(touch ${path.join(root, "pwned")}) \`touch ${path.join(root, "pwned2")}\` '"; touch ${path.join(root, "pwned3")}; echo "\n`;
    const e = runBin([
      "emit",
      "slurm",
      "test/fixtures/run/run.dflow",
      "--site",
      SITE,
      "--emit-dir",
      path.join(root, "emit ;&(x)'"),
      "--out",
      out,
      "--set",
      `note=${evil}`,
    ]);
    // An emit directory with a blank, `;`, `&`, parentheses and a quote is quoted in every script (no #SBATCH line holds it): written, and it runs.
    expect(e.code, e.stderr).toBe(0);
    const dir = path.join(root, "emit ;&(x)'");
    lint(dir);
    expect(spawnSync("bash", [path.join(dir, "submit.sh")], { encoding: "utf8" }).status).toBe(0);
    const rows = await waitForJobs(dir, 120_000);
    expect(rows.filter((r) => r.state !== "COMPLETED")).toEqual([]);
    // Each element's log is where submit.sh's --output put it, under the quoted directory.
    const logDirs = readdirSync(path.join(dir, "logs"));
    expect(logDirs.some((a) => readdirSync(path.join(dir, "logs", a)).some((f) => /^\d+\.log$/.test(f)))).toBe(true);
    for (const f of ["pwned", "pwned2", "pwned3"]) expect(readdirSync(root)).not.toContain(f);
    const logs = readdirSync(path.join(out, ".dflow", "logs", "double"));
    expect(readFileSync(path.join(out, ".dflow", "logs", "double", logs[0]!), "utf8")).toContain(evil.trimEnd().split("\n")[0]!);
  }, 200_000);
});

describe("dflow emit make on the backends' test pipeline", () => {
  it("make -n accepts the Makefile and make -j2 gives the outputs of dflow run", () => {
    const make = findTool("make", "make");
    const ref = reference(STATIC);
    const dir = tmp("make");
    const out = tmp("make-out");
    writeSources(out);
    expect(runBin(["emit", "make", STATIC, "--emit-dir", dir, "--out", out]).code).toBe(0);
    const mf = path.join(dir, "Makefile");
    expect(spawnSync(make, ["-n", "-f", mf], { encoding: "utf8" }).status).toBe(0);
    const r = spawnSync(make, ["-j2", "-f", mf], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(treeContents(out)).toEqual(treeContents(ref));
  }, 120_000);
});
