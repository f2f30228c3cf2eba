/**
 * Calibration never reads a simulation's truth. The rule, checked on the import graph of
 * stdlib/calib:
 *
 * - a calib file imports only its own folder, the data model, the kernel contract, stdlib/math,
 *   stdlib/instrument (the instrument model: published curves and constants), stdlib/targetmask
 *   (bit definitions), stdlib/constants and stdlib/templates (the template library as a model
 *   library: spectra built from parameters the calibration chooses);
 * - it names neither `truthRow` (the template library's reader of truth tables) nor the data
 *   model's Truth, TruthTable or SimSpec (the simulator's truth and noiseless input);
 * - nothing stdlib/calib reaches, transitively, lies in stdlib/sim, stdlib/targets, stdlib/survey,
 *   stdlib/fiberassign or stdlib/example (the simulator, the mock catalogues and their truth).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const CALIB = join(ROOT, "stdlib/calib");
const ALLOWED = [
  "stdlib/calib/",
  "stdlib/datamodel/",
  "stdlib/kernel.ts",
  "stdlib/kernelKey.ts",
  "stdlib/math/",
  "stdlib/instrument/",
  "stdlib/targetmask/",
  "stdlib/constants/",
  "stdlib/templates/",
];
const FORBIDDEN_FOLDERS = ["stdlib/sim/", "stdlib/targets/", "stdlib/survey/", "stdlib/fiberassign/", "stdlib/example/"];
const FORBIDDEN_NAMES = /\b(truthRow|Truth|TruthTable|SimSpec)\b/;

/** The import statements of a file: specifier and the names imported. */
function imports(file: string): { spec: string; names: string }[] {
  const text = readFileSync(file, "utf8");
  const out: { spec: string; names: string }[] = [];
  for (const m of text.matchAll(/(?:import|export)\s+(?:type\s+)?([^;]*?)\s+from\s+"([^"]+)"/g)) out.push({ names: m[1]!, spec: m[2]! });
  return out;
}

function resolveSpec(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const p = resolve(dirname(from), spec).replace(/\.js$/, ".ts");
  return existsSync(p) ? p : null;
}

describe("stdlib/calib reads no simulation truth", () => {
  const files = readdirSync(CALIB)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(CALIB, f));

  it("imports only the data model, the kernel contract and model libraries, and names no truth type", () => {
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      for (const { spec, names } of imports(file)) {
        const target = resolveSpec(file, spec);
        if (target === null) continue;
        const rel = relative(ROOT, target);
        expect(
          ALLOWED.some((a) => rel.startsWith(a) || rel === a),
          `${relative(ROOT, file)} imports ${rel}`,
        ).toBe(true);
        expect(FORBIDDEN_NAMES.test(names), `${relative(ROOT, file)} imports ${names} from ${spec}`).toBe(false);
      }
    }
  });

  it("reaches nothing of the simulator, the mock catalogues or the survey, transitively", () => {
    const seen = new Set<string>();
    const todo = [...files];
    while (todo.length > 0) {
      const file = todo.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const { spec } of imports(file)) {
        const target = resolveSpec(file, spec);
        if (target !== null) todo.push(target);
      }
    }
    const reached = [...seen].map((f) => relative(ROOT, f));
    expect(reached.length).toBeGreaterThan(files.length);
    expect(reached.filter((f) => FORBIDDEN_FOLDERS.some((d) => f.startsWith(d)))).toEqual([]);
  });

  it("would notice a forbidden import", () => {
    const probe = [
      { spec: "../sim/index.js", names: "{ fastframe }" },
      { spec: "../templates/index.js", names: "{ truthRow }" },
    ];
    const bad = probe.filter(({ spec, names }) => spec.includes("/sim/") || FORBIDDEN_NAMES.test(names));
    expect(bad.length).toBe(2);
  });
});
