/**
 * The sources of the backends' test pipelines (test/fixtures/slurm): 4 nights of 3 exposures,
 * a raw file per exposure (one can be marked corrupt), and the pixel map of `static.dflow`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const STATIC = "test/fixtures/slurm/static.dflow";
export const FRONTIER = "test/fixtures/slurm/frontier.dflow";
export const NIGHTS = [20201214, 20201215, 20201216, 20201217];
export const EXPIDS = Array.from({ length: 12 }, (_, i) => i + 1);
export const nightOf = (e: number): number => NIGHTS[Math.floor((e - 1) / 3)]!;

/** Writes the sources under `out`; `corrupt` marks one exposure's raw file bad. */
export function writeSources(out: string, corrupt?: number): void {
  mkdirSync(path.join(out, "raw"), { recursive: true });
  const head = (cols: string[]): string =>
    `# %ECSV 1.0\n# ---\n# datatype:\n${cols.map((c) => `# - {name: ${c}, datatype: int32}`).join("\n")}\n# schema: astropy-2.0\n${cols.join(" ")}\n`;
  writeFileSync(path.join(out, "exposures.ecsv"), head(["EXPID", "NIGHT"]) + EXPIDS.map((e) => `${e} ${nightOf(e)}\n`).join(""));
  writeFileSync(path.join(out, "pixmap.ecsv"), head(["PIXEL", "EXPID"]) + EXPIDS.flatMap((e) => [`${e % 5} ${e}\n`, `${(e + 2) % 5} ${e}\n`]).join(""));
  for (const e of EXPIDS) writeRaw(out, e, e === corrupt);
}

/** Writes one raw file, good or corrupt. */
export function writeRaw(out: string, e: number, corrupt = false): void {
  writeFileSync(path.join(out, "raw", `raw-${e}.json`), JSON.stringify({ value: e * 1.5, status: corrupt ? "corrupt" : "ok" }) + "\n");
}
