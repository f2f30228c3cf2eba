import type { Card } from "./Card.js";
import type { Header } from "./Header.js";
import { needsLongString } from "./encodeHeader.js";

const STRUCTURAL = new Set([
  "SIMPLE",
  "XTENSION",
  "BITPIX",
  "NAXIS",
  "EXTEND",
  "PCOUNT",
  "GCOUNT",
  "GROUPS",
  "BSCALE",
  "BZERO",
  "BLANK",
  "TFIELDS",
  "THEAP",
  "CHECKSUM",
  "DATASUM",
  "EXTNAME",
  "END",
]);
const STRUCTURAL_INDEXED = /^(?:NAXIS|TTYPE|TFORM|TUNIT|TDIM|TZERO|TSCAL|TNULL|TDISP|TBCOL)\d+$/;

/**
 * The cards of `header` a writer copies: everything except the keywords it generates from
 * the data (SIMPLE, BITPIX, NAXISn, TFORMn…, BZERO, CHECKSUM, EXTNAME), so a header read
 * from one file can be written to another. A LONGSTRN card is added when a long string
 * needs CONTINUE cards and there is none (fitsverify warns otherwise).
 */
export function userCards(header: Header): Card[] {
  const kept = header.cards.filter((c) => !(c.kind === "value" && (STRUCTURAL.has(c.key) || STRUCTURAL_INDEXED.test(c.key))));
  const hasLongstrn = kept.some((c) => c.kind === "value" && c.key === "LONGSTRN");
  if (!hasLongstrn && kept.some(needsLongString)) {
    return [{ kind: "value", key: "LONGSTRN", value: "OGIP 1.0", comment: "The OGIP long string convention may be used." }, ...kept];
  }
  return kept;
}
