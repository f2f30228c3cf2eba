import type { HduInfo as DeclaredHdu } from "../../kernels/index.js";
import type { FitsFile, HduInfo } from "../../../stdlib/io/fits/index.js";

/**
 * The index of the file's HDU holding the declared HDU `hdu`: the one whose EXTNAME is its
 * `@hdu` name, or, for a product whose first member is an image, the primary HDU when no HDU
 * has that EXTNAME (files written without EXTNAME on the primary). A sentence when there is none.
 */
export function locateHdu(file: FitsFile, hdu: DeclaredHdu, first: boolean): { index: number } | { problem: string } {
  const found = file.named(hdu.name);
  if (found !== undefined) return { index: found.index };
  const primary = file.hdu(0);
  if (first && hdu.kind === "image" && primary?.kind === "image" && primary.shape.length > 0 && primary.name === undefined) return { index: 0 };
  return { problem: `The file has no HDU \`${hdu.name}\`; its HDUs are ${describeHdus(file.hdus)}.` };
}

/** `0 (primary), 1 IVAR, 2 FIBERMAP`: the HDUs of a file, for messages. */
export function describeHdus(hdus: readonly HduInfo[]): string {
  return hdus.map((h) => `${h.index} ${h.name ?? (h.index === 0 ? "(primary)" : "(no EXTNAME)")}`).join(", ");
}
