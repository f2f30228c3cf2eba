import type { ProductTypeInfo } from "../../kernels/index.js";
import type { EcsvTable } from "../../../stdlib/io/ecsv/index.js";
import type { HeaderValues } from "./ProductValue.js";
import { dtypeInfo } from "./dtypeInfo.js";
import { plainValue } from "./headerValues.js";
import { isRecord } from "./isRecord.js";

/**
 * An ECSV table as the data model holds it: `meta` (integers as numbers when they fit 2^53;
 * values that are not scalars left out) and each declared column in its typed-array class
 * (`bool` as a Uint8Array of 0 and 1). Other columns are left out. Appends a sentence to
 * `problems` for each declared column the table lacks or holds with another datatype.
 */
export function decodeEcsv(t: ProductTypeInfo, table: EcsvTable, problems: string[]): Record<string, unknown> {
  const meta: HeaderValues = {};
  if (isRecord(table.meta)) {
    for (const [key, v] of Object.entries(table.meta)) {
      const plain = plainValue(v);
      if (plain !== undefined) meta[key] = plain;
    }
  }
  const out: Record<string, unknown> = { meta };
  for (const c of t.columns) {
    const column = table.columns.find((x) => x.name === c.name);
    if (column === undefined) {
      if (c.optional === true) continue;
      problems.push(`Column \`${c.name}\` is not in the file; its columns are ${table.columns.map((x) => `\`${x.name}\``).join(", ")}.`);
      continue;
    }
    const info = dtypeInfo(c.dtype);
    if (column.dtype !== info.ecsv) {
      problems.push(`Column \`${c.name}\` has the datatype ${column.dtype ?? "?"} in the file, but it is declared ${c.dtype} (${info.ecsv}).`);
      continue;
    }
    out[c.name] =
      info.kind === "bool"
        ? Uint8Array.from(column.data as readonly boolean[], (b) => (b ? 1 : 0))
        : info.kind === "string"
          ? [...(column.data as readonly string[])]
          : column.data;
  }
  return out;
}
