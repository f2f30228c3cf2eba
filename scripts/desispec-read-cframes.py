#!/usr/bin/env python3
"""Reads dflow's cframes with DESI's own reader, where a checkout of it is given.

    /usr/bin/python3 scripts/desispec-read-cframes.py OUT --desispec DIR --desiutil DIR

OUT is a run's output root (`dflow run pipelines/twopct.dflow --out OUT`); DIR are checkouts of
desihub/desispec and desihub/desiutil (their `py/` directories go on sys.path; a desitarget
checkout beside desispec is used when there is one). Needs numpy and astropy (Debian's python3).
For every cframe under OUT it runs desispec's `io.read_frame`, and checks what a calibrated frame
must hold: BUNIT 10**-17 erg/(s cm2 Angstrom), finite FLUX and IVAR, IVAR ≥ 0, a resolution of 11
diagonals, and SCORES with TARGETID, MEDIAN_CALIB_SNR_<BAND> and the TSNR2_<TRACER>_<BAND> columns of the
camera's band, one row per fiber.
Without a checkout it says so and checks nothing. Exit status 1 when a check failed, 0 otherwise.
"""
import argparse
import glob
import os
import sys
import time
import traceback


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="output root of a dflow run")
    ap.add_argument("--desispec", default=os.environ.get("DESISPEC_CHECKOUT"), help="checkout of desihub/desispec (or $DESISPEC_CHECKOUT)")
    ap.add_argument("--desiutil", default=os.environ.get("DESIUTIL_CHECKOUT"), help="checkout of desihub/desiutil (or $DESIUTIL_CHECKOUT)")
    args = ap.parse_args()
    if not args.desispec or not args.desiutil:
        print("desispec-read-cframes: no desispec and desiutil checkouts given (--desispec, --desiutil): nothing was checked.")
        return 0
    for d in (args.desispec, args.desiutil):
        if not os.path.isdir(os.path.join(d, "py")):
            print(f"desispec-read-cframes: {d} has no py/ directory: not a desihub checkout; nothing was checked.")
            return 0
        sys.path.insert(0, os.path.join(d, "py"))
    desitarget = os.path.join(os.path.dirname(os.path.abspath(args.desispec)), "desitarget", "py")
    if os.path.isdir(desitarget):
        sys.path.insert(0, desitarget)
    os.environ.setdefault("DESI_LOGLEVEL", "WARNING")

    import numpy as np
    from desispec.io import read_frame

    paths = sorted(glob.glob(os.path.join(args.out, "**", "cframe-*.fits"), recursive=True))
    print(f"desispec-read-cframes: {len(paths)} cframes under {args.out}")
    if not paths:
        print("FAIL no cframe found")
        return 1
    failures = 0
    t_read = 0.0
    for path in paths:
        name = os.path.basename(path)
        t0 = time.time()
        try:
            fr = read_frame(path)
        except Exception:
            failures += 1
            print(f"FAIL read_frame {name}:")
            traceback.print_exc(limit=3, file=sys.stdout)
            continue
        t_read += time.time() - t0
        problems = []
        bunit = str(fr.meta.get("BUNIT", ""))
        if bunit != "10**-17 erg/(s cm2 Angstrom)":
            problems.append(f"BUNIT {bunit!r}")
        if not (np.all(np.isfinite(fr.flux)) and np.all(np.isfinite(fr.ivar)) and np.all(fr.ivar >= 0)):
            problems.append("non-finite FLUX or IVAR, or negative IVAR")
        if fr.resolution_data.shape != (fr.flux.shape[0], 11, fr.flux.shape[1]):
            problems.append(f"RESOLUTION {fr.resolution_data.shape}")
        names = [] if fr.scores is None else list(fr.scores.dtype.names if hasattr(fr.scores, "dtype") else fr.scores.keys())
        band = str(fr.meta.get("CAMERA", "?"))[0].upper()
        want = ["TARGETID", f"MEDIAN_CALIB_SNR_{band}"] + [f"TSNR2_{t}_{band}" for t in ("ELG", "LRG", "QSO", "BGS", "LYA")]
        if [n for n in want if n not in names]:
            problems.append(f"SCORES columns {names}")
        elif len(fr.scores["TARGETID"]) != fr.flux.shape[0]:
            problems.append(f"SCORES has {len(fr.scores['TARGETID'])} rows for {fr.flux.shape[0]} fibers")
        if problems:
            failures += 1
            print(f"FAIL {name}: {'; '.join(problems)}")
        else:
            snr = np.asarray(fr.scores[f"MEDIAN_CALIB_SNR_{band}"])
            print(f"  read_frame {name}: {fr.flux.shape[0]} fibers x {fr.flux.shape[1]} pixels, BUNIT {bunit}, "
                  f"median MEDIAN_CALIB_SNR_{band} {np.median(snr):.2f}, median TSNR2_ELG_{band} {np.median(np.asarray(fr.scores[f'TSNR2_ELG_{band}'])):.1f}")
    print(f"desispec-read-cframes: {failures} failure(s); reading {t_read:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
