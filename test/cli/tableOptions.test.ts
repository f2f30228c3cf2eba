/**
 * `dflow table` beyond its default sheet: `--status` (the note, the word, or both), the optional
 * columns (grids, memory, core-hours), and the legend of NJobs' `?` and `≤ N` that names the
 * stage whose run makes the counts exact.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const SEED = ["test/fixtures/seed/seed.dflow", "--out", "test/fixtures/seed/out"];
const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), "dflow-table-opts-"));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The cells of the row whose Script is `script`. */
function row(table: string, script: string): string[] {
  const line = table.split("\n").find((l) => l.startsWith(`| ${script} `))!;
  return line
    .slice(1, -1)
    .split(" | ")
    .map((c) => c.trim());
}

describe("dflow table --status", () => {
  it("shows the note when a status has one, else the word, by default and with --status note", async () => {
    for (const args of [[], ["--status", "note"]]) {
      const r = await runCli(["table", ...SEED, ...args]);
      expect(r.code).toBe(0);
      expect(row(r.stdout, "quickgen").at(-1)).toBe("streamlining as fastframe");
      expect(row(r.stdout, "newexp-desi").at(-1)).toBe("refactoring");
    }
  });

  it("shows the word and the note with --status full, and the word alone with --status word", async () => {
    const full = await runCli(["table", ...SEED, "--status", "full"]);
    expect(full.code).toBe(0);
    expect(row(full.stdout, "quickgen").at(-1)).toBe("refactoring (streamlining as fastframe)");
    expect(row(full.stdout, "pipeline-bricks").at(-1)).toBe("refactoring (refactoring for scaling)");
    expect(row(full.stdout, "surveysim").at(-1)).toBe("done");
    const word = await runCli(["table", ...SEED, "--status", "word"]);
    expect(row(word.stdout, "quickgen").at(-1)).toBe("refactoring");
    // Only the Status column changes.
    const strip = (t: string): string[] => t.split("\n").map((l) => l.split(" | ").slice(0, 5).join(" | "));
    expect(strip(full.stdout.replace(/-+\|$/gm, ""))).toEqual(strip(word.stdout.replace(/-+\|$/gm, "")));
  });

  it("refuses a status mode it does not know, as a usage error", async () => {
    const r = await runCli(["table", ...SEED, "--status", "both"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Allowed choices are note, word, full");
  });
});

describe("dflow table --columns", () => {
  it("adds Grids, Memory and Core-h, comma-separated or repeated, with core-hours of all the stage's tasks", async () => {
    const r = await runCli(["table", ...SEED, "--columns", "grids,memory", "--columns", "core-hours"]);
    expect(r.code, r.stderr).toBe(0);
    const head = row(r.stdout, "Script");
    expect(head).toEqual(["Script", "Inputs", "Outputs", "Grids", "NJobs", "Time", "Memory", "Core-h", "Status"]);
    // 15 tasks of 10 min on 1 core; 7 of 30 min; pipeline-sky declares no time: an hour a task.
    expect(row(r.stdout, "pipeline-calibrate")).toEqual([
      "pipeline-calibrate",
      "frame, fiberflat, sky, calib",
      "cframe",
      "exposure × camera",
      "15",
      "10min",
      "",
      "2.50",
      "ready",
    ]);
    expect(row(r.stdout, "quickgen").slice(3, 8)).toEqual(["exposure", "7", "30min", "", "3.50"]);
    expect(row(r.stdout, "pipeline-sky").slice(3, 8)).toEqual(["exposure × camera", "15", "", "", "15.00"]);
    expect(row(r.stdout, "surveysim")[3]).toBe("");
    expect(r.stdout).toContain(
      "\nCore-h: tasks × time × CPUs; pipeline-fiberflat, pipeline-sky, pipeline-stdstars, pipeline-fluxcal, pipeline-bricks declare no `time` and count 1 h a task.\n",
    );
    // Right-aligned numbers, as NJobs.
    expect(
      r.stdout
        .split("\n")[1]!
        .split("|")
        .filter((c) => c.endsWith(":")).length,
    ).toBe(2);
  });

  it("shows a stage's memory as written", async () => {
    const out = tmp();
    const r = await runCli(["table", "pipelines/twopct.dflow", "--out", out, "--columns", "memory"]);
    expect(r.code).toBe(0);
    expect(row(r.stdout, "newexp-desi")).toContain("8GB");
  });

  it("refuses a column it does not know, with the ones it has", async () => {
    const r = await runCli(["table", ...SEED, "--columns", "grids,grid"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("`grid` is no column; the optional ones are grids, memory, core-hours (did you mean `grids`?).");
  });

  it("leaves the default sheet as the seed's golden one", async () => {
    const r = await runCli(["table", ...SEED]);
    expect(r.stdout).toBe(readFileSync("test/fixtures/seed/expected-table.md", "utf8"));
  });
});

describe("dflow table's legend", () => {
  it("says what `?` and `≤ N` mean and which stage's run makes them exact; no legend once it has run", async () => {
    const dir = tmp();
    const file = path.join(dir, "p.dflow");
    writeFileSync(
      file,
      readFileSync("pipelines/twopct.dflow", "utf8").replace(/^grid tile = tiles\.TILEID key$/m, "grid tile = tiles.TILEID key within 1..400"),
    );
    const out = path.join(dir, "out");
    const r = await runCli(["table", file, "--out", out, "--columns", "core-hours"]);
    expect(r.code, r.stderr).toBe(0);
    // 400 tiles at most, 10 min each.
    expect(row(r.stdout, "fiberassign").slice(3, 6)).toEqual(["≤ 400", "10min", "≤ 66.67"]);
    expect(row(r.stdout, "newexp-desi").slice(3, 6)).toEqual(["?", "7min", "?"]);
    expect(r.stdout).toContain(
      `\n\nNJobs \`?\`: the stage's grids come from data not made yet, so its task count is unknown until surveysim runs; \`dflow run ${file} --only surveysim --out ${out}\` runs it.\n`,
    );
    expect(r.stdout).toContain("NJobs `≤ N`: at most N tasks, from the grids' envelopes; the exact count is unknown until surveysim runs.\n");
    const sim = await runCli(["run", file, "--only", "surveysim", "--out", out]);
    expect(sim.code, sim.stderr).toBe(0);
    const after = await runCli(["table", file, "--out", out]);
    expect(after.code).toBe(0);
    // Known everywhere but the regrouping (pipeline-bricks), the coadd (pipeline-coadd) and the redshifts (pipeline-redshift), whose pixels come from the tilepix stage's pixel map.
    const perPixel = ["| pipeline-bricks", "| pipeline-coadd", "| pipeline-redshift"];
    const rows = after.stdout.split("\n").filter((l) => l.startsWith("| ") && !perPixel.some((p) => l.startsWith(p)));
    expect(rows.join("\n")).not.toMatch(/[?≤]/);
    expect(row(after.stdout, "pipeline-bricks")[3]).toBe("?");
    expect(row(after.stdout, "pipeline-coadd")[3]).toBe("?");
    expect(row(after.stdout, "pipeline-redshift")[3]).toBe("?");
    expect(after.stdout).not.toContain("NJobs `≤ N`");
    expect(row(after.stdout, "fiberassign")[3]).toBe("2");
  });
});
