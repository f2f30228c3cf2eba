import type { ByteSource } from "./ByteSource.js";
import { bytesSource, fileSource } from "./ByteSource.js";
import { FitsError, withFitsLocation } from "./FitsError.js";
import type { FitsHdu, ImageArray, TableHdu } from "./FitsHdu.js";
import type { HduInfo, ImageInfo, TableInfo } from "./HduInfo.js";
import type { HduRef } from "./findHdu.js";
import { findHduIndex, namedBy } from "./findHdu.js";
import { readImageData } from "./readImageData.js";
import { readTableRows } from "./readTableRows.js";
import type { HduScanner } from "./scanHdus.js";
import { hduScanner } from "./scanHdus.js";
import type { ChecksumPolicy } from "./verifyChecksum.js";
import { verifyChecksum } from "./verifyChecksum.js";
import { onesComplementSum } from "./checksum.js";

/** Options for opening or reading a FITS file. */
export interface OpenFitsOptions {
  /** CHECKSUM/DATASUM handling; `ignore` by default. Verified when an HDU's data is read. */
  readonly checksum?: ChecksumPolicy;
  /** Label for bytes in error messages (default `<memory>`); ignored for paths. */
  readonly label?: string;
  /**
   * Read headers as HDUs are asked for instead of all at opening: opening reads the primary
   * header, naming an HDU reads the headers up to it (each once per opening; data in between is
   * skipped by its size, not read), `hdus` the rest. A problem past the last HDU asked for
   * (a truncated later HDU, bytes after the last) is then not seen.
   */
  readonly lazyHeaders?: boolean;
}

/**
 * An open FITS file: every HDU's header has been read (or, with `lazyHeaders`, the primary
 * header and those asked for), no data yet. Data is read on request at its file offset, a row
 * range or a few columns at a time. Close it when done.
 */
export interface FitsFile {
  readonly path: string;
  /** Every HDU (with `lazyHeaders`, reading the headers not read yet). */
  readonly hdus: readonly HduInfo[];
  /** The HDU named by `ref` (index, EXTNAME, or EXTNAME and EXTVER). */
  hdu(ref: HduRef): HduInfo;
  /** The first HDU whose EXTNAME is `name` (trimmed, case-insensitive), `undefined` when none. */
  named(name: string): HduInfo | undefined;
  /** Reads a whole HDU. */
  read(ref: HduRef): FitsHdu;
  /** Reads rows `start`…`end` (exclusive; defaults: all) of a table, only the named columns when given. */
  readRows(ref: HduRef, start?: number, end?: number, columns?: readonly string[]): TableHdu;
  /** Reads rows `start`…`end` (exclusive) along the slowest axis (numpy axis 0) of an image. */
  readImageRows(ref: HduRef, start?: number, end?: number): ImageArray;
  /** Verifies CHECKSUM and DATASUM of one HDU, or of all; throws a FitsError on a mismatch. */
  verifyChecksums(ref?: HduRef, policy?: Exclude<ChecksumPolicy, "ignore">): void;
  /** The bytes read from the file so far, headers included. */
  readonly bytesRead: number;
  close(): void;
}

/**
 * Opens a FITS file (a path, or bytes already in memory) and reads its headers. Throws a
 * {@link FitsError} naming the file and HDU when it is not FITS, is truncated, or has a
 * malformed header.
 */
export function openFits(input: string | Uint8Array, options: OpenFitsOptions = {}): FitsFile {
  const source = typeof input === "string" ? fileSource(input) : bytesSource(input, options.label);
  let scanner: HduScanner;
  try {
    scanner = hduScanner(source);
    scanner.next();
    if (options.lazyHeaders !== true) while (scanner.next() !== undefined);
  } catch (error) {
    source.close();
    throw error;
  }
  return makeFitsFile(source, scanner, options.checksum ?? "ignore");
}

function makeFitsFile(source: ByteSource, scanner: HduScanner, policy: ChecksumPolicy): FitsFile {
  const path = source.path;
  const verified = new Set<number>();
  const where = (info: HduInfo) => ({ path, hdu: info.index, ...(info.name !== undefined ? { hduName: info.name } : {}) });
  const all = (): readonly HduInfo[] => {
    while (scanner.next() !== undefined);
    return scanner.found;
  };
  /** Scans on until `done` holds of the HDUs found, or the file ends. */
  const scanUntil = (done: (found: readonly HduInfo[]) => boolean): readonly HduInfo[] => {
    while (!done(scanner.found) && scanner.next() !== undefined);
    return scanner.found;
  };
  const lookup = (ref: HduRef): HduInfo =>
    withFitsLocation({ path }, () => {
      if (typeof ref === "number" || (typeof ref === "object" && "index" in ref)) {
        const index = typeof ref === "number" ? ref : ref.index;
        const hdus = scanUntil((found) => found.length > index);
        return hdus[findHduIndex(hdus, ref)]!;
      }
      const named = namedBy(ref);
      const hdus = scanUntil((found) => found.some(named));
      return hdus[findHduIndex(hdus, ref)]!;
    });
  const check = (info: HduInfo, p: ChecksumPolicy) => {
    if (p === "ignore" || verified.has(info.index)) return;
    withFitsLocation(where(info), () => verifyChecksum(source, info, p));
    verified.add(info.index);
  };
  const asTable = (info: HduInfo): TableInfo => {
    if (info.kind === "table") return info;
    throw new FitsError(info.kind === "image" ? "the HDU is an image, not a table" : info.reason, where(info));
  };
  const asImage = (info: HduInfo): ImageInfo => {
    if (info.kind === "image") return info;
    throw new FitsError(info.kind === "table" ? "the HDU is a table, not an image" : info.reason, where(info));
  };
  const readRows = (info: TableInfo, start: number, end: number, columns?: readonly string[]): TableHdu => {
    check(info, policy);
    return withFitsLocation(where(info), () => readTableRows(source, info, start, end, columns));
  };
  return {
    path,
    get hdus() {
      return all();
    },
    hdu: lookup,
    named(name) {
      const named = namedBy(name);
      return withFitsLocation({ path }, () => scanUntil((found) => found.some(named))).find(named);
    },
    read(ref) {
      const info = lookup(ref);
      if (info.kind === "table") return readRows(info, 0, info.nrows);
      const image = asImage(info);
      const base = { kind: "image" as const, ...(image.name !== undefined ? { name: image.name } : {}), header: image.header };
      if (image.shape.length === 0) {
        check(image, policy);
        return { ...base, shape: [], data: null };
      }
      // A whole image is summed as it is read, then verified before it is handed out.
      let sum: number | undefined;
      const verify = policy !== "ignore" && !verified.has(image.index);
      const { shape, data } = withFitsLocation(where(image), () =>
        readImageData(source, image, 0, image.shape[0]!, verify ? (stored) => (sum = onesComplementSum(stored)) : undefined),
      );
      if (verify) {
        withFitsLocation(where(image), () => verifyChecksum(source, image, policy, sum));
        verified.add(image.index);
      }
      return { ...base, shape, data };
    },
    readRows(ref, start, end, columns) {
      const info = asTable(lookup(ref));
      return readRows(info, start ?? 0, end ?? info.nrows, columns);
    },
    readImageRows(ref, start, end) {
      const info = asImage(lookup(ref));
      check(info, policy);
      return withFitsLocation(where(info), () => readImageData(source, info, start ?? 0, end ?? info.shape[0] ?? 0));
    },
    verifyChecksums(ref, p = "verify") {
      for (const info of ref === undefined ? all() : [lookup(ref)]) {
        withFitsLocation(where(info), () => verifyChecksum(source, info, p));
      }
    },
    get bytesRead() {
      return source.bytesRead;
    },
    close() {
      source.close();
    },
  };
}
