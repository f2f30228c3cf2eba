/**
 * The error the ECSV reader and writer throw for bad input. The message names the file
 * (when there is one) and the 1-based line, so it can become a diagnostic as it is.
 */
export class EcsvError extends Error {
  /** The file, or `undefined` for text that came from no named file. */
  readonly path: string | undefined;
  /** 1-based line number, when the problem is on one line. */
  readonly line: number | undefined;
  /** The problem alone, without the location prefix. */
  readonly detail: string;

  constructor(detail: string, where: { readonly path?: string; readonly line?: number } = {}) {
    const at = [where.path, where.line !== undefined ? `line ${where.line}` : undefined].filter((s) => s !== undefined).join(", ");
    super(at === "" ? detail : `${at}: ${detail}`);
    this.name = "EcsvError";
    this.path = where.path;
    this.line = where.line;
    this.detail = detail;
  }
}
