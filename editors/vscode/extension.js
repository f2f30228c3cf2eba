// The dflow extension: starts `dflow lsp` and connects VS Code to it. A small client of the
// Language Server Protocol written against VS Code's API (JSON-RPC with Content-Length framing
// over the server's stdio), so that the extension has no dependency of its own.
"use strict";
const vscode = require("vscode");
const { spawn } = require("node:child_process");

/** A JSON-RPC connection over a child process's stdio. */
class Connection {
  constructor(child, onNotification) {
    this.child = child;
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.onNotification = onNotification;
    child.stdout.on("data", (d) => this.read(d));
  }
  read(d) {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const head = this.buffer.indexOf("\r\n\r\n");
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, head).toString())?.[1]);
      if (this.buffer.length < head + 4 + len) return;
      const m = JSON.parse(this.buffer.subarray(head + 4, head + 4 + len).toString());
      this.buffer = this.buffer.subarray(head + 4 + len);
      if (m.id !== undefined && m.method === undefined) {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (p !== undefined && m.error !== undefined) p.reject(new Error(m.error.message));
        else if (p !== undefined) p.resolve(m.result);
      } else if (m.id !== undefined) this.send({ jsonrpc: "2.0", id: m.id, result: null });
      else this.onNotification(m);
    }
  }
  send(m) {
    const body = JSON.stringify(m);
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: "2.0", id, method, params });
    });
  }
  notify(method, params) {
    this.send({ jsonrpc: "2.0", method, params });
  }
}

const pos = (p) => new vscode.Position(p.line, p.character);
const range = (r) => new vscode.Range(pos(r.start), pos(r.end));
const lspPos = (p) => ({ line: p.line, character: p.character });
const lspRange = (r) => ({ start: lspPos(r.start), end: lspPos(r.end) });
const location = (l) => new vscode.Location(vscode.Uri.parse(l.uri), range(l.range));
const SEVERITY = {
  1: vscode.DiagnosticSeverity.Error,
  2: vscode.DiagnosticSeverity.Warning,
  3: vscode.DiagnosticSeverity.Information,
  4: vscode.DiagnosticSeverity.Hint,
};

function toDiagnostic(d) {
  const v = new vscode.Diagnostic(range(d.range), d.message, SEVERITY[d.severity] ?? vscode.DiagnosticSeverity.Error);
  v.code = d.code;
  v.source = "dflow";
  v.lsp = d;
  return v;
}

function workspaceEdit(e) {
  const out = new vscode.WorkspaceEdit();
  for (const [uri, edits] of Object.entries(e?.changes ?? {})) for (const t of edits) out.replace(vscode.Uri.parse(uri), range(t.range), t.newText);
  return out;
}

let child;
let connection;

/** Called by VS Code when a `.dflow` file opens: starts the server and registers the providers. */
async function activate(context) {
  const cfg = vscode.workspace.getConfiguration("dflow");
  const command = cfg.get("path", "dflow");
  const folder = vscode.workspace.workspaceFolders?.[0];
  child = spawn(command, ["lsp", "--stdio"], { cwd: folder?.uri.fsPath, shell: process.platform === "win32" });
  const output = vscode.window.createOutputChannel("dflow");
  child.stderr.on("data", (d) => output.append(d.toString()));
  child.on("error", (e) => void vscode.window.showErrorMessage(`dflow: cannot start \`${command} lsp\`: ${e.message} (set dflow.path)`));
  const diagnostics = vscode.languages.createDiagnosticCollection("dflow");
  connection = new Connection(child, (m) => {
    if (m.method === "textDocument/publishDiagnostics") diagnostics.set(vscode.Uri.parse(m.params.uri), m.params.diagnostics.map(toDiagnostic));
  });
  await connection.request("initialize", {
    processId: process.pid,
    rootUri: folder?.uri.toString() ?? null,
    capabilities: {},
    initializationOptions: { ...(cfg.get("out") ? { out: cfg.get("out") } : {}), ...(cfg.get("profile") ? { profile: cfg.get("profile") } : {}) },
  });
  connection.notify("initialized", {});
  const isDflow = (doc) => doc.languageId === "dflow";
  const open = (doc) =>
    isDflow(doc) &&
    connection.notify("textDocument/didOpen", { textDocument: { uri: doc.uri.toString(), languageId: "dflow", version: doc.version, text: doc.getText() } });
  vscode.workspace.textDocuments.forEach(open);
  const td = (doc) => ({ uri: doc.uri.toString() });
  const at = (doc, p) => ({ textDocument: td(doc), position: lspPos(p) });
  const sel = { language: "dflow" };
  context.subscriptions.push(
    diagnostics,
    output,
    vscode.workspace.onDidOpenTextDocument(open),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!isDflow(e.document)) return;
      connection.notify("textDocument/didChange", {
        textDocument: { uri: e.document.uri.toString(), version: e.document.version },
        contentChanges: [{ text: e.document.getText() }],
      });
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => isDflow(doc) && connection.notify("textDocument/didSave", { textDocument: td(doc) })),
    vscode.workspace.onDidCloseTextDocument((doc) => isDflow(doc) && connection.notify("textDocument/didClose", { textDocument: td(doc) })),
    vscode.languages.registerHoverProvider(sel, {
      async provideHover(doc, p) {
        const h = await connection.request("textDocument/hover", at(doc, p));
        return h ? new vscode.Hover(new vscode.MarkdownString(h.contents.value), h.range ? range(h.range) : undefined) : undefined;
      },
    }),
    vscode.languages.registerDefinitionProvider(sel, {
      async provideDefinition(doc, p) {
        const l = await connection.request("textDocument/definition", at(doc, p));
        return l ? location(l) : undefined;
      },
    }),
    vscode.languages.registerReferenceProvider(sel, {
      async provideReferences(doc, p, ctx) {
        return ((await connection.request("textDocument/references", { ...at(doc, p), context: ctx })) ?? []).map(location);
      },
    }),
    vscode.languages.registerRenameProvider(sel, {
      async provideRenameEdits(doc, p, newName) {
        return workspaceEdit(await connection.request("textDocument/rename", { ...at(doc, p), newName }));
      },
    }),
    vscode.languages.registerCompletionItemProvider(
      sel,
      {
        async provideCompletionItems(doc, p) {
          const items = (await connection.request("textDocument/completion", at(doc, p))) ?? [];
          return items.map((i) => Object.assign(new vscode.CompletionItem(i.label, (i.kind ?? 1) - 1), { detail: i.detail }));
        },
      },
      ".",
    ),
    vscode.languages.registerDocumentSymbolProvider(sel, {
      async provideDocumentSymbols(doc) {
        const syms = (await connection.request("textDocument/documentSymbol", { textDocument: td(doc) })) ?? [];
        return syms.map((s) => new vscode.DocumentSymbol(s.name, s.detail ?? "", s.kind - 1, range(s.range), range(s.selectionRange)));
      },
    }),
    vscode.languages.registerDocumentFormattingEditProvider(sel, {
      async provideDocumentFormattingEdits(doc, options) {
        const edits = (await connection.request("textDocument/formatting", { textDocument: td(doc), options })) ?? [];
        return edits.map((e) => vscode.TextEdit.replace(range(e.range), e.newText));
      },
    }),
    vscode.languages.registerCodeActionsProvider(sel, {
      async provideCodeActions(doc, r, ctx) {
        const diags = ctx.diagnostics.flatMap((d) => (d.lsp ? [d.lsp] : []));
        const actions =
          (await connection.request("textDocument/codeAction", { textDocument: td(doc), range: lspRange(r), context: { diagnostics: diags } })) ?? [];
        return actions.map((a) =>
          Object.assign(new vscode.CodeAction(a.title, vscode.CodeActionKind.QuickFix), { edit: workspaceEdit(a.edit), isPreferred: a.isPreferred }),
        );
      },
    }),
  );
}

/** Called by VS Code on shutdown: asks the server to exit. */
async function deactivate() {
  if (connection === undefined) return;
  try {
    await connection.request("shutdown", null);
    connection.notify("exit", null);
  } catch {
    child?.kill();
  }
}

module.exports = { activate, deactivate, Connection };
