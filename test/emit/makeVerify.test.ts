import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findTool } from "../helpers/externalTools.js";
import { runBin } from "../helpers/cli.js";
import { treeContents } from "../helpers/tree.js";

/** work[n] makes item[n], after[n] doubles it into next[n], n = 0..9. */
const PIPE = "test/fixtures/run/chain.dflow";

/** A Makefile emitted for the chain pipeline and run once by make: its emit dir, its output root and the Makefile. */
function madeOnce(make: string, tag: string): { dir: string; out: string; mf: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `dflow-mkv-${tag}-`));
  const out = mkdtempSync(path.join(os.tmpdir(), `dflow-mkv-${tag}-out-`));
  const e = runBin(["emit", "make", PIPE, "--emit-dir", dir, "--out", out]);
  expect(e.code, e.stderr).toBe(0);
  const mf = path.join(dir, "Makefile");
  const r = spawnSync(make, ["-j2", "-f", mf], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return { dir, out, mf };
}

/** What a clean make writes (one per file: the products are the same for every Makefile of the pipeline). */
let clean: Map<string, string> | undefined;
function cleanTree(make: string): Map<string, string> {
  clean ??= treeContents(madeOnce(make, "clean").out);
  return clean;
}

describe("a Makefile emitted by dflow verifies the outputs before make compares times", () => {
  it("repairs a truncated product and an emptied leaf (the review's sequence): make exits 0 and ends byte-identical to a clean make", () => {
    const make = findTool("make", "make");
    const { dir, out, mf } = madeOnce(make, "review");
    const item3 = path.join(out, "item", "item-3.json");
    const next5 = path.join(out, "next", "next-5.json");
    // truncate -s 4 out/item/item-3.json; : > out/next/next-5.json
    expect(spawnSync("truncate", ["-s", "4", item3]).status).toBe(0);
    writeFileSync(next5, "");
    const verified = path.join(dir, "verified.mk");
    const before = readFileSync(verified, "utf8");
    // make -n verifies nothing and removes nothing: it shows what make would run by times alone.
    const dry = spawnSync(make, ["-n", "-j2", "-f", mf], { encoding: "utf8" });
    expect(dry.status).toBe(0);
    expect(dry.stderr).not.toContain("verified");
    expect(statSync(item3).size).toBe(4);
    expect(statSync(next5).size).toBe(0);
    expect(readFileSync(verified, "utf8")).toBe(before);
    // Before: exit 2 with `after[n=3] failed: CodecError`, on this and every later make.
    const r = spawnSync(make, ["-j2", "-f", mf], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("removed item/item-3.json (size changed), made by work[n=3]");
    expect(r.stderr).toContain("removed next/next-5.json (size changed), made by after[n=5]");
    expect(r.stderr).not.toContain("CodecError");
    // Exactly the two producers ran again (after[n=3] found its input the same bytes as before).
    expect(r.stderr.match(/^ran .*$/gm)?.sort()).toEqual(["ran after[n=5]", "ran work[n=3]"]);
    expect(readFileSync(verified, "utf8")).toContain("item/item-3.json (size), of work[n=3]");
    expect(r.stderr).toContain("up to date after[n=3]");
    expect(treeContents(out)).toEqual(cleanTree(make));
    // after[n=3], up to date, had its output dated after its input: make agrees that all is current.
    expect(spawnSync(make, ["-q", "-f", mf]).status).toBe(0);
    // The next make verifies again, finds nothing and runs nothing.
    const again = spawnSync(make, ["-j2", "-f", mf], { encoding: "utf8" });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain("verified 20 outputs of 20 tasks against their state (size and time)");
    expect(again.stderr).toContain("none changed");
    expect(again.stderr).not.toMatch(/^(ran|up to date) /m);
    expect(treeContents(out)).toEqual(cleanTree(make));
  }, 180_000);

  it("finds a product zeroed with its size and time kept only with DFLOW_VERIFY=1 (every output hashed), then repairs it", () => {
    const make = findTool("make", "make");
    const { dir, out, mf } = madeOnce(make, "zeroed");
    const item7 = path.join(out, "item", "item-7.json");
    const keep = path.join(dir, "time-of-item-7");
    copyFileSync(item7, keep);
    expect(spawnSync("touch", ["-r", item7, keep]).status).toBe(0);
    writeFileSync(item7, Buffer.alloc(statSync(item7).size));
    // The same size, and the time to the nanosecond: nothing but the bytes tells it.
    expect(spawnSync("touch", ["-r", keep, item7]).status).toBe(0);
    expect(statSync(item7, { bigint: true }).mtimeNs).toBe(statSync(keep, { bigint: true }).mtimeNs);
    const plain = spawnSync(make, ["-j2", "-f", mf], { encoding: "utf8" });
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).toContain("none changed");
    expect(readFileSync(item7)).toEqual(Buffer.alloc(statSync(item7).size));
    const hashed = spawnSync(make, ["-j2", "-f", mf, "DFLOW_VERIFY=1"], { encoding: "utf8" });
    expect(hashed.status, hashed.stderr).toBe(0);
    expect(hashed.stderr).toContain("against their state (hashes)");
    expect(hashed.stderr).toContain("removed item/item-7.json (content changed), made by work[n=7]");
    expect(treeContents(out)).toEqual(cleanTree(make));
  }, 180_000);

  it("dflow task names an input changed on disk and the task to run first, instead of failing in its codec", () => {
    const make = findTool("make", "make");
    const { dir, out } = madeOnce(make, "task");
    const plan = path.join(dir, "plan");
    writeFileSync(path.join(out, "item", "item-3.json"), '{"va');
    const r = runBin(["task", plan, "after[n=3]"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("input `item/item-3.json` changed on disk since `work[n=3]` wrote it (its size is not the one recorded)");
    expect(r.stderr).toContain(`\`dflow task ${plan} 'work[n=3]'\``);
    expect(r.stderr).not.toContain("CodecError");
    // Doing as told repairs it.
    const fixed = runBin(["task", plan, "work[n=3]", "after[n=3]"]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(treeContents(out)).toEqual(cleanTree(make));
    // The flag's usage: no ids with --verify-outputs, and --verify only with it.
    expect(runBin(["task", plan, "--verify-outputs", "--", "work:0"]).stderr).toContain("DF5001");
    expect(runBin(["task", plan, "work:0", "--verify"]).stderr).toContain("DF5001");
  }, 180_000);

  it("hands the shell recipes shellcheck finds nothing in, the verification pass's among them", () => {
    const make = findTool("make", "make");
    const shellcheck = findTool("shellcheck", "shellcheck");
    const { dir, mf, out } = madeOnce(make, "sc");
    // A shell that records each recipe make hands it, then runs it.
    const log = path.join(dir, "recipes.log");
    const shell = path.join(dir, "recording-sh");
    writeFileSync(shell, `#!/bin/sh\nprintf '%s\\n' "$2" >> '${log}'\nexec /bin/sh "$@"\n`);
    chmodSync(shell, 0o755);
    writeFileSync(path.join(out, "next", "next-2.json"), "");
    const r = spawnSync(make, ["-f", mf, `SHELL=${shell}`], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const recipes = readFileSync(log, "utf8").trimEnd().split("\n");
    expect(recipes.some((l) => l.includes(" --verify-outputs "))).toBe(true);
    expect(recipes.some((l) => l.endsWith(" task " + path.join(dir, "plan") + " after:2"))).toBe(true);
    for (const recipe of recipes) {
      const sc = spawnSync(shellcheck, ["-s", "sh", "-"], { input: `#!/bin/sh\n${recipe}\n`, encoding: "utf8" });
      expect(sc.status, `${recipe}\n${sc.stdout}`).toBe(0);
    }
  }, 180_000);
});
