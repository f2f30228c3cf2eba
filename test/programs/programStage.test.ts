/**
 * Stages that run a program: test/programs/smooth.py (Python with Debian's astropy) as the middle
 * stage of make (kernel) → smooth (program) → total (kernel), in process at -j 1 and -j 2 and
 * under Make, with byte-identical outputs; an argument with spaces, quotes and `$(…)` reaches
 * the program as one argv element and runs nothing; an output of the wrong type fails its task.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";
import { findPython, findTool, runPython } from "../helpers/externalTools.js";

const PIPE = path.resolve("test/programs/smooth.dflow");
const HERE = path.resolve("test/programs");
const tmp = (name: string): string => mkdtempSync(path.join(os.tmpdir(), `dflow-prog-${name}-`));
const python = (): string => findPython(["astropy", "numpy"], ["python3-astropy", "python3-numpy"]);
const FILES = ["spectrum/spectrum-0.fits", "smoothed/smoothed-0.fits", "smoothed/smoothed-1.fits", "smoothed/smoothed-2.fits", "totals.json"];

/** The bytes of every product of a run. */
const products = (out: string): Map<string, Buffer> => new Map(FILES.map((f) => [f, readFileSync(path.join(out, f))]));

/** A copy of the pipeline with `run` and `version` lines of our own, importing the fixture's kernels by absolute path. */
function variant(dir: string, run: string): string {
  const text = readFileSync(PIPE, "utf8")
    .replace('import "./kernels" as k', `import ${JSON.stringify(path.join(HERE, "kernels"))} as k`)
    .replace(/^ {2}run .*$/m, `  ${run}`)
    .replace(/^ {2}version .*$/m, "");
  const file = path.join(dir, "variant.dflow");
  writeFileSync(file, text);
  return file;
}

describe("a stage that runs a Python program", () => {
  it("runs in process at -j 1 and -j 2 and under Make with byte-identical outputs, smoothing as the program says", () => {
    const py = python();
    const runs = [1, 2].map((j) => {
      const out = tmp(`j${j}`);
      const r = runBin(["run", PIPE, "--out", out, "-j", String(j), "--set", `python=${py}`]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("smooth: 3 tasks run");
      expect(r.stderr).not.toContain("left");
      return out;
    });
    const a = products(runs[0]!);
    expect(products(runs[1]!)).toEqual(a);
    // Make runs every task through `dflow task`.
    findTool("make", "make");
    const emit = tmp("emit");
    const outMake = tmp("make");
    const e = runBin(["emit", "make", PIPE, "--emit-dir", emit, "--out", outMake, "--set", `python=${py}`]);
    expect(e.code, e.stderr).toBe(0);
    const m = spawnSync("make", ["-j", "2", "-f", path.join(emit, "Makefile")], { encoding: "utf8" });
    expect(m.status, m.stdout + m.stderr).toBe(0);
    expect(products(outMake)).toEqual(a);
    // The smoothing itself, recomputed from the input spectrum by astropy and numpy directly.
    const check = runPython(
      py,
      `import sys, numpy as np
from astropy.io import fits
f = fits.getdata(sys.argv[1], "FLUX").astype(np.float64)
g = fits.getdata(sys.argv[2], "FLUX")
ref = np.array([f[max(0, i - 1):i + 2].mean() for i in range(f.size)], dtype=np.float32)
print(int(np.array_equal(ref, g)), g.dtype.str, fits.getheader(sys.argv[2])["WIDTH"])`,
      [path.join(runs[0]!, FILES[0]!), path.join(runs[0]!, FILES[1]!)],
    );
    expect(check.trim()).toBe("1 >f4 3");
    // A rerun runs nothing; a new width reruns the program's tasks (a param is in the fingerprint).
    const again = runBin(["run", PIPE, "--out", runs[0]!, "--set", `python=${py}`]);
    expect(again.stderr).toContain("0 tasks run, 7 up to date");
    const wider = runBin(["run", PIPE, "--out", runs[0]!, "--set", `python=${py}`, "--set", "width=5"]);
    expect(wider.stderr, wider.stderr).toContain("smooth: 3 tasks run");
    // No temporary directory is left beside the products.
    expect(readdirSync(path.join(runs[0]!, "smoothed")).sort()).toEqual(["smoothed-0.fits", "smoothed-1.fits", "smoothed-2.fits"]);
  }, 240_000);

  it("gives an argument with spaces, quotes and $(…) to the program intact, and runs nothing from it", () => {
    const py = python();
    const dir = tmp("quote");
    const witness = path.join(dir, "PWNED");
    const note = `it's a "test" $(touch ${witness}) \`touch ${witness}\`; x`;
    const out = tmp("quote-out");
    const r = runBin(["run", PIPE, "--out", out, "--set", `python=${py}`, "--set", `note=${note}`, "--only", "smooth[n=0]"]);
    expect(r.code, r.stderr).toBe(0);
    const got = runPython(py, "import sys\nfrom astropy.io import fits\nsys.stdout.write(fits.getheader(sys.argv[1])['NOTE'])", [path.join(out, FILES[1]!)]);
    expect(got).toBe(note);
    expect(existsSync(witness)).toBe(false);
  }, 120_000);

  it("fails a task whose program writes an output of the wrong type, with a clear message, and commits nothing", () => {
    const py = python();
    const dir = tmp("broken");
    const file = variant(dir, `run {python} ${JSON.stringify(path.join(HERE, "smooth.py"))} "--infile" {spectrum} "--outfile" {smoothed} "--broken"`);
    const out = tmp("broken-out");
    const r = runBin(["run", file, "--out", out, "--set", `python=${py}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/3 tasks failed alike: output `smoothed` written by the program is not a valid `Smoothed`: .*FLUX/);
    expect(existsSync(path.join(out, "smoothed"))).toBe(true);
    expect(readdirSync(path.join(out, "smoothed"))).toEqual([]);
    expect(r.stderr).toContain("1 not run");
  }, 120_000);
});
