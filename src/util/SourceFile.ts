/**
 * A source text with its line index. Spans store offsets; lines and columns (1-based, in
 * UTF-16 code units, as editors count them) are computed here when shown.
 */
export interface SourceFile {
  /** Small integer that spans refer to. */
  readonly id: number;
  /** The path as given (shown relative to the working directory by renderers). */
  readonly path: string;
  readonly text: string;
  /** Offsets at which each line starts; `\r\n`, `\n` and lone `\r` end a line. */
  readonly lineStarts: readonly number[];
}

/** A 1-based line and column. */
export interface LineCol {
  readonly line: number;
  readonly column: number;
}

/** Builds a {@link SourceFile} and its line index. */
export function makeSourceFile(id: number, path: string, text: string): SourceFile {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lineStarts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      lineStarts.push(i + 1);
    }
  }
  return { id, path, text, lineStarts };
}

/** The 1-based line and column of `offset` (clamped into the text). */
export function lineColOf(file: SourceFile, offset: number): LineCol {
  const off = Math.max(0, Math.min(offset, file.text.length));
  const starts = file.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: off - (starts[lo] ?? 0) + 1 };
}

/** The text of 1-based line `line`, without its line terminator. */
export function lineText(file: SourceFile, line: number): string {
  const start = file.lineStarts[line - 1];
  if (start === undefined) return "";
  const next = file.lineStarts[line];
  let end = next ?? file.text.length;
  while (end > start && (file.text.charCodeAt(end - 1) === 10 || file.text.charCodeAt(end - 1) === 13)) end--;
  return file.text.slice(start, end);
}
