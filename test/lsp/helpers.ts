/** Helpers of the tests that drive `dflow lsp` over stdio: positions, edits, a started client, opening and changing documents. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect } from "vitest";
import { diagnosticsFor, LspClient } from "./lspClient.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DFLOW = path.join(ROOT, "dist/dflow.js");

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
export interface LspDiag {
  range: Range;
  code: string;
  message: string;
  data?: { suggestions: string[] };
}
export interface TextEdit {
  range: Range;
  newText: string;
}

export const uriOf = (f: string): string => pathToFileURL(f).href;

export function offsetOf(text: string, p: { line: number; character: number }): number {
  const lines = text.split("\n");
  return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

/** The position of the `nth` match of `re` in `text`, `shift` characters into it. */
export function positionOf(text: string, re: RegExp, shift = 0, nth = 0): { line: number; character: number } {
  const all = [...text.matchAll(new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g"))];
  const m = all[nth];
  if (m === undefined) throw new Error(`no ${String(re)} in the text`);
  const at = m.index + shift;
  const before = text.slice(0, at).split("\n");
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(text, e.range.start)) + e.newText + out.slice(offsetOf(text, e.range.end));
  return out;
}

export async function start(opts: { out?: string } = {}, capabilities: object = {}): Promise<LspClient> {
  const c = new LspClient("node", [DFLOW, "lsp"], ROOT);
  const init = await c.request<{ capabilities: Record<string, unknown> }>("initialize", {
    processId: null,
    rootUri: uriOf(ROOT),
    capabilities,
    initializationOptions: opts,
  });
  expect(init.capabilities).toMatchObject({
    hoverProvider: true,
    definitionProvider: true,
    renameProvider: { prepareProvider: false },
    documentFormattingProvider: true,
  });
  c.notify("initialized", {});
  return c;
}

export async function open(c: LspClient, file: string, text = readFileSync(file, "utf8"), version = 1): Promise<LspDiag[]> {
  const d = c.next(diagnosticsFor(uriOf(file), version));
  c.notify("textDocument/didOpen", { textDocument: { uri: uriOf(file), languageId: "dflow", version, text } });
  return ((await d).params as { diagnostics: LspDiag[] }).diagnostics;
}

export async function change(c: LspClient, file: string, text: string, version: number): Promise<LspDiag[]> {
  const d = c.next(diagnosticsFor(uriOf(file), version));
  c.notify("textDocument/didChange", { textDocument: { uri: uriOf(file), version }, contentChanges: [{ text }] });
  return ((await d).params as { diagnostics: LspDiag[] }).diagnostics;
}

export const hover = async (c: LspClient, file: string, pos: { line: number; character: number }): Promise<string> =>
  (await c.request<{ contents: { value: string } } | null>("textDocument/hover", { textDocument: { uri: uriOf(file) }, position: pos }))?.contents.value ?? "";
