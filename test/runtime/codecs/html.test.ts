/**
 * The HTML format: a product whose one member is a self-contained page. The reader takes the
 * tag and its one string member, the codec writes the document's bytes as they are and reads
 * them back, openProduct reads it whole, and validation refuses a page that would run code or
 * fetch anything.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readKernelIndex, type ProductTypeInfo } from "../../../src/kernels/index.js";
import { CodecError, decodeProduct, encodeProductBytes, openProduct, validateProduct } from "../../../src/runtime/codecs/index.js";
import { synthetic } from "./syntheticTypes.js";

const t: ProductTypeInfo = { ...synthetic("html"), name: "Report", fields: [{ name: "html", tsType: "string" }] };
const PAGE =
  '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Q&amp;A — Δz</title><style>svg{width:100%}</style></head>\n<body><a href="#n-z">n(z)</a><svg xmlns="http://www.w3.org/2000/svg"><path d="M0,0L1,1" fill="url(#g)"/></svg><img src="data:image/png;base64,AAAA"></body></html>\n';

const dir = mkdtempSync(join(tmpdir(), "dflow-html-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the HTML codec", () => {
  test("writes the document's UTF-8 bytes as they are and reads the same document back, whole or through openProduct.", async () => {
    const bytes = encodeProductBytes(t, { html: PAGE });
    expect(new TextDecoder().decode(bytes)).toBe(PAGE);
    const path = join(dir, "report.html");
    writeFileSync(path, bytes);
    expect(decodeProduct(t, path)).toEqual({ html: PAGE });
    const reader = openProduct<{ html: string }>(t, path);
    expect((await reader.read()).html).toBe(PAGE);
    expect(await reader.header()).toEqual({});
    await expect(reader.readRows("X", 0, 1)).rejects.toThrow("`Report` is an HTML product, which has no tables to read rows from: use read().");
    expect(readFileSync(path, "utf8")).toBe(PAGE);
  });

  test("a page that runs code, fetches or is not a whole document is refused, one sentence per kind of problem.", () => {
    expect(validateProduct(t, { html: PAGE })).toEqual([]);
    const bad = (html: string): string[] => validateProduct(t, { html });
    expect(bad("<html></html>")).toEqual(["The document `html` does not begin with `<!DOCTYPE html>`."]);
    expect(bad('<!DOCTYPE html><script src="x.js"></script>')).toEqual([
      "The document `html` holds a `<script>` element: a report runs nothing and fetches nothing.",
      "The document `html` refers to `x.js` (`src`), which would leave the file: only `#fragment` and `data:` URLs are allowed.",
    ]);
    expect(bad('<!DOCTYPE html><img src="https://example.org/a.png">')).toEqual([
      "The document `html` refers to `https://example.org/a.png` (`src`), which would leave the file: only `#fragment` and `data:` URLs are allowed.",
    ]);
    expect(bad("<!DOCTYPE html><style>@import 'a.css'; p{background:url(b.png)}</style>")).toEqual([
      "The document `html` has CSS that fetches (`@import`): only `url(#fragment)` and `data:` URLs are allowed.",
    ]);
    expect(bad('<!DOCTYPE html><body onload="go()">')).toEqual(["The document `html` holds an inline event handler (`on…=`): a report runs nothing."]);
    expect(validateProduct(t, { html: 3 })).toEqual(["Field `html` is a number, but `Report` declares it the document, a `string`."]);
    expect(validateProduct(t, { html: PAGE, extra: 1 })).toEqual([
      "The value has a field `extra` that `Report` does not declare; an HTML product is its document only.",
    ]);
    expect(() => encodeProductBytes(t, { html: "<p>" })).toThrow(CodecError);
  });
});

describe("reading `@format html` types", () => {
  test("an HTML type has its one string member as its field; any other shape is a problem at the interface.", async () => {
    const root = mkdtempSync(join(dir, "k-"));
    writeFileSync(
      join(root, "index.ts"),
      [
        "/**",
        " * A report.",
        " * @format html",
        " */",
        "export interface Page {",
        "  /** The document. */",
        "  readonly html: string;",
        "}",
        "/**",
        " * Not one string.",
        " * @format html",
        " */",
        "export interface TwoParts {",
        "  /** A title. */",
        "  readonly title: string;",
        "  /** A count. */",
        "  readonly n: number;",
        "}",
        "",
      ].join("\n"),
    );
    const idx = await readKernelIndex([{ alias: "m", spec: "./m", entry: join(root, "index.ts") }]);
    const page = idx.types.find((x) => x.name === "Page");
    expect([page?.format, page?.fields]).toEqual(["html", [{ name: "html", tsType: "string" }]]);
    expect(idx.problems.map((p) => [p.loc.line, p.message])).toEqual([
      [13, "HTML product `TwoParts` must have one member, the document as a `string` (found `title: string`, `n: number`)."],
    ]);
  });
});
