"""FITS fixtures and summaries for dflow's FITS tests, written against astropy.

Usage (JSON request on stdin, JSON answer on stdout):
  fits_tool.py summary          {"files": [path, ...]}
      Opens each file with checksum=True and reports, per HDU, its header cards, image
      dtype/shape/hash or table column name/dtype/shape/unit/hash, and any warning raised.
  fits_tool.py write-fixtures   {"dir": path}
      Writes FITS files with astropy covering every dtype and TFORM dflow reads, and
      answers with their summaries (as `summary` would) keyed by file name.

Hashes are SHA-256 of the values as little-endian bytes (booleans as uint8), or of a
compact JSON list for strings, so both sides compare exact values without shipping them.
"""
import hashlib
import json
import os
import sys
import warnings

import numpy as np
from astropy.io import fits


def encode_value(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return {"int": str(int(v))}
    if isinstance(v, (float, np.floating)):
        return {"float": repr(float(v))}
    if isinstance(v, complex):
        return {"complex": [repr(v.real), repr(v.imag)]}
    if v is None or isinstance(v, fits.card.Undefined):
        return None
    return str(v)


def array_hash(a):
    a = np.asarray(a)
    if a.dtype.kind in "SU":
        values = [x.decode("latin1") if isinstance(x, bytes) else str(x) for x in a.ravel().tolist()]
        values = [x.rstrip(" ") for x in values]
        return hashlib.sha256(json.dumps(values, separators=(",", ":")).encode("utf8")).hexdigest()
    if a.dtype.kind == "b":
        a = a.astype(np.uint8)
    a = np.ascontiguousarray(a.astype(a.dtype.newbyteorder("<")))
    return hashlib.sha256(a.tobytes()).hexdigest()


def dtype_name(a):
    kind = np.asarray(a).dtype.kind
    if kind in "SU":
        return "string"
    return np.asarray(a).dtype.name


def summarize_hdu(hdu):
    cards = [[c.keyword, encode_value(c.value), c.comment or ""] for c in hdu.header.cards]
    name = hdu.header.get("EXTNAME")
    out = {"name": name, "cards": cards}
    if isinstance(hdu, fits.BinTableHDU):
        out["kind"] = "table"
        out["nrows"] = int(hdu.header["NAXIS2"])
        cols = []
        for col in hdu.columns:
            data = hdu.data[col.name] if hdu.data is not None else np.zeros(0)
            data = np.asarray(data)
            cols.append(
                {
                    "name": col.name,
                    "dtype": dtype_name(data),
                    "shape": list(data.shape[1:]),
                    "unit": col.unit if col.unit else None,
                    "sha": array_hash(data),
                }
            )
        out["columns"] = cols
    else:
        out["kind"] = "image"
        if hdu.data is None:
            out["image"] = None
        else:
            out["image"] = {"dtype": dtype_name(hdu.data), "shape": list(hdu.data.shape), "sha": array_hash(hdu.data)}
    return out


def summarize_file(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with fits.open(path, checksum=True) as hl:
            hdus = [summarize_hdu(h) for h in hl]
    return {"hdus": hdus, "warnings": [str(w.message) for w in caught]}


def write_fixtures(directory):
    rng = np.random.default_rng(12345)
    files = {}

    # Images of every BITPIX, unsigned through BZERO, and a header exercising card types.
    primary = fits.PrimaryHDU(rng.normal(size=(3, 4, 5)).astype(np.float32))
    h = primary.header
    h["NIGHT"] = (20201214, "observing night")
    h["EXPTIME"] = (1000.0, "[s] exposure time")
    h["AIRMASS"] = 1.2345678901234567
    h["TINY"] = 1e-300
    h["BIGINT"] = (2**62 + 3, "beyond 2^53")
    h["HPXNEST"] = True
    h["FLAG"] = False
    h["OBJECT"] = "it's quoted"
    h["EMPTY"] = ""
    h["NOVALUE"] = None
    h["LONGSTR"] = ("a very long string value " * 8).strip()
    h["LONGQ"] = "x" * 66 + "''" + "y" * 80
    h["HISTORY"] = "written by astropy for dflow tests"
    h["HISTORY"] = "second history line"
    h["COMMENT"] = "a comment card"
    h["HIERARCH ESO LONG KEYWORD"] = 5
    hdus = [primary]
    for dtype in ["uint8", "int8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64"]:
        info = np.iinfo(dtype) if np.dtype(dtype).kind in "iu" else None
        if info is not None:
            data = np.array([info.min, info.max, 0, 1, info.max // 3], dtype=dtype).reshape(5, 1) * np.ones((1, 3), dtype=dtype)
        else:
            data = np.array([[np.nan, np.inf, -np.inf], [0.0, -0.0, 1e-30], [3.5, 1e30, -2.25]], dtype=dtype)
        hdus.append(fits.ImageHDU(data, name=dtype.upper()))
    # TARGETID-like images above 2^58 and masks with bits 58-62.
    ids = np.array([2**58 + 1, 2**58 + 2**42 * 9010 + 7, 2**62 | 2**61 | 2**60 | 2**59 | 2**58, -(2**63)], dtype=np.int64)
    hdus.append(fits.ImageHDU(ids, name="IDS"))
    empty = fits.ImageHDU(name="EMPTY")
    hdus.append(empty)
    # Linear scaling other than the unsigned convention: astropy hands out float32 here.
    scaled = fits.ImageHDU(np.array([[1.0, 2.5, -3.0], [10.0, 0.5, 7.25]], dtype=np.float32), name="SCALED")
    scaled.scale("int16", bscale=0.25, bzero=10.0)
    hdus.append(scaled)
    path = os.path.join(directory, "images.fits")
    fits.HDUList(hdus).writeto(path, overwrite=True, checksum=True)
    files["images.fits"] = summarize_file(path)

    # A binary table with every TFORM dflow reads.
    n = 7
    cols = [
        fits.Column(name="TARGETID", format="K", array=np.array([2**58 + i * 2**22 + 5 for i in range(n)], dtype=np.int64)),
        fits.Column(name="DESI_TARGET", format="K", array=np.array([(1 << (58 + i % 5)) | 3 for i in range(n)], dtype=np.int64)),
        fits.Column(name="MASKBITS", format="I", array=rng.integers(-32768, 32767, n).astype(np.int16)),
        fits.Column(name="FIBER", format="J", unit="", array=np.arange(n, dtype=np.int32)),
        fits.Column(name="FA_TYPE", format="B", array=np.arange(250, 250 + n, dtype=np.uint8) % 256),
        fits.Column(name="U16", format="I", bzero=32768, array=np.array([0, 1, 40000, 65535, 2, 3, 4], dtype=np.uint16)),
        fits.Column(name="U32", format="J", bzero=2147483648, array=np.array([0, 1, 2**32 - 1, 2**31, 5, 6, 7], dtype=np.uint32)),
        fits.Column(name="U64", format="K", bzero=2**63, array=np.array([0, 1, 2**64 - 1, 2**63, 2**63 + 5, 6, 7], dtype=np.uint64)),
        fits.Column(name="FLUX_G", format="E", unit="nanomaggy", array=rng.normal(size=n).astype(np.float32)),
        fits.Column(name="TARGET_RA", format="D", unit="deg", array=rng.uniform(0, 360, n)),
        fits.Column(name="IN_COADD_B", format="L", array=np.array([True, False] * 3 + [True])),
        fits.Column(name="OBJTYPE", format="3A", array=np.array(["TGT", "SKY", "BAD", "NON", "TGT", "S", ""])),
        fits.Column(name="BRICKNAME", format="8A", array=np.array(["0001p000", "3599m025", "a b", " lead", "x", "", "12345678"])),
        fits.Column(name="COEFF", format="10E", array=rng.normal(size=(n, 10)).astype(np.float32)),
        fits.Column(name="CUBE", format="24D", dim="(4,3,2)", array=rng.normal(size=(n, 2, 3, 4))),
        fits.Column(name="IMASK", format="6J", dim="(3,2)", array=rng.integers(-(2**31), 2**31 - 1, (n, 2, 3)).astype(np.int32)),
        fits.Column(name="KVEC", format="2K", array=np.array([[2**62 + i, -(2**63) + i] for i in range(n)], dtype=np.int64)),
        fits.Column(name="FLAGS", format="4L", dim="(2,2)", array=rng.integers(0, 2, (n, 2, 2)).astype(bool)),
        fits.Column(name="NAMES", format="12A", dim="(4,3)", array=np.array([["ab", "cde", "f"]] * n)),
        fits.Column(name="ONE", format="1D", dim="(1)", array=np.arange(n, dtype=np.float64).reshape(n, 1)),
        fits.Column(name="SCALEDJ", format="J", array=np.arange(n, dtype=np.int32) - 3),
    ]
    table = fits.BinTableHDU.from_columns(cols, name="FIBERMAP")
    table.header["EXTVER"] = 2
    table.header["HISTORY"] = "table history"
    path = os.path.join(directory, "table.fits")
    fits.HDUList([fits.PrimaryHDU(), table]).writeto(path, overwrite=True)
    # A linearly scaled column (TSCAL/TZERO other than the unsigned convention), added to
    # the stored integers afterwards: astropy hands it out as float64.
    with fits.open(path, mode="update") as hl:
        n_scaled = hl[1].columns.names.index("SCALEDJ") + 1
        hl[1].header.insert(f"TFORM{n_scaled}", (f"TSCAL{n_scaled}", 0.5), after=True)
        hl[1].header.insert(f"TSCAL{n_scaled}", (f"TZERO{n_scaled}", 100.0), after=True)
    with fits.open(path) as hl:
        fits.HDUList([h.copy() for h in hl]).writeto(path, overwrite=True, checksum=True)
    files["table.fits"] = summarize_file(path)

    # A variable-length column, which dflow must reject with a clear error.
    vl = fits.Column(name="VLA", format="PE()", array=np.array([np.ones(2, np.float32), np.ones(5, np.float32)], dtype=object))
    ok = fits.Column(name="ID", format="J", array=np.array([1, 2], dtype=np.int32))
    path = os.path.join(directory, "varlen.fits")
    fits.HDUList([fits.PrimaryHDU(), fits.BinTableHDU.from_columns([ok, vl], name="VL")]).writeto(path, overwrite=True)
    files["varlen.fits"] = summarize_file(path)
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
    json.dump(answer, sys.stdout)


main()
