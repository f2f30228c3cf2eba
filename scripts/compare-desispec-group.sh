#!/usr/bin/env bash
# Side by side with desispec's desi_group_spectra (scripts/compare-desispec-group.py): bench/group.ts
# writes a night of synthetic cframes (10 petals × 3 cameras × 10 exposures, FIBERS fibers each) and
# dflow's spectra file of every pixel; desi_group_spectra regroups the same cframes per pixel, and the
# two files are compared HDU by HDU, with both times.
#
#   scripts/compare-desispec-group.sh DESIHUB_DIR [FIBERS] [OUTDIR]
#
# DESIHUB_DIR holds checkouts of desihub/desispec, desiutil, desitarget and desimodel (each with its
# py/ directory); they run on Debian's /usr/bin/python3 (fitsio, astropy, numpy, healpy). FIBERS
# defaults to 20; OUTDIR to a new temporary directory, removed at the end. Where no desispec checkout
# is given, it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
desihub="${1:-}"
fibers="${2:-20}"
out="${3:-}"
py=/usr/bin/python3
if [[ -z "$desihub" || ! -d "$desihub/desispec/py/desispec" ]]; then
  echo "compare-desispec-group: no desispec checkout given (expected DESIHUB_DIR/desispec/py/desispec, with desiutil, desitarget and desimodel beside it); the side-by-side with desi_group_spectra was not run."
  exit 0
fi
export PYTHONPATH="$desihub/desispec/py:$desihub/desiutil/py:$desihub/desitarget/py:$desihub/desimodel/py"
if ! "$py" -c "import desispec.scripts.group_spectra, fitsio" 2>/dev/null; then
  echo "compare-desispec-group: desispec in $desihub does not import with $py (it needs desiutil, desitarget, desimodel, fitsio, astropy and healpy); the side-by-side was not run."
  exit 0
fi
if [[ -z "$out" ]]; then
  out="$(mktemp -d -t dflow-group-sbs-XXXXXX)"
  trap 'rm -rf "$out"' EXIT
fi
node scripts/run.mjs bench/group.ts --fibers "$fibers" --keep "$out" | tee "$out/bench.txt"
seconds="$(sed -n 's/^time: \([0-9.]*\) s reading.*/\1/p' "$out/bench.txt")"
"$py" scripts/compare-desispec-group.py "$out" "$seconds" 2> >(grep -v -E "INFO|DEBUG|WARNING" >&2) | grep -v -E "^(INFO|DEBUG|WARNING):"
