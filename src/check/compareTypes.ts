import type { ColumnInfo, DimInfo, HduInfo, ProductTypeInfo, TsLoc } from "../kernels/types.js";

/** Compares two unit strings (parsed, not as text). */
export type UnitEquality = (a: string | undefined, b: string | undefined) => boolean;

/** The first way `have` fails to provide what `need` requires, with the place in `have` (or `need`) to show. */
export interface TypeDifference {
  readonly message: string;
  readonly loc: TsLoc;
}

function dimsText(d: readonly DimInfo[] | undefined): string {
  return "[" + (d ?? []).map((x) => (x.size !== undefined ? `${x.name}=${x.size}` : x.name)).join(", ") + "]";
}

function sameDims(a: readonly DimInfo[] | undefined, b: readonly DimInfo[] | undefined): boolean {
  return dimsText(a) === dimsText(b);
}

function columnDiff(
  have: readonly ColumnInfo[],
  need: readonly ColumnInfo[],
  where: string,
  needLoc: TsLoc,
  sameUnit: UnitEquality,
): TypeDifference | undefined {
  for (const c of need) {
    const h = have.find((x) => x.name === c.name);
    if (h === undefined) return { message: `${where} has no column \`${c.name}\``, loc: c.loc };
    if (h.optional === true && c.optional !== true) return { message: `column \`${c.name}\` may be left out of one but is required by the other`, loc: h.loc };
    if (h.dtype !== c.dtype && !(h.dtype.startsWith("str") && c.dtype.startsWith("str")))
      return { message: `column \`${c.name}\` is ${h.dtype} in one and ${c.dtype} in the other`, loc: h.loc };
    if (!sameDims(h.dims, c.dims))
      return { message: `column \`${c.name}\` has dims ${dimsText(h.dims)} in one and ${dimsText(c.dims)} in the other`, loc: h.loc };
    if (!sameUnit(h.unit, c.unit))
      return { message: `column \`${c.name}\` is in \`${h.unit ?? "no unit"}\` in one and \`${c.unit ?? "no unit"}\` in the other`, loc: h.loc };
  }
  void needLoc;
  return undefined;
}

function hduDiff(have: HduInfo, need: HduInfo, sameUnit: UnitEquality): TypeDifference | undefined {
  if (have.kind !== need.kind)
    return {
      message: `HDU \`${need.name}\` is ${have.kind === "image" ? "an image" : "a table"} in one and ${need.kind === "image" ? "an image" : "a table"} in the other`,
      loc: have.loc,
    };
  if (have.kind === "image") {
    if (have.dtype !== need.dtype) return { message: `HDU \`${need.name}\` is ${have.dtype} in one and ${need.dtype} in the other`, loc: have.loc };
    if (!sameDims(have.dims, need.dims))
      return { message: `HDU \`${need.name}\` has dims ${dimsText(have.dims)} in one and ${dimsText(need.dims)} in the other`, loc: have.loc };
    if (!sameUnit(have.unit, need.unit))
      return { message: `HDU \`${need.name}\` is in \`${have.unit ?? "no unit"}\` in one and \`${need.unit ?? "no unit"}\` in the other`, loc: have.loc };
    return undefined;
  }
  for (const k of need.header ?? []) {
    if (!(have.header ?? []).some((x) => x.key === k.key && x.type === k.type))
      return { message: `HDU \`${need.name}\` does not guarantee header keyword \`${k.key}\` (${k.type})`, loc: have.loc };
  }
  return columnDiff(have.columns ?? [], need.columns ?? [], `HDU \`${need.name}\``, need.loc, sameUnit);
}

/**
 * Whether a product of type `have` gives everything a reader of type `need` uses: same
 * format; every HDU, column and required header keyword of `need` present in `have` with the
 * same dtype, dims and unit (units compared parsed). Identical names are compatible at once.
 */
export function typeDifference(have: ProductTypeInfo, need: ProductTypeInfo, sameUnit: UnitEquality): TypeDifference | undefined {
  if (have.name === need.name && have.module === need.module) return undefined;
  if (have.format !== need.format)
    return { message: `\`${have.name}\` is stored as ${have.format.toUpperCase()}, \`${need.name}\` as ${need.format.toUpperCase()}`, loc: have.loc };
  for (const h of need.header) {
    if (!have.header.some((x) => x.key === h.key && x.type === h.type))
      return { message: `\`${have.name}\` does not guarantee header keyword \`${h.key}\` (${h.type})`, loc: have.loc };
  }
  for (const n of need.hdus) {
    const h = have.hdus.find((x) => x.name === n.name);
    if (h === undefined) return { message: `\`${have.name}\` has no HDU \`${n.name}\``, loc: n.loc };
    const d = hduDiff(h, n, sameUnit);
    if (d !== undefined) return d;
  }
  const cd = columnDiff(have.columns, need.columns, `\`${have.name}\``, need.loc, sameUnit);
  if (cd !== undefined) return cd;
  for (const f of need.fields) {
    const h = have.fields.find((x) => x.name === f.name);
    if (h === undefined || h.tsType !== f.tsType) return { message: `\`${have.name}\` has no field \`${f.name}: ${f.tsType}\``, loc: have.loc };
  }
  return undefined;
}

/** Every column a product type offers to a column grid, by name (ECSV columns, and columns of its table HDUs). */
export function columnsOf(t: ProductTypeInfo): Map<string, ColumnInfo> {
  const out = new Map<string, ColumnInfo>();
  for (const c of t.columns) out.set(c.name, c);
  for (const h of t.hdus) for (const c of h.columns ?? []) if (!out.has(c.name)) out.set(c.name, c);
  return out;
}
