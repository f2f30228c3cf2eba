/** Where in a FITS file a problem was found: the file and, when known, the HDU. */
export interface FitsErrorLocation {
  /** The file path, or a label such as `<memory>` for bytes that came from no file. */
  readonly path?: string;
  /** Zero-based index of the HDU being read or written. */
  readonly hdu?: number;
  /** EXTNAME of that HDU, when it has one. */
  readonly hduName?: string;
}

/**
 * The one error the FITS reader and writer throw for bad input: a truncated or non-FITS
 * file, a malformed header, an unsupported TFORM, data that does not fit its declared
 * shape. The message names the file and the HDU (index and EXTNAME), so callers can turn
 * it into a diagnostic without re-wording it.
 */
export class FitsError extends Error {
  /** The file, or `undefined` when the bytes came from no named file. */
  readonly path: string | undefined;
  /** Zero-based HDU index, or `undefined` when the problem is not inside one HDU. */
  readonly hdu: number | undefined;
  /** EXTNAME of the HDU, when it has one. */
  readonly hduName: string | undefined;
  /** The problem alone, without the location prefix. */
  readonly detail: string;

  constructor(detail: string, where: FitsErrorLocation = {}) {
    super(formatFitsErrorMessage(detail, where));
    this.name = "FitsError";
    this.path = where.path;
    this.hdu = where.hdu;
    this.hduName = where.hduName;
    this.detail = detail;
  }

  /** The same problem located in `where`, keeping any location already known. */
  locate(where: FitsErrorLocation): FitsError {
    return new FitsError(this.detail, {
      ...where,
      ...(this.path !== undefined ? { path: this.path } : {}),
      ...(this.hdu !== undefined ? { hdu: this.hdu } : {}),
      ...(this.hduName !== undefined ? { hduName: this.hduName } : {}),
    });
  }
}

function formatFitsErrorMessage(detail: string, where: FitsErrorLocation): string {
  const parts: string[] = [];
  if (where.path !== undefined) parts.push(where.path);
  if (where.hdu !== undefined) {
    parts.push(where.hduName !== undefined ? `HDU ${where.hdu} (${where.hduName})` : `HDU ${where.hdu}`);
  }
  return parts.length === 0 ? detail : `${parts.join(", ")}: ${detail}`;
}

/**
 * Runs `action`, re-throwing any {@link FitsError} with the location filled in, so inner
 * helpers can throw plain `new FitsError(detail)` and the caller that knows the file and
 * HDU adds them once.
 */
export function withFitsLocation<T>(where: FitsErrorLocation, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof FitsError) throw error.locate(where);
    throw error;
  }
}
