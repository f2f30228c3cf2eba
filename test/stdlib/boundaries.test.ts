import { describe, expect, test } from "vitest";
import { importsOf, parse, tsFiles } from "./sources.js";

/**
 * The modules of stdlib/ that src/ may import: the kernel contract and the public doors of the
 * FITS and ECSV libraries, which the runtime's codecs and the planner's table reader share with
 * the kernels. Everything else under stdlib/ is the kernels' own business.
 */
const SRC_MAY_IMPORT = new Set(["stdlib/kernel.ts", "stdlib/io/fits/index.ts", "stdlib/io/ecsv/index.ts"]);

/** The doors of stdlib/io that code outside a library (stdlib or src) may import. */
const IO_DOORS = new Set(["stdlib/io/fits/index.ts", "stdlib/io/ecsv/index.ts"]);

type Edge = { readonly from: string; readonly target: string; readonly at: string };

function edgesOf(file: string, text?: string): Edge[] {
  return importsOf(parse(file, text)).map((i) => ({ from: file, target: i.target, at: i.at }));
}

/** The imports that break the boundary between src/, stdlib/ and stdlib/io, as messages. */
function violations(edges: readonly Edge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const fromSrc = e.from.startsWith("src/");
    const fromStdlib = e.from.startsWith("stdlib/");
    const fromIo = e.from.startsWith("stdlib/io/");
    const lib = /^stdlib\/io\/([^/]+)\//.exec(e.target)?.[1];
    if (fromSrc && e.target.startsWith("stdlib/") && !SRC_MAY_IMPORT.has(e.target)) {
      out.push(`${e.at}: src imports ${e.target}; src may import only ${[...SRC_MAY_IMPORT].join(", ")}`);
    }
    if (fromStdlib && e.target.startsWith("src/")) out.push(`${e.at}: stdlib imports ${e.target}; the standard library never imports src/`);
    const inRepo = e.target.startsWith("src/") || e.target.startsWith("stdlib/") || e.target.startsWith("test/") || e.target.startsWith("..");
    if (fromIo && inRepo && !e.target.startsWith("stdlib/io/")) {
      out.push(`${e.at}: stdlib/io imports ${e.target}; the FITS and ECSV libraries depend on no other part of the repository`);
    }
    if (lib !== undefined && !e.from.startsWith(`stdlib/io/${lib}/`) && !IO_DOORS.has(e.target)) {
      out.push(`${e.at}: ${e.target} is inside stdlib/io/${lib}; import stdlib/io/${lib}/index.ts, its only public door`);
    }
  }
  return out;
}

describe("the boundary between src/ and stdlib/", () => {
  test("src/ imports only the kernel contract and the FITS and ECSV doors of stdlib/; stdlib/ never imports src/; stdlib/io imports nothing else of the repository", () => {
    const files = [...tsFiles("src"), ...tsFiles("stdlib")];
    const edges = files.flatMap((f) => edgesOf(f));
    // The codecs do use the io libraries: the rule is about how, not whether.
    expect(edges.some((e) => e.from.startsWith("src/runtime/codecs/") && e.target === "stdlib/io/fits/index.ts")).toBe(true);
    expect(violations(edges)).toEqual([]);
  });

  test("the checker flags an import of a library's internals, of a kernel module from src, of src from stdlib, and of stdlib from io", () => {
    const planted = [
      ...edgesOf(
        "src/runtime/codecs/planted.ts",
        'import { openFits } from "../../../stdlib/io/fits/openFits.js";\nimport type { Frame } from "../../../stdlib/datamodel/Frame.js";\nimport { parseEcsv } from "../../../stdlib/io/ecsv/index.js";',
      ),
      ...edgesOf("stdlib/sim/planted.ts", 'export { Diagnostic } from "../../src/diag/index.js";\nconst m = await import("../io/ecsv/parseEcsv.js");'),
      ...edgesOf(
        "stdlib/io/fits/planted.ts",
        'import { erf } from "../../math/index.js";\nimport { readFileSync } from "node:fs";\nimport { card } from "./Card.js";',
      ),
    ];
    expect(violations(planted)).toEqual([
      "src/runtime/codecs/planted.ts:1: src imports stdlib/io/fits/openFits.ts; src may import only stdlib/kernel.ts, stdlib/io/fits/index.ts, stdlib/io/ecsv/index.ts",
      "src/runtime/codecs/planted.ts:1: stdlib/io/fits/openFits.ts is inside stdlib/io/fits; import stdlib/io/fits/index.ts, its only public door",
      "src/runtime/codecs/planted.ts:2: src imports stdlib/datamodel/Frame.ts; src may import only stdlib/kernel.ts, stdlib/io/fits/index.ts, stdlib/io/ecsv/index.ts",
      "stdlib/sim/planted.ts:1: stdlib imports src/diag/index.ts; the standard library never imports src/",
      "stdlib/sim/planted.ts:2: stdlib/io/ecsv/parseEcsv.ts is inside stdlib/io/ecsv; import stdlib/io/ecsv/index.ts, its only public door",
      "stdlib/io/fits/planted.ts:1: stdlib/io imports stdlib/math/index.ts; the FITS and ECSV libraries depend on no other part of the repository",
    ]);
  });
});
