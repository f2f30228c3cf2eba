import type { ProductTypeInfo } from "../../kernels/index.js";
import type { FitsHdu, ImageHdu } from "../../../stdlib/io/fits/index.js";
import { card, makeHeader } from "../../../stdlib/io/fits/index.js";
import type { ColumnValue, HeaderValues, ImageValue, ProductValue } from "./ProductValue.js";
import { toFitsColumn } from "./fitsColumns.js";
import { headerCards } from "./headerCards.js";
import type { FitsLayout } from "./validateFits.js";

/**
 * The HDUs a validated FITS product value is written as, in member order: the first member,
 * when it is an image, is the primary HDU (as DESI keeps FLUX there); otherwise an empty
 * primary HDU comes first. The product's `header` goes into the primary header, each HDU's
 * EXTNAME is its `@hdu` name, an image's `@unit` is its BUNIT and a column's unit its TUNITn; a
 * table's `header` goes into its own HDU's header (declared keywords first, as for the primary).
 */
export function fitsHdus(t: ProductTypeInfo, value: ProductValue, layout: FitsLayout): FitsHdu[] {
  const primaryCards = headerCards(t.header, value["header"] as HeaderValues | undefined);
  const hdus: FitsHdu[] = [];
  const first = t.hdus[0];
  if (first === undefined || first.kind !== "image") {
    const empty: ImageHdu = { kind: "image", header: makeHeader(primaryCards), shape: [], data: null };
    hdus.push(empty);
  }
  t.hdus.forEach((hdu, index) => {
    if (hdu.kind === "image") {
      const image = value[hdu.member] as ImageValue;
      const cards = [...(hdu.unit !== undefined ? [card("BUNIT", hdu.unit, "physical unit of the data")] : []), ...(index === 0 ? primaryCards : [])];
      hdus.push({ kind: "image", name: hdu.name, header: makeHeader(cards), shape: image.shape, data: image.data });
      return;
    }
    const table = value[hdu.member] as Readonly<Record<string, ColumnValue | HeaderValues>>;
    const nrows = layout.rows.get(hdu.member) ?? 0;
    const columns = (hdu.columns ?? [])
      .filter((c) => c.optional !== true || table[c.name] !== undefined)
      .map((c) => toFitsColumn(c, (table[c.name] as ColumnValue | undefined) ?? [], nrows, layout.dims));
    const cards = headerCards(hdu.header ?? [], table["header"] as HeaderValues | undefined);
    hdus.push({ kind: "table", name: hdu.name, header: makeHeader(cards), nrows, columns });
  });
  return hdus;
}
