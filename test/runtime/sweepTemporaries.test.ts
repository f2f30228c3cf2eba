import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryName, temporaryTarget, writerGone } from "../../src/util/writeFileAtomic.js";
import { statePath } from "../../src/runtime/state.js";
import { findTool } from "../helpers/externalTools.js";
import { runBin } from "../helpers/cli.js";

const PIPE = "test/fixtures/run/run.dflow";

/** The PID of a process that has ended (and been reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

describe("a run removes the temporary files a killed run left", () => {
  it("reads the writer's own temporary names", () => {
    const t = temporaryTarget(path.basename(temporaryName("/x/item-3.json")));
    expect(t).toEqual({ target: "item-3.json", pid: process.pid });
    expect(temporaryTarget("item-3.json.tmp-12-0-1-nothex!!")).toBeUndefined();
    expect(temporaryTarget("item-3.json")).toBeUndefined();
  });

  it("removes those of its planned outputs and its state whose writer is gone, and leaves a live writer's and others' files", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-sweep-"));
    expect(runBin(["run", PIPE, "--out", out]).code).toBe(0);
    const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      await new Promise((resolve) => live.once("spawn", resolve));
      const dead = deadPid();
      const shard = readdirSync(path.join(out, ".dflow", "state"))[0]!;
      const file = (rel: string, pid: number, ageSeconds = 0): string => {
        const p = path.join(out, `${rel}.tmp-${pid}-0-7-0123abcd`);
        writeFileSync(p, "partial");
        if (ageSeconds > 0) utimesSync(p, new Date(), new Date(Date.now() - ageSeconds * 1000));
        return p;
      };
      const gone = [
        file("item/item-1.json", dead),
        file("total.json", dead),
        file(`.dflow/state/${shard}/0000.json`, dead),
        file(".dflow/pipeline.json", dead),
        // A live process that started after the file was last written did not write it (a reused PID).
        file("twice/twice-0.json", live.pid!, 3600),
      ];
      const kept = [
        // A run in progress on the same root: its writer is alive.
        file("item/item-2.json", live.pid!),
        // Not a planned output.
        file("item/notes.txt", dead),
        path.join(out, "item", `item-3.json.tmp-${dead}-0-7-notahex`),
      ];
      writeFileSync(kept[2]!, "");
      const r = runBin(["run", PIPE, "--out", out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/removed 5 temporary files left by an interrupted run/);
      expect(gone.filter((f) => existsSync(f))).toEqual([]);
      expect(kept.filter((f) => !existsSync(f))).toEqual([]);
    } finally {
      live.kill();
    }
  });

  it("knows a writer is gone by its PID, its own PID and a reused PID", () => {
    expect(writerGone(deadPid(), Date.now())).toBe(true);
    expect(writerGone(process.pid, Date.now())).toBe(true);
    // The parent of this test process started before now: it may be writing.
    expect(writerGone(process.ppid, Date.now())).toBe(false);
    // ... but not a file last written before it started.
    expect(writerGone(process.ppid, 0)).toBe(process.platform === "linux");
  });
});

describe("a `dflow task` of a Makefile removes the temporary files its task's killed job left", () => {
  it("removes those of its outputs and its state record whose writer is gone, and leaves a live writer's and other tasks'", async () => {
    const make = findTool("make", "make");
    const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-sweeptask-"));
    const out = path.join(dir, "out");
    const emit = path.join(dir, "emit");
    expect(runBin(["emit", "make", PIPE, "--emit-dir", emit, "--out", out]).code).toBe(0);
    const mf = path.join(emit, "Makefile");
    expect(spawnSync(make, ["-f", mf], { encoding: "utf8" }).status).toBe(0);
    const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      await new Promise((resolve) => live.once("spawn", resolve));
      const dead = deadPid();
      const plant = (target: string, pid: number): string => {
        const p = `${target}.tmp-${pid}-0-1-deadbeef`;
        writeFileSync(p, "partial");
        return p;
      };
      const gone = [plant(path.join(out, "item/item-3.json"), dead), plant(statePath(out, "make[n=3]"), dead)];
      const kept = [
        plant(path.join(out, "item/item-3.json"), live.pid!),
        plant(path.join(out, "item/item-2.json"), dead),
        plant(statePath(out, "make[n=2]"), dead),
      ];
      // make[n=3] must run again: its output is gone (a killed job's).
      rmSync(path.join(out, "item/item-3.json"));
      const r = spawnSync(make, ["-f", mf], { encoding: "utf8" });
      expect(r.stderr).toContain("ran make[n=3]");
      expect(r.status).toBe(0);
      for (const f of gone) expect(existsSync(f), f).toBe(false);
      for (const f of kept) expect(existsSync(f), f).toBe(true);
    } finally {
      live.kill();
    }
  });
});
