"""desitarget's readers on dflow's mock targets (run by scripts/check-desitarget-targets.sh).

For every targets file of an output root: find_target_files(mock=True) names the path dflow wrote
(targets and truth), read_targets_in_hp on the file returns every row, all in the file's pixel, and
the primary header carries FILENSID, FILENEST and FILEHPX. Then read_targets_in_hp on a directory of
the targets files (desitarget's bundled-pixel form), which reads those keywords from the TARGETS
HDU's own header. Prints one line per check; exits 1 when any fails.
"""
import glob, os, sys, tempfile, warnings
import numpy as np
import fitsio
import healpy as hp

warnings.simplefilter("ignore")
from desitarget.io import find_target_files, read_targets_in_hp

root = sys.argv[1]
targdir = os.path.join(root, "targets")
files = sorted(glob.glob(os.path.join(targdir, "*", "*", "targets-*.fits")))
failed = False


def check(name, ok, detail):
    global failed
    failed |= not ok
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")


check("targets files", len(files) > 0, f"{len(files)} under {targdir}")
nside = None
rows = 0
for fn in files:
    hdr = fitsio.read_header(fn, 0)
    nside, pix = int(hdr["FILENSID"]), int(hdr["FILEHPX"])
    ok = bool(hdr["FILENEST"]) and pix == int(hdr["HPXPIXEL"]) and nside == int(hdr["HPXNSIDE"])
    where = find_target_files(targdir, flavor="targets", nside=nside, hp=pix, mock=True)
    truth = find_target_files(targdir, flavor="truth", nside=nside, hp=pix, mock=True)
    ok &= os.path.abspath(where) == os.path.abspath(fn) and os.path.exists(truth)
    t = read_targets_in_hp(fn, nside, [pix])
    n = fitsio.read_header(fn, "TARGETS")["NAXIS2"]
    inpix = hp.ang2pix(nside, np.radians(90 - t["DEC"]), np.radians(t["RA"]), nest=True) == pix
    ok &= len(t) == n and bool(inpix.all())
    rows += len(t)
    if not ok:
        check(f"pixel {pix}", False, f"{fn}: find_target_files {where}, {len(t)} of {n} rows read")
check("find_target_files(mock=True) and read_targets_in_hp per file", not failed, f"{len(files)} files, {rows} targets, FILENSID/FILENEST/FILEHPX in each primary header")

with tempfile.TemporaryDirectory() as bundle:
    for fn in files:
        os.symlink(os.path.abspath(fn), os.path.join(bundle, os.path.basename(fn)))
    pixels = [int(fitsio.read_header(fn, 0)["FILEHPX"]) for fn in files]
    try:
        t = read_targets_in_hp(bundle, nside, pixels)
        check("read_targets_in_hp on a directory of the targets files", len(t) == rows, f"{len(t)} of {rows} targets")
    except Exception as e:  # noqa: BLE001 - reported, not hidden
        check("read_targets_in_hp on a directory of the targets files", False, f"{type(e).__name__}: {e} (it reads FILENSID from the TARGETS HDU's header)")
sys.exit(1 if failed else 0)
