/** The shape of the CLI: one file per command, `main.ts` the only caller of `process.exit`, no backend logic importing the CLI. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Every .ts file under `dir`, relative to the repository root. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

describe("the CLI's layout", () => {
  it("has main.ts as the only caller of process.exit", () => {
    const callers = tsFiles("src").filter((f) => /process\.exit\s*\(/.test(readFileSync(f, "utf8")));
    expect(callers).toEqual([path.join("src", "cli", "main.ts")]);
  });

  it("has one file per command under src/cli/commands, each exporting one command built by defineCommand or a family's definer", () => {
    // The families (emit make/plan/ts, continue/resubmit) share one definition, itself built by defineCommand.
    const families = { defineEmitCommand: "emitHelpers.ts", defineFollowUpCommand: "slurmCommand.ts" };
    for (const file of Object.values(families)) expect(readFileSync(path.join("src", "cli", file), "utf8")).toMatch(/return defineCommand\(/);
    for (const f of tsFiles(path.join("src", "cli", "commands"))) {
      const text = readFileSync(f, "utf8");
      expect(text.match(/^export const \w+Command = (defineCommand|defineEmitCommand|defineFollowUpCommand)\(/gm), f).toHaveLength(1);
    }
  });

  it("keeps src/emit free of imports from src/cli", () => {
    const upward = tsFiles(path.join("src", "emit")).filter((f) => /from "(\.\.\/)+cli\//.test(readFileSync(f, "utf8")));
    expect(upward).toEqual([]);
  });
});
