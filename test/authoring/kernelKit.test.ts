/**
 * A pipeline written outside the repository, as a user would: `dflow init`, the package installed
 * from its tarball (`npm pack`, then `npm install --prefer-offline`), its kernels importing
 * `dflow/kernel`; checked, run, tested with TypeScript against the installed types; one of two
 * kernels of one file edited (only its task reruns); a type error in a kernel body reported by
 * `dflow check` with a frame in the kernel's file; a throwing kernel named by its own file and line.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const REPO = path.resolve(import.meta.dirname, "../..");
const root = mkdtempSync(path.join(tmpdir(), "dflow-authoring-"));
const proj = path.join(root, "survey");
const env = { ...process.env, NO_COLOR: "1", DFLOW_CACHE_DIR: path.join(root, "cache"), npm_config_update_notifier: "false" };

function sh(cmd: string, args: readonly string[], cwd: string): { code: number; out: string } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout: 240_000 });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}
/** The installed package's CLI. */
const dflow = (...args: string[]): { code: number; out: string } => sh(process.execPath, [path.join(proj, "node_modules/dflow/dist/dflow.js"), ...args], proj);
const counts = (out: string): string => /run: (\d+) tasks? run, (\d+) up to date, (\d+) failed/.exec(out)?.slice(1).join("/") ?? out;
const kernels = path.join(proj, "kernels/index.ts");
const edit = (from: string, to: string): void => {
  const text = readFileSync(kernels, "utf8");
  expect(text).toContain(from);
  writeFileSync(kernels, text.replace(from, to));
};

beforeAll(() => {
  const init = sh(process.execPath, [path.join(REPO, "dist/dflow.js"), "init", proj], root);
  expect(init.code, init.out).toBe(0);
  const pack = sh("npm", ["pack", "--pack-destination", root, "--silent"], REPO);
  expect(pack.code, pack.out).toBe(0);
  const tarball = path.join(root, pack.out.trim().split("\n").pop()!);
  const install = sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], proj);
  expect(install.code, install.out).toBe(0);
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a pipeline of one's own, with the installed package", () => {
  test("the scaffold checks, runs, and its TypeScript compiles against the installed dflow/kernel; its test passes", () => {
    expect(dflow("check", "pipeline.dflow")).toMatchObject({ code: 0 });
    const tsc = sh(process.execPath, [path.join(proj, "node_modules/typescript/bin/tsc"), "-p", "."], proj);
    expect(tsc, "the kernels type-check with the package's declarations").toEqual({ code: 0, out: "" });
    const unit = sh(process.execPath, ["--test", "build/test/moments.test.js"], proj);
    expect(unit.code, unit.out).toBe(0);
    const run = dflow("run", "pipeline.dflow");
    expect(run.code, run.out).toBe(0);
    expect(counts(run.out)).toBe("5/0/0");
    const s = JSON.parse(readFileSync(path.join(proj, "out/survey/summary.json"), "utf8")) as { n: number; mean: number; variance: number };
    // 800 deviates of mean 10, variance 1: the mean within 5 standard errors, the variance within 25%.
    expect(s.n).toBe(800);
    expect(Math.abs(s.mean - 10)).toBeLessThan(5 / Math.sqrt(800));
    expect(Math.abs(s.variance - 1)).toBeLessThan(0.25);
  }, 120_000);

  test("editing one of the two kernels of kernels/index.ts reruns that kernel's task only", () => {
    edit("const all: number[] = [];", "const all: number[] = []; // every chunk's deviates");
    expect(counts(dflow("run", "pipeline.dflow").out)).toBe("1/4/0");
    expect(counts(dflow("run", "pipeline.dflow").out)).toBe("0/5/0");
  }, 120_000);

  test("a type error in a kernel body is reported by dflow check with a frame in the kernel's file", () => {
    edit("  const values: number[] = [];", "  const values: number[] = [];\n  const label: string = 0;");
    const line =
      readFileSync(kernels, "utf8")
        .split("\n")
        .findIndex((l) => l.includes("const label")) + 1;
    const r = dflow("check", "pipeline.dflow");
    expect(r.code).toBe(1);
    expect(r.out).toContain("error[DF3029]: Type 'number' is not assignable to type 'string'. (TS2322)");
    expect(r.out).toContain(`┌─ kernels/index.ts:${line}:9`);
    expect(r.out).toContain("const label: string = 0;");
    edit("  const label: string = 0;\n", "");
    expect(dflow("check", "pipeline.dflow").code).toBe(0);
  }, 120_000);

  test("a kernel that throws is named by its own file and line, not its transpiled copy's", () => {
    edit("  const values: number[] = [];", "  const values: number[] = [];\n  if (params.count > 0) throw new RangeError(`count ${params.count}`);");
    const line =
      readFileSync(kernels, "utf8")
        .split("\n")
        .findIndex((l) => l.includes("new RangeError")) + 1;
    const r = dflow("run", "pipeline.dflow");
    expect(r.code).toBe(1);
    expect(r.out).toContain(`RangeError: count 200 (at kernels/index.ts:${line}:31)`);
    expect(r.out).not.toContain(".cache");
  }, 120_000);
});
