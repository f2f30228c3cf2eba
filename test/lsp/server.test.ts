/**
 * `dflow lsp` driven over stdio by a minimal client (test/lsp/lspClient.ts) on the real
 * pipelines: the replies to initialize, didOpen, didChange, hover, definition, references,
 * completion, rename, formatting and code actions; a stage's task count on an output root
 * holding a finished run against `dflow plan`; diagnostics against `dflow check --format json`.
 * Needs `npm run build` (dist/dflow.js).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diagnosticsFor } from "./lspClient.js";
import { applyEdits, change, DFLOW, hover, offsetOf, open, positionOf, ROOT, start, uriOf, type LspDiag, type Range, type TextEdit } from "./helpers.js";

describe("dflow lsp over stdio", () => {
  beforeAll(() => {
    expect(spawnSync("node", [DFLOW, "--version"]).status).toBe(0);
  });

  it(
    "serves the example pipeline: diagnostics, hover, definition, references, completion, rename, formatting, code actions",
    { timeout: 120_000 },
    async () => {
      const out = mkdtempSync(path.join(tmpdir(), "dflow-lsp-"));
      const c = await start({ out });
      try {
        const file = path.join(ROOT, "pipelines/example.dflow");
        const text = readFileSync(file, "utf8");
        expect(await open(c, file, text)).toEqual([]);

        // A product's type with its columns and units, from the data model.
        const product = await hover(c, file, positionOf(text, /^product exposures/m, 9));
        expect(product).toContain("product exposures[] at survey/exposures.ecsv");
        expect(product).toMatch(/EXPTIME: f32 \(s\)/);
        // A stage past the frontier (nothing has run under the empty root) says what it waits for, as `dflow plan` does.
        const simulate = await hover(c, file, positionOf(text, /^stage simulate/m, 7));
        expect(simulate).toContain("stage simulate[e: exposure, c: camera]");
        expect(simulate).toMatch(/kernel example\.simulate\(/);
        expect(simulate).toContain("tasks: unknown until schedule runs");
        const plan = execFileSync("node", [DFLOW, "plan", file, "--out", out], { encoding: "utf8" });
        expect(plan).toMatch(/simulate .*unknown until schedule runs/);
        // A static grid: its size and keys.
        expect(await hover(c, file, positionOf(text, /^grid camera/m, 6))).toContain("size: 3; keys b, r, z");

        // Definition: a product reference goes to its declaration; a kernel to its TypeScript.
        const ref = positionOf(text, /in fiberflat\[e\.night/, 4);
        const def = await c.request<{ uri: string; range: Range }>("textDocument/definition", { textDocument: { uri: uriOf(file) }, position: ref });
        expect(def.range.start).toEqual(positionOf(text, /^product fiberflat/m, 8));
        const kdef = await c.request<{ uri: string }>("textDocument/definition", {
          textDocument: { uri: uriOf(file) },
          position: positionOf(text, /kernel example\.calibrate/, 10),
        });
        expect(kdef.uri).toMatch(/\.ts$/);
        expect(readFileSync(fileURLToPath(kdef.uri), "utf8")).toMatch(/export (async )?function calibrate/);

        const tdef = await c.request<{ uri: string; range: Range }>("textDocument/definition", {
          textDocument: { uri: uriOf(file) },
          position: positionOf(text, /: ExampleExposures at/, 3),
        });
        const typeLine = readFileSync(fileURLToPath(tdef.uri), "utf8").split("\n")[tdef.range.start.line]!;
        expect(typeLine).toMatch(/(interface|type) ExampleExposures\b/);

        // References of the grid `camera`: its declaration and every use (never the stage variable `c`).
        const refs = await c.request<{ range: Range }[]>("textDocument/references", {
          textDocument: { uri: uriOf(file) },
          position: positionOf(text, /^grid camera/m, 6),
          context: { includeDeclaration: true },
        });
        for (const r of refs) expect(text.slice(offsetOf(text, r.range.start), offsetOf(text, r.range.end))).toBe("camera");
        expect(refs.length).toBeGreaterThanOrEqual(8);

        // Rename: every occurrence changes, and the renamed text still checks.
        const rename = await c.request<{ changes: Record<string, TextEdit[]> }>("textDocument/rename", {
          textDocument: { uri: uriOf(file) },
          position: positionOf(text, /^grid camera/m, 6),
          newName: "cam",
        });
        const edits = rename.changes[uriOf(file)]!;
        expect(edits.length).toBe(refs.length);
        const renamed = applyEdits(text, edits);
        expect(renamed).toMatch(/^grid cam = \{b, r, z\}/m);
        expect(renamed).toMatch(/stage simulate\[e: exposure, c: cam\]/);
        expect(await change(c, file, renamed, 2)).toEqual([]);

        // Completion: after `e.` the attributes of the exposure grid; elsewhere names and kernels.
        const dot = positionOf(text, /where e\.flavor/, 8);
        const items = await c.request<{ label: string }[]>("textDocument/completion", { textDocument: { uri: uriOf(file) }, position: dot });
        expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(["flavor", "night"]));
        const anywhere = await c.request<{ label: string }[]>("textDocument/completion", {
          textDocument: { uri: uriOf(file) },
          position: { line: 0, character: 0 },
        });
        expect(anywhere.map((i) => i.label)).toEqual(expect.arrayContaining(["nside", "healpix", "example.calibrate", "stage"]));
        // After `product NAME :` the product types, each with its format (fits, ecsv, json or html) and module.
        const types = await c.request<{ label: string; detail?: string }[]>("textDocument/completion", {
          textDocument: { uri: uriOf(file) },
          position: positionOf(text, /: ExampleExposures at/, 2),
        });
        expect(types.find((i) => i.label === "ExampleExposures")?.detail).toBe("ecsv product (example)");
        expect(types.find((i) => i.label === "Frame")?.detail).toBe("fits product (datamodel)");

        // A one-character typo: check's diagnostic, and a code action with its suggestion.
        const typo = renamed.replace("in fiberflat[e.night", "in fiberflut[e.night");
        const diags = await change(c, file, typo, 3);
        expect(diags.length).toBeGreaterThan(0);
        const d = diags.find((x) => x.data?.suggestions.includes("fiberflat"))!;
        expect(d).toBeDefined();
        const actions = await c.request<{ title: string; edit: { changes: Record<string, TextEdit[]> } }[]>("textDocument/codeAction", {
          textDocument: { uri: uriOf(file) },
          range: d.range,
          context: { diagnostics: [d] },
        });
        expect(applyEdits(typo, actions[0]!.edit.changes[uriOf(file)]!)).toBe(renamed);

        // A misspelt module: DF2011's did-you-mean is a code action that puts the module's name right.
        const badImport = renamed.replace("import stdlib.example", "import stdlib.exampel");
        const importDiag = (await change(c, file, badImport, 5)).find((x) => x.code === "DF2011")!;
        expect(importDiag?.data?.suggestions[0]).toBe("stdlib.example");
        const importFix = await c.request<{ title: string; edit: { changes: Record<string, TextEdit[]> } }[]>("textDocument/codeAction", {
          textDocument: { uri: uriOf(file) },
          range: importDiag.range,
          context: { diagnostics: [importDiag] },
        });
        expect(applyEdits(badImport, importFix[0]!.edit.changes[uriOf(file)]!)).toBe(renamed);

        // Formatting: `dflow fmt`'s printer puts a mangled text back.
        const mangled = renamed.replace("stage summarize {", "stage   summarize   {");
        await change(c, file, mangled, 6);
        const fmt = await c.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri: uriOf(file) }, options: { tabSize: 2, insertSpaces: true } });
        expect(applyEdits(mangled, fmt)).toBe(renamed);

        // An unsaved document is checked too.
        const untitled = c.next(diagnosticsFor("untitled:Untitled-1", 1));
        c.notify("textDocument/didOpen", {
          textDocument: { uri: "untitled:Untitled-1", languageId: "dflow", version: 1, text: "pipeline u\nstage s[i: m] {\n}\n" },
        });
        expect(((await untitled).params as { diagnostics: LspDiag[] }).diagnostics.map((x) => x.code)).toContain("DF2002");

        // Document symbols: every declaration but imports.
        const symbols = await c.request<{ name: string }[]>("textDocument/documentSymbol", { textDocument: { uri: uriOf(file) } });
        expect(symbols.map((s) => s.name)).toEqual(expect.arrayContaining(["cam", "exposures", "schedule", "summarize", "observes"]));
        expect(await c.close()).toBe(0);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );

  it("shows on the twopct pipeline the task count `dflow plan` computes for each planned stage", { timeout: 180_000 }, async () => {
    const out = mkdtempSync(path.join(tmpdir(), "dflow-lsp-"));
    const c = await start({ out });
    try {
      const file = path.join(ROOT, "pipelines/twopct.dflow");
      const text = readFileSync(file, "utf8");
      const cli = JSON.parse(execFileSync("node", [DFLOW, "check", "--format", "json", file], { encoding: "utf8" })) as unknown[];
      expect(await open(c, file, text)).toHaveLength(cli.length);
      const plan = JSON.parse(execFileSync("node", [DFLOW, "plan", file, "--out", out, "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 28 })) as {
        stages: { stage: string; tasks: number }[];
      };
      const planned = plan.stages.filter((s) => s.tasks > 0);
      expect(planned.length).toBeGreaterThan(0);
      for (const s of planned.slice(0, 3)) {
        const h = await hover(c, file, positionOf(text, new RegExp(`^stage ${s.stage}\\b`, "m"), 7));
        expect(h).toContain(`tasks: ${s.tasks}`);
      }
      expect(await c.close()).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  describe("on an output root holding a finished run (test/fixtures/run, static grids)", () => {
    let out = "";
    beforeAll(() => {
      out = mkdtempSync(path.join(tmpdir(), "dflow-lsp-run-"));
      execFileSync("node", [DFLOW, "run", path.join(ROOT, "test/fixtures/run/run.dflow"), "--out", out], { stdio: "ignore" });
    });
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it("hovers each stage with the task count and tasks to run of `dflow plan`", { timeout: 60_000 }, async () => {
      const file = path.join(ROOT, "test/fixtures/run/run.dflow");
      const text = readFileSync(file, "utf8");
      const plan = JSON.parse(execFileSync("node", [DFLOW, "plan", file, "--out", out, "--format", "json"], { encoding: "utf8" })) as {
        stages: { stage: string; tasks: number; toRun: number }[];
      };
      expect(plan.stages.map((s) => [s.stage, s.tasks, s.toRun])).toEqual([
        ["make", 4, 0],
        ["double", 4, 0],
        ["total", 1, 0],
      ]);
      const c = await start({ out });
      expect(await open(c, file, text)).toEqual([]);
      for (const s of plan.stages) {
        const h = await hover(c, file, positionOf(text, new RegExp(`^stage ${s.stage}\\b`, "m"), 7));
        expect(h).toContain(`tasks: ${s.tasks}`);
        expect(h).toContain(`${s.toRun} to run`);
      }
      expect(await c.close()).toBe(0);
    });
  });

  it("publishes lint's diagnostics after the check's, as `dflow lint --format json` reports them", { timeout: 60_000 }, async () => {
    const out = mkdtempSync(path.join(tmpdir(), "dflow-lsp-lint-"));
    const c = await start({ out });
    try {
      const file = path.join(ROOT, "test/fixtures/lint/warn.dflow");
      const cli = JSON.parse(spawnSync("node", [DFLOW, "lint", "--format", "json", file, "--out", out], { encoding: "utf8" }).stdout) as {
        code: string;
        message: string;
        primary: { line: number; column: number };
      }[];
      expect(cli.length).toBeGreaterThan(0);
      const lint = c.next((m) => diagnosticsFor(uriOf(file), 1)(m) && (m.params as { diagnostics: unknown[] }).diagnostics.length > 0);
      expect(await open(c, file)).toEqual([]);
      const got = ((await lint).params as { diagnostics: LspDiag[] }).diagnostics;
      const key = (code: string, line: number, col: number, message: string): string => `${line}:${col} ${code} ${message}`;
      // The same list in the same order.
      expect(got.map((d) => key(d.code, d.range.start.line, d.range.start.character, d.message.split("\nhelp: ")[0]!))).toEqual(
        cli.map((d) => key(d.code, d.primary.line - 1, d.primary.column - 1, d.message)),
      );
      expect(await c.close()).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("publishes the diagnostics of `dflow check --format json` on broken files", { timeout: 120_000 }, async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), "dflow-lsp-broken-"));
    const syntax = path.join(tmp, "syntax.dflow");
    writeFileSync(syntax, 'pipeline broken\ngrid n = 0..3\nproduct p[n] : Num at "p-{n}.json"\nstage s[i: n] {\n  out p[i]\n  kernel k.make\n');
    const names = path.join(tmp, "names.dflow");
    writeFileSync(names, "pipeline names\ngrid n = 0..3\ngrid n = 0..4\nparam x: int = y + 1\nstage s[i: m] {\n  in q[i]\n}\n");
    // A misspelt param in a stage param (`param nside = sidex`), beside a stage in the example pipeline's text.
    const stageParam = path.join(tmp, "stageparam.dflow");
    writeFileSync(stageParam, readFileSync(path.join(ROOT, "pipelines/example.dflow"), "utf8").replace("param nside = nside", "param nside = sidex"));
    const files = [
      path.join(ROOT, "test/fixtures/check/every-error.dflow"),
      syntax,
      names,
      stageParam,
      path.join(ROOT, "test/fixtures/adversarial/adversarial.dflow"),
    ];
    const c = await start({ out: tmp });
    try {
      for (const file of files) {
        const cli = JSON.parse(spawnSync("node", [DFLOW, "check", "--format", "json", file], { encoding: "utf8", cwd: ROOT }).stdout) as {
          code: string;
          message: string;
          primary?: { file: string; line: number; column: number; endLine: number; endColumn: number };
        }[];
        const mine = path.relative(ROOT, file);
        const expected = cli.map((d) => ({
          code: d.code,
          message: d.message,
          at:
            d.primary !== undefined && path.resolve(ROOT, d.primary.file) === path.resolve(ROOT, mine)
              ? [d.primary.line - 1, d.primary.column - 1, d.primary.endLine - 1, d.primary.endColumn - 1]
              : [0, 0, 0, 0],
        }));
        const raw = await open(c, file);
        const got = raw.map((d) => ({
          code: d.code,
          message: d.message.split("\nhelp: ")[0]!.replace(/ \(in [^)]*\)$/, ""),
          at: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
        }));
        const key = (x: { code: string; at: number[]; message: string }): string => `${x.at.join(":")} ${x.code} ${x.message}`;
        // The same list in the same order.
        expect(got.map(key), mine).toEqual(expected.map(key));
        if (file !== files[4]) expect(expected.length, mine).toBeGreaterThan(0);
        // With its did-you-mean, the quick fix's text.
        if (file === stageParam) expect(raw.map((d) => [d.code, d.data?.suggestions])).toEqual([["DF2002", ["nside"]]]);
      }
      expect(await c.close()).toBe(0);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
