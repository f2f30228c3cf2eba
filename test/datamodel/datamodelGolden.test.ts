/**
 * Golden test of `dflow datamodel`: the bundled CLI's text output for all product types and
 * for each type, and its `--json` output, equal byte for byte the outputs recorded in
 * test/fixtures/datamodel-golden before the data model's tables were refactored into bases
 * plus additions. Column names, dtypes, dims, units, docs and order (FITS column order is part
 * of the DESI data model) must not move. In the JSON, where a column is declared (`loc` of a
 * column) may move, so column locations are left out; other locations are kept as
 * repository-relative file, line and column.
 *
 * The index is read with ts-morph into an empty cache directory, so the reader itself runs.
 * To re-record after an intended change: see test/fixtures/datamodel-golden/README.md.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const GOLDEN = join(ROOT, "test/fixtures/datamodel-golden");
const run = promisify(execFile);

let cacheDir = "";

async function datamodel(args: readonly string[]): Promise<string> {
  const env = { ...process.env, NO_COLOR: "1", DFLOW_STDLIB: join(ROOT, "stdlib"), DFLOW_CACHE_DIR: cacheDir };
  const r = await run(process.execPath, [join(ROOT, "dist/dflow.js"), "datamodel", ...args], { cwd: ROOT, env, maxBuffer: 64 << 20, encoding: "utf8" });
  expect(r.stderr).toBe("");
  return r.stdout;
}

/** The JSON output with column locations left out and other locations made repository-relative. */
function normalizeJson(text: string): string {
  const walk = (v: unknown, inColumns: boolean): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, inColumns));
    if (v === null || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === "loc") {
        if (inColumns) continue;
        const l = x as { file: string; line: number; column: number };
        out[k] = { file: relative(ROOT, l.file).split("\\").join("/"), line: l.line, column: l.column };
      } else out[k] = walk(x, k === "columns");
    }
    return out;
  };
  return JSON.stringify(walk(JSON.parse(text), false), null, 1) + "\n";
}

const types = readdirSync(GOLDEN)
  .filter((f) => f.endsWith(".txt") && f !== "all.txt")
  .map((f) => f.slice(0, -".txt".length))
  .sort();

describe("dflow datamodel prints what it printed before the tables had bases", () => {
  beforeAll(async () => {
    cacheDir = mkdtempSync(join(tmpdir(), "dflow-golden-"));
    // Fill the cache once (ts-morph), so the per-type runs below read it.
    await datamodel(["Frame"]);
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("records every product type", async () => {
    const all = readFileSync(join(GOLDEN, "all.txt"), "utf8");
    const names = [...all.matchAll(/^([A-Za-z0-9_]+) \((?:FITS|ECSV|JSON)\)/gm)].map((m) => m[1]).sort();
    expect(types).toEqual(names);
    expect(types.length).toBeGreaterThanOrEqual(16);
  });

  it("all types, text", async () => {
    expect(await datamodel([])).toBe(readFileSync(join(GOLDEN, "all.txt"), "utf8"));
  });

  it("all types, --json", async () => {
    expect(normalizeJson(await datamodel(["--json"]))).toBe(readFileSync(join(GOLDEN, "all.json"), "utf8"));
  });

  it("each type, text", async () => {
    // Four at a time: one process per type, without loading a shared machine with all at once.
    const queue = [...types];
    const outs: [string, string][] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        for (let t = queue.shift(); t !== undefined; t = queue.shift()) outs.push([t, await datamodel([t])]);
      }),
    );
    expect(outs.map(([t]) => t).sort()).toEqual(types);
    for (const [t, out] of outs) expect(out, t).toBe(readFileSync(join(GOLDEN, `${t}.txt`), "utf8"));
  });
});
