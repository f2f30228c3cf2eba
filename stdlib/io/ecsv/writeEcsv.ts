import { closeSync, openSync, writeSync } from "node:fs";
import { EcsvError } from "./EcsvError.js";
import type { EcsvTable } from "./EcsvTable.js";
import { formatEcsvChunks } from "./formatEcsv.js";

/** Writes a table to `path` as ECSV (UTF-8), streaming the text in chunks. Not atomic. */
export function writeEcsv(path: string, table: EcsvTable): void {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (error) {
    throw new EcsvError(`cannot create the file: ${(error as Error).message}`, { path });
  }
  try {
    for (const chunk of formatEcsvChunks(table, path)) {
      const bytes = Buffer.from(chunk, "utf8");
      let done = 0;
      while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done);
    }
  } finally {
    closeSync(fd);
  }
}
