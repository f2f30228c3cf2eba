#!/usr/bin/env bash
# Stops the cluster scripts/slurm-up.sh started: cancels every job, then ends each daemon by the
# PID recorded at start (never by name), counting a zombie as stopped.
set -uo pipefail
STATE=${DFLOW_SLURM_STATE:-/run/dflow-slurm}
if command -v scancel >/dev/null; then scancel --user=root >/dev/null 2>&1 || true; fi
stopped() { [ ! -d "/proc/$1" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }
for name in slurmd slurmctld slurmdbd mariadbd munged; do
  f="$STATE/$name.pid"
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do stopped "$pid" && break; sleep 0.05; done
  stopped "$pid" || kill -9 "$pid" 2>/dev/null || true
  rm -f "$f"
done
echo "slurm down"
