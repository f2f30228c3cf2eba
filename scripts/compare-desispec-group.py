"""Side by side with desispec's desi_group_spectra (run by scripts/compare-desispec-group.sh).

bench/group.ts has written a night of synthetic cframes (OUT/cframes) and dflow's spectra file of each
pixel (OUT/healpix/main/dark/…). For each pixel, desispec's desi_group_spectra runs on the same cframes
(those holding rows of the pixel, as dflow's relation gives them) and its spectra file is compared with
dflow's: rows in the same order (TARGETID, EXPID), B/R/Z FLUX, IVAR, MASK, RESOLUTION and WAVELENGTH
equal, the FIBERMAP columns both have, and SCORES. Prints one line per check and both times; exits 1
when any fails.
"""
import glob, os, sys, tempfile, time, warnings
import numpy as np
import fitsio

warnings.simplefilter("ignore")
import desispec.pixgroup as pixgroup
from desispec.scripts import group_spectra

out = sys.argv[1]
dflow_seconds = float(sys.argv[2]) if len(sys.argv) > 2 else float("nan")

# dflow's cframes name their SCORES columns without the band suffix DESI gives them
# (MEDIAN_CALIB_SNR, not MEDIAN_CALIB_SNR_B); desispec merges the bands' scores by name, so the
# suffix is added as each cframe is read. Names that already carry it are left alone.
_read = pixgroup.FrameLite.read.__func__
renamed = []


def _read_suffixed(cls, filename):
    fr = _read(cls, filename)
    band = str(fr.meta["CAMERA"])[0].upper()
    if fr.scores is not None:
        names = list(fr.scores.dtype.names)
        new = [n if n == "TARGETID" or n.endswith("_" + band) else f"{n}_{band}" for n in names]
        if new != names:
            fr.scores.dtype.names = new
            renamed.append(filename)
    return fr


pixgroup.FrameLite.read = classmethod(_read_suffixed)

cframes = sorted(glob.glob(f"{out}/cframes/cframe-*.fits"))
by_key = {}
for f in cframes:
    h = fitsio.read_header(f, 0)
    by_key.setdefault((int(h["EXPID"]), int(h["SPECGRPH"])), []).append(f)
ours_files = sorted(glob.glob(f"{out}/healpix/main/dark/*/*/spectra-main-dark-*.fits"))
failed = False


def check(name, ok, detail):
    global failed
    failed |= not ok
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")


desi_seconds = 0.0
nrows = 0
worst = {}
with tempfile.TemporaryDirectory() as tmp:
    for ours_path in ours_files:
        pix = int(ours_path.rsplit("-", 1)[1][:-5])
        fm = fitsio.read(ours_path, "FIBERMAP")
        keys = sorted(set(zip(fm["EXPID"].tolist(), (fm["FIBER"] // 500).tolist())))
        inputs = [f for k in keys for f in by_key[k]]
        theirs_path = f"{tmp}/spectra-{pix}.fits"
        t0 = time.time()
        group_spectra.main(group_spectra.parse(["--inframes", *inputs, "--healpix", str(pix), "--nside", "64", "-o", theirs_path]))
        desi_seconds += time.time() - t0
        a, b = fitsio.FITS(ours_path), fitsio.FITS(theirs_path)
        fa, fb = a["FIBERMAP"].read(), b["FIBERMAP"].read()
        same_rows = len(fa) == len(fb) and (fa["TARGETID"] == fb["TARGETID"]).all() and (fa["EXPID"] == fb["EXPID"]).all()
        if not same_rows:
            check(f"pixel {pix} rows", False, f"dflow {len(fa)}, desispec {len(fb)}")
            continue
        nrows += len(fa)
        for band in "BRZ":
            for hdu in ("WAVELENGTH", "FLUX", "IVAR", "MASK", "RESOLUTION"):
                x, y = a[f"{band}_{hdu}"].read(), b[f"{band}_{hdu}"].read()
                d = float(np.max(np.abs(x.astype("f8") - y.astype("f8")))) if x.shape == y.shape else float("inf")
                worst[f"{band}_{hdu}"] = max(worst.get(f"{band}_{hdu}", 0.0), d)
        common = [c for c in fa.dtype.names if c in fb.dtype.names]
        for c in common:
            if fa[c].dtype.kind in "fc":
                ok = np.allclose(fa[c], fb[c], equal_nan=True)
            else:
                ok = (np.char.strip(fa[c].astype(str)) == np.char.strip(fb[c].astype(str))).all() if fa[c].dtype.kind in "SU" else (fa[c] == fb[c]).all()
            worst.setdefault("FIBERMAP columns differing", 0)
            if not ok:
                worst["FIBERMAP columns differing"] += 1
                print(f"     pixel {pix}: FIBERMAP {c} differs")
        sa, sb = a["SCORES"].read(), b["SCORES"].read()
        for c in sa.dtype.names:
            worst.setdefault("SCORES columns differing", 0)
            if c not in sb.dtype.names or not np.allclose(sa[c].astype("f8"), sb[c].astype("f8")):
                worst["SCORES columns differing"] += 1
                print(f"     pixel {pix}: SCORES {c} {'missing in desispec' if c not in sb.dtype.names else 'differs'}")

check("pixels", len(ours_files) > 0, f"{len(ours_files)} spectra files, {nrows} rows in the same order as desi_group_spectra's")
for k, v in worst.items():
    check(k, v == 0, f"max |dflow - desispec| = {v:g}" if "columns" not in k else f"{v}")
print(f"note: band suffixes added to the SCORES of {len(set(renamed))} cframes as desispec read them")
print(f"time: desi_group_spectra {desi_seconds:.1f} s for {len(ours_files)} pixels; dflow group.spectra {dflow_seconds:.1f} s reading and assembling the same pixels")
sys.exit(1 if failed else 0)
