import { EOF, Lexer, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import type { ProgramNode } from "./ast.js";
import type { ProgramCstNode } from "./cst.generated.js";
import { DflowParser } from "./parser.js";
import * as T from "./tokens.js";
import { toAst } from "./toAst.js";
import type { Diagnostic, Result } from "../diag/Diagnostic.js";
import { diag, type Code } from "../diag/codes.js";
import type { SourceFile } from "../util/SourceFile.js";
import type { Span } from "../util/Span.js";

/** A `#` comment, kept for the printer. */
export interface Comment {
  readonly text: string;
  readonly loc: Span;
}

/** A parsed file: its AST and its comments, in source order. */
export interface ParsedFile {
  readonly ast: ProgramNode;
  readonly comments: readonly Comment[];
}

const lexer = new Lexer(T.allTokens as TokenType[], { positionTracking: "full", ensureOptimizations: false, skipValidations: true });
let parserInstance: DflowParser | undefined;

function parser(): DflowParser {
  parserInstance ??= new DflowParser();
  return parserInstance;
}

/**
 * Parses one `.dflow` file: lexes, parses with error recovery, builds the AST. Never throws
 * for bad input; every problem is a DF1xxx diagnostic with a span inside the file.
 */
export function parseDflow(file: SourceFile): Result<ParsedFile> {
  const text = file.text;
  const diagnostics: Diagnostic[] = [];
  const whole = (s: number, e: number): Span => ({ file: file.id, start: s, end: e });
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    diagnostics.push(
      diag("DF1008", "This file is not text: it contains NUL bytes.", whole(nul, nul + 1), {
        help: "dflow reads `.dflow` source in UTF-8; check that the right file was named",
      }),
    );
    return { value: { ast: { kind: "Program", pipeline: undefined, decls: [], loc: whole(0, text.length) }, comments: [] }, diagnostics };
  }

  const lexed = lexer.tokenize(text);
  for (const e of mergeLexErrors(lexed.errors)) {
    const ch = text.slice(e.offset, e.offset + e.length);
    const shown = ch.length > 20 ? ch.slice(0, 17) + "…" : ch;
    diagnostics.push(
      diag("DF1001", `Unexpected character${e.length > 1 ? "s" : ""} \`${shown}\` (${codePoints(ch)}).`, whole(e.offset, e.offset + e.length), {
        label: "not part of the language",
        help: "remove it, or put it inside a string or a `#` comment",
      }),
    );
  }
  const tokens: IToken[] = [];
  for (const t of lexed.tokens) {
    if (t.tokenType === T.UnterminatedString) {
      diagnostics.push(
        diag("DF1002", "This string is not closed before the end of the line.", whole(t.startOffset, t.endOffset! + 1), {
          label: 'missing closing `"`',
          help: "add the closing quote; strings cannot span lines",
        }),
      );
      tokens.push({ ...t, tokenType: T.StringLiteral, tokenTypeIdx: T.StringLiteral.tokenTypeIdx!, image: t.image + '"' });
    } else tokens.push(t);
  }

  const p = parser();
  p.input = tokens;
  const cst = p.program() as ProgramCstNode;
  const seen = new Set<string>();
  for (const err of p.errors) {
    const d = parseErrorToDiagnostic(err, file);
    const key = String(d.primary?.span.start);
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(d);
  }
  const { ast, diagnostics: astDiags } = toAst(cst, file.id, text.length);
  // A recovered parse can leave the AST with consequences of an error already reported; only
  // keep the visitor's own findings when the parse itself was clean, or when they are about
  // things the parser cannot see (status words, templates, domains).
  diagnostics.push(...(p.errors.length === 0 ? astDiags : astDiags.filter((d) => d.code !== "DF1010")));
  const comments: Comment[] = (lexed.groups["comments"] ?? []).map((t) => ({ text: t.image, loc: whole(t.startOffset, t.endOffset! + 1) }));
  return { value: { ast, comments }, diagnostics };
}

function codePoints(s: string): string {
  return [...s]
    .slice(0, 3)
    .map((c) => "U+" + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0"))
    .join(" ");
}

function mergeLexErrors(errors: readonly { offset: number; length: number }[]): { offset: number; length: number }[] {
  const out: { offset: number; length: number }[] = [];
  for (const e of errors) {
    const last = out[out.length - 1];
    if (last !== undefined && last.offset + last.length === e.offset) last.length += e.length;
    else out.push({ offset: e.offset, length: e.length });
  }
  return out;
}

function parseErrorToDiagnostic(err: IRecognitionException, file: SourceFile): Diagnostic {
  const t = err.token;
  const atEof = t.tokenType === EOF || !Number.isFinite(t.startOffset);
  const start = atEof ? file.text.length : t.startOffset;
  const end = atEof ? file.text.length : (t.endOffset ?? t.startOffset) + 1;
  const code: Code = atEof ? "DF1005" : err.name === "NoViableAltException" || err.name === "NotAllInputParsedException" ? "DF1004" : "DF1003";
  const message = atEof ? err.message.replace(/, found the end of the file\.$/, ", but the file ends here.") : err.message;
  const prev = (err as { previousToken?: IToken }).previousToken;
  const secondary =
    prev !== undefined && Number.isFinite(prev.startOffset) && prev.tokenType !== EOF && !atEof && code === "DF1003"
      ? [{ span: { file: file.id, start: prev.startOffset, end: (prev.endOffset ?? prev.startOffset) + 1 }, message: "after this" }]
      : [];
  return diag(code, message, { file: file.id, start, end }, { label: atEof ? "the file ends here" : "unexpected here", secondary });
}
