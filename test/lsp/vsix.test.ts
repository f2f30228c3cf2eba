/**
 * The VS Code extension (editors/vscode) and its `.vsix` (scripts/vsix.ts): the zip read back by
 * Python's zipfile (CRCs tested), the manifest's fields and assets, the TextMate grammar against
 * the lexer's keywords and the real pipelines, and the extension's own LSP client talking to
 * `dflow lsp` (dist/dflow.js; `npm run build` first) with VS Code's API stubbed.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { buildVsix, crc32, EXTENSION_FILES } from "../../scripts/vsix.js";
import { keywordWords } from "../../src/syntax/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const EXT = path.join(ROOT, "editors/vscode");

interface Grammar {
  scopeName: string;
  patterns: { include: string }[];
  repository: Record<string, { match?: string; begin?: string; end?: string; name?: string; patterns?: { match: string }[] }>;
}

describe("the VS Code extension", () => {
  it("computes CRC-32 as zlib does", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("packages a .vsix that a zip reader accepts, with vsce's layout and a manifest VS Code reads", () => {
    const v = buildVsix(EXT);
    expect(v.name).toBe(`dflow-${v.manifest.version}.vsix`);
    const tmp = mkdtempSync(path.join(tmpdir(), "dflow-vsix-"));
    try {
      const file = path.join(tmp, v.name);
      writeFileSync(file, v.bytes);
      const py = `import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({"bad": z.testzip(), "names": z.namelist(), "pkg": json.loads(z.read("extension/package.json")), "manifest": z.read("extension.vsixmanifest").decode()}))`;
      const got = JSON.parse(execFileSync("/usr/bin/python3", ["-c", py, file], { encoding: "utf8" })) as {
        bad: string | null;
        names: string[];
        pkg: Record<string, unknown> & {
          contributes: {
            languages: { id: string; extensions: string[]; configuration: string }[];
            grammars: { language: string; scopeName: string; path: string }[];
          };
        };
        manifest: string;
      };
      expect(got.bad).toBeNull();
      expect(got.names).toEqual(["[Content_Types].xml", "extension.vsixmanifest", ...EXTENSION_FILES.map((f) => `extension/${f}`)]);
      // vsce's required fields, and what VS Code needs to start the extension on a .dflow file.
      expect(got.pkg.name).toBe("dflow");
      expect(got.pkg.publisher).toMatch(/^[a-z0-9-]+$/);
      expect(got.pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect((got.pkg.engines as { vscode: string }).vscode).toMatch(/^\^1\.\d+\.\d+$/);
      expect(got.pkg.activationEvents).toEqual(["onLanguage:dflow"]);
      expect(got.names).toContain(`extension/${String(got.pkg.main).replace(/^\.\//, "")}`);
      const lang = got.pkg.contributes.languages[0]!;
      expect(lang).toMatchObject({ id: "dflow", extensions: [".dflow"] });
      expect(got.names).toContain(`extension/${lang.configuration.replace(/^\.\//, "")}`);
      const grammar = got.pkg.contributes.grammars[0]!;
      expect(grammar).toMatchObject({ language: "dflow", scopeName: "source.dflow" });
      expect(got.names).toContain(`extension/${grammar.path.replace(/^\.\//, "")}`);
      // The manifest carries the package's identity and engine.
      expect(got.manifest).toContain(`<Identity Language="en-US" Id="dflow" Version="${String(got.pkg.version)}" Publisher="${String(got.pkg.publisher)}" />`);
      expect(got.manifest).toContain(`<Property Id="Microsoft.VisualStudio.Code.Engine" Value="${(got.pkg.engines as { vscode: string }).vscode}" />`);
      expect(got.manifest).toContain('Path="extension/package.json"');
      // The same sources give the same bytes.
      expect(buildVsix(EXT).bytes.equals(v.bytes)).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("has a TextMate grammar that knows every keyword of the lexer and colours the real pipelines", () => {
    const g = JSON.parse(readFileSync(path.join(EXT, "syntaxes/dflow.tmLanguage.json"), "utf8")) as Grammar;
    expect(g.scopeName).toBe("source.dflow");
    for (const p of g.patterns) expect(g.repository[p.include.slice(1)], p.include).toBeDefined();
    // Every regex compiles (the grammar uses no Oniguruma-only syntax).
    const rules = Object.values(g.repository)
      .flatMap((r) => [r.match, r.begin, r.end, ...(r.patterns ?? []).map((p) => p.match)])
      .filter((x) => x !== undefined);
    for (const re of rules) expect(() => new RegExp(re), re).not.toThrow();
    const keyword = new RegExp(`^(?:${g.repository.keyword!.match!})$`);
    for (const w of keywordWords) expect(keyword.test(w), w).toBe(true);
    expect(keyword.test("stages")).toBe(false);
    const comment = new RegExp(g.repository.comment!.match!);
    const declaration = new RegExp(g.repository.declaration!.match!);
    const config = JSON.parse(readFileSync(path.join(EXT, "language-configuration.json"), "utf8")) as { comments: { lineComment: string } };
    for (const f of ["pipelines/example.dflow", "pipelines/twopct.dflow"]) {
      const lines = readFileSync(path.join(ROOT, f), "utf8").split("\n");
      for (const l of lines.filter((x) => x.trimStart().startsWith(config.comments.lineComment))) expect(comment.exec(l)?.index, l).toBe(l.indexOf("#"));
      for (const l of lines.filter((x) => /^(stage|product|grid|param) /.test(x))) expect(declaration.exec(l)?.[2], l).toBe(/^\w+ (\w+)/.exec(l)![1]);
    }
  });

  it("starts `dflow lsp` with its own client and receives the server's diagnostics", { timeout: 60_000 }, async () => {
    expect(spawnSync("node", ["--check", path.join(EXT, "extension.js")]).status).toBe(0);
    const tmp = mkdtempSync(path.join(tmpdir(), "dflow-ext-"));
    try {
      // VS Code's API, stubbed with what the module reads when it loads.
      mkdirSync(path.join(tmp, "node_modules/vscode"), { recursive: true });
      writeFileSync(
        path.join(tmp, "node_modules/vscode/index.js"),
        "module.exports = { DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 } };\n",
      );
      writeFileSync(path.join(tmp, "package.json"), '{ "type": "commonjs" }\n');
      writeFileSync(path.join(tmp, "extension.js"), readFileSync(path.join(EXT, "extension.js")));
      const { Connection } = createRequire(path.join(tmp, "extension.js"))(path.join(tmp, "extension.js")) as {
        Connection: new (
          child: unknown,
          onNotification: (m: { method: string; params: { uri: string; diagnostics: { code: string }[] } }) => void,
        ) => {
          request(method: string, params: unknown): Promise<{ capabilities: Record<string, unknown> } | null>;
          notify(method: string, params: unknown): void;
        };
      };
      const child = spawn("node", [path.join(ROOT, "dist/dflow.js"), "lsp", "--stdio"], { cwd: ROOT });
      let resolveDiags: (d: { code: string }[]) => void = () => undefined;
      const diags = new Promise<{ code: string }[]>((r) => (resolveDiags = r));
      const conn = new Connection(child, (m) => {
        if (m.method === "textDocument/publishDiagnostics") resolveDiags(m.params.diagnostics);
      });
      const init = await conn.request("initialize", { processId: null, rootUri: pathToFileURL(ROOT).href, capabilities: {} });
      expect(init?.capabilities).toMatchObject({ hoverProvider: true, completionProvider: { triggerCharacters: ["."] } });
      conn.notify("initialized", {});
      const uri = pathToFileURL(path.join(tmp, "broken.dflow")).href;
      conn.notify("textDocument/didOpen", { textDocument: { uri, languageId: "dflow", version: 1, text: "pipeline p\ngrid n = 0..3\nstage s[i: m] {\n}\n" } });
      expect((await diags).map((d) => d.code)).toContain("DF2002");
      const exited = new Promise((r) => child.on("exit", r));
      await conn.request("shutdown", null);
      conn.notify("exit", null);
      expect(await exited).toBe(0);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
