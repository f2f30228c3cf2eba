import { describe, expect, it } from "vitest";
import { SourceMap } from "../../src/diag/SourceMap.js";
import { parseSelector } from "../../src/syntax/index.js";

function sel(text: string) {
  const r = parseSelector(new SourceMap().add("<selector>", text));
  return { value: r.value, codes: r.diagnostics.map((d) => `${d.code} ${d.primary?.span.start}: ${d.message}`) };
}

describe("task selectors", () => {
  it("reads a bare stage name", () => {
    expect(sel("sky").value).toMatchObject({ stage: "sky", constraints: [] });
  });

  it("reads grid values, attribute paths, ranges, sets and quoted strings", () => {
    const { value, codes } = sel('sky[exposure.night=20201214, camera=b, petal=0..4, tile={1,2}, flavor="science"]');
    expect(codes).toEqual([]);
    expect(value?.constraints.map((c) => [c.path.join("."), c.value])).toEqual([
      ["exposure.night", { kind: "atom", atom: { kind: "int", value: 20201214n } }],
      ["camera", { kind: "atom", atom: { kind: "word", value: "b" } }],
      ["petal", { kind: "range", lo: 0n, hi: 4n }],
      [
        "tile",
        {
          kind: "set",
          atoms: [
            { kind: "int", value: 1n },
            { kind: "int", value: 2n },
          ],
        },
      ],
      ["flavor", { kind: "atom", atom: { kind: "word", value: "science" } }],
    ]);
  });

  it("keeps 64-bit keys exact", () => {
    expect(sel("t[targetid=288230376151711744]").value?.constraints[0]?.value).toEqual({ kind: "atom", atom: { kind: "int", value: 288230376151711744n } });
  });

  it("rejects malformed selectors with DF1011 and the place", () => {
    expect(sel("sky[camera]").codes).toEqual(["DF1011 10: Expected `=` after `camera` in the selector, found `]`."]);
    expect(sel("sky[petal=4..1]").codes).toEqual(["DF1011 10: This range is empty: 4 is greater than 1."]);
    expect(sel("sky[camera=b").codes).toEqual(["DF1011 12: Expected `,` or `]` in the selector, found the end."]);
    expect(sel("[camera=b]").codes[0]).toMatch(/^DF1011 0: Expected a stage name/);
    expect(sel("sky] x").codes[0]).toMatch(/^DF1011 3: Unexpected/);
  });
});
