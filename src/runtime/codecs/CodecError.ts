/**
 * The error the codecs throw when a product cannot be written or read: a value that does not
 * match its type (`problems` lists every sentence of `validateProduct`), or a file that
 * is not a product of the type (a FITS or ECSV error, a missing HDU, a column of another
 * dtype). The message names the file when there is one.
 */
export class CodecError extends Error {
  /** The file, or `undefined` for bytes that came from no named file. */
  readonly path: string | undefined;
  /** Each problem as one sentence, in the order found. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[], path?: string, options?: { readonly cause?: unknown }) {
    const where = path === undefined ? "" : `${path}: `;
    const body = problems.length === 1 ? (problems[0] ?? "") : `${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`;
    super(`${where}${body}`, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = "CodecError";
    this.path = path;
    this.problems = problems;
  }
}
