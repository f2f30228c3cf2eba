"""Boxcar smoothing of a spectrum, a program in the shape of DESI's command-line steps.

Reads --infile (FITS, a FLUX image HDU), writes --outfile with the flux smoothed by a boxcar
of --width pixels (edges: the mean of the pixels inside the spectrum), the width and --note in
the primary header. --fail-once FILE fails the first time (creating FILE) and works after.
--broken writes a file without the FLUX HDU. --version prints the program's version.
"""
import argparse
import os
import sys

VERSION = "smooth 1.0"


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--infile", nargs="+")
    ap.add_argument("--outfile")
    ap.add_argument("--width", type=int, default=3)
    ap.add_argument("--note", default="")
    ap.add_argument("--fail-once")
    ap.add_argument("--broken", action="store_true")
    ap.add_argument("--version", action="store_true")
    a = ap.parse_args(argv)
    if a.version:
        import astropy

        print(VERSION, "astropy", astropy.__version__)
        return 0
    if a.fail_once is not None and not os.path.exists(a.fail_once):
        open(a.fail_once, "w").close()
        print("failing once on purpose", file=sys.stderr)
        return 3
    import numpy as np
    from astropy.io import fits

    with fits.open(a.infile[0]) as f:
        flux = np.asarray(f["FLUX"].data, dtype=np.float64)
    n = flux.size
    half = a.width // 2
    out = np.empty(n, dtype=np.float32)
    for i in range(n):
        lo, hi = max(0, i - half), min(n, i + half + 1)
        out[i] = flux[lo:hi].mean()
    primary = fits.PrimaryHDU()
    primary.header["WIDTH"] = a.width
    primary.header["NOTE"] = a.note
    hdus = [primary]
    if not a.broken:
        hdus.append(fits.ImageHDU(out, name="FLUX"))
    fits.HDUList(hdus).writeto(a.outfile)
    print("smoothed", n, "pixels with width", a.width)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
