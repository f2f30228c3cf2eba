#!/usr/bin/env bash
# Side by side with DESI's redrock (scripts/rrdesiSideBySide.ts): the same coadd files, written by
# dflow's FITS codec, fitted by `rrdesi --mp 1` with redrock's templates, by our fitter with our
# templates and by our fitter with redrock's templates; success per class and targets per minute
# per core of each, measured in the same run.
#
#   scripts/compare-rrdesi.sh DESIHUB_DIR [PER_CLASS] [OUT]
#
# DESIHUB_DIR holds checkouts of desihub/redrock, redrock-templates, desispec, desiutil and
# desitarget side by side (each code checkout with its py/ directory). rrdesi runs on Debian's
# /usr/bin/python3 with python3-numpy, -scipy, -astropy, -numba, -h5py, -fitsio and -yaml.
# PER_CLASS defaults to 20, OUT to a new temporary directory. Where no checkout is given, it says
# so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
desihub="${1:-}"
per="${2:-20}"
out="${3:-$(mktemp -d -t dflow-rrdesi-XXXXXX)}"
py=/usr/bin/python3
if [[ -z "$desihub" || ! -f "$desihub/redrock/bin/rrdesi" || ! -f "$desihub/redrock-templates/templates-default.txt" ]]; then
  echo "compare-rrdesi: no redrock checkout given (expected DESIHUB_DIR/redrock/bin/rrdesi and DESIHUB_DIR/redrock-templates, with desispec, desiutil and desitarget beside them); the side-by-side with rrdesi was not run."
  exit 0
fi
export PYTHONPATH="$desihub/redrock/py:$desihub/desispec/py:$desihub/desiutil/py:$desihub/desitarget/py"
if ! "$py" -c "import redrock.external.desi, h5py, numba" 2>/dev/null; then
  echo "compare-rrdesi: redrock in $desihub does not import with $py (it needs desispec, desiutil, numpy, scipy, astropy, numba, h5py, fitsio and yaml: apt-get install python3-h5py python3-numba python3-fitsio); the side-by-side was not run."
  exit 0
fi
echo "compare-rrdesi: $per targets per class, files in $out"
node scripts/run.mjs scripts/rrdesiSideBySide.ts "$desihub" "$out" "$per"
