/**
 * The VS Code extension (editors/vscode) and its `.vsix` (scripts/vsix.ts): the zip read back by
 * Python's zipfile (CRCs tested), the manifest's fields and assets, the TextMate grammar against
 * the lexer's keywords and the real pipelines, and the bundled extension.js (vscode-languageclient)
 * run by Node against `dflow lsp` (dist/dflow.js; `npm run build` first) with VS Code's API stubbed:
 * the stub stands for VS Code, so what VS Code itself does with the providers is not tested here.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
print(json.dumps({"bad": z.testzip(), "names": z.namelist(), "pkg": json.loads(z.read("extension/package.json")), "manifest": z.read("extension.vsixmanifest").decode(), "notices": z.read("extension/ThirdPartyNotices.txt").decode()}))`;
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
        notices: string;
      };
      expect(got.bad).toBeNull();
      const [pkg, ...rest] = EXTENSION_FILES.map((f) => `extension/${f}`);
      expect(got.names).toEqual(["[Content_Types].xml", "extension.vsixmanifest", pkg, "extension/extension.js", ...rest, "extension/ThirdPartyNotices.txt"]);
      // The licences of what extension.js bundles travel with it.
      expect(got.notices).toMatch(/^vscode-languageclient 9\.0\.1 \(MIT\)$/m);
      expect(got.notices).toContain("Copyright (c) Microsoft Corporation");
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

  it("bundles an extension.js that, with VS Code's API stubbed, starts `dflow lsp` through vscode-languageclient", { timeout: 60_000 }, () => {
    const tmp = mkdtempSync(path.join(tmpdir(), "dflow-ext-"));
    try {
      // The extension.js of the .vsix, loaded by Node with a stub `vscode` module beside it.
      const py = "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read('extension/extension.js'))";
      writeFileSync(path.join(tmp, "ext.vsix"), buildVsix(EXT).bytes);
      writeFileSync(path.join(tmp, "extension.js"), execFileSync("/usr/bin/python3", ["-c", py, path.join(tmp, "ext.vsix")]));
      mkdirSync(path.join(tmp, "node_modules/vscode"), { recursive: true });
      writeFileSync(path.join(tmp, "node_modules/vscode/index.js"), VSCODE_STUB);
      writeFileSync(path.join(tmp, "package.json"), '{ "type": "commonjs" }\n');
      // The `dflow.path` command: records its arguments and the client's messages, then runs the server.
      const dflow = path.join(tmp, "dflow");
      writeFileSync(dflow, `#!/bin/sh\necho "$@" > "${tmp}/argv"\ntee "${tmp}/stdin" | exec node "${path.join(ROOT, "dist/dflow.js")}" "$@"\n`, {
        mode: 0o755,
      });
      const run = (version: string): { out: string; status: number | null } => {
        const script = `const v = require("vscode");
v.version = ${JSON.stringify(version)};
Object.assign(v.config, { path: ${JSON.stringify(dflow)}, out: "out/x", profile: "full" });
const e = require("./extension.js");
// A .dflow document open in the editor when the extension starts.
const text = "pipeline p\\ngrid n = 0..3\\nstage s[i: m] {\\n}\\n";
v.workspace.textDocuments.push({ uri: v.Uri.parse(${JSON.stringify(pathToFileURL(path.join(tmp, "broken.dflow")).href)}), languageId: "dflow", version: 1, getText: () => text, isClosed: false });
const diagnostics = () => new Promise((resolve) => { const t = setInterval(() => { if (v.calls.some((c) => c.name === "diagnostics")) { clearInterval(t); resolve(); } }, 20); });
e.activate({ subscriptions: [] })
  .then(diagnostics)
  .then(() => { console.log(JSON.stringify(v.calls)); return e.deactivate(); })
  .then(() => console.log("stopped"), (x) => console.log("failed: " + x.message));`;
        const r = spawnSync("node", ["-e", script], { cwd: tmp, encoding: "utf8", timeout: 45_000 });
        return { out: r.stdout, status: r.status };
      };
      const r = run("1.82.0");
      const [callsLine, last] = r.out.trim().split("\n");
      expect(last).toBe("stopped");
      expect(r.status).toBe(0);
      expect(readFileSync(path.join(tmp, "argv"), "utf8").trim()).toBe("lsp --stdio");
      // The client initialized the server with the settings, and the server's capabilities
      // registered every provider: the features of docs/editor.md, with `.` triggering completion.
      const sent = readFileSync(path.join(tmp, "stdin"), "utf8")
        .split(/Content-Length: \d+\r\n\r\n/)
        .filter((m) => m !== "")
        .map((m) => JSON.parse(m) as { method?: string; params?: { initializationOptions?: unknown } });
      expect(sent.map((m) => m.method)).toEqual(expect.arrayContaining(["initialize", "initialized", "shutdown", "exit"]));
      expect(sent.find((m) => m.method === "initialize")?.params?.initializationOptions).toEqual({ out: "out/x", profile: "full" });
      const calls = JSON.parse(callsLine!) as { name: string; args: unknown[] }[];
      const providers = calls.filter((c) => c.name.startsWith("register")).map((c) => c.name);
      expect(providers.sort()).toEqual(
        [
          "registerCodeActionsProvider",
          "registerCompletionItemProvider",
          "registerDefinitionProvider",
          "registerDocumentFormattingEditProvider",
          "registerDocumentSymbolProvider",
          "registerHoverProvider",
          "registerReferenceProvider",
          "registerRenameProvider",
        ].sort(),
      );
      expect(calls.find((c) => c.name === "registerCompletionItemProvider")?.args).toEqual([[{ language: "dflow" }], "object", "."]);
      // The open document went to the server, and its diagnostics came back into VS Code's collection.
      expect(sent.find((m) => m.method === "textDocument/didOpen")).toBeDefined();
      const diags = calls.find((c) => c.name === "diagnostics")?.args as [string, { code: string; severity: number }[]];
      expect(diags[0]).toBe(pathToFileURL(path.join(tmp, "broken.dflow")).href);
      expect(diags[1]).toContainEqual(expect.objectContaining({ code: "DF2002", severity: 0 }));
      // The server asked the client to watch TypeScript files (kernels, data-model types), and the client made VS Code's watcher.
      expect(calls.filter((c) => c.name === "createFileSystemWatcher").map((c) => c.args[0])).toContain("**/*.ts");
      // The client refuses a VS Code older than package.json's engine.
      expect(run("1.75.0").out).toContain("failed: The language client requires VS Code version ^1.82.0");
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

/** VS Code's API as far as the bundled client reads it while loading, starting and stopping; calls are recorded. */
const VSCODE_STUB = String.raw`"use strict";
const calls = [];
const disposable = () => ({ dispose() {} });
// Providers and listeners are recorded as "object" or "function"; selectors and trigger characters as they are.
const record = (name) => (...args) => (calls.push({ name, args: args.map((a) => (typeof a === "function" ? "function" : a !== null && typeof a === "object" && !Array.isArray(a) ? "object" : a)) }), disposable());
class EventEmitter {
  constructor() { this.listeners = []; this.event = (l) => (this.listeners.push(l), { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) }); }
  fire(e) { for (const l of this.listeners) l(e); }
  dispose() { this.listeners = []; }
}
const config = { path: "dflow", out: "", profile: "" };
const api = {
  version: "1.82.0",
  calls,
  config,
  EventEmitter,
  Disposable: class { constructor(f) { this.dispose = f; } static from(...d) { return { dispose: () => d.forEach((x) => x.dispose()) }; } },
  env: { appName: "stub", language: "en" },
  workspace: {
    workspaceFolders: undefined,
    textDocuments: [],
    getConfiguration: (section) => ({ get: (k, d) => (section === "dflow" && k in config ? config[k] : d) }),
    createFileSystemWatcher: (glob) => (calls.push({ name: "createFileSystemWatcher", args: [typeof glob === "string" ? glob : "object"] }), { onDidCreate: disposable, onDidChange: disposable, onDidDelete: disposable, dispose() {} }),
  },
  window: {
    createOutputChannel: (name) => (calls.push({ name: "createOutputChannel", args: [name] }), { name, append() {}, appendLine() {}, replace() {}, clear() {}, show() {}, hide() {}, dispose() {} }),
  },
  languages: {
    createDiagnosticCollection: (name) => ({ name, set: (uri, d) => calls.push({ name: "diagnostics", args: [String(uri), d.map((x) => ({ code: x.code, message: x.message, severity: x.severity }))] }), delete() {}, clear() {}, forEach() {}, get() {}, has() {}, dispose() {} }),
  },
};
for (const e of ["onDidOpenTextDocument", "onDidChangeTextDocument", "onDidCloseTextDocument", "onWillSaveTextDocument", "onDidSaveTextDocument", "onDidCreateFiles", "onDidRenameFiles", "onDidDeleteFiles", "onWillCreateFiles", "onWillRenameFiles", "onWillDeleteFiles", "onDidChangeConfiguration", "onDidChangeWorkspaceFolders"])
  api.workspace[e] = record(e);
for (const p of ["Hover", "Definition", "Reference", "DocumentSymbol", "CodeActions", "DocumentFormattingEdit", "Rename", "CompletionItem"]) api.languages["register" + p + "Provider"] = record("register" + p + "Provider");
// Classes the client extends or instantiates.
for (const c of ["CallHierarchyItem", "CancellationError", "CodeAction", "CodeLens", "CompletionItem", "DocumentLink", "InlayHint", "SymbolInformation", "TypeHierarchyItem", "Location"]) api[c] = class {};
api.Position = class { constructor(line, character) { Object.assign(this, { line, character }); } };
api.Range = class { constructor(start, end) { Object.assign(this, { start, end }); } };
api.Diagnostic = class { constructor(range, message, severity) { Object.assign(this, { range, message, severity }); } };
api.DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
api.Uri = class { constructor(s) { this.s = s; } static parse(s) { return new api.Uri(s); } toString() { return this.s; } };
api.languages.match = (selector, doc) => (selector.some((s) => s.language === doc.languageId) ? 10 : 0);
api.CodeActionKind = Object.fromEntries(["Empty", "QuickFix", "Refactor", "RefactorExtract", "RefactorInline", "RefactorRewrite", "Source", "SourceOrganizeImports", "SourceFixAll"].map((k) => [k, { value: k }]));
api.CancellationTokenSource = class { constructor() { this.token = { isCancellationRequested: false, onCancellationRequested: () => disposable() }; } cancel() { this.token.isCancellationRequested = true; } dispose() {} };
module.exports = api;
`;
