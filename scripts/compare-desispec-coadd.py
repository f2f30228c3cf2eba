"""Side by side with desispec's coadd (run by scripts/compare-desispec-coadd.sh).

desispec's read_spectra reads dflow's spectra and coadd files, and redrock's DistTargetsDESI the
coadd when a redrock checkout is given; desispec's coadd (cosmics at 4 sigma, with its default
per-exposure renormalisation, COADD_NORM) runs on dflow's spectra; the two coadds are compared per
band and pixel in units of the coadd's sigma, and their fibermaps (with COADD_NORM,
SIGMA_COADD_NORM and the FIBERSTATUS bits the renormalisation sets) and scores column by column. Prints one line per check; exits 1 when any fails.
"""
import sys, time, warnings
import numpy as np

warnings.simplefilter("ignore")
from desispec.io import read_spectra
from desispec.coaddition import coadd

out = sys.argv[1]
dflow_seconds = float(open(f"{out}/dflow-coadd-seconds.txt").read())
spectra_path = f"{out}/spectra-main-dark-27000.fits"
ours = read_spectra(f"{out}/coadd-main-dark-27000.fits")
spec = read_spectra(spectra_path)
raw = read_spectra(spectra_path)
print(f"read_spectra: spectra {spec.num_spectra()} rows, bands {spec.bands}; "
      f"coadd {ours.num_spectra()} targets, exp_fibermap {len(ours.exp_fibermap)} rows, scores {len(ours.scores.colnames)} columns")
t0 = time.time()
coadd(spec, cosmics_nsig=4.0)
desi_seconds = time.time() - t0
failed = False

def check(name, ok, detail):
    global failed
    failed |= not ok
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")

assert np.all(np.asarray(spec.fibermap["TARGETID"]) == np.asarray(ours.fibermap["TARGETID"]))
for b in spec.bands:
    f0, f1 = spec.flux[b].astype(float), ours.flux[b].astype(float)
    i0, i1 = spec.ivar[b].astype(float), ours.ivar[b].astype(float)
    sigma = 1 / np.sqrt(np.maximum(np.maximum(i0, i1), 1e-30))
    has = (i0 > 0) | (i1 > 0)
    dev = np.abs(f0 - f1)[has] / sigma[has]
    check(f"{b} flux", dev.max() <= 0.1, f"max |desispec - dflow| = {dev.max():.2e} sigma over {has.sum()} pixels (median {np.median(dev):.1e})")
    rel = np.abs(i0 - i1) / np.maximum(np.abs(i0), 1e-30)
    nrej = int(np.sum(rel[has] > 1e-4))
    check(f"{b} ivar", nrej == 0, f"max relative difference {rel[has].max():.2e}; pixels differing by > 1e-4: {nrej}")
    check(f"{b} mask", np.array_equal(spec.mask[b], ours.mask[b]), f"{int(np.sum(spec.mask[b] != ours.mask[b]))} pixels differ")
    # Pixels the cosmic rejection took an exposure out of: coadd ivar below the sum of the
    # exposures' unmasked ivar (fibers with a fatal status bit for the band left out).
    from desispec.coaddition import use_for_coadd
    # The exposures' FIBERSTATUS and COADD_NORM as desispec's renormalisation left them.
    good = use_for_coadd(np.asarray(spec.exp_fibermap["FIBERSTATUS"]), b)
    norm = np.asarray(spec.exp_fibermap["COADD_NORM"], float)[:, None]
    tids = np.asarray(raw.fibermap["TARGETID"])
    full = np.array([np.sum((raw.ivar[b] * (raw.mask[b] == 0) / norm**2)[(tids == t) & good], axis=0) for t in spec.fibermap["TARGETID"]])
    lost0, lost1 = int(np.sum(i0 < full * 0.999)), int(np.sum(i1 < full * 0.999))
    check(f"{b} cosmic rejection", lost0 == lost1, f"pixels with an exposure rejected: desispec {lost0}, dflow {lost1}")
    r0, r1 = spec.resolution_data[b].astype(float), ours.resolution_data[b].astype(float)
    check(f"{b} resolution", np.allclose(r0, r1, rtol=0, atol=1e-6), f"max |difference| {np.abs(r0 - r1).max():.2e}")

fm0, fm1 = spec.fibermap, ours.fibermap
missing = [c for c in fm0.colnames if c not in fm1.colnames]
extra = [c for c in fm1.colnames if c not in fm0.colnames]
check("FIBERMAP columns", not missing and not extra, f"desispec only: {missing}; dflow only: {extra}")
for c in fm0.colnames:
    if c not in fm1.colnames:
        continue
    a, d = np.asarray(fm0[c]), np.asarray(fm1[c])
    ok = np.allclose(a, d, rtol=1e-6, atol=1e-6) if a.dtype.kind == "f" else np.array_equal(a, d)
    if not ok or c.startswith(("COADD_", "MEAN_", "RMS_", "STD_", "MIN_", "MAX_")):
        check(f"FIBERMAP {c}", ok, f"desispec {a[:3]} dflow {d[:3]}")
e0, e1 = spec.exp_fibermap, ours.exp_fibermap
emissing = [c for c in e0.colnames if c not in e1.colnames]
check("EXP_FIBERMAP columns", not emissing, f"desispec only: {emissing}; dflow only: {[c for c in e1.colnames if c not in e0.colnames]}")
for c in e0.colnames:
    if c in e1.colnames:
        a, d = np.asarray(e0[c]), np.asarray(e1[c])
        ok = np.allclose(a, d) if a.dtype.kind == "f" else np.array_equal(a.astype(d.dtype), d)
        if not ok or c.startswith("IN_COADD") or c in ("FIBERSTATUS", "COADD_NORM", "SIGMA_COADD_NORM"):
            detail = f"{int(np.sum(a != d))} rows differ"
            if c in ("COADD_NORM", "SIGMA_COADD_NORM"):
                detail += f" (max relative {np.max(np.abs(a - d) / np.maximum(np.abs(a), 1e-30)):.1e}); desispec {np.unique(a[a != 1])[:6]}"
            if c == "FIBERSTATUS":
                detail += f"; VARIABLE rows {int(np.sum((a & (1 << 20)) != 0))}, BADFIBER rows {int(np.sum((a & (1 << 16)) != 0))}"
            check(f"EXP_FIBERMAP {c}", ok, detail)
s0, s1 = spec.scores, ours.scores
check("SCORES columns", list(s0.colnames) == list(s1.colnames), f"desispec {list(s0.colnames)[:7]}…; dflow {list(s1.colnames)[:7]}…")
worst = max(float(np.max(np.abs(np.asarray(s0[c], float) - np.asarray(s1[c], float)) / np.maximum(np.abs(np.asarray(s0[c], float)), 1e-30)))
            for c in s0.colnames if c in s1.colnames and c != "TARGETID")
check("SCORES values", worst < 1e-4, f"max relative difference {worst:.2e}")
try:
    from redrock.external.desi import DistTargetsDESI
except ImportError:
    print("redrock: not importable (no DESIHUB_DIR/redrock checkout); its reader was not tried")
else:
    targets = DistTargetsDESI([f"{out}/coadd-main-dark-27000.fits"], coadd=False).local()
    same = all(np.array_equal(sp.flux, ours.flux[b][i].astype(float)) for i, t in enumerate(targets) for sp, b in zip(t.spectra, ours.bands))
    check("redrock DistTargetsDESI", len(targets) == len(fm1) and same,
          f"{len(targets)} targets of {len(targets[0].spectra)} bands each, flux as in the file: {same}")
print(f"times: desispec coadd {desi_seconds:.2f} s, dflow coadd {dflow_seconds:.2f} s ({len(fm0)} targets, {len(e0)} spectra)")
sys.exit(1 if failed else 0)
