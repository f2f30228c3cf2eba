import type { FitsHdu } from "./FitsHdu.js";
import { findCard } from "./Header.js";
import { FitsError } from "./FitsError.js";

/**
 * How to name an HDU: its zero-based index, its EXTNAME (case-insensitive; `PRIMARY`
 * names HDU 0 when no HDU has that EXTNAME), an EXTNAME with an EXTVER, or a descriptor
 * from `FitsFile.hdus` (anything with an `index`).
 */
export type HduRef = number | string | { readonly name: string; readonly ver: number } | { readonly index: number };

/** What {@link findHduIndex} needs of each HDU. */
export interface NamedHdu {
  readonly name?: string;
  readonly ver?: number;
}

/**
 * The index of the HDU `ref` names among `hdus` (the first when several share a name).
 * Throws a {@link FitsError} listing the HDUs when there is none.
 */
export function findHduIndex(hdus: readonly NamedHdu[], ref: HduRef): number {
  if (typeof ref === "number" || (typeof ref === "object" && "index" in ref)) {
    const index = typeof ref === "number" ? ref : ref.index;
    if (Number.isInteger(index) && index >= 0 && index < hdus.length) return index;
    throw new FitsError(`there is no HDU ${index}; the file has ${hdus.length} (0–${hdus.length - 1})`);
  }
  const found = hdus.findIndex(namedBy(ref));
  if (found >= 0) return found;
  const name = (typeof ref === "string" ? ref : ref.name).trim().toUpperCase();
  const ver = typeof ref === "string" ? undefined : ref.ver;
  if (name === "PRIMARY" && ver === undefined && hdus.length > 0) return 0;
  const names = hdus.map((h, i) => (h.name !== undefined ? `${i} ${h.name}` : `${i}`)).join(", ");
  throw new FitsError(`there is no HDU named \`${name}\`${ver !== undefined ? ` with EXTVER ${ver}` : ""}; the HDUs are ${names}`);
}

/**
 * Whether an HDU carries the EXTNAME (trimmed, case-insensitive) and, when given, the EXTVER
 * (1 when absent) that `ref` names; `PRIMARY`'s fallback to HDU 0 is {@link findHduIndex}'s.
 */
export function namedBy(ref: string | { readonly name: string; readonly ver?: number }): (h: NamedHdu) => boolean {
  const name = (typeof ref === "string" ? ref : ref.name).trim().toUpperCase();
  const ver = typeof ref === "string" ? undefined : ref.ver;
  return (h) => h.name !== undefined && h.name.trim().toUpperCase() === name && (ver === undefined || (h.ver ?? 1) === ver);
}

/**
 * The HDU `ref` names in a list of HDUs read into memory (by index, EXTNAME or EXTNAME
 * and EXTVER, as {@link findHduIndex}). Throws a {@link FitsError} when there is none.
 */
export function findHdu<T extends FitsHdu>(hdus: readonly T[], ref: HduRef): T {
  const named = hdus.map((h) => {
    const ver = findCard(h.header, "EXTVER")?.value;
    return { ...(h.name !== undefined ? { name: h.name } : {}), ...(typeof ver === "bigint" ? { ver: Number(ver) } : {}) };
  });
  return hdus[findHduIndex(named, ref)]!;
}
