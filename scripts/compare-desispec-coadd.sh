#!/usr/bin/env bash
# Side by side with desispec's coadd (scripts/compare-desispec-coadd.py): dflow writes a synthetic
# healpix spectra file and its coadd (scripts/coaddSideBySide.ts); desispec's read_spectra reads both,
# desispec's coadd runs on the spectra, and the two coadds are compared pixel by pixel (flux within
# 0.1 sigma, ivar, mask, resolution), with their fibermaps, scores and times.
#
#   scripts/compare-desispec-coadd.sh DESIHUB_DIR [OUTDIR]
#
# DESIHUB_DIR holds checkouts of desihub/desispec, desiutil and desitarget (each with its py/
# directory; a desihub/redrock checkout beside them is optional); they run on Debian's /usr/bin/python3 (astropy, numpy, scipy, numba, yaml). OUTDIR
# defaults to a new temporary directory. Where no desispec checkout is given, it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
desihub="${1:-}"
out="${2:-$(mktemp -d -t dflow-coadd-sbs-XXXXXX)}"
py=/usr/bin/python3
if [[ -z "$desihub" || ! -d "$desihub/desispec/py/desispec" ]]; then
  echo "compare-desispec-coadd: no desispec checkout given (expected DESIHUB_DIR/desispec/py/desispec, with desiutil and desitarget beside it); the side-by-side with desispec was not run."
  exit 0
fi
export PYTHONPATH="$desihub/desispec/py:$desihub/desiutil/py:$desihub/desitarget/py:$desihub/redrock/py"
if ! "$py" -c "import desispec.coaddition, desispec.io" 2>/dev/null; then
  echo "compare-desispec-coadd: desispec in $desihub does not import with $py (it needs desiutil, desitarget, astropy, scipy, numba and yaml); the side-by-side was not run."
  exit 0
fi
node scripts/run.mjs scripts/coaddSideBySide.ts "$out"
"$py" scripts/compare-desispec-coadd.py "$out" 2> >(grep -v -E "INFO|DEBUG|WARNING" >&2) | grep -v -E "^(INFO|DEBUG|WARNING):"
