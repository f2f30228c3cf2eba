/**
 * The dflow extension: starts `dflow lsp` (the `dflow.path` setting's command, over stdio) and
 * connects VS Code to it through vscode-languageclient, the standard LSP client, which wires
 * diagnostics, hover, definition, references, rename, completion, symbols, formatting and code
 * actions from the server's capabilities. scripts/vsix.ts bundles this file (CommonJS, `vscode`
 * external) into the `.vsix` as extension.js.
 */
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node.js";

let client: LanguageClient | undefined;

/** What the server reads from `initializationOptions` (src/lsp/server.ts): `out` and `profile`, when set. */
export function initializationOptions(cfg: vscode.WorkspaceConfiguration): { out?: string; profile?: string } {
  const out = cfg.get<string>("out", "");
  const profile = cfg.get<string>("profile", "");
  return { ...(out !== "" ? { out } : {}), ...(profile !== "" ? { profile } : {}) };
}

/** The client of `dflow lsp` as the settings say now. */
export function createClient(): LanguageClient {
  const cfg = vscode.workspace.getConfiguration("dflow");
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  // TransportKind.stdio: the client adds `--stdio`, which `dflow lsp` accepts.
  const serverOptions: ServerOptions = {
    command: cfg.get<string>("path", "dflow"),
    args: ["lsp"],
    transport: TransportKind.stdio,
    options: { ...(cwd !== undefined ? { cwd } : {}), shell: process.platform === "win32" },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "dflow" }],
    initializationOptions: initializationOptions(cfg),
  };
  return new LanguageClient("dflow", "dflow", serverOptions, clientOptions);
}

/** Called by VS Code when a `.dflow` file opens: starts the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient();
  // The server reads its settings once, at initialize: a change of them starts a new server.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration("dflow")) return;
      const old = client;
      client = createClient();
      const next = client;
      void (old?.dispose() ?? Promise.resolve()).then(() => next.start());
    }),
  );
  await client.start();
}

/** Called by VS Code on shutdown: stops the server (LSP shutdown, then exit). */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
