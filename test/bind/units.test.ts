/**
 * A kernel param's value in the kernel's `@unit`, whatever expression gives it: a quantity
 * keeps its unit through unary minus, parentheses, scaling by a plain number, a pipeline param,
 * a profile and `--set`, and is converted once (at bind for constants, once per plan else). A
 * unit that cannot convert is DF3040, never a number with its unit dropped.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bindProgram } from "../../src/bind/index.js";
import type { BoundPipeline } from "../../src/bound/index.js";
import { checkProgram } from "../../src/check/index.js";
import { SourceMap, renderDiagnostics } from "../../src/diag/index.js";
import type { KernelIndex } from "../../src/kernels/index.js";
import { planProgram } from "../../src/plan/index.js";
import { readTaskRecord, writePlanFile } from "../../src/runtime/index.js";
import { parseDflow } from "../../src/syntax/index.js";
import { FIXTURE_IMPORTS, fixtureIndex } from "../helpers/fixtureIndex.js";

let index: KernelIndex;
beforeAll(async () => {
  index = await fixtureIndex();
});

/** A pipeline around `fx.scale` (its `offset` is in electron/Angstrom) with `lines` before the stage and `offset = given`. */
function pipelineText(given: string, lines = ""): string {
  return (
    "pipeline p\n" +
    FIXTURE_IMPORTS +
    lines +
    `grid e = {1, 2}
product img[e] : Image2 at "img/{e}.fits"
product res[e] : Image2
stage scale[x: e] {
  in image: img[x]
  out scaled: res[x]
  kernel fx.scale
  param passes = 1
  param offset = ${given}
}
`
  );
}

/** Parses, checks and binds; returns the check's and the bind's problems as short text. */
function bind(text: string): { pipeline: BoundPipeline; check: string; bind: string; codes: string[] } {
  const sources = new SourceMap();
  const file = sources.add(path.resolve("test/fixtures/check/units.dflow"), text);
  const parsed = parseDflow(file);
  expect(parsed.diagnostics).toEqual([]);
  const checked = checkProgram(parsed.value.ast, index, sources);
  const bound = bindProgram(checked.value);
  const short = (ds: Parameters<typeof renderDiagnostics>[0]): string => renderDiagnostics(ds, "short", { sources, cwd: path.resolve("test/fixtures/check") });
  return {
    pipeline: bound.value,
    check: short(checked.diagnostics),
    bind: short(bound.diagnostics),
    codes: [...checked.diagnostics, ...bound.diagnostics].map((d) => d.code),
  };
}

function boundOffset(p: BoundPipeline): unknown {
  const o = p.stages[0]!.params.find((x) => x.name === "offset")!;
  return "value" in o ? o.value : "expression";
}

function plannedOffset(p: BoundPipeline, opts: { profile?: string; set?: string[] } = {}): { offset: unknown; short: string } {
  const r = planProgram(p, { out: mkdtempSync(path.join(os.tmpdir(), "dflow-units-")), ...opts });
  return { offset: r.value?.graph.stages[0]!.params!["offset"], short: r.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n") };
}

describe("kernel params in the kernel's unit", () => {
  it.each([
    ["15 electron/nm", 1.5],
    ["-15 electron/nm", -1.5],
    ["(15 electron/nm)", 1.5],
    ["-(15 electron/nm)", -1.5],
    ["2 * 15 electron/nm", 3],
    ["15 electron/nm * 2", 3],
    ["15 electron/nm / 2", 0.75],
    ["1 electron/nm + 5 electron/Angstrom", 5.1],
    ["4", 4],
  ])("binds `offset = %s` to %d electron/Angstrom, once", (given, want) => {
    const b = bind(pipelineText(given));
    expect(b.check + b.bind).toBe("");
    expect(boundOffset(b.pipeline)).toBeCloseTo(want, 12);
  });

  it.each([["2 * 15 s"], ["-15 s"], ["(15 s)"], ["15 electron/nm * 2 electron/nm"], ["15 electron/nm + 2"]])("reports `offset = %s` as DF3040", (given) => {
    const b = bind(pipelineText(given));
    expect(b.codes).toContain("DF3040");
    expect(b.bind + b.check).toMatch(/DF3040/);
    // Never the number with its unit dropped.
    expect(b.bind).toContain("Parameter `offset` of `fx.scale`");
  });

  it("reports a quantity given to a param that declares no unit (DF3040), through an expression too", () => {
    const b = bind(pipelineText("1").replace("param passes = 1", "param passes = -(2 s)"));
    expect(b.codes).toContain("DF3040");
    expect(b.bind).toContain("Parameter `passes` of `fx.scale` is given `-(2 s)`, which cannot be converted to the kernel's unit: it declares no unit");
  });

  it("converts a pipeline param's quantity once per plan: its default, a profile's value, --set", () => {
    const b = bind(pipelineText("o", "param o = 15 electron/nm\nprofile wide { o = 3 electron/Angstrom * 2 }\n"));
    expect(b.check + b.bind).toBe("");
    expect(boundOffset(b.pipeline)).toBe("expression");
    const dflt = plannedOffset(b.pipeline);
    expect(dflt.short).toBe("");
    expect(dflt.offset).toBeCloseTo(1.5, 12);
    expect(plannedOffset(b.pipeline, { profile: "wide" }).offset).toBeCloseTo(6, 12);
    expect(plannedOffset(b.pipeline, { set: ["o=25 electron/nm"] }).offset).toBeCloseTo(2.5, 12);
    const negated = bind(pipelineText("-o * 2", "param o = 15 electron/nm\n"));
    expect(plannedOffset(negated.pipeline).offset).toBeCloseTo(-3, 12);
  });

  it("reports a param whose unit does not convert at plan time (DF3040), from the default or from --set", () => {
    const b = bind(pipelineText("o", "param o = 15 electron/nm\n"));
    const bad = plannedOffset(b.pipeline, { set: ["o=15 s"] });
    expect(bad.short).toMatch(
      /^DF3040 Parameter `offset` of `fx.scale` is given `15 s`, which cannot be converted to the kernel's unit: `s` \(a duration\) cannot be converted to `electron Angstrom-1`/,
    );
    const wrong = bind(pipelineText("o", "param o = 15 s\n"));
    expect(plannedOffset(wrong.pipeline).short).toMatch(/^DF3040 Parameter `offset`/);
  });

  it("checks a grid kernel's params once per plan, before the kernel runs: a quantity where it declares no unit is DF3040", () => {
    const grid = 'product cat : Catalog at "cat.fits"\ngrid pix = kernel fx.pixels(cat, nside = ns)\n';
    const ok = bind(pipelineText("1", "param ns = 4\n" + grid));
    expect(ok.check + ok.bind).toBe("");
    expect(plannedOffset(ok.pipeline).short).toBe("");
    const b = bind(pipelineText("1", "param ns = 4 s\n" + grid));
    expect(b.check + b.bind).toBe("");
    const r = planProgram(b.pipeline, { out: mkdtempSync(path.join(os.tmpdir(), "dflow-units-")) });
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "Parameter `nside` of `fx.pixels` is given `4 s`, which cannot be converted to the kernel's unit: it declares no unit",
    ]);
  });

  it("writes the converted value into the emitted plan file's task records", () => {
    for (const [given, lines, want] of [
      ["-15 electron/nm", "", -1.5],
      ["o", "param o = 15 electron/nm\n", 1.5],
    ] as const) {
      const b = bind(pipelineText(given, lines));
      expect(b.check + b.bind).toBe("");
      const plan = planProgram(b.pipeline, { out: mkdtempSync(path.join(os.tmpdir(), "dflow-units-out-")) });
      expect(plan.diagnostics).toEqual([]);
      const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-units-plan-"));
      writePlanFile(b.pipeline, plan.value!, dir);
      const rec = readTaskRecord(dir, "scale[e=2]")!;
      expect(rec.params["offset"] as number).toBeCloseTo(want, 12);
    }
  });
});
