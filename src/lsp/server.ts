import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type Location,
  type Range,
  type CodeActionParams,
  type CompletionParams,
  type DefinitionParams,
  type DocumentFormattingParams,
  type DocumentSymbolParams,
  type HoverParams,
  type ReferenceParams,
  type RenameParams,
  MarkupKind,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { sortDiagnostics, type Diagnostic } from "../diag/Diagnostic.js";
import { lookupCode } from "../diag/codes.js";
import type { TsLoc } from "../kernels/index.js";
import { printProgram } from "../syntax/index.js";
import type { Span } from "../util/Span.js";
import { analyze, fileOfUri, IndexCache, unreadableName, lintOf, planOf, type Analysis, type AnalysisSettings } from "./analyze.js";
import { completionsAt, type Completion } from "./complete.js";
import { hoverText } from "./hover.js";
import { planRename } from "./rename.js";

const KINDS: Record<Completion["kind"], CompletionItemKind> = {
  name: CompletionItemKind.Variable,
  attribute: CompletionItemKind.Field,
  kernel: CompletionItemKind.Function,
  unit: CompletionItemKind.Unit,
  param: CompletionItemKind.Property,
  keyword: CompletionItemKind.Keyword,
  type: CompletionItemKind.Interface,
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
  /** Per document, the newest analysis whose imports could be read: completion works from it while the text does not parse or check. */
  const lastGood = new Map<string, Analysis>();
  /** Per document, the newest analysis the checker ran on: completion takes variables' grids from its resolution table. */
  const lastChecked = new Map<string, Analysis>();
  let settings: AnalysisSettings = { cwd: cwdDefault };
  let initialized = false;
  let watchFiles = false;

  /** Kernel or data-model files changed on disk: every open document is analysed and published again. */
  const kernelsChanged = (): void => {
    indexes.clear();
    analyses.clear();
    for (const d of documents.all()) void publish(d);
  };

  const analysisOf = (doc: TextDocument): Promise<Analysis> => {
    // A kernel file a cached index was read from changed (an editor that does not report file changes): read it again.
    if (indexes.dropStale()) kernelsChanged();
    const key = `${doc.uri}@${doc.version}`;
    let a = analyses.get(key);
    if (a === undefined) {
      for (const k of analyses.keys()) if (k.startsWith(`${doc.uri}@`)) analyses.delete(k);
      // An unsaved document (`untitled:`) is analysed as a file of the workspace folder.
      const file = fileOfUri(doc.uri, settings.cwd);
      if (file.invalid === true) a = Promise.resolve(unreadableName(file.path, doc.getText(), doc.version));
      else
        a = analyze(file.path, doc.getText(), doc.version, indexes).then((r) => {
          if (r.index !== undefined) lastGood.set(doc.uri, r);
          if (r.checked !== undefined) lastChecked.set(doc.uri, r);
          return r;
        });
      analyses.set(key, a);
    }
    return a;
  };
  const current = (uri: string): TextDocument | undefined => documents.get(uri);

  /** One failed analysis or request must not end the server: it is logged to the client. */
  const logged = (e: unknown): void => connection.console.error(`dflow lsp: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const publish = (doc: TextDocument): Promise<void> => publishOf(doc).catch(logged);
  const publishOf = async (doc: TextDocument): Promise<void> => {
    const a = await analysisOf(doc);
    if (current(doc.uri)?.version !== a.version) return;
    // In the order of `dflow check`'s output (file, position, code).
    const checkDiags = sortDiagnostics(a.diagnostics).map((d) => toLspDiagnostic(d, a, doc));
    await connection.sendDiagnostics({ uri: doc.uri, version: a.version, diagnostics: checkDiags });
    if (a.bound === undefined) return;
    // Lint (plan-based) follows, once per version, when nothing newer has come.
    setImmediate(() => {
      if (current(doc.uri)?.version !== a.version) return;
      void lintOf(a, settings)
        .then(async (lint) => {
          if (current(doc.uri)?.version !== a.version || lint.length === 0) return;
          await connection.sendDiagnostics({
            uri: doc.uri,
            version: a.version,
            diagnostics: [...checkDiags, ...sortDiagnostics(lint).map((d) => toLspDiagnostic(d, a, doc))],
          });
        })
        .catch(logged);
    });
  };

  connection.onInitialize((params) => {
    if (initialized) return new ResponseError(ErrorCodes.InvalidRequest, "The server is already initialized: `initialize` is sent once.");
    initialized = true;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const opts = (params.initializationOptions ?? {}) as { out?: unknown; profile?: unknown };
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    settings = {
      cwd: root !== undefined && root !== null && root.startsWith("file:") && fileOfUri(root, cwdDefault).invalid !== true ? fileURLToPath(root) : cwdDefault,
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
  connection.onInitialized(() => {
    // Kernels and data-model types are TypeScript: the client reports their changes.
    // A client that fails to register keeps the modification-time check of each request.
    if (watchFiles) connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.ts" }] }).catch(() => undefined);
  });
  documents.onDidClose((e) => {
    lastGood.delete(e.document.uri);
    lastChecked.delete(e.document.uri);
    for (const k of analyses.keys()) if (k.startsWith(`${e.document.uri}@`)) analyses.delete(k);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  // Kernels or the data model changed on disk: read them again.
  documents.onDidSave(() => {
    if (indexes.dropStale()) kernelsChanged();
  });
  connection.onDidChangeWatchedFiles(kernelsChanged);
  registerQueries(connection, documents, { analysisOf, lastGood, lastChecked, indexes, settings: () => settings, initialized: () => initialized });
  documents.listen(connection);
  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    connection.onShutdown(() => (initialized ? undefined : notInitialized()));
    // A request no handler serves: not before `initialize`, else an unknown method.
    connection.onRequest((method) =>
      initialized ? new ResponseError(ErrorCodes.MethodNotFound, `dflow lsp does not serve \`${method}\`.`) : notInitialized(),
    );
    connection.listen();
  });
}

interface Queries {
  readonly analysisOf: (doc: TextDocument) => Promise<Analysis>;
  readonly lastGood: ReadonlyMap<string, Analysis>;
  readonly lastChecked: ReadonlyMap<string, Analysis>;
  readonly indexes: IndexCache;
  readonly settings: () => AnalysisSettings;
  readonly initialized: () => boolean;
}

const notInitialized = (): ResponseError<void> => new ResponseError(ErrorCodes.ServerNotInitialized, "The server is not initialized: send `initialize` first.");

/** A request handler that answers ServerNotInitialized (-32002) before `initialize`, as JSON-RPC's LSP asks. */
function ready<P, R>(q: Queries, handler: (p: P) => R | Promise<R>): (p: P) => Promise<R | ResponseError<void>> {
  return async (p) => {
    if (!q.initialized()) return notInitialized();
    // A request that fails is answered with an error; the server goes on.
    try {
      return await handler(p);
    } catch (e) {
      return new ResponseError(ErrorCodes.InternalError, `dflow lsp could not answer: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** The requests that read an analysis: hover, definition, references, rename, completion, symbols, formatting, code actions. */
function registerQueries(connection: Connection, documents: TextDocuments<TextDocument>, q: Queries): void {
  const { analysisOf, settings } = q;
  /** The name under the cursor, by the checker's resolution table. */
  const at = async (uri: string, pos: { line: number; character: number }) => {
    const doc = documents.get(uri);
    if (doc === undefined) return undefined;
    const a = await analysisOf(doc);
    const use = a.checked?.names.at(a.file.id, doc.offsetAt(pos));
    return { doc, a, use };
  };
  const rangeOf = (doc: TextDocument, s: Span): Range => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) });

  connection.onHover(
    ready(q, async (p: HoverParams) => {
      const r = await at(p.textDocument.uri, p.position);
      if (r?.use === undefined) return null;
      const text = await hoverText(r.a, r.use, () => planOf(r.a, settings()));
      return text !== undefined ? { contents: { kind: MarkupKind.Markdown, value: "```\n" + text + "\n```" }, range: rangeOf(r.doc, r.use.span) } : null;
    }),
  );
  connection.onDefinition(
    ready(q, async (p: DefinitionParams) => {
      const r = await at(p.textDocument.uri, p.position);
      const sym = r?.use?.symbol;
      if (r === undefined || sym === undefined) return null;
      if (sym.ts !== undefined) return tsLocation(sym.ts);
      return sym.decl !== undefined ? { uri: r.doc.uri, range: rangeOf(r.doc, sym.decl) } : null;
    }),
  );
  connection.onReferences(
    ready(q, async (p: ReferenceParams) => {
      const r = await at(p.textDocument.uri, p.position);
      if (r?.use === undefined || r.a.checked === undefined) return [];
      return r.a.checked.names
        .usesOf(r.use.symbol.key)
        .filter((u) => p.context.includeDeclaration || !u.isDecl)
        .map((u) => ({ uri: r.doc.uri, range: rangeOf(r.doc, u.span) }));
    }),
  );
  connection.onRenameRequest(
    ready(q, async (p: RenameParams) => {
      const r = await at(p.textDocument.uri, p.position);
      if (r === undefined) return null;
      if (r.use === undefined) return new ResponseError(LSPErrorCodes.RequestFailed, "There is no name to rename here.");
      const planned = planRename(r.a, r.use, p.newName);
      if ("refused" in planned) return new ResponseError(LSPErrorCodes.RequestFailed, planned.refused);
      // The renamed text must check as the text did: no error that was not there before.
      const text = r.a.file.text;
      const edited = [...planned.edits]
        .sort((x, y) => y.span.start - x.span.start)
        .reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
      const after = await analyze(r.a.file.path, edited, -1, q.indexes);
      const count = (ds: readonly Diagnostic[]): Map<string, number> => {
        const m = new Map<string, number>();
        for (const d of ds) if (d.severity === "error") m.set(d.code, (m.get(d.code) ?? 0) + 1);
        return m;
      };
      const before = count(r.a.diagnostics);
      const worse = [...count(after.diagnostics)].find(([code, n]) => n > (before.get(code) ?? 0));
      if (worse !== undefined) {
        const d = after.diagnostics.find((x) => x.code === worse[0])!;
        return new ResponseError(LSPErrorCodes.RequestFailed, `Renaming \`${r.use.symbol.name}\` to \`${p.newName}\` would not check: ${d.code} ${d.message}`);
      }
      return { changes: { [r.doc.uri]: planned.edits.map((e) => ({ range: rangeOf(r.doc, e.span), newText: e.newText })) } };
    }),
  );
  connection.onCompletion(
    ready(q, async (p: CompletionParams) => {
      const doc = documents.get(p.textDocument.uri);
      if (doc === undefined) return [];
      const a = await analysisOf(doc);
      return completionsAt(a, q.lastGood.get(doc.uri), doc.getText(), doc.offsetAt(p.position), q.lastChecked.get(doc.uri)).map((c) => ({
        label: c.label,
        kind: KINDS[c.kind],
        ...(c.detail !== undefined ? { detail: c.detail } : {}),
      }));
    }),
  );
  connection.onDocumentSymbol(
    ready(q, async (p: DocumentSymbolParams) => {
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
    }),
  );
  connection.onDocumentFormatting(
    ready(q, async (p: DocumentFormattingParams) => {
      const doc = documents.get(p.textDocument.uri);
      if (doc === undefined) return [];
      const a = await analysisOf(doc);
      if (a.parsed === undefined || !a.syntaxOk) return [];
      const text = printProgram(a.parsed, a.file.text);
      return text === a.file.text ? [] : [{ range: { start: doc.positionAt(0), end: doc.positionAt(a.file.text.length) }, newText: text }];
    }),
  );
  connection.onCodeAction(
    ready(q, (p: CodeActionParams) =>
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
    ),
  );
}
