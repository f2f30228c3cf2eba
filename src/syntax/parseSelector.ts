import type { Diagnostic, Result } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import type { SourceFile } from "../util/SourceFile.js";
import type { Span } from "../util/Span.js";

/** One value a selector constraint accepts. */
export type SelectorAtom = { readonly kind: "int"; readonly value: bigint } | { readonly kind: "word"; readonly value: string };

/** The values a selector constraint accepts: one atom, an inclusive integer range, or a set. */
export type SelectorValue =
  | { readonly kind: "atom"; readonly atom: SelectorAtom }
  | { readonly kind: "range"; readonly lo: bigint; readonly hi: bigint }
  | { readonly kind: "set"; readonly atoms: readonly SelectorAtom[] };

/** `exposure.night=20201214`: a grid (or grid attribute) path and the values it accepts. */
export interface SelectorConstraint {
  readonly path: readonly string[];
  readonly value: SelectorValue;
  readonly loc: Span;
}

/** A task selector (docs/conventions.md#flags-and-selectors): `STAGE` or `STAGE[grid=value, grid.attr=lo..hi, grid={a,b}]`. */
export interface Selector {
  readonly stage: string;
  readonly constraints: readonly SelectorConstraint[];
  readonly loc: Span;
}

const IDENT = /[\p{L}_][\p{L}\p{N}_-]*/uy;
const INT = /-?\d+/y;
const WORD = /[\p{L}\p{N}_][\p{L}\p{N}_+-]*/uy;

/**
 * Parses a task selector. Its own small parser: selectors come from the command line
 * (`--only`, `--tasks`) and from plan files, never from `.dflow` text. Problems are DF1011.
 */
export function parseSelector(file: SourceFile): Result<Selector | undefined> {
  const text = file.text;
  const diagnostics: Diagnostic[] = [];
  let i = 0;
  const span = (s: number, e: number): Span => ({ file: file.id, start: s, end: Math.max(s, e) });
  const fail = (msg: string, s: number, e: number, help?: string): Result<undefined> => {
    diagnostics.push(diag("DF1011", msg, span(s, e), { label: "here", ...(help !== undefined ? { help } : {}) }));
    return { value: undefined, diagnostics };
  };
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m === null) return undefined;
    i += m[0].length;
    return m[0];
  };
  const shown = (): string => (i >= text.length ? "the end" : "`" + text.slice(i, i + 10) + "`");

  ws();
  const stageStart = i;
  const stage = match(IDENT);
  if (stage === undefined)
    return fail(`Expected a stage name at the start of the selector, found ${shown()}.`, i, i + 1, "a selector is `STAGE` or `STAGE[grid=value,…]`");
  const constraints: SelectorConstraint[] = [];
  ws();
  if (text[i] === "[") {
    i++;
    for (;;) {
      ws();
      const cStart = i;
      const path: string[] = [];
      for (;;) {
        const id = match(IDENT);
        if (id === undefined) return fail(`Expected a grid name in the selector, found ${shown()}.`, i, i + 1);
        path.push(id);
        if (text[i] !== ".") break;
        i++;
      }
      ws();
      if (text[i] !== "=") return fail(`Expected \`=\` after \`${path.join(".")}\` in the selector, found ${shown()}.`, i, i + 1);
      i++;
      ws();
      const value = parseValue();
      if (value === undefined) return { value: undefined, diagnostics };
      constraints.push({ path, value, loc: span(cStart, i) });
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        break;
      }
      return fail(`Expected \`,\` or \`]\` in the selector, found ${shown()}.`, i, i + 1);
    }
  }
  ws();
  if (i < text.length)
    return fail(`Unexpected ${shown()} after the selector.`, i, text.length, "quote the whole selector for the shell: --only 'sky[camera=b]'");
  return { value: { stage, constraints, loc: span(stageStart, i) }, diagnostics };

  function atom(): SelectorAtom | undefined {
    ws();
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) {
        fail("This quoted value is not closed.", i, text.length);
        return undefined;
      }
      const v = text.slice(i + 1, end);
      i = end + 1;
      return { kind: "word", value: v };
    }
    const save = i;
    const n = match(INT);
    if (n !== undefined && (text.startsWith("..", i) || !/[\p{L}\p{N}_+-]/u.test(text[i] ?? ""))) return { kind: "int", value: BigInt(n) };
    i = save;
    const w = match(WORD);
    if (w !== undefined) return { kind: "word", value: w };
    fail(`Expected a value (a number, a word, a quoted string, \`lo..hi\` or \`{a,b}\`), found ${shown()}.`, i, i + 1);
    return undefined;
  }

  function parseValue(): SelectorValue | undefined {
    if (text[i] === "{") {
      i++;
      const atoms: SelectorAtom[] = [];
      for (;;) {
        const a = atom();
        if (a === undefined) return undefined;
        atoms.push(a);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return { kind: "set", atoms };
        }
        fail(`Expected \`,\` or \`}\` in the set, found ${shown()}.`, i, i + 1);
        return undefined;
      }
    }
    const loStart = i;
    const lo = atom();
    if (lo === undefined) return undefined;
    ws();
    if (text.startsWith("..", i)) {
      i += 2;
      const hi = atom();
      if (hi === undefined) return undefined;
      if (lo.kind !== "int" || hi.kind !== "int") {
        fail("A range in a selector needs integer ends.", loStart, i);
        return undefined;
      }
      if (hi.value < lo.value) {
        fail(`This range is empty: ${lo.value} is greater than ${hi.value}.`, loStart, i);
        return undefined;
      }
      return { kind: "range", lo: lo.value, hi: hi.value };
    }
    return { kind: "atom", atom: lo };
  }
}
