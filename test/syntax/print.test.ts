import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dedent, format, parseText, stripSpans } from "../helpers/syntax.js";

const kitchen = readFileSync("test/fixtures/kitchen-sink.dflow", "utf8");

describe("the printer (dflow fmt)", () => {
  it("gives the same AST after parse → print → parse on the kitchen-sink file", () => {
    const printed = format(kitchen);
    const again = parseText(printed);
    expect(again.compact).toEqual([]);
    expect(stripSpans(again.parsed.ast)).toEqual(stripSpans(parseText(kitchen).parsed.ast));
  });

  it("is idempotent", () => {
    const once = format(kitchen);
    expect(format(once)).toBe(once);
  });

  it("keeps every comment, in order", () => {
    const before = parseText(kitchen).parsed.comments.map((c) => c.text.trimEnd());
    const after = parseText(format(kitchen)).parsed.comments.map((c) => c.text);
    expect(after).toEqual(before);
  });

  it("keeps groups of blank lines as one blank line and drops blank lines at block starts", () => {
    const out = format(dedent`
      pipeline p


      param a = 1
      param b = 2



      stage s {

        in x[a]


        out y[a]
      }
    `);
    expect(out).toBe(dedent`
      pipeline p

      param a = 1
      param b = 2

      stage s {
        in x[a]

        out y[a]
      }
    `);
  });

  it("normalises spacing, commas and quotes", () => {
    expect(
      format(
        'pipeline   p\ngrid  camera={ b,r ,z }\nparam x:int=1+2*3\nstage s[ e : exposure ]where e.night==1{in a[ e ]for x in g where x.v!=2 besteffort\nstatus   refactoring   "n"}\n',
      ),
    ).toBe(
      'pipeline p\ngrid camera = {b, r, z}\nparam x: int = 1 + 2 * 3\nstage s[e: exposure] where e.night == 1 {\n  in a[e] for x in g where x.v != 2 besteffort\n  status refactoring "n"\n}\n',
    );
  });

  it("keeps parentheses as written and operators with their precedence", () => {
    const src = "pipeline p\nparam a = -2 ** 2 + (1 - 2) * 3 % 4\nparam b = not x == 1 and (y or z)\nparam c = 2 ** -3 ** 2\n";
    expect(format(src)).toBe(src);
    const { parsed } = parseText(src);
    expect(stripSpans(parsed.ast.decls[2])).toMatchObject({
      value: { kind: "Binary", op: "**", left: { raw: "2" }, right: { kind: "Unary", op: "-", operand: { kind: "Binary", op: "**" } } },
    });
    expect(stripSpans(parsed.ast.decls[1])).toMatchObject({
      value: { kind: "Binary", op: "and", left: { kind: "Unary", op: "not", operand: { kind: "Binary", op: "==" } } },
    });
  });

  it("prints CRLF input with LF line endings and without the byte-order mark", () => {
    expect(format("\uFEFFpipeline p\r\nparam a = 1  # c\r\n")).toBe("pipeline p\nparam a = 1  # c\n");
  });

  it("moves a long product template to its own line", () => {
    const long = `pipeline p\nproduct frame[exposure, camera, petal] : Frame at "exposures/{exposure.night}/{exposure:08d}/frame-{camera}{petal}-{exposure:08d}.fits"\n`;
    expect(format(long)).toBe(
      `pipeline p\nproduct frame[exposure, camera, petal] : Frame\n    at "exposures/{exposure.night}/{exposure:08d}/frame-{camera}{petal}-{exposure:08d}.fits"\n`,
    );
  });

  it("keeps one-line attribute blocks on one line and multi-line ones on several", () => {
    const src = "pipeline p\ngrid e = x.EXPID key { night = NIGHT, tile = TILEID }\ngrid f = x.EXPID {\n  night = NIGHT\n}\n";
    expect(format(src)).toBe(src);
  });
});
