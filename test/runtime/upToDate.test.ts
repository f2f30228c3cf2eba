import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { readState } from "../../src/runtime/state.js";
import { describeStaleReason, upToDate } from "../../src/runtime/upToDate.js";
import { runBin } from "../helpers/cli.js";

const PIPE = "test/fixtures/run/run.dflow";

/** Every file under `dir` outside the state folder, with its bytes. */
function products(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === ".dflow") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** `ran/up to date/failed/not run` of a run's summary line (the whole stderr when it has none). */
function counts(stderr: string): string {
  const m = /run: (\d+) tasks? run, (\d+) up to date, (\d+) failed, (\d+) not run/.exec(stderr);
  return m === null ? stderr : m.slice(1).join("/");
}

/** A fresh output root holding a complete run of the fixture pipeline, and its products. */
function ranRoot(prefix: string): { out: string; want: Map<string, Buffer> } {
  const out = mkdtempSync(path.join(os.tmpdir(), prefix));
  expect(counts(runBin(["run", PIPE, "--out", out]).stderr)).toBe("9/0/0/0");
  return { out, want: products(out) };
}

function expectIdentical(out: string, want: Map<string, Buffer>): void {
  const got = products(out);
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [f, b] of want) expect(got.get(f)!.equals(b), f).toBe(true);
}

/** Overwrites bytes of `file` in place, then gives it back its modification time to the nanosecond (`touch -r`, as a copy keeping times would). */
function corruptKeepingTime(file: string, at: number, bytes: Buffer): void {
  const ref = `${file}.time`;
  const before = statSync(file, { bigint: true }).mtimeNs;
  execFileSync("touch", ["-r", file, ref]);
  const b = readFileSync(file);
  bytes.copy(b, at);
  writeFileSync(file, b);
  execFileSync("touch", ["-r", ref, file]);
  rmSync(ref);
  expect(statSync(file, { bigint: true }).mtimeNs).toBe(before);
}

describe("up to date means verified", () => {
  it("reruns a truncated, a bit-flipped and a zeroed product, and ends byte-identical", () => {
    const { out, want } = ranRoot("dflow-verify-");
    truncateSync(path.join(out, "item/item-1.json"), 5);
    const flipped = path.join(out, "twice/twice-2.json");
    const b = readFileSync(flipped);
    b[b.length - 3] = b[b.length - 3]! ^ 0x01;
    writeFileSync(flipped, b);
    const zeroed = path.join(out, "total.json");
    writeFileSync(zeroed, Buffer.alloc(statSync(zeroed).size));
    const list = runBin(["plan", PIPE, "--out", out, "--list"]).stdout;
    expect(list).toMatch(/^make\[n=1\] {2}changed {2}output changed on disk: item\/item-1\.json \(size\)$/m);
    expect(list).toMatch(/^double\[n=2\] {2}changed {2}output changed on disk: twice\/twice-2\.json$/m);
    expect(list).toMatch(/^total {2}upstream {2}double\[n=[12]\] runs first$/m);
    // make[n=1], double[n=2] and total rerun; double[n=1] reads make[n=1]'s identical new bytes and stays.
    expect(counts(runBin(["run", PIPE, "--out", out]).stderr)).toBe("3/6/0/0");
    expectIdentical(out, want);
    expect(counts(runBin(["run", PIPE, "--out", out, "-j", "2"]).stderr)).toBe("0/9/0/0");
  });

  it("keeps a product whose time changed but whose bytes did not, recording its new time", () => {
    const { out } = ranRoot("dflow-touch-");
    const file = path.join(out, "item/item-3.json");
    utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    expect(counts(runBin(["run", PIPE, "--out", out]).stderr)).toBe("0/9/0/0");
    const rec = readState(out, "make[n=3]")!.outputs[0]!;
    expect(rec.mtimeNs).toBe(statSync(file, { bigint: true }).mtimeNs.toString());
  });

  it("finds with --verify a product changed in place with its size and time kept, at -j 1 and -j 2", () => {
    for (const jobs of ["1", "2"]) {
      const { out, want } = ranRoot("dflow-verify-flag-");
      corruptKeepingTime(path.join(out, "twice/twice-0.json"), 2, Buffer.from("!"));
      corruptKeepingTime(path.join(out, "item/item-2.json"), 2, Buffer.from("?"));
      expect(counts(runBin(["run", PIPE, "--out", out, "-j", jobs]).stderr)).toBe("0/9/0/0");
      expect(counts(runBin(["run", PIPE, "--out", out, "--verify", "-j", jobs]).stderr)).toBe("2/7/0/0");
      expectIdentical(out, want);
    }
  });

  it("reruns the producer of a changed input before its consumer; dflow task refuses the changed input, naming its producer", () => {
    const { out, want } = ranRoot("dflow-input-");
    const plan = mkdtempSync(path.join(os.tmpdir(), "dflow-input-plan-"));
    expect(runBin(["emit", "plan", PIPE, "--out", out, "--emit-dir", plan]).code).toBe(0);
    // Damaged in place, size kept: the consumer alone, run from the plan (as make and Slurm run it), finds its
    // input is not what its producer recorded and refuses to read it, naming the producer to run first.
    const item = path.join(out, "item/item-0.json");
    const good = readFileSync(item);
    writeFileSync(item, good.toString("utf8").replace('"value": 0.', '"value": 1.'));
    expect(readFileSync(item).equals(good)).toBe(false);
    expect(statSync(item).size).toBe(good.length);
    const consumer = runBin(["task", plan, "double[n=0]"]);
    expect(consumer.code, consumer.stderr).toBe(1);
    expect(consumer.stderr).toContain("input `item/item-0.json` changed on disk since `make[n=0]` wrote it");
    expect(consumer.stderr).toContain("'make[n=0]'");
    expect(readFileSync(path.join(out, "twice/twice-0.json")).equals(want.get("twice/twice-0.json")!)).toBe(true);
    // A run reruns the producer, which writes the bytes its consumer read and recorded: the
    // consumer and `total` stay.
    expect(counts(runBin(["run", PIPE, "--out", out]).stderr)).toBe("1/8/0/0");
    expectIdentical(out, want);
  });

  it("migrates a record without sizes and times: checked by hash once, then by size and time", () => {
    const { out, want } = ranRoot("dflow-migrate-");
    const stateRoot = path.join(out, ".dflow", "state");
    const records: string[] = [];
    for (const shard of readdirSync(stateRoot)) for (const f of readdirSync(path.join(stateRoot, shard))) records.push(path.join(stateRoot, shard, f));
    // The format of records before sizes and times were kept.
    for (const f of records) {
      const r = JSON.parse(readFileSync(f, "utf8")) as { outputs: { path: string; sha256: string }[] };
      r.outputs = r.outputs.map((o) => ({ path: o.path, sha256: o.sha256 }));
      writeFileSync(f, JSON.stringify(r) + "\n");
    }
    // One product damaged under an old record: its hash no longer matches.
    // Its task reruns and makes the bytes `total` read: `total` stays.
    truncateSync(path.join(out, "twice/twice-3.json"), 4);
    expect(counts(runBin(["run", PIPE, "--out", out]).stderr)).toBe("1/8/0/0");
    expectIdentical(out, want);
    for (const f of records) {
      const r = JSON.parse(readFileSync(f, "utf8")) as { outputs: { path: string; size?: number; mtimeNs?: string }[] };
      for (const o of r.outputs) {
        const st = statSync(path.join(out, o.path), { bigint: true });
        expect([o.size, o.mtimeNs], o.path).toEqual([Number(st.size), st.mtimeNs.toString()]);
      }
    }
    expect(counts(runBin(["run", PIPE, "--out", out]).stderr)).toBe("0/9/0/0");
  });

  it("reruns the producer of a table a grid reads when it changed on disk, before reading it (example pipeline)", () => {
    const args = ["pipelines/example.dflow", "--set", "nfiber=200", "step=2", "nexp=3"];
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-table-"));
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    const first = runBin(["run", ...args, "--out", out]);
    expect(first.code, first.stderr).toBe(0);
    const want = products(out);
    const table = path.join(out, "survey/exposures.ecsv");
    truncateSync(table, Math.floor(statSync(table).size / 2));
    // Read as not made yet: the grids it defines wait for its producer, which would run.
    const plan = runBin(["plan", ...args, "--out", out]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/grid `exposure` waits for product `exposures`/);
    const again = runBin(["run", ...args, "--out", out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/run: 1 task run, \d+ up to date, 0 failed/);
    expectIdentical(out, want);
  });

  it("says why a task is stale, one reason per rule", () => {
    const { out } = ranRoot("dflow-reasons-");
    const rec = readState(out, "make[n=0]")!;
    const check = (id: string, fp: string, outputs: string[], verify = false): string => {
      const r = upToDate(out, id, fp, outputs, { verify });
      return r.stale ? describeStaleReason(r.reason) : `up to date ${r.hashes.join(",")}`;
    };
    expect(check("make[n=0]", rec.fingerprint, ["item/item-0.json"])).toBe(`up to date ${rec.outputs[0]!.sha256}`);
    expect(check("make[n=9]", rec.fingerprint, ["item/item-0.json"])).toBe("never run");
    expect(check("make[n=0]", "0".repeat(64), ["item/item-0.json"])).toBe("kernel, params or inputs changed");
    expect(check("make[n=0]", rec.fingerprint, ["item/item-1.json"])).toBe("output changed on disk: item/item-1.json (not recorded)");
    writeFileSync(path.join(out, "item/item-0.json"), "{}");
    expect(check("make[n=0]", rec.fingerprint, ["item/item-0.json"])).toBe("output changed on disk: item/item-0.json (size)");
    corruptKeepingTime(path.join(out, "item/item-1.json"), 0, Buffer.from("["));
    const one = readState(out, "make[n=1]")!;
    expect(check("make[n=1]", one.fingerprint, ["item/item-1.json"])).toMatch(/^up to date/);
    expect(check("make[n=1]", one.fingerprint, ["item/item-1.json"], true)).toBe("output changed on disk: item/item-1.json");
    expect(check("make[n=2]", readState(out, "make[n=2]")!.fingerprint, ["item/item-2.json", "item/missing.json"])).toBe("missing output item/missing.json");
  });
});
