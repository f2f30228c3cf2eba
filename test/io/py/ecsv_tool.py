"""ECSV fixtures and summaries for dflow's ECSV tests, written against astropy.

Usage (JSON request on stdin, JSON answer on stdout):
  ecsv_tool.py summary          {"files": [path, ...]}
      Reads each file with astropy's ECSV reader and reports table meta and, per column,
      name, dtype, unit, description, format, meta and a hash of the values.
  ecsv_tool.py write-fixtures   {"dir": path}
      Writes ECSV files with astropy and answers with their summaries keyed by file name.

Integers in meta are encoded {"int": "..."} and floats {"float": "repr"} so 64-bit values
and whole floats keep their type through JSON. Column hashes are SHA-256 of little-endian
values (booleans as uint8) or of a compact JSON list for strings, masked strings as "".
"""
import hashlib
import json
import os
import sys
import warnings

import numpy as np
from astropy.table import MaskedColumn, Table


def encode(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return {"int": str(int(v))}
    if isinstance(v, (float, np.floating)):
        return {"float": repr(float(v))}
    if isinstance(v, dict):
        return {str(k): encode(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [encode(x) for x in v]
    if v is None:
        return None
    return str(v)


def column_hash(col):
    data = col.filled("" if col.dtype.kind in "SU" else 0) if isinstance(col, MaskedColumn) else col
    a = np.asarray(data)
    if a.dtype.kind in "SU":
        values = [x.decode("utf8") if isinstance(x, bytes) else str(x) for x in a.ravel().tolist()]
        return hashlib.sha256(json.dumps(values, separators=(",", ":"), ensure_ascii=False).encode("utf8")).hexdigest()
    if a.dtype.kind == "b":
        a = a.astype(np.uint8)
    a = np.ascontiguousarray(a.astype(a.dtype.newbyteorder("<")))
    return hashlib.sha256(a.tobytes()).hexdigest()


def summarize_file(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = Table.read(path, format="ascii.ecsv")
    cols = []
    for name in t.colnames:
        col = t[name]
        kind = col.dtype.kind
        cols.append(
            {
                "name": name,
                "dtype": "string" if kind in "SU" else col.dtype.name,
                "unit": str(col.unit) if col.unit is not None else None,
                "description": col.description,
                "format": col.format,
                "meta": encode(dict(col.meta)) if col.meta else None,
                "sha": column_hash(col),
            }
        )
    return {"columns": cols, "meta": encode(dict(t.meta)), "nrows": len(t), "warnings": [str(w.message) for w in caught]}


def write_fixtures(directory):
    rng = np.random.default_rng(2024)
    n = 9
    t = Table()
    t["TARGETID"] = np.array([2**58 + (9010 << 42) + (i << 22) + i for i in range(n)], dtype=np.int64)
    t["TARGETID"].description = "unique target id"
    t["DESI_TARGET"] = np.array([(1 << (58 + i % 5)) | (1 << 62) | i for i in range(n)], dtype=np.int64)
    t["EXTREME"] = np.array([-(2**63), 2**63 - 1] + [0] * (n - 2), dtype=np.int64)
    t["U64"] = np.array([2**64 - 1, 2**63] + list(range(n - 2)), dtype=np.uint64)
    for dtype in ["int8", "int16", "int32", "uint8", "uint16", "uint32"]:
        info = np.iinfo(dtype)
        t[dtype.upper()] = np.array([info.min, info.max] + list(range(n - 2)), dtype=dtype)
    t["FLUX_G"] = rng.normal(size=n).astype(np.float32)
    t["FLUX_G"][0] = np.nan
    t["FLUX_G"][1] = np.inf
    t["FLUX_G"].unit = "1e-17 erg / (Angstrom cm2 s)"
    t["FLUX_G"].format = "%.3f"
    t["RA"] = rng.uniform(0, 360, n)
    t["RA"][0] = -np.inf
    t["RA"][1] = 1e-300
    t["RA"].unit = "deg"
    t["OK"] = np.arange(n) % 2 == 0
    t["NAME"] = ["plain", "with space", 'a "quoted" word', "comma,here", "#hash", "", "ünïcödé", "tab\there", "end "][:n]
    t["NAME"].meta["origin"] = "test"
    t.meta["EXPID"] = 12345
    t.meta["EXPTIME"] = 1000.0
    t.meta["BIGID"] = 2**62 + 5
    t.meta["SURVEY"] = "main"
    t.meta["HPXNEST"] = True
    t.meta["comments"] = ["first comment", "second: with colon"]
    t.meta["nested"] = {"list": [1, 2.5, "three"], "flag": False}
    files = {}
    for name, delimiter in [("space.ecsv", " "), ("comma.ecsv", ",")]:
        path = os.path.join(directory, name)
        t.write(path, format="ascii.ecsv", delimiter=delimiter, overwrite=True)
        files[name] = summarize_file(path)
    masked = Table({"Z": MaskedColumn([1.5, 2.5], mask=[False, True]), "S": ["a", "b"]})
    path = os.path.join(directory, "masked.ecsv")
    masked.write(path, format="ascii.ecsv", overwrite=True)
    files["masked.ecsv"] = summarize_file(path)
    return files


def main():
    mode = sys.argv[1]
    request = json.load(sys.stdin)
    if mode == "summary":
        answer = {path: summarize_file(path) for path in request["files"]}
    elif mode == "write-fixtures":
        answer = write_fixtures(request["dir"])
    else:
        raise SystemExit(f"unknown mode {mode}")
    json.dump(answer, sys.stdout, ensure_ascii=False)


main()
