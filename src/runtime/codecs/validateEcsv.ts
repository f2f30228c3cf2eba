import type { ProductTypeInfo } from "../../kernels/index.js";
import { DimSizes } from "./DimSizes.js";
import { formatDimList } from "./hduLabel.js";
import { validateColumns } from "./validateColumns.js";
import { validateHeader } from "./validateHeader.js";

/**
 * Checks an ECSV product value: its `meta` against the `@meta` keys, and its columns (one
 * member per column, all of one length, strings ECSV keeps as they are). Appends one sentence
 * per problem.
 */
export function validateEcsv(t: ProductTypeInfo, value: Readonly<Record<string, unknown>>, problems: string[]): void {
  validateHeader(t.meta, value["meta"], "meta", t.name, problems);
  for (const c of t.columns) {
    if (c.dims.length > 0) {
      problems.push(
        `\`${t.name}\` declares column \`${c.name}\` with cells ${formatDimList(c.dims)}, but ECSV products hold only scalar columns: use a FITS product.`,
      );
    }
  }
  validateColumns(t.columns, value, { hdu: undefined, typeName: t.name, format: "ecsv" }, new DimSizes(), problems);
}
