/**
 * Runs one Python process with healpy on batched binary columns: inputs are written as raw
 * little-endian float64/int64 files in a temporary folder, the script fills a dict `out` of
 * numpy arrays, and those come back the same way. One process per test file keeps the suite fast.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findPython, runPython } from "../helpers/externalTools.js";

/** A column exchanged with Python: float64 or int64. */
export type Column = Float64Array | BigInt64Array;

/** What a healpy run returns: its output columns and the healpy version that made them. */
export interface HealpyResult {
  readonly healpyVersion: string;
  readonly columns: ReadonlyMap<string, Column>;
}

const PRELUDE = `
import json, os, sys
import numpy as np
import healpy as hp
_d = sys.argv[1]
_man = json.load(open(os.path.join(_d, "in.json")))
inp = {k: np.fromfile(os.path.join(_d, k + "." + t), dtype="<f8" if t == "f8" else "<i8") for k, t in _man.items()}
out = {}
`;

const EPILOGUE = `
_res = {}
for _k, _v in out.items():
    _v = np.ascontiguousarray(np.asarray(_v).ravel())
    _t = "f8" if _v.dtype.kind == "f" else "i8"
    _v.astype("<" + _t).tofile(os.path.join(_d, "out_" + _k + "." + _t))
    _res[_k] = _t
print(json.dumps({"healpy": hp.__version__, "columns": _res}))
`;

/** The Python interpreter that imports healpy; fails naming the Debian package otherwise. */
export function healpyPython(): string {
  return findPython(["healpy", "numpy"], ["python3-healpy"]);
}

/** Runs `body` (top-level Python using `inp`, `out`, `np`, `hp`) on `inputs` and returns `out`. */
export function runHealpy(body: string, inputs: Readonly<Record<string, Column>>): HealpyResult {
  const python = healpyPython();
  const dir = mkdtempSync(join(tmpdir(), "dflow-healpy-"));
  try {
    const manifest: Record<string, string> = {};
    for (const [name, col] of Object.entries(inputs)) {
      const t = col instanceof Float64Array ? "f8" : "i8";
      writeFileSync(join(dir, `${name}.${t}`), new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
      manifest[name] = t;
    }
    writeFileSync(join(dir, "in.json"), JSON.stringify(manifest));
    const stdout = runPython(python, PRELUDE + body + EPILOGUE, [dir]);
    const lastLine = stdout.trim().split("\n").pop() ?? "{}";
    const meta = JSON.parse(lastLine) as { healpy: string; columns: Record<string, "f8" | "i8"> };
    const columns = new Map<string, Column>();
    for (const [name, t] of Object.entries(meta.columns)) {
      const bytes = readFileSync(join(dir, `out_${name}.${t}`));
      const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      columns.set(name, t === "f8" ? new Float64Array(copy) : new BigInt64Array(copy));
    }
    return { healpyVersion: meta.healpy, columns };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The float64 column `name` of a result; throws if missing or of the other type. */
export function f64(r: HealpyResult, name: string): Float64Array {
  const c = r.columns.get(name);
  if (!(c instanceof Float64Array)) throw new Error(`healpy output \`${name}\` is missing or not float64`);
  return c;
}

/** The int64 column `name` of a result; throws if missing or of the other type. */
export function i64(r: HealpyResult, name: string): BigInt64Array {
  const c = r.columns.get(name);
  if (!(c instanceof BigInt64Array)) throw new Error(`healpy output \`${name}\` is missing or not int64`);
  return c;
}
