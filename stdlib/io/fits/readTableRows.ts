import type { ByteSource } from "./ByteSource.js";
import type { NumericArray } from "./Dtype.js";
import { allocArray, viewArray } from "./Dtype.js";
import { FitsError } from "./FitsError.js";
import type { Column, TableHdu } from "./FitsHdu.js";
import type { ColumnInfo, TableInfo } from "./HduInfo.js";
import { fromBigEndianInPlace } from "./byteOrder.js";
import { applyScaling } from "./readImageData.js";

/** Bytes of table rows read per call, so selecting a few columns of a long table stays small in memory. */
const CHUNK_BYTES = 16 << 20;

/** A column being filled chunk by chunk. */
interface Sink {
  readonly info: ColumnInfo;
  readonly data: NumericArray | string[] | boolean[];
}

/**
 * Reads rows `start` to `end` (exclusive) of a binary table, decoding only the columns
 * named in `columns` (all when omitted; names match exactly, else case-insensitively as
 * astropy does). Reads the row range in chunks at their file offsets; nothing else.
 */
export function readTableRows(source: ByteSource, info: TableInfo, start: number, end: number, columns?: readonly string[]): TableHdu {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > info.nrows || start > end) {
    throw new FitsError(`the row range ${start}–${end} is outside the table's ${info.nrows} rows`);
  }
  const selected = columns === undefined ? info.columns : columns.map((name) => findColumn(info, name));
  const nrows = end - start;
  const sinks: Sink[] = selected.map((c) => {
    switch (c.layout.kind) {
      case "unsupported":
        throw new FitsError(c.layout.reason);
      case "numeric":
        return { info: c, data: allocArray(c.layout.dtype, nrows * c.count) };
      case "scaled":
        return { info: c, data: new Float64Array(nrows * c.count) };
      case "bool":
        return { info: c, data: new Array<boolean>(nrows * c.count) };
      case "string":
        return { info: c, data: new Array<string>(nrows * c.count) };
    }
  });
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / Math.max(1, info.rowBytes)));
  for (let first = 0; first < nrows && sinks.length > 0; first += rowsPerChunk) {
    const n = Math.min(rowsPerChunk, nrows - first);
    const raw = source.read(info.dataStart + (start + first) * info.rowBytes, n * info.rowBytes);
    for (const sink of sinks) decodeColumnChunk(raw, info.rowBytes, n, sink, first);
  }
  const out: Column[] = sinks.map(({ info: c, data }) => ({
    name: c.name,
    data,
    shape: c.shape,
    ...(c.unit !== undefined ? { unit: c.unit } : {}),
    tform: c.tform,
  }));
  return { kind: "table", ...(info.name !== undefined ? { name: info.name } : {}), header: info.header, nrows, columns: out };
}

/** The column named `name`: an exact match first, then a case-insensitive one. */
export function findColumn(info: TableInfo, name: string): ColumnInfo {
  const exact = info.columns.find((c) => c.name === name);
  if (exact !== undefined) return exact;
  const upper = name.toUpperCase();
  const loose = info.columns.find((c) => c.name.toUpperCase() === upper);
  if (loose !== undefined) return loose;
  throw new FitsError(`there is no column \`${name}\`; the columns are ${info.columns.map((c) => `\`${c.name}\``).join(", ")}`);
}

function decodeColumnChunk(raw: Uint8Array, rowBytes: number, n: number, sink: Sink, firstRow: number): void {
  const c = sink.info;
  const layout = c.layout;
  switch (layout.kind) {
    case "numeric": {
      const data = sink.data as NumericArray;
      const dest = new Uint8Array(data.buffer, data.byteOffset + firstRow * c.width, n * c.width);
      gather(raw, rowBytes, c.offset, c.width, n, dest);
      fromBigEndianInPlace(dest, layout.size, layout.flipSign);
      return;
    }
    case "scaled": {
      const tmp = new Uint8Array(n * c.width);
      gather(raw, rowBytes, c.offset, c.width, n, tmp);
      fromBigEndianInPlace(tmp, layout.size, false);
      const stored = viewArray(layout.storage, tmp.buffer, 0, n * c.count);
      const out = (sink.data as Float64Array).subarray(firstRow * c.count, (firstRow + n) * c.count);
      applyScaling(stored, out, layout.tscal, layout.tzero, layout.tnull);
      return;
    }
    case "bool": {
      const data = sink.data as boolean[];
      for (let r = 0; r < n; r++) {
        const base = r * rowBytes + c.offset;
        const to = (firstRow + r) * c.count;
        for (let k = 0; k < c.count; k++) data[to + k] = raw[base + k] === 0x54; // 'T'; 'F' and 0 (undefined) are false
      }
      return;
    }
    case "string": {
      const data = sink.data as string[];
      const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      const w = layout.charWidth;
      for (let r = 0; r < n; r++) {
        const base = r * rowBytes + c.offset;
        const to = (firstRow + r) * c.count;
        for (let k = 0; k < c.count; k++) {
          const from = base + k * w;
          let stop = from;
          while (stop < from + w && raw[stop] !== 0) stop++;
          while (stop > from && raw[stop - 1] === 0x20) stop--;
          data[to + k] = text.toString("latin1", from, stop);
        }
      }
      return;
    }
    case "unsupported":
      throw new FitsError(layout.reason);
  }
}

/** Copies `width` bytes at `offset` of each of `n` rows into consecutive cells of `dest`. */
function gather(raw: Uint8Array, rowBytes: number, offset: number, width: number, n: number, dest: Uint8Array): void {
  if (width === rowBytes) {
    dest.set(raw.subarray(0, n * width));
    return;
  }
  if (width <= 16) {
    for (let r = 0; r < n; r++) {
      const from = r * rowBytes + offset;
      const to = r * width;
      for (let b = 0; b < width; b++) dest[to + b] = raw[from + b]!;
    }
    return;
  }
  for (let r = 0; r < n; r++) {
    const from = r * rowBytes + offset;
    dest.set(raw.subarray(from, from + width), r * width);
  }
}
