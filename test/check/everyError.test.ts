import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFile } from "../../src/compile.js";
import { SourceMap, type Diagnostic } from "../../src/diag/index.js";

const prevCache = process.env["DFLOW_CACHE_DIR"];
beforeAll(() => {
  process.env["DFLOW_CACHE_DIR"] = mkdtempSync(path.join(os.tmpdir(), "dflow-cache-"));
});
afterAll(() => {
  if (prevCache === undefined) delete process.env["DFLOW_CACHE_DIR"];
  else process.env["DFLOW_CACHE_DIR"] = prevCache;
});

async function check(file: string): Promise<{ diags: readonly Diagnostic[]; sources: SourceMap }> {
  const sources = new SourceMap();
  const r = await checkFile(sources, path.resolve(file));
  return { diags: r.diagnostics, sources };
}

describe("the checker on a whole file", () => {
  it("reports one error of each kind in one run", async () => {
    const { diags } = await check("test/fixtures/check/every-error.dflow");
    const codes = new Set(diags.map((d) => d.code));
    // prettier-ignore
    const expected = [
      "DF2001", "DF2002", "DF2003", "DF2004", "DF2005", "DF2006", "DF2007", "DF2009", "DF2010", "DF2011",
      "DF3001", "DF3002", "DF3003", "DF3005", "DF3010", "DF3011", "DF3012",
      "DF3020", "DF3021", "DF3022", "DF3023", "DF3024", "DF3025", "DF3026", "DF3030", "DF3031", "DF3040",
    ];
    expect([...codes].sort()).toEqual(expected);
    expect(diags.every((d) => d.severity === "error" && d.primary !== undefined)).toBe(true);
  });

  it("checks the example sketch of the seed's pipeline with no error: every module and kernel it names exists", async () => {
    const { diags } = await check("test/fixtures/twopct-sketch.dflow");
    expect(diags.map((d) => `${d.code} ${d.message}`).sort()).toEqual([]);
  });
});

describe("renaming in the TypeScript sources", () => {
  // A copy of the fixture modules at the same depth as test/fixtures/kernels, so their
  // relative import of stdlib/kernel.ts still resolves.
  const root = path.resolve(`test/.tmp-rename-${process.pid}`);
  const pipeline = `pipeline p
import "./kernels/fx" as fx
import "./kernels/model" as model
grid t = cat.TARGETID key { ra = RA }
product cat : Catalog at "cat.ecsv"
product img[t] : Image2 at "img/{t}.fits"
product res[t] : Image2 at "res/{t}.fits"
stage scale[x: t] {
  in image: img[x]
  out scaled: res[x]
  kernel fx.scale
  param passes = 2
}
`;
  beforeAll(() => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    cpSync("test/fixtures/kernels", path.join(root, "kernels"), { recursive: true });
    writeFileSync(path.join(root, "p.dflow"), pipeline);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("passes before the rename", async () => {
    expect((await check(path.join(root, "p.dflow"))).diags).toEqual([]);
  });

  it("fails when a column of a type is renamed, naming the pipeline's line and the type's definition", async () => {
    const more = path.join(root, "kernels", "model", "more.ts");
    const before = readFileSync(more, "utf8");
    writeFileSync(more, before.replace("@column RA f64 deg", "@column RA_DEG f64 deg").replace("readonly RA:", "readonly RA_DEG:"));
    try {
      const { diags, sources } = await check(path.join(root, "p.dflow"));
      expect(diags.map((d) => d.message)).toEqual(["Product `cat` (type `Catalog`) has no column `RA` for attribute `ra`."]);
      const d = diags[0]!;
      expect(sources.get(d.primary!.span.file)!.path).toMatch(/p\.dflow$/);
      expect(sources.get(d.secondary![0]!.span.file)!.path).toBe(more);
      expect(d.suggestions).toEqual(["RA_DEG"]);
    } finally {
      writeFileSync(more, before);
    }
  });

  it("fails when a kernel parameter is renamed, naming the stage's line and the kernel", async () => {
    const fx = path.join(root, "kernels", "fx", "index.ts");
    const before = readFileSync(fx, "utf8");
    writeFileSync(fx, before.replace("readonly passes: int;", "readonly npass: int;").replace("${params.passes}", "${params.npass}"));
    try {
      const { diags, sources } = await check(path.join(root, "p.dflow"));
      expect(diags.map((d) => d.message)).toEqual([
        "Kernel `fx.scale` has no parameter `passes`.",
        "Kernel `fx.scale` needs parameter `npass` (int), which is not given.",
      ]);
      expect(sources.get(diags[0]!.secondary![0]!.span.file)!.path).toBe(fx);
      expect(sources.get(diags[1]!.secondary![0]!.span.file)!.path).toBe(fx);
    } finally {
      writeFileSync(fx, before);
    }
  });
});
