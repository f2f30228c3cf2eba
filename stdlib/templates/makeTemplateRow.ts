import type { TemplateRow } from "./TemplateRow.js";

/**
 * A {@link TemplateRow} with the given fields and every other one zero or empty (the renderer's
 * "does not apply", so it falls back to the class defaults): the one way a row is built outside a
 * truth table.
 */
export function makeTemplateRow(fields: Partial<TemplateRow> = {}): TemplateRow {
  return {
    TARGETID: 0n,
    TRUEZ: 0,
    TRUESPECTYPE: "",
    TEMPLATETYPE: "",
    TEMPLATESUBTYPE: "",
    SEED: 0n,
    MAG: 0,
    MAGFILTER: "",
    FLUX_G: 0,
    FLUX_R: 0,
    FLUX_Z: 0,
    OIIFLUX: 0,
    HBETAFLUX: 0,
    VDISP: 0,
    D4000: 0,
    OIIIHBETA: 0,
    OIIDOUBLET: 0,
    TEFF: 0,
    LOGG: 0,
    FEH: 0,
    ...fields,
  };
}
