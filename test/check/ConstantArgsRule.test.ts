import { describe, expect, it } from "vitest";
import { checkProgram } from "../../src/check/index.js";
import { ConstantArgsRule } from "../../src/check/rules/ConstantArgsRule.js";
import { SourceMap } from "../../src/diag/SourceMap.js";
import { parseDflow } from "../../src/syntax/index.js";
import { expectDiagnostics, runRules } from "../helpers/check.js";
import { dedent } from "../helpers/syntax.js";

const VALID = dedent`
  pipeline p
  import stdlib.calib
  param nside: int = 64
  param scale: float = 2
  param survey: string = "main"
  param wait: duration = 5min
  grid n = 0..nside
  grid camera = {b, r, z}
  grid tile = tiles.TILEID
  grid healpix = kernel calib.pixels(tiles, nside = nside * 2) nested
  relation covers(t: tile) -> (h: healpix) = kernel calib.cover(tiles, nside = nside, survey = "sv3") fanout nside
  product tiles : TileTable at "tiles.ecsv"
  product f[tile] : F at "f-{tile}.fits"
  stage s[x: tile, c: camera] {
    out f[x]
    kernel calib.assign
    param nside = nside
    param factor = -scale * (nside + 1)
    param survey = survey
    param program = "dark"
    param wait = wait
    param limit = 3.5 km
    param verbose = true
  }
`;

describe("ConstantArgsRule", () => {
  it("accepts literals, quantities and params combined by operators in stage params, named kernel arguments, ranges and fanouts", () => {
    expectDiagnostics(ConstantArgsRule, VALID, []);
  });

  it("reports a misspelt name in a stage param with the params it could be", () => {
    const text = VALID.replace("param nside = nside\n", "param nside = sidex\n");
    expectDiagnostics(ConstantArgsRule, text, [{ code: "DF2002", message: "`sidex` is not a param, so param `nside` cannot use it.", at: "17:17" }]);
    // Did you mean: the param named like the kernel param (two edits away), and close names by the general rule.
    const sources = new SourceMap();
    const r = checkProgram(parseDflow(sources.add("test.dflow", text)).value.ast, undefined, sources, [ConstantArgsRule]);
    expect(r.diagnostics.map((d) => d.suggestions)).toEqual([["nside"]]);
    const wait = VALID.replace("param wait = wait\n", "param wait = wiat\n");
    const w = checkProgram(parseDflow(sources.add("w.dflow", wait)).value.ast, undefined, sources, [ConstantArgsRule]);
    expect(w.diagnostics.map((d) => d.suggestions)).toEqual([["wait"]]);
    const all = runRules(text);
    expect(all.filter((d) => d.code === "DF2002")).toHaveLength(1);
  });

  it("suggests the param and explains a stage variable, a grid and an attribute used as a kernel param", () => {
    const sources = new SourceMap();
    const text = VALID.replace("param survey = survey\n", "param survey = x\n")
      .replace('param program = "dark"', "param program = camera")
      .replace("nside = nside * 2", "nside = nsid * 2");
    const file = sources.add("test.dflow", text);
    const parsed = parseDflow(file);
    const r = checkProgram(parsed.value.ast, undefined, sources, [ConstantArgsRule]);
    const got = r.diagnostics.map((d) => [d.message, d.suggestions ?? [], d.help ?? ""]);
    expect(got).toEqual([
      ["`nsid` is not a param, so argument `nside` cannot use it.", ["nside"], ""],
      ["`x` is not a param, so param `survey` cannot use it.", [], expect.stringContaining("`x` is a variable of the stage")],
      ["`camera` is not a param, so param `program` cannot use it.", [], expect.stringContaining("`camera` is a grid")],
    ]);
  });

  it("records each param it resolves in the resolution table", () => {
    const sources = new SourceMap();
    const file = sources.add("test.dflow", VALID);
    const r = checkProgram(parseDflow(file).value.ast, undefined, sources, [ConstantArgsRule]);
    const uses = r.value.names.all().map((u) => `${VALID.slice(u.span.start, u.span.end)}->${u.symbol.kind}:${u.symbol.name}`);
    // Six uses of `nside` as a value (never the kernel params named `nside`), one each of scale, survey and wait.
    expect(uses.filter((u) => u === "nside->param:nside")).toHaveLength(6);
    expect(uses.sort()).toEqual([...Array<string>(6).fill("nside->param:nside"), "scale->param:scale", "survey->param:survey", "wait->param:wait"].sort());
  });
});
