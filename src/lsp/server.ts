import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type Location,
  type Range,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { lookupCode } from "../diag/codes.js";
import type { TsLoc } from "../kernels/index.js";
import { printProgram } from "../syntax/index.js";
import type { Span } from "../util/Span.js";
import { analyze, IndexCache, lintOf, planOf, type Analysis, type AnalysisSettings } from "./analyze.js";
import { completionsAt, type Completion } from "./complete.js";
import { hoverText } from "./hover.js";
import { occurrenceAt, occurrencesOf } from "./symbols.js";

const KINDS: Record<Completion["kind"], CompletionItemKind> = {
  name: CompletionItemKind.Variable,
  attribute: CompletionItemKind.Field,
  kernel: CompletionItemKind.Function,
  unit: CompletionItemKind.Unit,
  param: CompletionItemKind.Property,
  keyword: CompletionItemKind.Keyword,
};

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, note: DiagnosticSeverity.Information } as const;

/** A diagnostic of the compiler as LSP's: the primary span when it lies in the document, else the document's start. */
export function toLspDiagnostic(d: Diagnostic, a: Analysis, doc: TextDocument): LspDiagnostic {
  const range = (s: Span | undefined): Range =>
    s !== undefined && s.file === a.file.id
      ? { start: doc.positionAt(s.start), end: doc.positionAt(s.end) }
      : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const elsewhere = d.primary !== undefined && d.primary.span.file !== a.file.id ? a.sources.get(d.primary.span.file)?.path : undefined;
  const related = (d.secondary ?? [])
    .filter((l) => l.span.file === a.file.id)
    .map((l) => ({ location: { uri: doc.uri, range: range(l.span) }, message: l.message }));
  return {
    range: range(d.primary?.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: "dflow",
    message: d.message + (elsewhere !== undefined ? ` (in ${elsewhere})` : "") + (d.help !== undefined ? `\nhelp: ${d.help}` : ""),
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    ...(d.suggestions !== undefined && d.suggestions.length > 0 ? { data: { suggestions: d.suggestions } } : {}),
  };
}

const tsLocation = (loc: TsLoc): Location => ({
  uri: pathToFileURL(loc.file).href,
  range: { start: { line: loc.line - 1, character: loc.column - 1 }, end: { line: loc.line - 1, character: loc.column - 1 } },
});

/**
 * The language server of `.dflow` files on `connection`: every version of an open document is
 * parsed, checked and bound once (the check's diagnostics published as soon as they are known,
 * lint's after); plans are computed once per version when a hover needs them.
 */
export function startServer(connection: Connection, cwdDefault: string): Promise<void> {
  const documents = new TextDocuments(TextDocument);
  const indexes = new IndexCache();
  const analyses = new Map<string, Promise<Analysis>>();
  let settings: AnalysisSettings = { cwd: cwdDefault };

  const analysisOf = (doc: TextDocument): Promise<Analysis> => {
    const key = `${doc.uri}@${doc.version}`;
    let a = analyses.get(key);
    if (a === undefined) {
      for (const k of analyses.keys()) if (k.startsWith(`${doc.uri}@`)) analyses.delete(k);
      // An unsaved document (`untitled:`) is analysed as a file of the workspace folder.
      const file = doc.uri.startsWith("file:") ? fileURLToPath(doc.uri) : path.join(settings.cwd, "untitled.dflow");
      a = analyze(file, doc.getText(), doc.version, indexes);
      analyses.set(key, a);
    }
    return a;
  };
  const current = (uri: string): TextDocument | undefined => documents.get(uri);

  const publish = async (doc: TextDocument): Promise<void> => {
    const a = await analysisOf(doc);
    if (current(doc.uri)?.version !== a.version) return;
    const checkDiags = a.diagnostics.map((d) => toLspDiagnostic(d, a, doc));
    await connection.sendDiagnostics({ uri: doc.uri, version: a.version, diagnostics: checkDiags });
    if (a.bound === undefined) return;
    // Lint (plan-based) follows, once per version, when nothing newer has come.
    setImmediate(() => {
      if (current(doc.uri)?.version !== a.version) return;
      void lintOf(a, settings).then(async (lint) => {
        if (current(doc.uri)?.version !== a.version || lint.length === 0) return;
        await connection.sendDiagnostics({ uri: doc.uri, version: a.version, diagnostics: [...checkDiags, ...lint.map((d) => toLspDiagnostic(d, a, doc))] });
      });
    });
  };

  connection.onInitialize((params) => {
    const opts = (params.initializationOptions ?? {}) as { out?: unknown; profile?: unknown };
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    settings = {
      cwd: root !== undefined && root !== null ? fileURLToPath(root) : cwdDefault,
      ...(typeof opts.out === "string" ? { out: opts.out } : {}),
      ...(typeof opts.profile === "string" ? { profile: opts.profile } : {}),
    };
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: false },
        completionProvider: { triggerCharacters: ["."] },
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: "dflow" },
    };
  });
  documents.onDidChangeContent((e) => void publish(e.document));
  documents.onDidClose((e) => {
    for (const k of analyses.keys()) if (k.startsWith(`${e.document.uri}@`)) analyses.delete(k);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  // Kernels or the data model changed on disk: read them again.
  documents.onDidSave(() => indexes.clear());
  connection.onDidChangeWatchedFiles(() => indexes.clear());
  registerQueries(connection, documents, analysisOf, () => settings);
  documents.listen(connection);
  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    connection.onShutdown(() => undefined);
    connection.listen();
  });
}

type AnalysisOf = (doc: TextDocument) => Promise<Analysis>;

/** The requests that read an analysis: hover, definition, references, rename, completion, symbols, formatting, code actions. */
function registerQueries(connection: Connection, documents: TextDocuments<TextDocument>, analysisOf: AnalysisOf, settings: () => AnalysisSettings): void {
  const at = async (uri: string, pos: { line: number; character: number }) => {
    const doc = documents.get(uri);
    if (doc === undefined) return undefined;
    const a = await analysisOf(doc);
    const o = a.symbols !== undefined ? occurrenceAt(a.symbols, doc.offsetAt(pos)) : undefined;
    return { doc, a, o };
  };
  const rangeOf = (doc: TextDocument, s: Span): Range => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) });

  connection.onHover(async (p) => {
    const r = await at(p.textDocument.uri, p.position);
    if (r?.o === undefined) return null;
    const text = await hoverText(r.a, r.o, () => planOf(r.a, settings()));
    return text !== undefined ? { contents: { kind: "markdown", value: "```\n" + text + "\n```" }, range: rangeOf(r.doc, r.o.span) } : null;
  });
  connection.onDefinition(async (p) => {
    const r = await at(p.textDocument.uri, p.position);
    if (r?.o === undefined) return null;
    const idx = r.a.checked?.index;
    const ns = r.o.key.split(":")[0];
    if (ns === "kernel") {
      const k = idx?.kernels.find((x) => x.name === r.o!.name);
      return k !== undefined ? tsLocation(k.loc) : null;
    }
    if (ns === "type") {
      const t = idx?.types.find((x) => x.name === r.o!.name.split(".").pop());
      return t !== undefined ? tsLocation(t.loc) : null;
    }
    const d = r.a.symbols?.decls.get(r.o.key);
    return d !== undefined ? { uri: r.doc.uri, range: rangeOf(r.doc, d.span) } : null;
  });
  connection.onReferences(async (p) => {
    const r = await at(p.textDocument.uri, p.position);
    if (r?.o === undefined || r.a.symbols === undefined) return [];
    return occurrencesOf(r.a.symbols, r.o.key)
      .filter((o) => p.context.includeDeclaration || !o.decl)
      .map((o) => ({ uri: r.doc.uri, range: rangeOf(r.doc, o.span) }));
  });
  connection.onRenameRequest(async (p) => {
    const r = await at(p.textDocument.uri, p.position);
    if (r?.o === undefined || r.a.symbols === undefined) return null;
    // Kernels and data-model types are named in TypeScript: renamed there, not here.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.newName) || /^(kernel|type):/.test(r.o.key)) return null;
    const edits = occurrencesOf(r.a.symbols, r.o.key).map((o) => ({ range: rangeOf(r.doc, o.span), newText: p.newName }));
    return { changes: { [r.doc.uri]: edits } };
  });
  connection.onCompletion(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    if (doc === undefined) return [];
    const a = await analysisOf(doc);
    return completionsAt(a, doc.getText(), doc.offsetAt(p.position)).map((c) => ({
      label: c.label,
      kind: KINDS[c.kind],
      ...(c.detail !== undefined ? { detail: c.detail } : {}),
    }));
  });
  connection.onDocumentSymbol(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    if (doc === undefined) return [];
    const a = await analysisOf(doc);
    return (a.parsed?.ast.decls ?? []).flatMap((d): DocumentSymbol[] => {
      if (d.kind === "Import") return [];
      const kind = {
        Param: SymbolKind.Constant,
        Profile: SymbolKind.Namespace,
        Grid: SymbolKind.Enum,
        Relation: SymbolKind.Interface,
        Product: SymbolKind.File,
        Stage: SymbolKind.Function,
      }[d.kind];
      return [{ name: d.name.value, detail: d.kind.toLowerCase(), kind, range: rangeOf(doc, d.loc), selectionRange: rangeOf(doc, d.name.loc) }];
    });
  });
  connection.onDocumentFormatting(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    if (doc === undefined) return [];
    const a = await analysisOf(doc);
    if (a.parsed === undefined || !a.syntaxOk) return [];
    const text = printProgram(a.parsed, a.file.text);
    return text === a.file.text ? [] : [{ range: { start: doc.positionAt(0), end: doc.positionAt(a.file.text.length) }, newText: text }];
  });
  connection.onCodeAction((p) =>
    p.context.diagnostics.flatMap((d) => {
      const suggestions = (d.data as { suggestions?: string[] } | undefined)?.suggestions ?? [];
      return suggestions.map((s, i) => ({
        title: `Change to \`${s}\`${typeof d.code === "string" ? ` (${lookupCode(d.code)?.title ?? d.code})` : ""}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: i === 0,
        edit: { changes: { [p.textDocument.uri]: [{ range: d.range, newText: s }] } },
      }));
    }),
  );
}
