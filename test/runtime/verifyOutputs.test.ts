import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileStamp, readState, statePath, writeState } from "../../src/runtime/state.js";
import { verifyOutputs } from "../../src/runtime/verifyOutputs.js";

/** Writes `text` at `rel` under `root` and a state record of task `id` saying so (size, time and a hash computed here). */
function recorded(root: string, id: string, rel: string, text: string): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const sha256 = createHash("sha256").update(text).digest("hex");
  writeState(root, { id, fingerprint: "f-" + id, outputs: [{ path: rel, sha256, ...fileStamp(file)! }] });
  return file;
}

describe("verifyOutputs (the pass an emitted Makefile runs first)", () => {
  it("removes what changed size or content, keeps and re-records what was only touched, and leaves missing files to make", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "dflow-verify-"));
    const same = recorded(root, "a[n=0]", "a/a-0.json", '{"value":1}\n');
    const cut = recorded(root, "a[n=1]", "a/a-1.json", '{"value":2}\n');
    const touched = recorded(root, "a[n=2]", "a/a-2.json", '{"value":3}\n');
    const edited = recorded(root, "a[n=3]", "a/a-3.json", '{"value":4}\n');
    const emptied = recorded(root, "a[n=4]", "a/a-4.json", '{"value":5}\n');
    const missing = recorded(root, "a[n=5]", "a/a-5.json", '{"value":6}\n');
    truncateSync(cut, 4);
    utimesSync(touched, new Date(), new Date(Date.now() + 5000));
    // Same size, another time: settled by the hash, which differs.
    writeFileSync(edited, '{"value":9}\n');
    utimesSync(edited, new Date(), new Date(Date.now() + 5000));
    // Emptied, as `: > FILE` does.
    writeFileSync(emptied, "");
    // A missing output is make's to remake: nothing to do.
    rmSync(missing);
    const dry = verifyOutputs(root, { dryRun: true });
    expect(dry.changed.map((c) => c.path).sort()).toEqual(["a/a-1.json", "a/a-3.json", "a/a-4.json"]);
    expect(dry.refreshed).toBe(0);
    expect([cut, edited, emptied].every((f) => existsSync(f))).toBe(true);
    const r = verifyOutputs(root);
    expect(r.records).toBe(6);
    expect(r.outputs).toBe(5);
    expect(new Map(r.changed.map((c) => [c.path, [c.task, c.how]]))).toEqual(
      new Map([
        ["a/a-1.json", ["a[n=1]", "size"]],
        ["a/a-3.json", ["a[n=3]", "content"]],
        ["a/a-4.json", ["a[n=4]", "size"]],
      ]),
    );
    expect([existsSync(same), existsSync(cut), existsSync(touched), existsSync(edited), existsSync(emptied)]).toEqual([true, false, true, false, false]);
    // The touched file's record now holds its new time: the next pass does not hash it.
    expect(r.refreshed).toBe(1);
    expect(readState(root, "a[n=2]")!.outputs[0]!.mtimeNs).toBe(fileStamp(touched)!.mtimeNs);
    const next = verifyOutputs(root);
    expect([next.outputs, next.changed.length, next.refreshed]).toEqual([2, 0, 0]);
  });

  it("finds a change that kept size and time only when asked to hash (verify)", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "dflow-verify-hash-"));
    const file = recorded(root, "b", "b.json", '{"value":12345}\n');
    const { mtime, atime, size } = statSync(file);
    const stampBefore = fileStamp(file)!;
    writeFileSync(file, Buffer.alloc(size));
    utimesSync(file, atime, mtime);
    // utimes takes milliseconds: put the recorded time back as the file now has it, as a copy with `touch -r` would keep it.
    const rec = readState(root, "b")!;
    writeState(root, { ...rec, outputs: [{ ...rec.outputs[0]!, mtimeNs: fileStamp(file)!.mtimeNs }] });
    expect(fileStamp(file)!.size).toBe(stampBefore.size);
    expect(verifyOutputs(root).changed).toEqual([]);
    expect(existsSync(file)).toBe(true);
    expect(verifyOutputs(root, { verify: true }).changed).toEqual([{ task: "b", path: "b.json", how: "content" }]);
    expect(existsSync(file)).toBe(false);
  });

  it("never removes a file a record places outside the root or in its state folder, and skips a torn record", () => {
    const base = mkdtempSync(path.join(os.tmpdir(), "dflow-verify-escape-"));
    const root = path.join(base, "root");
    mkdirSync(root);
    const outside = path.join(base, "precious.txt");
    writeFileSync(outside, "keep me");
    const owner = path.join(root, ".dflow", "pipeline.json");
    mkdirSync(path.dirname(owner), { recursive: true });
    writeFileSync(owner, '{"pipeline":"x"}');
    for (const [id, rel] of [
      ["up", "../precious.txt"],
      ["abs", outside],
      ["state", ".dflow/pipeline.json"],
      ["dots", "a/../../precious.txt"],
    ] as const)
      writeState(root, { id, fingerprint: "f", outputs: [{ path: rel, sha256: "0".repeat(64), size: 1, mtimeNs: "1" }] });
    const torn = statePath(root, "torn");
    mkdirSync(path.dirname(torn), { recursive: true });
    writeFileSync(torn, '{"id":"torn","fingerpr');
    const r = verifyOutputs(root, { verify: true });
    expect(r.changed).toEqual([]);
    expect(r.unreadable).toBe(1);
    expect(readFileSync(outside, "utf8")).toBe("keep me");
    expect(existsSync(owner)).toBe(true);
  });
});
