/** A half-open range of UTF-16 offsets `[start, end)` in the source file with id `file`. */
export interface Span {
  readonly file: number;
  readonly start: number;
  readonly end: number;
}

/** The smallest span covering both `a` and `b` (which must be in the same file). */
export function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
