import type { TruthTable } from "../datamodel/index.js";
import type { TemplateRow } from "./TemplateRow.js";

/**
 * Row `i` of a truth table as a {@link TemplateRow}. Throws a RangeError when `i` is not a row
 * of the table.
 */
export function truthRow(table: TruthTable, i: number): TemplateRow {
  const n = table.TARGETID.length;
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`truthRow: row ${i} is not in a table of ${n} rows`);
  const num = (col: ArrayLike<number>): number => col[i] as number;
  return {
    TARGETID: table.TARGETID[i] as bigint,
    TRUEZ: num(table.TRUEZ),
    TRUESPECTYPE: table.TRUESPECTYPE[i] ?? "",
    TEMPLATETYPE: table.TEMPLATETYPE[i] ?? "",
    TEMPLATESUBTYPE: table.TEMPLATESUBTYPE[i] ?? "",
    SEED: table.SEED[i] as bigint,
    MAG: num(table.MAG),
    MAGFILTER: table.MAGFILTER[i] ?? "",
    FLUX_G: num(table.FLUX_G),
    FLUX_R: num(table.FLUX_R),
    FLUX_Z: num(table.FLUX_Z),
    OIIFLUX: num(table.OIIFLUX),
    HBETAFLUX: num(table.HBETAFLUX),
    VDISP: num(table.VDISP),
    D4000: num(table.D4000),
    OIIIHBETA: num(table.OIIIHBETA),
    OIIDOUBLET: num(table.OIIDOUBLET),
    TEFF: num(table.TEFF),
    LOGG: num(table.LOGG),
    FEH: num(table.FEH),
  };
}
