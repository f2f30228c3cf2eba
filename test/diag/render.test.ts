import { describe, expect, it } from "vitest";
import { diag, renderDiagnostics, SourceMap, allCodes, lookupCode } from "../../src/diag/index.js";

function setup() {
  const sources = new SourceMap();
  const f = sources.add("/work/p/pipelines/a.dflow", "pipeline a\nstage coadd[h: healpix] {\n  in  cframe[e, c, p]\n}\n");
  const d = diag(
    "DF1003",
    "Stage `coadd` reads `cframe` on grid `exposure`, but its index is `healpix`.",
    { file: f.id, start: 43, end: 58 },
    {
      label: "`e` is not bound by this stage",
      secondary: [{ span: { file: f.id, start: 17, end: 22 }, message: "index declared here" }],
      help: "gather it through a relation",
      suggestions: ["ca", "cb"],
    },
  );
  return { sources, d };
}

describe("rendering diagnostics", () => {
  it("renders rich text with code frames, secondary labels, suggestions and help, paths relative to the working directory", () => {
    const { sources, d } = setup();
    expect(renderDiagnostics([d], "text", { sources, cwd: "/work/p" })).toBe(
      [
        "error[DF1003]: Stage `coadd` reads `cframe` on grid `exposure`, but its index is `healpix`.",
        "  ┌─ pipelines/a.dflow:3:7",
        "  │",
        "3 │   in  cframe[e, c, p]",
        "  │       ^^^^^^^^^^^^^^^ `e` is not bound by this stage",
        "  ┌─ pipelines/a.dflow:2:7",
        "2 │ stage coadd[h: healpix] {",
        "  │       ----- index declared here",
        "  │",
        "  = did you mean `ca`, `cb`?",
        "  = help: gather it through a relation",
        "",
      ].join("\n"),
    );
  });

  it("renders one short line per diagnostic", () => {
    const { sources, d } = setup();
    expect(renderDiagnostics([d], "short", { sources, cwd: "/elsewhere" })).toBe(
      "/work/p/pipelines/a.dflow:3:7: error[DF1003]: Stage `coadd` reads `cframe` on grid `exposure`, but its index is `healpix`.\n",
    );
  });

  it("renders JSON with sorted keys and 1-based positions", () => {
    const { sources, d } = setup();
    const [j] = JSON.parse(renderDiagnostics([d], "json", { sources, cwd: "/work/p" })) as Record<string, unknown>[];
    expect(Object.keys(j!)).toEqual([...Object.keys(j!)].sort());
    expect(j).toMatchObject({
      code: "DF1003",
      severity: "error",
      title: "unexpected token",
      primary: { file: "pipelines/a.dflow", line: 3, column: 7, endLine: 3, endColumn: 22 },
    });
  });

  it("renders GitHub annotations with escaped properties and data", () => {
    const sources = new SourceMap();
    const f = sources.add("a,b:c.dflow", "x\n");
    const d = diag("DF1001", "100% bad\nline", { file: f.id, start: 0, end: 1 }, { help: "fix it" });
    expect(renderDiagnostics([d], "github", { sources, cwd: "/" })).toBe(
      "::error file=a%2Cb%3Ac.dflow,line=1,col=1,endLine=1,endColumn=2,title=DF1001::DF1001: 100%25 bad%0Aline%0Ahelp: fix it\n",
    );
  });

  it("windows a very long line in the code frame", () => {
    const sources = new SourceMap();
    const f = sources.add("long.dflow", "x".repeat(100_000) + "@" + "y".repeat(100_000));
    const out = renderDiagnostics([diag("DF1001", "Unexpected character", { file: f.id, start: 100_000, end: 100_001 })], "text", { sources, cwd: "/" });
    expect(out.split("\n").every((l) => l.length < 200)).toBe(true);
    expect(out).toContain("1 │ …xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx@yyyy");
    expect(out).toContain("│                                ^\n");
  });

  it("has an explanation for every code, and codes in their phase's range", () => {
    for (const c of allCodes()) {
      expect(c.code).toMatch(/^DF[1-79]\d{3}$/);
      expect(c.explanation.length).toBeGreaterThan(40);
      expect(lookupCode(c.code.toLowerCase())?.code).toBe(c.code);
    }
  });
});
