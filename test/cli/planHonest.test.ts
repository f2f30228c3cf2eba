/**
 * `dflow plan` is honest about what it does not know: stages past the frontier show their
 * figures as unknown with the stage whose run makes them known and the command that runs it,
 * the total says it is a lower bound, memory-hours stand beside core-hours, and with a site the
 * jobs say whether they fit its limits (as `dflow emit slurm` lays them out).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FRONTIER, writeSources } from "../backends/backendsFixture.js";
import { runCli } from "../helpers/cli.js";

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), "dflow-plan-honest-"));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A site profile in a temp dir. */
function site(yaml: string): string {
  const f = path.join(tmp(), "site.yaml");
  writeFileSync(f, yaml);
  return f;
}

interface JsonStage {
  stage: string;
  tasks: number | null;
  jobs: number | null;
  coreHours: number | null;
  memoryHours: number | null;
  fits?: boolean | null;
  problem?: string;
  unknownUntil?: { stages: string[]; sources: string[]; command?: string };
}
interface JsonPlan {
  stages: JsonStage[];
  total: { tasks: number; coreHours: number; memoryHours: number; lowerBound: boolean };
  site?: { fits: boolean; queued: number; problems: string[] };
}

describe("dflow plan past the frontier", () => {
  const out = tmp();
  writeSources(out);

  it("shows the stages whose grid waits for a product not made yet as unknown until its stage runs, with the command, and a lower-bound total", async () => {
    const r = await runCli(["plan", FRONTIER, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const cells = (stage: string): string[] =>
      lines
        .find((l) => l.startsWith(stage + " "))!
        .split(/\s{2,}/)
        .slice(1);
    expect(cells("pixel")).toEqual(["?", "?", "?", "?", "?", "unknown until catalog runs"]);
    // A stage without grids has one task at most, whose cost is known; when it runs is not.
    expect(cells("total")).toEqual(["≤ 1", "≤ 1", "?", "≤ 0.02", "≤ 0.00", "unknown until catalog runs"]);
    // Planned stages show their figures: 36 tasks packed 3 per job, 1 min and 200 MB each.
    expect(lines.find((l) => l.startsWith("extract "))!.split(/\s+/)).toEqual(["extract", "36", "36", "12", "0.60", "0.12"]);
    expect(lines.find((l) => l.startsWith("total (lower bound) "))).toMatch(/^total \(lower bound\)\s+≥ 77\s+≥ 77\s+≥ 29\s+≥ 1\.28\s+≥ 0\.26$/);
    expect(r.stdout).toContain(
      `2 stages are unknown until catalog runs (pixel and total):\n  dflow run ${FRONTIER} --only catalog --out ${out}\n  then plan again.\n`,
    );
    expect(r.stdout).toContain("  pixel: grid `pixel` waits for kernel `k.pixels`\n");
  });

  it("says the same in JSON: unknown figures are null, not 0, and the total is a lower bound", async () => {
    const r = await runCli(["plan", FRONTIER, "--out", out, "--format", "json", "--set", "x=1"]);
    // An unknown param is refused, so the command never carries a bad --set: plan without it.
    expect(r.code).toBe(1);
    const j = await runCli(["plan", FRONTIER, "--out", out, "--format", "json"]);
    expect(j.code).toBe(0);
    const p = JSON.parse(j.stdout) as JsonPlan;
    const pixel = p.stages.find((s) => s.stage === "pixel")!;
    expect(pixel).toMatchObject({ tasks: null, jobs: null, coreHours: null, memoryHours: null });
    expect(pixel.unknownUntil).toEqual({ stages: ["catalog"], sources: [], command: `dflow run ${FRONTIER} --only catalog --out ${out}` });
    expect(p.stages.find((s) => s.stage === "extract")).toMatchObject({ tasks: 36, jobs: 12 });
    expect(p.total).toMatchObject({ tasks: 77, lowerBound: true });
    expect(p.total.memoryHours).toBeCloseTo((77 * 60 * 0.2) / 3600, 12);
  });

  it("quotes the output root for the shell in the command", async () => {
    const spaced = path.join(tmp(), "it's here");
    writeSources(spaced);
    const r = await runCli(["plan", FRONTIER, "--out", spaced]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`dflow run ${FRONTIER} --only catalog --out '${spaced.replace("'", "'\\''")}'\n`);
  });

  it("knows every stage once the stage it named has run: no `?`, no lower bound, no command", async () => {
    const done = tmp();
    writeSources(done);
    const run = await runCli(["run", FRONTIER, "--only", "catalog", "--out", done]);
    expect(run.code, run.stderr).toBe(0);
    const r = await runCli(["plan", FRONTIER, "--out", done]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("?");
    expect(r.stdout).not.toContain("unknown");
    expect(r.stdout).toMatch(/\ntotal\s+\d/);
    const p = JSON.parse((await runCli(["plan", FRONTIER, "--out", done, "--format", "json"])).stdout) as JsonPlan;
    expect(p.total.lowerBound).toBe(false);
    expect(p.stages.find((s) => s.stage === "pixel")!.tasks).toBeGreaterThan(0);
    expect(p.stages.every((s) => s.unknownUntil === undefined)).toBe(true);
  });
});

describe("dflow plan of the twopct pipeline", () => {
  it("on an empty output root shows its grids' stages unknown until surveysim runs, and knows them once it has", async () => {
    const out = tmp();
    const before = await runCli(["plan", "pipelines/twopct.dflow", "--profile", "twopct", "--site", "sites/large.yaml", "--out", out]);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toMatch(/^fiberassign\s+\?\s+\?\s+\?\s+\?\s+\?\s+\?\s+unknown until surveysim runs$/m);
    expect(before.stdout).toMatch(/^total \(lower bound\)\s+≥ 1\s/m);
    expect(before.stdout).toContain(`15 stages are unknown until surveysim runs`);
    expect(before.stdout).toContain(`  dflow run pipelines/twopct.dflow --profile twopct --only surveysim --out ${out}\n`);
    expect(before.stdout).toContain("site large: the jobs fit so far");
    // The mini profile's survey is simulated in a second: then the stages over its grids are
    // known, and the regrouping by healpix waits for the next frontier, the tile-pixel table.
    const sim = await runCli(["run", "pipelines/twopct.dflow", "--only", "surveysim", "--out", out]);
    expect(sim.code, sim.stderr).toBe(0);
    const after = await runCli(["plan", "pipelines/twopct.dflow", "--out", out, "--site", "sites/large.yaml"]);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).not.toContain("surveysim runs");
    expect(after.stdout).toMatch(/^fiberassign\s+2\s+2\s+\d+\s+yes\s/m);
    expect(after.stdout).toMatch(/^group\s+\?\s+\?\s+\?\s+\?\s+\?\s+\?\s+unknown until tilepix runs$/m);
    expect(after.stdout).toMatch(/^coadd\s+\?\s+\?\s+\?\s+\?\s+\?\s+\?\s+unknown until tilepix runs$/m);
    expect(after.stdout).toMatch(/^redshift\s+\?\s+\?\s+\?\s+\?\s+\?\s+\?\s+unknown until tilepix runs$/m);
    expect(after.stdout).toContain(
      `5 stages are unknown until tilepix runs (group, coadd, redshift, zcatalog and qa):\n  dflow run pipelines/twopct.dflow --only tilepix --out ${out}\n`,
    );
    expect(after.stdout).toContain("site large: the jobs fit so far");
  });
});

describe("dflow plan of a stage whose grid declares an envelope", () => {
  it("shows at most the envelope's tasks, core- and memory-hours past the frontier, still unknown until its stage runs", async () => {
    const dir = tmp();
    const file = path.join(dir, "p.dflow");
    writeFileSync(
      file,
      readFileSync("pipelines/twopct.dflow", "utf8").replace(/^grid tile = tiles\.TILEID key$/m, "grid tile = tiles.TILEID key within 1..400"),
    );
    const r = await runCli(["plan", file, "--profile", "twopct", "--out", path.join(dir, "out")]);
    expect(r.code, r.stderr).toBe(0);
    // fiberassign: at most 400 tiles, 10 min and 4 GB each.
    expect(r.stdout).toMatch(/^fiberassign\s+≤ 400\s+≤ 400\s+\?\s+≤ 66\.67\s+≤ 266\.67\s+unknown until surveysim runs$/m);
    expect(r.stdout).toMatch(/^total \(lower bound\)\s+≥ 1\s/m);
    const p = JSON.parse((await runCli(["plan", file, "--profile", "twopct", "--out", path.join(dir, "out"), "--format", "json"])).stdout) as {
      stages: (JsonStage & { atMost?: { tasks: number; coreHours: number; memoryHours: number | null } })[];
    };
    const fa = p.stages.find((s) => s.stage === "fiberassign")!;
    expect(fa.tasks).toBeNull();
    expect(fa.atMost!.tasks).toBe(400);
    expect(fa.atMost!.coreHours).toBeCloseTo((400 * 600) / 3600, 9);
    expect(fa.atMost!.memoryHours).toBeCloseTo((400 * 600 * 4) / 3600, 9);
  });
});

describe("the command that makes the unknown stages known", () => {
  it("carries the plan's profile and --set, and --allow-refactoring when the stage to run is `refactoring`", async () => {
    const dir = tmp();
    const file = path.join(dir, "p.dflow");
    const text = readFileSync("pipelines/twopct.dflow", "utf8");
    writeFileSync(file, text.replace(/(stage surveysim \{[^}]*?)status done/, "$1status refactoring"));
    const out = path.join(dir, "out");
    const r = await runCli(["plan", file, "--profile", "twopct", "--set", "seed=7", "nside=32", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`\n  dflow run ${file} --profile twopct --set seed=7 nside=32 --only surveysim --out ${out} --allow-refactoring\n`);
    // The command runs as printed (its words without the program name), and then every stage is known.
    const words = [file, "--profile", "mini", "--set", "seed=7", "nside=32", "--only", "surveysim", "--out", out, "--allow-refactoring"];
    const run = await runCli(["run", ...words]);
    expect(run.code, run.stderr).toBe(0);
    const after = await runCli(["plan", file, "--set", "seed=7", "nside=32", "--out", out]);
    expect(after.stdout).not.toContain("surveysim runs");
    expect(after.stdout).toContain(`\n  dflow run ${file} --set seed=7 nside=32 --only tilepix --out ${out}\n`);
  });
});

describe("dflow plan --site", () => {
  const out = tmp();
  writeSources(out);

  it("says the jobs fit a site whose limits hold them, so far when stages are unknown", async () => {
    const f = site("name: roomy\ncores_per_node: 8\nmemory_per_node: 16GB\nMaxArraySize: 8\nMaxSubmitJobs: 100\nMaxJobCount: 100\nnode_hours: 10\n");
    const r = await runCli(["plan", FRONTIER, "--out", out, "--site", f]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stage\s+tasks\s+to run\s+jobs\s+fits\s+core-h\s+memory GB·h$/m);
    expect(r.stdout).toMatch(/^extract\s+36\s+36\s+12\s+yes\s/m);
    expect(r.stdout).toContain("site roomy: the jobs fit so far");
    // 12 extract + 12 calibrate elements split at 8, 4 nightly, 1 catalog, and the continuation job.
    expect(r.stdout).toContain("  largest array 8 ≤ MaxArraySize 8\n");
    expect(r.stdout).toContain("  queued jobs (array elements) 30 ≤ MaxSubmitJobs 100\n");
    expect(r.stdout).toContain("stages past the frontier are not counted");
    const p = JSON.parse((await runCli(["plan", FRONTIER, "--out", out, "--site", f, "--format", "json"])).stdout) as JsonPlan;
    expect(p.site).toMatchObject({ fits: true, queued: 30, problems: [] });
    expect(p.stages.find((s) => s.stage === "pixel")!.fits).toBeNull();
  });

  it("says the jobs do not fit, and which stage and limit, for a site too small for them", async () => {
    // Jobs of 3 one-minute tasks (`pack 3`) over a 72 s max_time, and 5 queued jobs at most.
    const f = site("name: small\ncores_per_node: 8\nmemory_per_node: 16GB\nMaxArraySize: 8\nMaxSubmitJobs: 5\nmax_time: 0.02\n");
    const r = await runCli(["plan", FRONTIER, "--out", out, "--site", f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^extract\s+36\s+36\s+12\s+no\s/m);
    expect(r.stdout).toMatch(/^nightly\s+4\s+4\s+4\s+yes\s/m);
    expect(r.stdout).toMatch(/^total \(lower bound\)\s+≥ 77\s+≥ 77\s+≥ 29\s+no\s/m);
    expect(r.stdout).toContain("site small: the jobs do NOT fit");
    expect(r.stdout).toContain("  queued jobs (array elements) 30 > MaxSubmitJobs 5\n");
    expect(r.stdout).toContain("  does not fit: The plan needs 30 queued jobs (array elements), over the site `small`'s MaxSubmitJobs of 5.\n");
    expect(r.stdout).toMatch(/ {2}does not fit: Stage `extract` needs jobs of .*max_time/);
    const p = JSON.parse((await runCli(["plan", FRONTIER, "--out", out, "--site", f, "--format", "json"])).stdout) as JsonPlan;
    expect(p.site).toMatchObject({ fits: false, queued: 30 });
    const extract = p.stages.find((s) => s.stage === "extract")!;
    expect(extract.fits).toBe(false);
    expect(extract.problem).toContain("max_time");
    expect(p.stages.find((s) => s.stage === "nightly")).toMatchObject({ fits: true });
    // `dflow emit slurm` refuses the same layout for the same reasons.
    const e = await runCli(["emit", "slurm", FRONTIER, "--out", out, "--site", f, "--emit-dir", tmp()]);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain("over the site `small`'s MaxSubmitJobs of 5");
  });

  it("refuses a site profile it cannot read, with no plan", async () => {
    const r = await runCli(["plan", FRONTIER, "--out", out, "--site", site("MaxSubmitJobs: -3\n")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("`MaxSubmitJobs` must be a positive number");
  });
});
