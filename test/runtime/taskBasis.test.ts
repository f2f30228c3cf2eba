import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffBasis, recordClosure, type TaskBasis } from "../../src/runtime/taskBasis.js";

const base: TaskBasis = {
  versions: "0.1.0/1",
  kernel: "calib.sky",
  closure: "c1",
  params: { gain: 1, mode: "fast" },
  seed: "1",
  inputs: [
    ["frame/a.fits", "h1"],
    ["frame/b.fits", "h2"],
  ],
};

describe("naming what changed in a fingerprint", () => {
  it("names nothing when nothing recorded differs, or when the record predates the basis", () => {
    expect(diffBasis(base, base, { out: "/nowhere" })).toEqual([]);
    expect(diffBasis(undefined, base, { out: "/nowhere" })).toEqual([]);
  });

  it("names params with old and new values, the seed, dflow's version and a renamed kernel", () => {
    const now: TaskBasis = { ...base, versions: "0.2.0/1", kernel: "calib.sky2", params: { gain: 2, extra: true, mode: "fast" }, seed: "7" };
    expect(diffBasis(base, now, { out: "/nowhere" })).toEqual([
      "dflow 0.1.0/1→0.2.0/1",
      "kernel calib.sky→calib.sky2",
      "param extra (none)→true",
      "param gain 1→2",
      "param seed 1→7",
    ]);
  });

  it("names inputs changed, new and gone, by their producing task when known", () => {
    const now: TaskBasis = {
      ...base,
      inputs: [
        ["frame/a.fits", "h1x"],
        ["frame/c.fits", "h3"],
      ],
    };
    expect(diffBasis(base, now, { out: "/nowhere", producers: new Map([["frame/a.fits", "frame[exposure=1]"]]) })).toEqual([
      "input frame[exposure=1]",
      "new input frame/c.fits",
      "input gone frame/b.fits",
    ]);
  });

  it("names the kernel files that changed from the closure recorded, or the kernel when none was", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-basis-"));
    const a = path.join(out, "a.ts");
    const b = path.join(out, "b.ts");
    writeFileSync(a, "export const a = 1;\n");
    writeFileSync(b, "export const b = 1;\n");
    recordClosure(out, "c1", [a, b]);
    writeFileSync(b, "export const b = 2;\n");
    const now: TaskBasis = { ...base, closure: "c2" };
    expect(diffBasis(base, now, { out, closureFiles: [a, b], display: (f) => path.basename(f) })).toEqual(["kernel b.ts"]);
    expect(diffBasis({ ...base, closure: "c0" }, now, { out, closureFiles: [a, b] })).toEqual(["kernel calib.sky"]);
  });
});
