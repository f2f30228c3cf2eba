import { readFileSync } from "node:fs";
import { EcsvError } from "./EcsvError.js";
import type { EcsvTable } from "./EcsvTable.js";
import { parseEcsv } from "./parseEcsv.js";

/** Reads an ECSV file (UTF-8) with {@link parseEcsv}; errors name the file and line. */
export function readEcsv(path: string): EcsvTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new EcsvError(`cannot read the file: ${(error as Error).message}`, { path });
  }
  return parseEcsv(text, path);
}
