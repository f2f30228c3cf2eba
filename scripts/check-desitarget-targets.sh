#!/usr/bin/env bash
# desitarget's readers on dflow's mock targets (scripts/check-desitarget-targets.py): the targets
# and truth files of pipelines/twopct.dflow lie where find_target_files(mock=True) looks for them,
# read_targets_in_hp reads them, and their headers carry FILENSID, FILENEST and FILEHPX.
#
#   scripts/check-desitarget-targets.sh DESIHUB_DIR [OUTDIR]
#
# DESIHUB_DIR holds checkouts of desihub/desitarget, desiutil and desimodel (each with its py/
# directory); they run on Debian's /usr/bin/python3 (fitsio, healpy, astropy, numpy). OUTDIR is a
# dflow output root holding targets/; without one, the mini profile's survey and targets are made
# in a new temporary directory. Where no desitarget checkout is given, it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
desihub="${1:-}"
out="${2:-}"
py=/usr/bin/python3
if [[ -z "$desihub" || ! -d "$desihub/desitarget/py/desitarget" ]]; then
  echo "check-desitarget-targets: no desitarget checkout given (expected DESIHUB_DIR/desitarget/py/desitarget, with desiutil and desimodel beside it); desitarget's readers were not run."
  exit 0
fi
export PYTHONPATH="$desihub/desitarget/py:$desihub/desiutil/py:$desihub/desimodel/py"
if ! "$py" -c "import desitarget.io" 2>/dev/null; then
  echo "check-desitarget-targets: desitarget in $desihub does not import with $py (it needs desiutil, desimodel, fitsio, healpy and astropy); desitarget's readers were not run."
  exit 0
fi
if [[ -z "$out" ]]; then
  out="$(mktemp -d -t dflow-targets-XXXXXX)"
  node dist/dflow.js run pipelines/twopct.dflow --only surveysim --only select_mock_targets --out "$out" >/dev/null
fi
"$py" scripts/check-desitarget-targets.py "$out" 2> >(grep -v -E "INFO|DEBUG|WARNING" >&2) | grep -v -E "^(INFO|DEBUG|WARNING):"
