#!/usr/bin/python3
"""Side by side with desispec on the same frames: fiber flats and sky subtraction.

Reads, from a dflow output root of pipelines/twopct.dflow, one night's flat-lamp frame and the
fiber flat calib.fiberflat made from it, and one science frame of that night with the sky model
calib.sky made for it, for each camera asked. desispec (read_frame, compute_fiberflat,
apply_fiberflat, compute_sky with adjust_wavelength and adjust_lsf, subtract_sky) runs on the
same frames. It prints, per camera:

- the fiber flats' per-fiber medians over wavelength (good fibers), their largest relative
  difference (acceptance: within 0.2 %);
- the sky residual chi2/dof on the sky fibers after each tool's own flat and sky (pixels with
  IVAR > 0 and MASK 0; beyond 5 sigma, unflagged cosmic hits, left out for both), and the
  difference (acceptance: within 0.05);
- each tool's compute time (dflow's from scripts/calibTimes.ts, passed in as JSON).

Exit status 1 when an acceptance fails. Usage (scripts/compare-desispec-calib.sh sets it up):

    compare-desispec-calib.py ROOT NIGHT FLAT_EXPID SCIENCE_EXPID CAMERA DFLOW_TIMES_JSON
"""
import json
import sys
import time

import numpy as np

from desispec.fiberflat import apply_fiberflat, compute_fiberflat
from desispec.io import read_frame
from desispec.sky import compute_sky, subtract_sky
from astropy.io import fits


def chi2_on_sky_fibers(flux, ivar, mask, objtype):
    """chi2/dof of sky-subtracted flux on SKY fibers: IVAR > 0, MASK 0, |chi| < 5."""
    sky = np.array([str(o).strip() == "SKY" for o in objtype])
    chi2 = ivar[sky] * flux[sky] ** 2
    ok = (ivar[sky] > 0) & (mask[sky] == 0)
    kept = ok & (chi2 < 25)
    return float(chi2[kept].sum() / kept.sum()), int(ok.sum() - kept.sum())


def main():
    root, night, flat_expid, sci_expid, camera, times = sys.argv[1:7]
    dflow_times = json.loads(times)
    night, flat_expid, sci_expid = int(night), int(flat_expid), int(sci_expid)
    flat_path = f"{root}/exposures/{night}/{flat_expid:08d}/frame-{camera}-{flat_expid:08d}.fits"
    sci_path = f"{root}/exposures/{night}/{sci_expid:08d}/frame-{camera}-{sci_expid:08d}.fits"
    ours_flat_path = f"{root}/calibnight/{night}/fiberflatnight-{camera}-{night}.fits"
    ours_sky_path = f"{root}/exposures/{night}/{sci_expid:08d}/sky-{camera}-{sci_expid:08d}.fits"

    # desispec on the flat.
    flat_frame = read_frame(flat_path)
    t0 = time.process_time()
    ff = compute_fiberflat(flat_frame)
    t_ff = time.process_time() - t0
    with fits.open(ours_flat_path) as h:
        ours_ff = h["FIBERFLAT"].data.astype(float)
        ours_ff_ivar = h["IVAR"].data.astype(float)
    status = np.asarray(flat_frame.fibermap["FIBERSTATUS"])
    good = (status == 0) & (np.sum(ff.ivar > 0, axis=1) > 0) & (np.sum(ours_ff_ivar > 0, axis=1) > 0)
    med_desi = np.median(ff.fiberflat[good], axis=1)
    med_ours = np.median(ours_ff[good], axis=1)
    ff_diff = np.abs(med_ours / med_desi - 1)

    # desispec on the science frame, with its own flat.
    sci = read_frame(sci_path)
    objtype = np.asarray(sci.fibermap["OBJTYPE"])
    apply_fiberflat(sci, ff)
    t0 = time.process_time()
    skymodel = compute_sky(sci, adjust_wavelength=True, adjust_lsf=True)
    t_sky = time.process_time() - t0
    subtract_sky(sci, skymodel)
    chi2_desi, out_desi = chi2_on_sky_fibers(sci.flux, sci.ivar, sci.mask, objtype)

    # dflow: the frame through our flat and sky products, as calibrate would.
    raw = read_frame(sci_path)
    with fits.open(ours_flat_path) as h:
        fmask = h["MASK"].data
    with fits.open(ours_sky_path) as h:
        sky, sky_ivar, sky_mask = h["SKY"].data.astype(float), h["IVAR"].data.astype(float), h["MASK"].data
    F = ours_ff
    okf = (F > 0) & (ours_ff_ivar > 0) & (fmask == 0)
    flux = np.where(okf, raw.flux / np.where(okf, F, 1), 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        var = np.where(okf & (raw.ivar > 0), 1 / (raw.ivar * F**2) + raw.flux**2 / (ours_ff_ivar * F**4), np.inf)
        var = var + np.where(sky_ivar > 0, 1 / sky_ivar, np.inf)
        ivar = np.where(np.isfinite(var), 1 / var, 0)
    mask = raw.mask | sky_mask | np.where(okf, 0, 16)
    chi2_ours, out_ours = chi2_on_sky_fibers(flux - sky, ivar, mask, objtype)

    ok_ff = bool(ff_diff.max() <= 0.002)
    ok_sky = abs(chi2_ours - chi2_desi) <= 0.05
    print(f"{camera} night {night} flat {flat_expid} science {sci_expid}:")
    print(f"  fiberflat per-fiber medians, {good.sum()} good fibers: max |dflow/desispec - 1| = {ff_diff.max():.5f}, median {np.median(ff_diff):.5f}  [{'ok' if ok_ff else 'FAIL'} <= 0.002]")
    print(f"  sky chi2/dof on sky fibers: dflow {chi2_ours:.4f} ({out_ours} px beyond 5 sigma), desispec {chi2_desi:.4f} ({out_desi}), difference {chi2_ours - chi2_desi:+.4f}  [{'ok' if ok_sky else 'FAIL'} <= 0.05]")
    print(f"  compute time, CPU s: fiberflat dflow {dflow_times['fiberflat_s']:.2f} desispec {t_ff:.2f}; sky dflow {dflow_times['sky_s']:.2f} desispec {t_sky:.2f}")
    return 0 if ok_ff and ok_sky else 1


if __name__ == "__main__":
    sys.exit(main())
