/**
 * The one rule for paths in emitted Makefiles and job scripts, tried over arbitrary text (every
 * code point but NUL, which no path holds): the quoting functions give back exactly their input
 * through bash and make, and `emit make` and `emit slurm` with arbitrary `--emit-dir` and
 * `--out` either refuse (DF5018, nothing written, exactly when `pathProblem` says so) or write
 * files that `make -n`, `bash -n` and shellcheck accept and that, when run (make; submit.sh
 * with a recording sbatch, then each job element), never execute text from the paths and make
 * the products of `dflow run` where `--out` says. Grid keys of arbitrary text are refused
 * (DF4006) or reach their product paths through make.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { makeRecipeValue, makeRecipeWord, makeRulePath, pathProblem, shQuote } from "../../src/emit/emittedPaths.js";
import { runBin } from "../helpers/cli.js";
import { findTool } from "../helpers/externalTools.js";
import { treeContents } from "../helpers/tree.js";

const PIPE = path.resolve("test/fixtures/run/run.dflow");
const SITE = path.resolve("sites/local.yaml");

/** Any code point but NUL and lone surrogates (which no file name in UTF-8 holds). */
const codePoint = fc
  .integer({ min: 1, max: 0x10ffff })
  .filter((c) => c < 0xd800 || c > 0xdfff)
  .map((c) => String.fromCodePoint(c));

/** Text shells and make read as syntax, injections among them, mixed with arbitrary code points. */
const fragment = fc.oneof(
  fc.constantFrom(
    " ",
    ";",
    "&",
    "|",
    "(",
    ")",
    "'",
    '"',
    "`",
    "$",
    "#",
    ":",
    "=",
    "%",
    "*",
    "?",
    "[",
    "]",
    "\\",
    "\n",
    "\t",
    "!",
    "<",
    ">",
    "{",
    "}",
    "~",
    "é",
    "\u{1F600}",
    "$(touch PWNED)",
    "`touch PWNED`",
    ";touch${IFS}PWNED;",
    "'; touch PWNED; '",
    '"; touch PWNED; "',
    "$$",
    "$(O)",
    "-",
  ),
  fc.string({ unit: codePoint, minLength: 1, maxLength: 3 }),
);

/** A file name: `d-` and fragments, no `/`, at most 40 code points. */
const fileName = fc.array(fragment, { minLength: 1, maxLength: 6 }).map((parts) => [...("d-" + parts.join("").replace(/\//g, "_"))].slice(0, 40).join(""));

/** Any text without NUL. */
const anyText = fc.string({ unit: codePoint, maxLength: 30 });

let make = "";
let shellcheck = "";
beforeAll(() => {
  make = findTool("make", "make");
  shellcheck = findTool("shellcheck", "shellcheck");
});

describe("the quoting functions", () => {
  it("give back any text through bash (shQuote) and through make's recipes and assignments", () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 40 }), (texts) => {
        const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-quote-"));
        const sh = path.join(dir, "t.sh");
        writeFileSync(sh, texts.map((t) => `printf '%s\\0' ${shQuote(t)}\n`).join(""));
        const r = spawnSync("bash", [sh], { cwd: dir, encoding: "utf8" });
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout.split("\0").slice(0, -1)).toEqual(texts);
        // Make: what the one rule lets into a Makefile, as a recipe word and as an assignment's value.
        const ok = texts.filter((t) => pathProblem(t) === undefined);
        const mf = path.join(dir, "Makefile");
        writeFileSync(
          mf,
          ok.map((t, i) => `V${i} := ${makeRecipeValue(t)}\n`).join("") +
            "all:\n" +
            ok.map((t, i) => `\t@printf '%s\\0' ${makeRecipeWord(t)} $(V${i})\n`).join(""),
        );
        const m = spawnSync(make, ["-s", "-f", mf], { cwd: dir, encoding: "utf8" });
        expect(m.status, m.stderr).toBe(0);
        expect(m.stdout.split("\0").slice(0, -1)).toEqual(ok.flatMap((t) => [t, t]));
        expect(existsSync(path.join(dir, "PWNED"))).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it("keep any allowed path one target or prerequisite in a rule line (makeRulePath)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fileName, { minLength: 1, maxLength: 20 }), (names) => {
        const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-rule-"));
        // As products and stamps in a Makefile, each path ends in a file extension (make drops a blank that ends a line, escaped or not).
        const ok = names.filter((t) => pathProblem(t) === undefined).map((t) => t + ".json");
        const targets = ok.map((t) => makeRulePath(path.join(dir, "t", t)));
        const mf = path.join(dir, "Makefile");
        writeFileSync(mf, `EQ := =\nSEMI := \\;\nall: ${targets.join(" ")}\n` + targets.map((t) => `${t}:\n\t@printf '%s\\0' "$$TARGET"\n`).join(""));
        // The recipe prints the target's name as make sees it, passed through the environment (no quoting involved).
        const m = spawnSync(make, ["-s", "-f", mf, "TARGET=$@", "--eval", "export TARGET"], { cwd: dir, encoding: "utf8" });
        expect(m.status, m.stderr).toBe(0);
        expect(m.stdout.split("\0").slice(0, -1)).toEqual(ok.map((t) => path.join(dir, "t", t)));
      }),
      { numRuns: 30 },
    );
  });
});

describe("emit make and emit slurm over arbitrary --emit-dir and --out", () => {
  let reference = new Map<string, string>();
  beforeAll(() => {
    const ref = mkdtempSync(path.join(os.tmpdir(), "dflow-paths-ref-"));
    expect(runBin(["run", PIPE, "--out", ref, "-j", "1"]).code).toBe(0);
    reference = treeContents(ref);
  });

  /** The products under `out`, without dflow's own state. */
  function products(out: string): Record<string, string> {
    return Object.fromEntries([...treeContents(out)].filter(([f]) => !f.startsWith(".dflow")));
  }
  const referenceProducts = (): Record<string, string> => Object.fromEntries([...reference].filter(([f]) => !f.startsWith(".dflow")));

  it("make: refused exactly as the rule says, else make -n accepts it and make makes the products under --out, running nothing from the paths", () => {
    fc.assert(
      fc.property(fileName, fileName, (e, o) => {
        const base = mkdtempSync(path.join(os.tmpdir(), "dflow-paths-make-"));
        const emitDir = path.join(base, e);
        const out = path.join(base, "out", o);
        const r = runBin(["emit", "make", PIPE, "--emit-dir", emitDir, "--out", out], base);
        if (pathProblem(emitDir) !== undefined || pathProblem(out) !== undefined) {
          expect(r.code, r.stderr).toBe(1);
          expect(r.stderr).toContain("error[DF5018]");
          expect(readdirSync(base)).toEqual([]);
          return;
        }
        expect(r.code, r.stderr).toBe(0);
        const mf = path.join(emitDir, "Makefile");
        const dry = spawnSync(make, ["-n", "-f", mf], { cwd: base, encoding: "utf8" });
        expect(dry.status, dry.stderr).toBe(0);
        const run = spawnSync(make, ["-j2", "-f", mf], { cwd: base, encoding: "utf8" });
        expect(run.status, run.stderr).toBe(0);
        expect(products(out)).toEqual(referenceProducts());
        expect(spawnSync(make, ["-q", "-f", mf], { cwd: base }).status).toBe(0);
        expect(readdirSync(base).sort()).toEqual([e, "out"].sort());
      }),
      { numRuns: 6 },
    );
  }, 300_000);

  it("slurm: refused exactly as the rule says, else scripts pass bash -n and shellcheck, and run with a recording sbatch to the products under --out", () => {
    fc.assert(
      fc.property(fileName, fileName, (e, o) => {
        const base = mkdtempSync(path.join(os.tmpdir(), "dflow-paths-slurm-"));
        const emitDir = path.join(base, e);
        const out = path.join(base, "out", o);
        const r = runBin(["emit", "slurm", PIPE, "--site", SITE, "--emit-dir", emitDir, "--out", out], base);
        if (pathProblem(emitDir) !== undefined || pathProblem(out) !== undefined) {
          expect(r.code, r.stderr).toBe(1);
          expect(r.stderr).toContain("error[DF5018]");
          expect(readdirSync(base)).toEqual([]);
          return;
        }
        expect(r.code, r.stderr).toBe(0);
        const scripts = [
          path.join(emitDir, "submit.sh"),
          ...readdirSync(path.join(emitDir, "jobs"))
            .filter((f) => f.endsWith(".sbatch"))
            .map((f) => path.join(emitDir, "jobs", f)),
        ];
        for (const f of scripts) {
          expect(spawnSync("bash", ["-n", f]).status, f).toBe(0);
          const s = spawnSync(shellcheck, [f], { encoding: "utf8" });
          expect(s.status, s.stdout).toBe(0);
        }
        // A recording sbatch (each call's arguments, NUL-separated, in its own file) and a silent scontrol.
        const fake = mkdtempSync(path.join(os.tmpdir(), "dflow-fake-slurm-"));
        mkdirSync(path.join(fake, "calls"));
        writeFileSync(
          path.join(fake, "sbatch"),
          `#!/bin/bash\nn=$(ls ${JSON.stringify(path.join(fake, "calls"))} | wc -l)\nprintf '%s\\0' "$@" > ${JSON.stringify(path.join(fake, "calls"))}/$((n + 1000))\necho $((n + 1000))\n`,
        );
        writeFileSync(path.join(fake, "scontrol"), "#!/bin/bash\nexit 0\n");
        chmodSync(path.join(fake, "sbatch"), 0o755);
        chmodSync(path.join(fake, "scontrol"), 0o755);
        const env = { ...process.env, PATH: `${fake}:${process.env["PATH"] ?? ""}` };
        const submit = spawnSync("bash", [path.join(emitDir, "submit.sh")], { cwd: base, env, encoding: "utf8" });
        expect(submit.status, submit.stderr).toBe(0);
        for (const call of readdirSync(path.join(fake, "calls")).sort()) {
          const args = readFileSync(path.join(fake, "calls", call), "utf8")
            .split("\0")
            .slice(0, -1);
          const script = args[args.length - 1]!;
          const name = path.basename(script, ".sbatch");
          expect(path.dirname(script)).toBe(path.join(emitDir, "jobs"));
          expect(args).toContain(`--output=${path.join(emitDir, "logs", name, "%a.log")}`);
          const elements = readFileSync(path.join(emitDir, "jobs", `${name}.tasks`), "utf8").split("\n").length - 1;
          for (let i = 0; i < elements; i++) {
            const job = spawnSync("bash", [script], { cwd: base, env: { ...env, SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_JOB_ID: call }, encoding: "utf8" });
            expect(job.status, job.stderr).toBe(0);
          }
        }
        expect(products(out)).toEqual(referenceProducts());
        expect(readdirSync(base).sort()).toEqual([e, "out"].sort());
      }),
      { numRuns: 6 },
    );
  }, 300_000);
});

describe("emit make over arbitrary grid keys", () => {
  const KEYS = path.resolve("test/fixtures/gridkeys/keylist.dflow");
  /** The rule for keys: numbers, or words of letters, digits, `_`, `.`, `+` and `-` not starting with `.` or `-`. */
  const SAFE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
  const key = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,8}$/),
    fc.array(fragment, { minLength: 1, maxLength: 3 }).map((p) => [...p.join("")].slice(0, 12).join("")),
  );

  it("refuses a key that is not path-safe (DF4006, nothing written), else make runs one task per key to its path, running nothing from a key", () => {
    fc.assert(
      fc.property(fc.uniqueArray(key, { minLength: 1, maxLength: 4 }), (keys) => {
        const base = mkdtempSync(path.join(os.tmpdir(), "dflow-keys-make-"));
        const out = path.join(base, "out");
        const emitDir = path.join(base, "m");
        const r = runBin(["emit", "make", KEYS, "--emit-dir", emitDir, "--out", out, "--set", `keys=${JSON.stringify(keys)}`], base);
        if (!keys.every((k) => SAFE_KEY.test(k))) {
          expect(r.code, r.stderr).toBe(1);
          expect(r.stderr).toContain("error[DF4006]");
          expect(existsSync(path.join(emitDir, "Makefile"))).toBe(false);
          return;
        }
        expect(r.code, r.stderr).toBe(0);
        const run = spawnSync(make, ["-j2", "-f", path.join(emitDir, "Makefile")], { cwd: base, encoding: "utf8" });
        expect(run.status, run.stderr).toBe(0);
        expect(readdirSync(path.join(out, "item")).sort()).toEqual(keys.map((k) => `item-${k}.json`).sort());
        for (const k of keys) expect(JSON.parse(readFileSync(path.join(out, "item", `item-${k}.json`), "utf8"))).toEqual({ value: k.length });
        expect(existsSync(path.join(base, "PWNED"))).toBe(false);
      }),
      { numRuns: 8 },
    );
  }, 300_000);
});
