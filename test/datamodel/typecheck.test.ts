/**
 * The data model and these tests type-check under the repository's strict tsconfig, checked
 * with the TypeScript compiler API on just these files (the rest of the repository is not
 * compiled, so another phase's errors cannot fail or mask this test).
 */
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(ROOT, dir, f));
}

it("the data model and its tests compile under the strict tsconfig", () => {
  const configPath = join(ROOT, "tsconfig.json");
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  expect(parsed.options.strict).toBe(true);
  expect(parsed.options.exactOptionalPropertyTypes).toBe(true);
  const program = ts.createProgram([...tsFiles("stdlib/datamodel"), ...tsFiles("test/datamodel")], parsed.options);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.slice(ROOT.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  expect(diagnostics).toEqual([]);
});
