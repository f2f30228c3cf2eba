import type { TemplateRow } from "./TemplateRow.js";

/** The four physical kinds of source the library renders. */
export type SourceType = "galaxy" | "qso" | "star" | "sky";

const BY_TEMPLATE: Readonly<Record<string, SourceType>> = {
  ELG: "galaxy",
  LRG: "galaxy",
  BGS: "galaxy",
  QSO: "qso",
  STAR: "star",
  WD: "star",
  SKY: "sky",
};

const BY_SPECTYPE: Readonly<Record<string, SourceType>> = { GALAXY: "galaxy", QSO: "qso", STAR: "star", SKY: "sky" };

/**
 * What kind of spectrum a row gets: from TEMPLATETYPE (ELG/LRG/BGS → galaxy, QSO, STAR/WD →
 * star, SKY), else from TRUESPECTYPE. Throws a RangeError when neither is known.
 */
export function sourceType(row: TemplateRow): SourceType {
  const t = BY_TEMPLATE[row.TEMPLATETYPE.trim().toUpperCase()] ?? BY_SPECTYPE[row.TRUESPECTYPE.trim().toUpperCase()];
  if (t === undefined) {
    throw new RangeError(
      `target ${row.TARGETID}: unknown TEMPLATETYPE \`${row.TEMPLATETYPE}\` and TRUESPECTYPE \`${row.TRUESPECTYPE}\`; expected one of ${Object.keys(BY_TEMPLATE).join(", ")}`,
    );
  }
  return t;
}
