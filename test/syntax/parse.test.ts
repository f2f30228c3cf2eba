import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { walk, type Node, type StageNode, type GridNode, type RelationNode, type ProductNode, type ParamNode } from "../../src/syntax/index.js";
import { dedent, parseText, stripSpans } from "../helpers/syntax.js";

const kitchen = readFileSync("test/fixtures/kitchen-sink.dflow", "utf8");

describe("parsing valid files", () => {
  it("parses the kitchen-sink file with no diagnostics", () => {
    expect(parseText(kitchen).compact).toEqual([]);
  });

  it("gives every node a span inside the file, children inside their parents", () => {
    const { parsed } = parseText(kitchen);
    const check = (n: Node, outer: { start: number; end: number }): void => {
      expect(n.loc.start).toBeGreaterThanOrEqual(outer.start);
      expect(n.loc.end).toBeLessThanOrEqual(outer.end);
      expect(n.loc.end).toBeGreaterThanOrEqual(n.loc.start);
    };
    walk(parsed.ast, (n) => check(n, { start: 0, end: kitchen.length }));
  });

  it("reads units after numbers, attached or spaced, but never across a line break", () => {
    const { parsed, compact } = parseText(dedent`
      pipeline p
      param a: duration = 10min
      param b: quantity = 1e-17 erg/s/cm2/Angstrom
      param c: quantity = 1 erg/(s cm2 Angstrom)
      stage s {
        cores 4
        memory 4GB
        time 10min per 250 spectra
      }
    `);
    expect(compact).toEqual([]);
    const params = parsed.ast.decls.filter((d): d is ParamNode => d.kind === "Param");
    expect(params.map((p) => (p.value && p.value.kind === "Quantity" ? [p.value.number.raw, p.value.unit, p.value.attached] : null))).toEqual([
      ["10", "min", true],
      ["1e-17", "erg/s/cm2/Angstrom", false],
      ["1", "erg/(s cm2 Angstrom)", false],
    ]);
    const stage = parsed.ast.decls.find((d): d is StageNode => d.kind === "Stage")!;
    expect(stripSpans(stage.items)).toMatchObject([
      { kind: "Resource", name: { value: "cores" }, value: { kind: "Number", raw: "4" } },
      { kind: "Resource", name: { value: "memory" }, value: { kind: "Quantity", unit: "GB" } },
      { kind: "Resource", name: { value: "time" }, value: { kind: "Quantity", unit: "min" }, per: { kind: "Quantity", unit: "spectra" } },
    ]);
  });

  it("builds gathers over grids and relations with filters", () => {
    const { parsed, compact } = parseText(dedent`
      pipeline p
      stage group[h: healpix] {
        in cframe[e, c, p] for (e, p) in observes(h), c in camera where c != "z"
        out spectra[h]
      }
    `);
    expect(compact).toEqual([]);
    const input = (parsed.ast.decls[0] as StageNode).items[0]!;
    expect(stripSpans(input)).toEqual({
      kind: "Input",
      ref: {
        kind: "ProductRef",
        product: { kind: "Name", value: "cframe" },
        indices: ["e", "c", "p"].map((v) => ({ kind: "Ref", name: { kind: "Name", value: v } })),
      },
      gather: {
        kind: "Gather",
        clauses: [
          {
            kind: "GatherClause",
            vars: [
              { kind: "Name", value: "e" },
              { kind: "Name", value: "p" },
            ],
            source: { kind: "Name", value: "observes" },
            args: [{ kind: "Ref", name: { kind: "Name", value: "h" } }],
          },
          { kind: "GatherClause", vars: [{ kind: "Name", value: "c" }], source: { kind: "Name", value: "camera" } },
        ],
        where: { kind: "Binary", op: "!=", left: { kind: "Ref", name: { kind: "Name", value: "c" } }, right: { kind: "String", value: "z" } },
      },
      bestEffort: false,
    });
  });

  it("classifies grid domains and reads keys, attributes, ordering and envelopes", () => {
    const { parsed, compact } = parseText(dedent`
      pipeline p
      grid petal = 0..npetal-1
      grid camera = {b, r, z}
      grid exposure = exposures.EXPID key { night: date = NIGHT, flavor = FLAVOR }
      grid healpix = kernel sim.pixels(footprint, nside = nside) nested within 0..49151
    `);
    expect(compact).toEqual([]);
    const grids = parsed.ast.decls as GridNode[];
    expect(grids.map((g) => g.domain.kind)).toEqual(["RangeDomain", "SetDomain", "ColumnDomain", "KernelDomain"]);
    const exp = grids[2]!.domain;
    expect(exp.kind === "ColumnDomain" && [exp.product.value, exp.column.value, exp.isKey, exp.attributes.map((a) => a.column.value)]).toEqual([
      "exposures",
      "EXPID",
      true,
      ["NIGHT", "FLAVOR"],
    ]);
    expect(grids[3]!.ordering).toBe("nested");
    expect(grids[3]!.envelope?.kind).toBe("RangeDomain");
  });

  it("reads relations from kernels and from product columns, with fan-out bounds", () => {
    const { parsed, compact } = parseText(dedent`
      pipeline p
      relation observes(h: healpix) -> (e: exposure, p: petal) = kernel group.observedBy(fibermap) fanout 64
      relation covers(t: tile) -> (h: healpix) = tilepix { t = TILEID, h = HEALPIX }
    `);
    expect(compact).toEqual([]);
    const [a, b] = parsed.ast.decls as RelationNode[];
    expect(a!.from.map((v) => v.name.value)).toEqual(["h"]);
    expect(a!.to.map((v) => `${v.name.value}:${v.grid.value}`)).toEqual(["e:exposure", "p:petal"]);
    expect(a!.fanout?.kind).toBe("Number");
    expect(b!.source.kind).toBe("ColumnRelation");
  });

  it("parses path templates into text and fields with attributes, divisors and formats", () => {
    const { parsed, compact } = parseText(
      `pipeline p\nproduct spectra[healpix] : Spectra at "healpix/{healpix/100}/{exposure.night}/s-{healpix:05d}-{{x}}.fits"\n`,
    );
    expect(compact).toEqual([]);
    const prod = parsed.ast.decls[0] as ProductNode;
    expect(stripSpans(prod.path!.parts)).toEqual([
      { kind: "TemplateText", text: "healpix/" },
      { kind: "TemplateField", path: [{ kind: "Name", value: "healpix" }], divisor: 100 },
      { kind: "TemplateText", text: "/" },
      {
        kind: "TemplateField",
        path: [
          { kind: "Name", value: "exposure" },
          { kind: "Name", value: "night" },
        ],
      },
      { kind: "TemplateText", text: "/s-" },
      { kind: "TemplateField", path: [{ kind: "Name", value: "healpix" }], format: "05d" },
      { kind: "TemplateText", text: "-{x}.fits" },
    ]);
    const field = prod.path!.parts[1]!;
    const text = `pipeline p\nproduct spectra[healpix] : Spectra at "healpix/{healpix/100}/{exposure.night}/s-{healpix:05d}-{{x}}.fits"\n`;
    expect(text.slice(field.loc.start, field.loc.end)).toBe("{healpix/100}");
  });

  it("keeps soft keywords usable as names", () => {
    const { compact } = parseText(dedent`
      pipeline p
      param key: int = 1
      grid label = {status, pack}
      stage at[key: label] {
        in default[key]
        out per[key]
        kernel as.within
      }
    `);
    expect(compact).toEqual([]);
  });

  it("reads every status word with an optional note", () => {
    const { parsed, compact } = parseText(`pipeline p\nstage a { status done }\nstage b { status refactoring "for scaling" }\n`);
    expect(compact).toEqual([]);
    expect((parsed.ast.decls as StageNode[]).map((s) => s.items[0])).toMatchObject([
      { kind: "Status", word: "done", note: undefined },
      { kind: "Status", word: "refactoring", note: { value: "for scaling" } },
    ]);
  });
});

describe("syntax errors", () => {
  it("reports five independent errors in one run, each with a code, a place and what was expected", () => {
    const { compact } = parseText(dedent`
      pipeline five

      grid camera = {b, r z}

      product frame[exposure camera] : Frame at "x/{exposure}.fits"

      stage sky[e: exposure] {
        in frame[e]
        out sky[e
        kernel calib.sky
      }

      param seed: int = = 1

      stage other {
        status ready
        in x y
      }
    `);
    expect(compact).toEqual([
      { code: "DF1003", message: "Expected `}` in a set `{…}`, found `z`.", at: "3:21" },
      { code: "DF1003", message: "Expected `]` in a product declaration, found `camera`.", at: "5:24" },
      { code: "DF1003", message: "Expected `]` in a product reference, found `kernel`.", at: "10:3" },
      { code: "DF1004", message: "Expected an expression, found `=`.", at: "13:19" },
      {
        code: "DF1004",
        message: "Expected a stage item (`in`, `out`, `kernel`, `param`, `label`, `pack`, `status` or a resource such as `cores 4`), found `y`.",
        at: "17:8",
      },
    ]);
  });

  it("says the file ends inside a stage whose brace is not closed", () => {
    const { compact } = parseText("pipeline p\nstage s {\n  in a[x]\n");
    expect(compact).toEqual([{ code: "DF1005", message: "Expected `}` in a stage, but the file ends here.", at: "4:1" }]);
  });

  it("rejects an unknown status word and says which words exist", () => {
    expect(parseText("pipeline p\nstage s { status streamlining }\n").compact).toEqual([
      { code: "DF1006", message: "`streamlining` is not a status: a status is `done`, `ready` or `refactoring`.", at: "2:18" },
    ]);
  });

  it("rejects malformed path templates", () => {
    const { compact } = parseText(`pipeline p\nproduct a[x] : A at "a/{x.}/{y"\nproduct b[x] : B at "b/}{x:08q}"\n`);
    expect(compact.map((c) => `${c.code} ${c.at}`)).toEqual(["DF1007 2:24", "DF1007 2:29", "DF1007 3:24", "DF1007 3:25"]);
  });

  it("rejects a grid domain that is neither a range, a set, a column nor a kernel", () => {
    expect(parseText("pipeline p\ngrid g = 5\n").compact).toEqual([
      { code: "DF1009", message: "A grid's domain must be a range `lo..hi`, a set `{a, b}`, a column `product.COLUMN` or a `kernel` call.", at: "2:10" },
    ]);
  });

  it("requires one pipeline header, first", () => {
    expect(parseText("grid g = {a}\n").compact).toEqual([
      { code: "DF1010", message: "This file declares no pipeline: it must start with `pipeline NAME`.", at: "1:1" },
    ]);
    expect(parseText("pipeline a\npipeline b\n").compact.map((c) => c.code)).toEqual(["DF1012"]);
  });
});

describe("bad input", () => {
  it("reports an empty file as missing its pipeline header", () => {
    expect(parseText("").compact).toEqual([{ code: "DF1010", message: "This file declares no pipeline: it must start with `pipeline NAME`.", at: "1:1" }]);
  });

  it("refuses binary content with one diagnostic", () => {
    const { compact } = parseText("SIMPLE  =                    T\u0000\u0000\u0001\u0002");
    expect(compact).toEqual([{ code: "DF1008", message: "This file is not text: it contains NUL bytes.", at: "1:31" }]);
  });

  it("accepts CRLF line endings, a byte-order mark and tabs, with the same AST as LF", () => {
    const lf = "pipeline p\ngrid g = {a, b}\nstage s[x: g] {\n\tin a[x]\n\tout b[x]\n}\n";
    const crlf = "\uFEFF" + lf.replace(/\n/g, "\r\n");
    const a = parseText(lf);
    const b = parseText(crlf);
    expect(a.compact).toEqual([]);
    expect(b.compact).toEqual([]);
    expect(stripSpans(b.parsed.ast.decls)).toEqual(stripSpans(a.parsed.ast.decls));
  });

  it("reports positions on CRLF files by line", () => {
    expect(parseText("pipeline p\r\ngrid g = 5\r\n").compact[0]!.at).toBe("2:10");
  });

  it("accepts identifiers in any script", () => {
    const { parsed, compact } = parseText("pipeline relevé\ngrid κάμερα = {b, r}\nparam σ: float = 1.5\n");
    expect(compact).toEqual([]);
    expect(parsed.ast.pipeline?.name.value).toBe("relevé");
  });

  it("reports characters that are not part of the language, merged into one diagnostic per run", () => {
    expect(parseText("pipeline p\ngrid g = {a} ;;@\n").compact).toEqual([
      { code: "DF1001", message: "Unexpected characters `;;@` (U+003B U+003B U+0040).", at: "2:14" },
    ]);
  });

  it("reports an unterminated string and goes on parsing", () => {
    const { compact } = parseText('pipeline p\nproduct a : A at "a/b.fits\ngrid g = 5\n');
    expect(compact.map((c) => c.code)).toEqual(["DF1002", "DF1009"]);
  });

  it("handles a 1 MB single line quickly", () => {
    const line = "pipeline p " + "x".repeat(1 << 20);
    const t0 = performance.now();
    const { compact } = parseText(line);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(compact.map((c) => c.code)).toEqual(["DF1004"]);
    const set = "pipeline p\ngrid g = {" + Array.from({ length: 100_000 }, (_, i) => `a${i}`).join(", ") + "}\n";
    expect(parseText(set).compact).toEqual([]);
  });
});
