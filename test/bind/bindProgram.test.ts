import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bindProgram } from "../../src/bind/index.js";
import { checkProgram } from "../../src/check/index.js";
import { SourceMap, renderDiagnostics } from "../../src/diag/index.js";
import type { KernelIndex } from "../../src/kernels/index.js";
import { planProgram } from "../../src/plan/index.js";
import { RecordBuilder } from "../../src/runtime/index.js";
import { parseDflow } from "../../src/syntax/index.js";
import { FIXTURE_IMPORTS, fixtureIndex } from "../helpers/fixtureIndex.js";
import { dedent } from "../helpers/syntax.js";

let index: KernelIndex;
beforeAll(async () => {
  index = await fixtureIndex();
});

const TEXT =
  "pipeline p\n" +
  FIXTURE_IMPORTS +
  dedent`
  param n: int = 3
  profile big { n = 7 }
  grid e = {1, 2, 3}
  product img[e] : Image2 at "img/{e}.fits"
  product res[e] : Image2
  stage scale[x: e] {
    label "scale-it"
    in image: img[x]
    out scaled: res[x]
    kernel fx.scale
    param passes = n * 2
    param offset = 15 electron/nm
    time 2min
    status ready "for now"
  }
`;

/** Parses, checks (asserting no problem) and binds `text` against `idx`. */
function bind(text: string, idx: KernelIndex): { bound: ReturnType<typeof bindProgram>; sources: SourceMap; text: string } {
  const sources = new SourceMap();
  const file = sources.add(path.resolve("test/fixtures/check/test.dflow"), text);
  const parsed = parseDflow(file);
  expect(parsed.diagnostics).toEqual([]);
  const checked = checkProgram(parsed.value.ast, idx, sources);
  expect(renderDiagnostics(checked.diagnostics, "short", { sources, cwd: "/" })).toBe("");
  return { bound: bindProgram(checked.value), sources, text };
}

describe("bindProgram", () => {
  it("binds a stage's kernel, ports, resources, status and label, with spans into the source", () => {
    const { bound } = bind(TEXT, index);
    expect(bound.diagnostics).toEqual([]);
    const p = bound.value;
    expect(p.name).toBe("p");
    const s = p.stages[0]!;
    expect(s.kernel).toMatchObject({ name: "fx.scale", module: "fx", exportName: "scale", defaults: { factor: 1.5, offset: 0 } });
    expect(s.kernel!.entry).toBe(path.resolve("test/fixtures/kernels/fx/index.ts"));
    expect(s.kernel!.closure).toMatch(/^[0-9a-f]{64}$/);
    expect(s.inputs.map((i) => [i.port, i.ref.product, i.form, i.typeName])).toEqual([["image", "img", "single", "Image2"]]);
    expect(s.outputs.map((o) => [o.port, o.ref.product, o.typeName])).toEqual([["scaled", "res", "Image2"]]);
    expect(s.resources.get("time")?.text).toBe("2min");
    expect(s.status).toMatchObject({ word: "ready", note: "for now" });
    expect(s.label).toBe("scale-it");
    expect(TEXT.slice(s.nameSpan.start, s.nameSpan.end)).toBe("scale");
    // The product without a path gets the default one, once, from its type's format.
    expect(p.products.get("res")).toMatchObject({ typeName: "Image2", format: "fits", explicitPath: false });
    expect(
      p.products
        .get("res")!
        .template.map((t) => (t.kind === "text" ? t.text : `{${t.path.join(".")}}`))
        .join(""),
    ).toBe("res/res-{e}.fits");
  });

  it("converts a constant quantity to the kernel param's unit once, and keeps a param that names pipeline params as an expression", () => {
    const s = bind(TEXT, index).bound.value.stages[0]!;
    const offset = s.params.find((x) => x.name === "offset")!;
    // 15 electron/nm = 1.5 electron/Angstrom, the kernel's @unit.
    expect("value" in offset && offset.value).toBeCloseTo(1.5, 12);
    const passes = s.params.find((x) => x.name === "passes")!;
    expect("expr" in passes && passes.expr.kind).toBe("binary");
  });

  it("evaluates a stage's params once per plan (the profile's value), shared by every task's record", () => {
    const pipeline = bind(TEXT, index).bound.value;
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-bind-"));
    const r = planProgram(pipeline, { out, profile: "big" });
    expect(r.diagnostics).toEqual([]);
    const g = r.value!.graph;
    const st = g.stages[0]!;
    expect(Object.keys(st.params!)).toEqual(["factor", "offset", "passes"]);
    expect(st.params).toMatchObject({ factor: 1.5, passes: 14 });
    expect(st.params!["offset"]).toBeCloseTo(1.5, 12);
    const builder = new RecordBuilder(pipeline);
    const records = [0, 1, 2].map((t) => builder.record(g, t)!);
    expect(records.map((x) => x.id)).toEqual(["scale[e=1]", "scale[e=2]", "scale[e=3]"]);
    for (const rec of records) expect(rec.params).toBe(st.params);
    expect(records[0]).toMatchObject({
      kernel: "fx.scale",
      exportName: "scale",
      closure: pipeline.stages[0]!.kernel!.closure,
      inputs: [{ port: "image", form: "single", items: [{ path: "img/1.fits", type: "Image2" }] }],
      outputs: [{ port: "scaled", path: "res/res-1.fits", type: "Image2" }],
    });
    const dflt = planProgram(pipeline, { out });
    expect(dflt.value!.graph.stages[0]!.params).toMatchObject({ passes: 6 });
  });

  it("reports a quantity that cannot be converted to the kernel's unit (DF3040) instead of passing the raw number", () => {
    // A kernel whose @unit dflow cannot read: the checker has nothing to compare, binding must not guess.
    const broken: KernelIndex = {
      ...index,
      kernels: index.kernels.map((k) =>
        k.name !== "fx.scale" ? k : { ...k, params: k.params.map((p) => (p.name === "offset" ? { ...p, unit: "furlong/fortnight" } : p)) },
      ),
    };
    const { bound, sources } = bind(TEXT, broken);
    const shown = renderDiagnostics(bound.diagnostics, "short", { sources, cwd: path.resolve("test/fixtures/check") });
    expect(bound.diagnostics.map((d) => d.code)).toEqual(["DF3040"]);
    expect(shown).toContain(
      "Parameter `offset` of `fx.scale` is given `15 electron/nm`, which cannot be converted to the kernel's unit: `furlong/fortnight` is not a unit dflow reads",
    );
    expect(shown).toContain("test.dflow:15:18");
  });
});
