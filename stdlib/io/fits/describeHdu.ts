import type { Card, CardValue } from "./Card.js";
import type { Dtype, NumericDtype } from "./Dtype.js";
import { FitsError } from "./FitsError.js";
import type { Header } from "./Header.js";
import { findCard, headerString, headerValue } from "./Header.js";
import type { ColumnInfo, ColumnLayout, HduInfo, HduInfoBase, PixelScaling } from "./HduInfo.js";
import { BLOCK } from "./encodeHeader.js";
import { offsetDtype, parseTdim, parseTform, storageOfCode } from "./tform.js";

/** Where an HDU's header starts and ends in the file. */
export interface HduPlacement {
  readonly index: number;
  readonly headerStart: number;
  readonly dataStart: number;
}

/**
 * Validates a parsed header and describes its HDU: kind, shape, column layout, and the
 * byte range of its data. Throws a {@link FitsError} for a wrong NAXIS, a missing
 * mandatory keyword, or table keywords that do not add up.
 */
export function describeHdu(cards: readonly Card[], at: HduPlacement): HduInfo {
  const header: Header = { cards };
  const first = cards[0];
  const primary = at.index === 0;
  if (primary) {
    if (first === undefined || first.kind !== "value" || first.key !== "SIMPLE") {
      throw new FitsError("not a FITS file: the first card is not SIMPLE");
    }
  } else if (first === undefined || first.kind !== "value" || first.key !== "XTENSION") {
    throw new FitsError("the extension header does not start with XTENSION");
  }
  const bitpix = intKey(header, "BITPIX");
  if (![8, 16, 32, 64, -32, -64].includes(bitpix)) throw new FitsError(`BITPIX = ${bitpix} is not one of 8, 16, 32, 64, -32, -64`);
  const naxis = intKey(header, "NAXIS");
  if (naxis < 0 || naxis > 999) throw new FitsError(`NAXIS = ${naxis} is outside 0–999`);
  const axes: number[] = [];
  for (let i = 1; i <= naxis; i++) {
    const n = intKey(header, `NAXIS${i}`);
    if (n < 0) throw new FitsError(`NAXIS${i} = ${n} is negative`);
    axes.push(n);
  }
  const pcount = primary ? 0 : intKey(header, "PCOUNT");
  const gcount = primary ? 1 : intKey(header, "GCOUNT");
  if (pcount < 0 || gcount < 0) throw new FitsError(`PCOUNT = ${pcount}, GCOUNT = ${gcount} must not be negative`);
  const groups = primary && headerValue(header, "GROUPS") === true && axes[0] === 0;
  const elements = naxis === 0 ? 0 : axes.slice(groups ? 1 : 0).reduce((a, b) => a * b, 1);
  const dataBytes = (Math.abs(bitpix) / 8) * gcount * (pcount + elements);
  if (!Number.isSafeInteger(dataBytes)) throw new FitsError(`the data size implied by NAXISn is not representable (${dataBytes} bytes)`);
  const name = optionalName(header);
  const base: HduInfoBase = {
    index: at.index,
    ...(name !== undefined ? { name } : {}),
    ver: extver(header),
    header,
    headerStart: at.headerStart,
    dataStart: at.dataStart,
    dataBytes,
    end: at.dataStart + Math.ceil(dataBytes / BLOCK) * BLOCK,
  };
  const xtension = primary ? undefined : stringKey(header, "XTENSION").trim();
  if (groups) return { ...base, kind: "other", reason: "random-groups primary HDUs are not supported" };
  if (primary || xtension === "IMAGE") {
    if (!primary && (pcount !== 0 || gcount !== 1)) throw new FitsError(`an IMAGE extension needs PCOUNT = 0 and GCOUNT = 1, found ${pcount} and ${gcount}`);
    const storage = storageOfBitpix(bitpix);
    const scaling = pixelScaling(header, storage);
    // astropy hands out scaled 8/16-bit and float32 images as float32, wider ones as float64.
    const dtype: NumericDtype =
      scaling.kind === "none"
        ? scaling.flipSign
          ? (offsetDtype(storage, zeroOf(header, "BZERO") ?? 0n) ?? storage)
          : storage
        : bitpix === 8 || bitpix === 16 || bitpix === -32
          ? "float32"
          : "float64";
    return { ...base, kind: "image", bitpix, shape: [...axes].reverse(), dtype, storage, scaling };
  }
  if (xtension === "BINTABLE") {
    if (bitpix !== 8 || naxis !== 2) throw new FitsError(`a BINTABLE needs BITPIX = 8 and NAXIS = 2, found BITPIX = ${bitpix} and NAXIS = ${naxis}`);
    if (gcount !== 1) throw new FitsError(`a BINTABLE needs GCOUNT = 1, found ${gcount}`);
    const rowBytes = axes[0]!;
    const nrows = axes[1]!;
    const columns = describeColumns(header, rowBytes);
    return { ...base, kind: "table", nrows, rowBytes, columns };
  }
  return {
    ...base,
    kind: "other",
    reason: xtension === "TABLE" ? "ASCII tables (XTENSION = 'TABLE') are not supported" : `XTENSION = '${xtension}' is not supported`,
  };
}

function intKey(header: Header, key: string): number {
  const c = findCard(header, key);
  if (c === undefined) throw new FitsError(`the mandatory keyword ${key} is missing`);
  if (typeof c.value !== "bigint") throw new FitsError(`${key} must be an integer, found ${describe(c.value)}`);
  if (c.value > BigInt(Number.MAX_SAFE_INTEGER) || c.value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new FitsError(`${key} = ${c.value} is too large`);
  }
  return Number(c.value);
}

function stringKey(header: Header, key: string): string {
  const c = findCard(header, key);
  if (c === undefined || typeof c.value !== "string") throw new FitsError(`${key} must be a string, found ${c === undefined ? "nothing" : describe(c.value)}`);
  return c.value;
}

function describe(v: CardValue): string {
  if (typeof v === "string") return `'${v}'`;
  if (v === null) return "no value";
  if (typeof v === "object") return `(${v.re}, ${v.im})`;
  return String(v);
}

function optionalName(header: Header): string | undefined {
  const c = findCard(header, "EXTNAME");
  if (c === undefined) return undefined;
  if (typeof c.value !== "string") throw new FitsError(`EXTNAME must be a string, found ${describe(c.value)}`);
  return c.value;
}

function extver(header: Header): number {
  const c = findCard(header, "EXTVER");
  if (c === undefined) return 1;
  if (typeof c.value !== "bigint") throw new FitsError(`EXTVER must be an integer, found ${describe(c.value)}`);
  return Number(c.value);
}

function storageOfBitpix(bitpix: number): NumericDtype {
  switch (bitpix) {
    case 8:
      return "uint8";
    case 16:
      return "int16";
    case 32:
      return "int32";
    case 64:
      return "int64";
    case -32:
      return "float32";
    default:
      return "float64";
  }
}

/** A numeric keyword (integer or real) as a bigint when integral, else a number; `undefined` when absent. */
function zeroOf(header: Header, key: string): bigint | number | undefined {
  const c = findCard(header, key);
  if (c === undefined) return undefined;
  if (typeof c.value === "bigint" || typeof c.value === "number") return c.value;
  throw new FitsError(`${key} must be a number, found ${describe(c.value)}`);
}

function isOne(v: bigint | number | undefined): boolean {
  return v === undefined || v === 1n || v === 1;
}

function isZero(v: bigint | number | undefined): boolean {
  return v === undefined || v === 0n || v === 0;
}

function pixelScaling(header: Header, storage: NumericDtype): PixelScaling {
  const bzero = zeroOf(header, "BZERO");
  const bscale = zeroOf(header, "BSCALE");
  if (isZero(bzero) && isOne(bscale)) return { kind: "none", flipSign: false };
  if (isOne(bscale) && bzero !== undefined && offsetDtype(storage, bzero) !== undefined) return { kind: "none", flipSign: true };
  const blank = findCard(header, "BLANK")?.value;
  return {
    kind: "linear",
    bscale: Number(bscale ?? 1),
    bzero: Number(bzero ?? 0),
    ...(typeof blank === "bigint" && !storage.startsWith("float") ? { blank } : {}),
  };
}

function describeColumns(header: Header, rowBytes: number): ColumnInfo[] {
  const tfields = intKey(header, "TFIELDS");
  if (tfields < 0 || tfields > 999) throw new FitsError(`TFIELDS = ${tfields} is outside 0–999`);
  const columns: ColumnInfo[] = [];
  let offset = 0;
  for (let n = 1; n <= tfields; n++) {
    const name = headerString(header, `TTYPE${n}`) ?? `col${n}`;
    const tformCard = findCard(header, `TFORM${n}`);
    if (tformCard === undefined) throw new FitsError(`column ${n} (\`${name}\`) has no TFORM${n}`);
    if (typeof tformCard.value !== "string") throw new FitsError(`TFORM${n} must be a string, found ${describe(tformCard.value)}`);
    const tform = tformCard.value;
    const unit = headerString(header, `TUNIT${n}`);
    const tdimText = headerString(header, `TDIM${n}`);
    const { repeat, code, rest } = parseTform(tform, name);
    const { width, layout: baseLayout } = columnLayout(header, n, name, tform, repeat, code, rest);
    let layout = baseLayout;
    let shape: number[];
    let count: number;
    const dims = tdimText !== undefined && tdimText.trim() !== "" && layout.kind !== "unsupported" ? parseTdim(tdimText, name) : undefined;
    if (dims !== undefined) {
      const product = dims.reduce((a, b) => a * b, 1);
      if (product !== repeat) {
        throw new FitsError(`column \`${name}\`: TDIM${n} = '${tdimText}' holds ${product} elements but TFORM${n} = '${tform}' has ${repeat}`);
      }
      if (layout.kind === "string") {
        // The first TDIM axis is the string length; the rest is the shape of the cell.
        layout = { kind: "string", charWidth: dims[0]! };
        shape = dims.slice(1).reverse();
      } else {
        shape = [...dims].reverse();
      }
      count = shape.reduce((a, b) => a * b, 1);
    } else if (layout.kind === "string") {
      shape = [];
      count = 1;
    } else {
      shape = repeat === 1 ? [] : [repeat];
      count = repeat;
    }
    columns.push({ name, tform, ...(unit !== undefined ? { unit } : {}), dtype: dtypeOfLayout(layout), shape, count, offset, width, layout });
    offset += width;
  }
  if (offset !== rowBytes) {
    throw new FitsError(`NAXIS1 = ${rowBytes} but the TFORMs of the ${tfields} columns add up to ${offset} bytes per row`);
  }
  return columns;
}

function columnLayout(
  header: Header,
  n: number,
  name: string,
  tform: string,
  repeat: number,
  code: string,
  rest: string,
): { width: number; layout: ColumnLayout } {
  if (code === "P" || code === "Q") {
    return {
      width: repeat * (code === "P" ? 8 : 16),
      layout: { kind: "unsupported", reason: `column \`${name}\` (TFORM${n} = '${tform}') is a variable-length array, which this reader does not support` },
    };
  }
  if (rest.trim() !== "" && code !== "A") throw new FitsError(`column \`${name}\` has the malformed TFORM${n} '${tform}'`);
  if (code === "L") return { width: repeat, layout: { kind: "bool" } };
  if (code === "A") return { width: repeat, layout: { kind: "string", charWidth: repeat } };
  if (code === "X") {
    return {
      width: Math.ceil(repeat / 8),
      layout: { kind: "unsupported", reason: `column \`${name}\` (TFORM${n} = '${tform}') is a bit array, which this reader does not support` },
    };
  }
  if (code === "C" || code === "M") {
    return {
      width: repeat * (code === "C" ? 8 : 16),
      layout: { kind: "unsupported", reason: `column \`${name}\` (TFORM${n} = '${tform}') is complex, which this reader does not support` },
    };
  }
  const storage = storageOfCode(code);
  if (storage === undefined) throw new FitsError(`column \`${name}\` has TFORM${n} = '${tform}': the type code \`${code}\` is not a FITS binary-table type`);
  const width = repeat * storage.size;
  const tzero = zeroOf(header, `TZERO${n}`);
  const tscal = zeroOf(header, `TSCAL${n}`);
  if (isZero(tzero) && isOne(tscal))
    return { width, layout: { kind: "numeric", dtype: storage.dtype, storage: storage.dtype, size: storage.size, flipSign: false } };
  const unsigned = isOne(tscal) && tzero !== undefined ? offsetDtype(storage.dtype, tzero) : undefined;
  if (unsigned !== undefined) return { width, layout: { kind: "numeric", dtype: unsigned, storage: storage.dtype, size: storage.size, flipSign: true } };
  const tnull = findCard(header, `TNULL${n}`)?.value;
  return {
    width,
    layout: {
      kind: "scaled",
      storage: storage.dtype,
      size: storage.size,
      tscal: Number(tscal ?? 1),
      tzero: Number(tzero ?? 0),
      ...(typeof tnull === "bigint" ? { tnull } : {}),
    },
  };
}

function dtypeOfLayout(layout: ColumnLayout): Dtype | undefined {
  switch (layout.kind) {
    case "numeric":
      return layout.dtype;
    case "scaled":
      return "float64";
    case "bool":
      return "bool";
    case "string":
      return "string";
    case "unsupported":
      return undefined;
  }
}
