import type { FitsHdu } from "./FitsHdu.js";
import type { OpenFitsOptions } from "./openFits.js";
import { openFits } from "./openFits.js";

/**
 * Reads a whole FITS file (a path or bytes) into memory, every HDU decoded. Throws a
 * {@link FitsError} for any HDU it cannot decode (ASCII tables, variable-length columns)
 * or, with `checksum: "verify"`, whose checksum does not match.
 */
export function readFits(input: string | Uint8Array, options: OpenFitsOptions = {}): FitsHdu[] {
  const file = openFits(input, options);
  try {
    return file.hdus.map((info) => file.read(info.index));
  } finally {
    file.close();
  }
}
