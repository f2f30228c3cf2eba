import type { Card } from "./Card.js";
import { card } from "./Card.js";
import type { NumericArray } from "./Dtype.js";
import { dtypeOfArray, dtypeSize } from "./Dtype.js";
import { FitsError } from "./FitsError.js";
import type { Column, TableHdu } from "./FitsHdu.js";
import { bytesOf, toBigEndianInPlace } from "./byteOrder.js";
import { onesComplementSum } from "./checksum.js";
import type { EncodedData } from "./encodeImage.js";
import { checkShape } from "./encodeImage.js";
import { BLOCK } from "./encodeHeader.js";
import { formatTdim, parseTform, tformOfDtype } from "./tform.js";

const PRINTABLE = /^[ -~]*$/;

/** How one column is laid out in a row. */
type ColumnPlan =
  | { readonly kind: "numeric"; readonly data: NumericArray; readonly size: 1 | 2 | 4 | 8; readonly flipSign: boolean; readonly width: number }
  | { readonly kind: "bool"; readonly data: readonly boolean[]; readonly width: number; readonly count: number }
  | { readonly kind: "string"; readonly data: readonly string[]; readonly width: number; readonly count: number; readonly charWidth: number };

/**
 * Encodes a binary-table HDU: XTENSION = 'BINTABLE', NAXIS1/NAXIS2, TFIELDS, and per
 * column TTYPE, TFORM, TUNIT, TDIM (multi-dimensional cells) and TZERO (unsigned and int8
 * columns, as astropy writes them), then the rows big-endian.
 */
export function encodeTable(hdu: TableHdu): EncodedData {
  const nrows = hdu.nrows;
  if (!Number.isSafeInteger(nrows) || nrows < 0) throw new FitsError(`nrows = ${nrows} is not a non-negative integer`);
  if (hdu.columns.length > 999) throw new FitsError(`a table has at most 999 columns, not ${hdu.columns.length}`);
  const seen = new Map<string, string>();
  const columnCards: Card[] = [];
  const plans: ColumnPlan[] = [];
  let rowBytes = 0;
  hdu.columns.forEach((column, i) => {
    const n = i + 1;
    const upper = column.name.toUpperCase();
    const previous = seen.get(upper);
    if (column.name === "" || !PRINTABLE.test(column.name)) throw new FitsError(`column ${n} needs a name of printable ASCII characters`);
    if (previous !== undefined)
      throw new FitsError(`two columns are named \`${previous}\` and \`${column.name}\`; FITS column names must differ ignoring case`);
    seen.set(upper, column.name);
    const { plan, tform, tdim, tzero } = planColumn(column, nrows);
    plans.push(plan);
    rowBytes += plan.width;
    columnCards.push(card(`TTYPE${n}`, column.name), card(`TFORM${n}`, tform));
    if (column.unit !== undefined && column.unit !== "") columnCards.push(card(`TUNIT${n}`, column.unit));
    if (tdim !== undefined) columnCards.push(card(`TDIM${n}`, tdim));
    if (tzero !== undefined) columnCards.push(card(`TZERO${n}`, tzero));
  });
  const cards: Card[] = [
    card("XTENSION", "BINTABLE", "binary table extension"),
    card("BITPIX", 8n, "array data type"),
    card("NAXIS", 2n, "number of array dimensions"),
    card("NAXIS1", BigInt(rowBytes), "length of dimension 1"),
    card("NAXIS2", BigInt(nrows), "length of dimension 2"),
    card("PCOUNT", 0n, "number of group parameters"),
    card("GCOUNT", 1n, "number of groups"),
    card("TFIELDS", BigInt(plans.length), "number of table fields"),
    ...columnCards,
  ];
  const data = new Uint8Array(Math.ceil((rowBytes * nrows) / BLOCK) * BLOCK);
  let offset = 0;
  for (const plan of plans) {
    fillColumn(plan, data, rowBytes, offset, nrows);
    offset += plan.width;
  }
  return { cards, datasum: onesComplementSum(data), chunks: () => (data.byteLength > 0 ? [data] : []) };
}

function planColumn(column: Column, nrows: number): { plan: ColumnPlan; tform: string; tdim?: string; tzero?: bigint } {
  const what = `column \`${column.name}\``;
  const shape = column.shape ?? [];
  const count = checkShape(shape, what);
  const data = column.data;
  if (data.length !== nrows * count) {
    throw new FitsError(`${what} has ${data.length} values, but ${nrows} rows × ${count} per cell (shape [${shape.join(", ")}]) make ${nrows * count}`);
  }
  const numeric = dtypeOfArray(data);
  if (numeric !== undefined) {
    const { code, tzero } = tformOfDtype(numeric);
    const size = dtypeSize(numeric);
    const tdim = shape.length >= 2 || (shape.length === 1 && shape[0] === 1) ? formatTdim([...shape].reverse()) : undefined;
    return {
      plan: { kind: "numeric", data: data as NumericArray, size, flipSign: tzero !== undefined, width: count * size },
      tform: count === 1 && shape.length === 0 ? code : `${count}${code}`,
      ...(tdim !== undefined ? { tdim } : {}),
      ...(tzero !== undefined ? { tzero } : {}),
    };
  }
  if (!Array.isArray(data)) throw new FitsError(`${what} must hold a typed array, an array of strings or an array of booleans`);
  const declared = column.tform === undefined ? undefined : parseTform(column.tform, column.name);
  const kind = data.length > 0 ? typeof data[0] : declared?.code === "L" ? "boolean" : declared?.code === "A" ? "string" : undefined;
  if (kind === "boolean") {
    const values = data as readonly boolean[];
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i] !== "boolean") throw new FitsError(`${what} mixes booleans with ${typeof values[i]} at element ${i}`);
    }
    const tdim = shape.length >= 2 || (shape.length === 1 && shape[0] === 1) ? formatTdim([...shape].reverse()) : undefined;
    return {
      plan: { kind: "bool", data: values, width: count, count },
      tform: count === 1 && shape.length === 0 ? "L" : `${count}L`,
      ...(tdim !== undefined ? { tdim } : {}),
    };
  }
  if (kind === "string") {
    const values = data as readonly string[];
    let longest = 0;
    for (let i = 0; i < values.length; i++) {
      const s = values[i];
      if (typeof s !== "string") throw new FitsError(`${what} mixes strings with ${typeof s} at element ${i}`);
      if (!PRINTABLE.test(s)) throw new FitsError(`${what} element ${i} contains characters outside printable ASCII, which FITS strings cannot hold`);
      longest = Math.max(longest, s.length);
    }
    let charWidth = Math.max(1, longest);
    if (declared !== undefined && declared.code === "A") {
      if (count === 0 || declared.repeat % count !== 0) {
        throw new FitsError(`${what}: TFORM '${column.tform}' does not split into ${count} strings per cell`);
      }
      charWidth = declared.repeat / count;
      if (longest > charWidth)
        throw new FitsError(`${what} holds a string of ${longest} characters, longer than its TFORM '${column.tform}' allows (${charWidth})`);
    }
    return {
      plan: { kind: "string", data: values, width: charWidth * count, count, charWidth },
      tform: `${charWidth * count}A`,
      ...(shape.length >= 1 ? { tdim: formatTdim([charWidth, ...[...shape].reverse()]) } : {}),
    };
  }
  throw new FitsError(`${what} is empty, so its type is unknown: give it a tform ('L' or 'nA') or a typed array`);
}

function fillColumn(plan: ColumnPlan, out: Uint8Array, rowBytes: number, offset: number, nrows: number): void {
  switch (plan.kind) {
    case "numeric": {
      const bytes = bytesOf(plan.data).slice();
      toBigEndianInPlace(bytes, plan.size, plan.flipSign);
      scatter(bytes, out, rowBytes, offset, plan.width, nrows);
      return;
    }
    case "bool": {
      for (let r = 0; r < nrows; r++) {
        const base = r * rowBytes + offset;
        for (let k = 0; k < plan.count; k++) out[base + k] = plan.data[r * plan.count + k] ? 0x54 : 0x46;
      }
      return;
    }
    case "string": {
      // Unused characters stay NUL, which ends a FITS string, as astropy pads them.
      for (let r = 0; r < nrows; r++) {
        const base = r * rowBytes + offset;
        for (let k = 0; k < plan.count; k++) {
          const s = plan.data[r * plan.count + k]!;
          const at = base + k * plan.charWidth;
          for (let j = 0; j < s.length; j++) out[at + j] = s.charCodeAt(j);
        }
      }
      return;
    }
  }
}

/** Copies consecutive `width`-byte cells of `cells` to `offset` in each row of `out`. */
function scatter(cells: Uint8Array, out: Uint8Array, rowBytes: number, offset: number, width: number, nrows: number): void {
  if (width === rowBytes) {
    out.set(cells.subarray(0, nrows * width));
    return;
  }
  if (width <= 16) {
    for (let r = 0; r < nrows; r++) {
      const to = r * rowBytes + offset;
      const from = r * width;
      for (let b = 0; b < width; b++) out[to + b] = cells[from + b]!;
    }
    return;
  }
  for (let r = 0; r < nrows; r++) out.set(cells.subarray(r * width, (r + 1) * width), r * rowBytes + offset);
}
