import type { HduInfo, ProductTypeInfo } from "../../kernels/index.js";
import { DimSizes } from "./DimSizes.js";
import { dtypeInfo, isNumericArray } from "./dtypeInfo.js";
import { formatDimList, hduLabel } from "./hduLabel.js";
import { isRecord } from "./isRecord.js";
import { validateColumns } from "./validateColumns.js";
import { validateHeader } from "./validateHeader.js";
import { article, cap, describeKind } from "./wording.js";

/** What checking a FITS value learnt of its layout: the size of each named axis and each table's row count. */
export interface FitsLayout {
  readonly dims: DimSizes;
  /** Row count of each table HDU, by member name, when its columns tell it. */
  readonly rows: ReadonlyMap<string, number>;
}

/**
 * Checks a FITS product value: its `header`, each image HDU (class of `data` for the dtype,
 * `shape` against `@dims`, fixed sizes, `data.length`), each table HDU's columns and its own
 * `header` against the HDU's `@header` keywords, named axes
 * that agree across HDUs, and no undeclared members. Images are checked before tables, so an
 * array column may use an axis an image shows. Appends one sentence per problem and returns
 * the layout found, which the writer uses for array columns and empty tables.
 */
export function validateFits(t: ProductTypeInfo, value: Readonly<Record<string, unknown>>, problems: string[]): FitsLayout {
  validateHeader(t.header, value["header"], "header", t.name, problems);
  const members = new Set(t.hdus.map((h) => h.member));
  for (const key of Object.keys(value)) {
    if (key !== "header" && !members.has(key)) {
      problems.push(
        `The value has a member \`${key}\` that \`${t.name}\` does not declare as an HDU, so it would not be written; remove it or declare it with \`@hdu\`.`,
      );
    }
  }
  const dims = new DimSizes();
  const rows = new Map<string, number>();
  for (const hdu of t.hdus) if (hdu.kind === "image") validateImage(t, hdu, value[hdu.member], dims, problems);
  for (const hdu of t.hdus) {
    if (hdu.kind !== "table") continue;
    const table = value[hdu.member];
    const tableType = hdu.tableType ?? hdu.name;
    if (table === undefined) {
      problems.push(`${hduLabel(hdu)} is missing: \`${t.name}\` declares member \`${hdu.member}\` as a \`${tableType}\` table.`);
    } else if (!isRecord(table)) {
      problems.push(`${hduLabel(hdu)} must be a table (an object of columns), not ${article(describeKind(table))}.`);
    } else {
      const count = validateColumns(hdu.columns ?? [], table, { hdu: hduLabel(hdu), typeName: tableType, format: "fits" }, dims, problems);
      if (count !== undefined) rows.set(hdu.member, count);
      const headerProblems: string[] = [];
      validateHeader(hdu.header ?? [], table["header"], "header", `${t.name}.${hdu.member}`, headerProblems);
      for (const p of headerProblems) problems.push(`${hduLabel(hdu)}: ${p}`);
    }
  }
  return { dims, rows };
}

function validateImage(t: ProductTypeInfo, hdu: HduInfo, image: unknown, dims: DimSizes, problems: string[]): void {
  const label = hduLabel(hdu);
  const declared = `${hdu.dtype === undefined ? "an" : dtypeArticle(hdu.dtype)} image${hdu.dims === undefined ? "" : ` ${formatDimList(hdu.dims)}`}`;
  if (image === undefined) {
    problems.push(`${label} is missing: \`${t.name}\` declares member \`${hdu.member}\` as ${declared}.`);
    return;
  }
  if (!isRecord(image) || !("data" in image) || !("shape" in image)) {
    problems.push(`${label} must be an image \`{ data, shape }\`, not ${article(describeKind(image))}.`);
    return;
  }
  const { data, shape } = image;
  const info = hdu.dtype === undefined ? undefined : dtypeInfo(hdu.dtype);
  let dataOk = false;
  if (info?.kind === "string") {
    problems.push(`${label} is declared with dtype ${hdu.dtype ?? ""}, but an image cannot hold strings.`);
  } else if (info !== undefined && !(data instanceof info.arrayClass)) {
    problems.push(`${label} has data of class ${describeKind(data)}, but its dtype ${hdu.dtype ?? ""} needs ${article(info.arrayClass.name)}.`);
  } else if (info === undefined && !isNumericArray(data)) {
    problems.push(`${label} has data of class ${describeKind(data)}, but image data must be a typed array.`);
  } else {
    dataOk = true;
  }
  if (!Array.isArray(shape) || !shape.every((n: unknown) => typeof n === "number" && Number.isSafeInteger(n) && n >= 0)) {
    const shown = Array.isArray(shape) ? `[${shape.map(String).join(", ")}]` : typeof shape === "string" ? `'${shape}'` : describeKind(shape);
    problems.push(`${label} has the shape ${shown}, which is not a list of sizes (non-negative integers).`);
    return;
  }
  const sizes = shape as readonly number[];
  const shown = `[${sizes.join(", ")}]`;
  if (dataOk && isNumericArray(data)) {
    const elements = sizes.reduce((a, b) => a * b, 1);
    if (elements !== data.length) problems.push(`${label} has the shape ${shown}, which holds ${elements} values, but its data has ${data.length}.`);
  }
  if (hdu.dims === undefined) return;
  if (sizes.length !== hdu.dims.length) {
    problems.push(`${label} has ${sizes.length} axes (shape ${shown}), but its @dims ${formatDimList(hdu.dims)} names ${hdu.dims.length}.`);
    return;
  }
  hdu.dims.forEach((d, axis) => {
    const size = sizes[axis] ?? 0;
    if (d.size !== undefined && d.size !== size) {
      problems.push(`Axis \`${d.name}\` (axis ${axis}) of ${label} has size ${size} (shape ${shown}), but @dims fixes it at ${d.size}.`);
      return;
    }
    const problem = dims.bind(d.name, size, label);
    if (problem !== undefined) problems.push(cap(problem));
  });
}

/** `an f32`, `an i64`, `a u8`, `a bool`: the article as the dtype is read aloud. */
function dtypeArticle(dtype: string): string {
  return /^[fi]/.test(dtype) ? `an ${dtype}` : `a ${dtype}`;
}
