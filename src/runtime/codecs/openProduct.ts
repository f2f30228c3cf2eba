import type { ProductTypeInfo } from "../../kernels/index.js";
import { EcsvError, parseEcsv } from "../../../stdlib/io/ecsv/index.js";
import { FitsError, openFits } from "../../../stdlib/io/fits/index.js";
import type { FitsFile } from "../../../stdlib/io/fits/index.js";
import { CodecError } from "./CodecError.js";
import type { ColumnValue, HeaderValues, ImageValue, NumericArray, ProductValue } from "./ProductValue.js";
import { dtypeInfo } from "./dtypeInfo.js";
import { hduLabel } from "./hduLabel.js";
import { countRead } from "./ioCounter.js";
import { decodeEcsv } from "./decodeEcsv.js";
import { readTable } from "./decodeFits.js";
import { decodeProduct, readText } from "./decodeProduct.js";
import { headerValues } from "./headerValues.js";
import { locateHdu } from "./locateHdu.js";

/** What can be read from one opening of a product file (a handle, or a session on it). */
export interface ProductFile {
  /** The FITS primary header or ECSV `meta` (JSON products have none: `{}`), without reading data. */
  header(): Promise<HeaderValues>;
  /**
   * Rows `start`…`end` (exclusive; both clamped to the row count) of a table HDU, named by
   * EXTNAME or member, as columns in their data-model classes: all declared columns or those
   * named. An ECSV product is one table, whatever `hdu` says.
   */
  readRows(hdu: string, start: number, end: number, columns?: readonly string[]): Promise<Readonly<Record<string, ColumnValue>>>;
  /**
   * Rows `start`…`end` (exclusive; clamped) along the first axis of an image HDU (numpy axis 0:
   * the fibers of FLUX, IVAR, MASK or RESOLUTION), named by EXTNAME or member, reading only
   * those bytes. The image keeps its other axes: shape `[end − start, …]`.
   */
  readImageRows(hdu: string, start: number, end: number): Promise<ImageValue>;
}

/**
 * A lazy reader of one product file, what the runtime wraps into a kernel's `Handle<T>`:
 * nothing is read until asked, and a FITS table's rows or an image's rows are read without the
 * rest of the file. Each call opens the file and closes it; `session` opens it once for several.
 */
export interface ProductReader<T extends object = ProductValue> extends ProductFile {
  /** The product's file. */
  readonly path: string;
  /** The whole product, validated (as {@link decodeProduct}). */
  read(): Promise<T>;
  /** Opens the file once: `use` reads through the file it is given, closed when `use` settles. */
  session<R>(use: (file: ProductFile) => Promise<R>): Promise<R>;
}

/**
 * Opens the product of type `t` at `path` for lazy reading. FITS headers and row ranges are
 * read at their offsets with the lazy FITS reader (opened per call, so no file stays open):
 * the primary header, then only the headers up to each HDU asked for, once per opening;
 * ECSV, JSON and HTML files are read whole. Errors are {@link CodecError}s naming the file.
 */
export function openProduct<T extends object = ProductValue>(t: ProductTypeInfo, path: string): ProductReader<T> {
  switch (t.format) {
    case "fits": {
      const reads = (file: FitsFile): ProductFile => fitsReads(t, file);
      return {
        path,
        header: async () => withFits(path, (file) => reads(file).header()),
        read: async () => decodeProduct<T>(t, path),
        readRows: async (hdu, start, end, columns) => withFits(path, (file) => reads(file).readRows(hdu, start, end, columns)),
        readImageRows: async (hdu, start, end) => withFits(path, (file) => reads(file).readImageRows(hdu, start, end)),
        session: async (use) => withFits(path, (file) => use(reads(file))),
      };
    }
    case "ecsv": {
      let table: Promise<Record<string, unknown>> | undefined;
      const whole = () => (table ??= Promise.resolve().then(() => decodeEcsvFile(t, path)));
      const self: ProductReader<T> = {
        path,
        header: async () => ({ ...((await whole())["meta"] as HeaderValues) }),
        read: async () => decodeProduct<T>(t, path),
        readRows: async (_hdu, start, end, columns) => sliceColumns(t, path, await whole(), start, end, columns),
        readImageRows: async () => {
          throw new CodecError([`\`${t.name}\` is an ECSV product, which has no images to read rows from: use readRows().`], path);
        },
        session: async (use) => use(self),
      };
      return self;
    }
    case "json":
    case "html": {
      const kind = t.format === "json" ? "a JSON" : "an HTML";
      const self: ProductReader<T> = {
        path,
        header: async () => ({}),
        read: async () => decodeProduct<T>(t, path),
        readRows: async () => {
          throw new CodecError([`\`${t.name}\` is ${kind} product, which has no tables to read rows from: use read().`], path);
        },
        readImageRows: async () => {
          throw new CodecError([`\`${t.name}\` is ${kind} product, which has no images to read rows from: use read().`], path);
        },
        session: async (use) => use(self),
      };
      return self;
    }
  }
}

/** Opens `path`, runs `action` on it (awaited) and closes it, counting the opening and its bytes. */
async function withFits<R>(path: string, action: (file: FitsFile) => R | Promise<R>): Promise<R> {
  let file: FitsFile;
  try {
    file = openFits(path, { lazyHeaders: true });
  } catch (error) {
    if (error instanceof FitsError) throw new CodecError([error.detail], path, { cause: error });
    throw error;
  }
  try {
    return await action(file);
  } catch (error) {
    if (error instanceof FitsError) throw new CodecError([error.detail], path, { cause: error });
    throw error;
  } finally {
    countRead(path, file.bytesRead);
    file.close();
  }
}

/** The reads of one open FITS file of type `t`. */
function fitsReads(t: ProductTypeInfo, file: FitsFile): ProductFile {
  return {
    header: async () => headerValues(file.hdu(0).header),
    readRows: async (hdu, start, end, columns) => fitsRows(t, file, hdu, start, end, columns),
    readImageRows: async (hdu, start, end) => fitsImageRows(t, file, hdu, start, end),
  };
}

function fitsImageRows(t: ProductTypeInfo, file: FitsFile, name: string, start: number, end: number): ImageValue {
  const images = t.hdus.filter((h) => h.kind === "image");
  const hdu = images.find((h) => h.name === name || h.member === name) ?? images.find((h) => h.name.toUpperCase() === name.toUpperCase());
  if (hdu === undefined) {
    const names = images.map((h) => `\`${h.name}\``).join(", ");
    throw new CodecError([`\`${t.name}\` has no image HDU \`${name}\`; ${images.length === 0 ? "it has no images" : `its images are ${names}`}.`], file.path);
  }
  const where = locateHdu(file, hdu, t.hdus[0] === hdu);
  if ("problem" in where) throw new CodecError([where.problem], file.path);
  const info = file.hdu(where.index);
  if (info?.kind !== "image" || info.shape.length === 0) throw new CodecError([`${hduLabel(hdu)} is not an image with data in the file.`], file.path);
  const expected = hdu.dtype === undefined ? undefined : dtypeInfo(hdu.dtype);
  if (expected !== undefined && (expected.kind !== "numeric" || info.dtype !== expected.fits)) {
    throw new CodecError([`${hduLabel(hdu)} holds ${info.dtype} pixels (BITPIX ${info.bitpix}), but it is declared ${hdu.dtype ?? ""}.`], file.path);
  }
  const [from, to] = rowRange(start, end, info.shape[0] ?? 0, file.path);
  const read = file.readImageRows(where.index, from, to);
  return { data: read.data as NumericArray, shape: [...read.shape] };
}

function fitsRows(
  t: ProductTypeInfo,
  file: FitsFile,
  name: string,
  start: number,
  end: number,
  columns: readonly string[] | undefined,
): Record<string, ColumnValue> {
  const tables = t.hdus.filter((h) => h.kind === "table");
  const hdu = tables.find((h) => h.name === name || h.member === name) ?? tables.find((h) => h.name.toUpperCase() === name.toUpperCase());
  if (hdu === undefined) {
    const names = tables.map((h) => `\`${h.name}\``).join(", ");
    throw new CodecError([`\`${t.name}\` has no table HDU \`${name}\`; ${tables.length === 0 ? "it has no tables" : `its tables are ${names}`}.`], file.path);
  }
  checkColumns(hdu.columns?.map((c) => c.name) ?? [], columns, `HDU \`${hdu.name}\``, file.path);
  const where = locateHdu(file, hdu, t.hdus[0] === hdu);
  if ("problem" in where) throw new CodecError([where.problem], file.path);
  const info = file.hdu(where.index);
  const nrows = info?.kind === "table" ? info.nrows : 0;
  const [from, to] = rowRange(start, end, nrows, file.path);
  const problems: string[] = [];
  const out = readTable(file, hdu, where.index, columns, from, to, problems);
  if (out === undefined || problems.length > 0) throw new CodecError(problems, file.path);
  return out;
}

function decodeEcsvFile(t: ProductTypeInfo, path: string): Record<string, unknown> {
  const problems: string[] = [];
  let value: Record<string, unknown>;
  try {
    value = decodeEcsv(t, parseEcsv(readText(path), path), problems);
  } catch (error) {
    if (error instanceof EcsvError) throw new CodecError([error.detail + (error.line !== undefined ? ` (line ${error.line})` : "")], path, { cause: error });
    throw error;
  }
  if (problems.length > 0) throw new CodecError(problems, path);
  return value;
}

function sliceColumns(
  t: ProductTypeInfo,
  path: string,
  value: Record<string, unknown>,
  start: number,
  end: number,
  columns: readonly string[] | undefined,
): Record<string, ColumnValue> {
  const names = t.columns.map((c) => c.name);
  checkColumns(names, columns, `\`${t.name}\``, path);
  const first = value[names[0] ?? ""] as ColumnValue | undefined;
  const [from, to] = rowRange(start, end, first?.length ?? 0, path);
  const out: Record<string, ColumnValue> = {};
  for (const name of columns ?? names) {
    const data = value[name] as ColumnValue;
    out[name] = data.slice(from, to);
  }
  return out;
}

function checkColumns(declared: readonly string[], asked: readonly string[] | undefined, where: string, path: string): void {
  const unknown = (asked ?? []).filter((c) => !declared.includes(c));
  if (unknown.length > 0) {
    throw new CodecError(
      [`${where} declares no column ${unknown.map((c) => `\`${c}\``).join(", ")}; its columns are ${declared.map((c) => `\`${c}\``).join(", ")}.`],
      path,
    );
  }
}

function rowRange(start: number, end: number, nrows: number, path: string): [number, number] {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new CodecError([`The row range ${start}…${end} is not a range of row numbers (0 ≤ start ≤ end, integers).`], path);
  }
  return [Math.min(start, nrows), Math.min(end, nrows)];
}
