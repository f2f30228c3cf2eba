#!/usr/bin/env python3
"""Reads dflow's frames and fibermaps with DESI's own software, where a checkout of it is given.

    /usr/bin/python3 scripts/desispec-read.py OUT --desispec DIR --desiutil DIR --desimodel DIR

OUT is a run's output root (`dflow run pipelines/twopct.dflow --out OUT`); DIR are checkouts of
desihub/desispec, desihub/desiutil and desihub/desimodel (their `py/` directories go on
sys.path; desispec's pixgroup imports desimodel's footprint, which needs no data files here). Needs numpy,
astropy and fitsio (Debian: python3-numpy, python3-astropy, python3-fitsio). For every frame under
OUT it runs desispec's `io.read_frame` and `pixgroup.FrameLite.read`, for every fibermap
`io.read_fibermap`, then groups each science exposure's frames with `pixgroup.frames2spectra`
(all fibers, and the healpix pixel of the first target), and prints what each call returned or
the error it raised. Without a checkout it says so and checks nothing. Exit status 1 when a call
failed, 0 otherwise.
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
    ap.add_argument("--desimodel", default=os.environ.get("DESIMODEL_CHECKOUT"), help="checkout of desihub/desimodel (or $DESIMODEL_CHECKOUT)")
    args = ap.parse_args()
    if not args.desispec or not args.desiutil or not args.desimodel:
        print("desispec-read: no desispec, desiutil and desimodel checkouts given (--desispec, --desiutil, --desimodel): nothing was checked.")
        return 0
    for d in (args.desispec, args.desiutil, args.desimodel):
        if not os.path.isdir(os.path.join(d, "py")):
            print(f"desispec-read: {d} has no py/ directory: not a desihub checkout; nothing was checked.")
            return 0
        sys.path.insert(0, os.path.join(d, "py"))
    # desispec imports desitarget (target masks): a checkout beside desispec is used when there is one.
    desitarget = os.path.join(os.path.dirname(os.path.abspath(args.desispec)), "desitarget", "py")
    if os.path.isdir(desitarget):
        sys.path.insert(0, desitarget)
    os.environ.setdefault("DESI_LOGLEVEL", "WARNING")

    import numpy as np
    from desispec import pixgroup
    from desispec.io import read_fibermap, read_frame
    from desimodel.footprint import radec2pix

    failures = 0

    def attempt(what, fn):
        nonlocal failures
        t0 = time.time()
        try:
            result = fn()
            return result, time.time() - t0
        except Exception:
            failures += 1
            print(f"FAIL {what}:")
            traceback.print_exc(limit=3, file=sys.stdout)
            return None, time.time() - t0

    frames = sorted(glob.glob(os.path.join(args.out, "**", "frame-*.fits"), recursive=True))
    fibermaps = sorted(glob.glob(os.path.join(args.out, "**", "fibermap-*.fits"), recursive=True))
    print(f"desispec-read: {len(frames)} frames and {len(fibermaps)} fibermaps under {args.out}")
    if not frames:
        print("FAIL no frame found")
        return 1

    t_read = 0.0
    lite = {}
    for path in frames:
        fr, dt = attempt(f"read_frame {path}", lambda: read_frame(path))
        t_read += dt
        if fr is not None:
            meta = fr.meta
            missing = [k for k in ("NIGHT", "EXPID", "TILEID", "CAMERA", "OBSTYPE", "FLAVOR", "PROGRAM", "SURVEY", "FAPRGRM", "TILERA", "TILEDEC", "DATE-OBS") if k not in meta]
            scores = "none" if fr.scores is None else ",".join(fr.scores.dtype.names if hasattr(fr.scores, "dtype") else fr.scores.keys())
            if missing:
                failures += 1
                print(f"FAIL {os.path.basename(path)}: header lacks {missing}")
            print(f"  read_frame {os.path.basename(path)}: {fr.flux.shape[0]} fibers x {fr.flux.shape[1]} pixels, "
                  f"OBSTYPE {meta.get('OBSTYPE')}, PROGRAM {meta.get('PROGRAM')}, FAPRGRM {meta.get('FAPRGRM')}, SCORES [{scores}]")
        fl, dt = attempt(f"FrameLite.read {path}", lambda: pixgroup.FrameLite.read(path))
        t_read += dt
        if fl is not None:
            lite[(fl.header["NIGHT"], fl.header["EXPID"], fl.header["CAMERA"])] = fl

    for path in fibermaps:
        fm, _ = attempt(f"read_fibermap {path}", lambda: read_fibermap(path))
        if fm is not None:
            print(f"  read_fibermap {os.path.basename(path)}: {len(fm)} rows, {len(fm.colnames)} columns, "
                  f"SURVEY {fm.meta.get('SURVEY')}, FAPRGRM {fm.meta.get('FAPRGRM')}")

    t_group = 0.0
    exposures = sorted({(n, e) for (n, e, c) in lite})
    for night, expid in exposures:
        group = {k: v for k, v in lite.items() if k[0] == night and k[1] == expid}
        first = next(iter(group.values()))
        if str(first.header.get("FLAVOR", "")).strip().lower() != "science":
            continue
        sp, dt = attempt(f"frames2spectra exposure {expid}", lambda: pixgroup.frames2spectra(group))
        t_group += dt
        if sp is not None:
            print(f"  frames2spectra exposure {expid}: {sp.num_spectra()} spectra, bands {sp.bands}, "
                  f"{len(sp.fibermap.colnames)} fibermap columns, SCORES {len(sp.scores.colnames) if sp.scores is not None else 0} columns")
        fm = first.fibermap
        ok = np.asarray(fm["TARGETID"]) > 0
        if ok.any():
            pix = int(radec2pix(64, fm["TARGET_RA"][ok][0], fm["TARGET_DEC"][ok][0]))
            sp, dt = attempt(f"frames2spectra exposure {expid} pixel {pix}", lambda: pixgroup.frames2spectra(group, pix=pix, nside=64))
            t_group += dt
            if sp is not None:
                print(f"  frames2spectra exposure {expid}, healpix {pix}: {sp.num_spectra()} spectra")

    print(f"desispec-read: {failures} failure(s); reading {t_read:.1f} s, grouping {t_group:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
