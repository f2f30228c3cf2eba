import type { ColumnInfo, DimInfo, HeaderKeyInfo, ProductTypeInfo } from "../kernels/types.js";
import { displayPath } from "../diag/SourceMap.js";

function dims(d: readonly DimInfo[] | undefined): string {
  return d === undefined || d.length === 0 ? "" : "[" + d.map((x) => (x.size !== undefined ? `${x.name}=${x.size}` : x.name)).join(", ") + "]";
}

function columnLines(cols: readonly ColumnInfo[], indent: string): string[] {
  // An optional column (declared with `?`) is printed with a `?` after its name.
  const label = (c: ColumnInfo): string => (c.optional === true ? `${c.name}?` : c.name);
  const w = Math.max(4, ...cols.map((c) => label(c).length));
  const tw = Math.max(5, ...cols.map((c) => (c.dtype + dims(c.dims)).length));
  return cols.map((c) =>
    `${indent}${label(c).padEnd(w)}  ${(c.dtype + dims(c.dims)).padEnd(tw)}  ${(c.unit ?? "").padEnd(c.unit ? 0 : 0)}${c.unit && c.doc ? "  " : ""}${c.doc}`.trimEnd(),
  );
}

/**
 * The data model of product types as text, in the manner of desidatamodel: format, file,
 * required header keywords, then each HDU (EXTNAME, image dtype and dims and unit, or the
 * table's own header keywords and columns) or each ECSV column.
 */
export function renderDataModel(types: readonly ProductTypeInfo[], cwd: string): string {
  const out: string[] = [];
  for (const t of types) {
    out.push(`${t.name} (${t.format.toUpperCase()})${t.doc ? ": " + t.doc.split("\n")[0] : ""}`);
    out.push(`  defined in ${displayPath(t.loc.file, cwd)}:${t.loc.line} (module ${t.module})`);
    if (t.header.length > 0) out.push(`  header: ${keyList(t.header)}`);
    if (t.meta.length > 0) out.push(`  meta: ${t.meta.map((h) => `${h.key} (${h.type})`).join(", ")}`);
    t.hdus.forEach((h, i) => {
      if (h.kind === "image") {
        out.push(`  HDU ${i} ${h.name}: image ${h.dtype ?? "?"}${dims(h.dims)}${h.unit ? "  " + h.unit : ""}${h.doc ? "  " + h.doc.split("\n")[0] : ""}`);
      } else {
        out.push(`  HDU ${i} ${h.name}: table ${h.tableType ?? ""}${h.doc ? "  " + h.doc.split("\n")[0] : ""}`.trimEnd());
        if (h.header !== undefined && h.header.length > 0) out.push(`    header: ${keyList(h.header)}`);
        out.push(...columnLines(h.columns ?? [], "      "));
      }
    });
    if (t.columns.length > 0) {
      out.push("  columns:");
      out.push(...columnLines(t.columns, "      "));
    }
    for (const f of t.fields) out.push(`  ${f.name}: ${f.tsType}`);
    out.push("");
  }
  return out.join("\n");
}

/** `NIGHT (int), EXPTIME (float, s)`: declared keywords with their type and unit. */
function keyList(keys: readonly HeaderKeyInfo[]): string {
  return keys.map((h) => `${h.key} (${h.type}${h.unit ? ", " + h.unit : ""})`).join(", ");
}
