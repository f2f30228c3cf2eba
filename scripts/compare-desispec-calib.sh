#!/usr/bin/env bash
# Side by side with desispec on the same frames (scripts/compare-desispec-calib.py): the night's
# fiber flats and a science exposure's sky subtraction, camera by camera, with both tools' times.
#
#   scripts/compare-desispec-calib.sh DESIHUB_DIR [ROOT] [CAMERAS]
#
# DESIHUB_DIR holds checkouts of desihub/desispec, desiutil and desitarget (each with its py/
# directory); they run on Debian's /usr/bin/python3 (astropy, numpy, scipy, numba, yaml). ROOT is a
# dflow output root of pipelines/twopct.dflow (default: ./out/twopct, run first if it has no fiber
# flats); CAMERAS defaults to "b0 r0 z0". Where no desispec checkout is given, it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
desihub="${1:-}"
root="${2:-out/twopct}"
cameras="${3:-b0 r0 z0}"
py=/usr/bin/python3
if [[ -z "$desihub" || ! -d "$desihub/desispec/py/desispec" ]]; then
  echo "compare-desispec-calib: no desispec checkout given (expected DESIHUB_DIR/desispec/py/desispec, with desiutil and desitarget beside it); the side-by-side with desispec was not run."
  exit 0
fi
export PYTHONPATH="$desihub/desispec/py:$desihub/desiutil/py:$desihub/desitarget/py"
if ! "$py" -c "import desispec.sky, desispec.fiberflat, desispec.io" 2>/dev/null; then
  echo "compare-desispec-calib: desispec in $desihub does not import with $py (it needs desiutil, desitarget, astropy, scipy, numba and yaml); the side-by-side was not run."
  exit 0
fi
[[ -f dist/dflow.js ]] || npm run build
if ! compgen -G "$root/calibnight/*/fiberflatnight-*.fits" >/dev/null; then
  node dist/dflow.js run pipelines/twopct.dflow --out "$root" -j 2
fi
nights=("$root"/calibnight/*/)
night=$(basename "${nights[0]}")
status=0
for cam in $cameras; do
  # The night's flat and its first science exposure, by FLAVOR in the frames' headers.
  read -r flat science < <("$py" - "$root" "$night" "$cam" <<'PY'
import glob, sys
from astropy.io import fits
root, night, cam = sys.argv[1:4]
flat = science = None
for f in sorted(glob.glob(f"{root}/exposures/{night}/*/frame-{cam}-*.fits")):
    h = fits.getheader(f)
    if h["FLAVOR"] == "flat" and flat is None:
        flat = h["EXPID"]
    if h["FLAVOR"] == "science" and science is None:
        science = h["EXPID"]
print(flat, science)
PY
)
  f8=$(printf %08d "$flat")
  s8=$(printf %08d "$science")
  times=$(node scripts/run.mjs scripts/calibTimes.ts "$root/exposures/$night/$f8/frame-$cam-$f8.fits" \
    "$root/calibnight/$night/fiberflatnight-$cam-$night.fits" "$root/exposures/$night/$s8/frame-$cam-$s8.fits")
  "$py" scripts/compare-desispec-calib.py "$root" "$night" "$flat" "$science" "$cam" "$times" 2> >(grep -v -E "INFO|WARNING" >&2) || status=1
done
exit $status
