#!/usr/bin/env bash
# The whole test suite from a fresh clone on Debian 12 (root, Node 20, npm 11):
# installs the external validators from Debian's packages when missing, installs the npm
# dependencies, builds the bundled CLI, runs every test, and ends with the line
# `tests: N passed, N failed` (counts from vitest's JSON report) after the lint and format
# checks. Exits non-zero on any failure, a lint or format problem included.
set -euo pipefail
cd "$(dirname "$0")/.."

# 1. External validators, from Debian's packages (astropy and healpy are seen by /usr/bin/python3).
need=()
/usr/bin/python3 -c 'import astropy' 2>/dev/null || need+=(python3-astropy)
/usr/bin/python3 -c 'import healpy' 2>/dev/null || need+=(python3-healpy)
command -v fitsverify >/dev/null || need+=(fitsverify)
command -v shellcheck >/dev/null || need+=(shellcheck)
command -v make >/dev/null || need+=(make)
# Debian's chromium: the QA report's browser test drives it headless with playwright-core.
[ -x /usr/bin/chromium ] || need+=(chromium)
if ((${#need[@]} > 0)); then
  echo "installing Debian packages: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A real one-node Slurm (slurmctld, slurmd, slurmdbd with MariaDB, munge) for the Slurm backend's
# tests: installed from Debian's packages when missing and started without systemd.
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo bash scripts/slurm-up.sh

# 2. npm dependencies (exact versions from the lockfile) and the bundled CLI.
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build

# 3. The suite, with a JSON report for the summary line.
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results.json || status=$?
summary_status=0
summary=$(node scripts/test-summary.mjs test-results.json) || summary_status=1
echo "$summary"
((summary_status == 0)) || status=1

# 4. Lint (ESLint, type-aware) and format (Prettier) checks: a problem in either fails the run.
# The summary line is printed again last, so the run still ends with `tests: N passed, N failed`.
echo "lint: npm run lint (eslint . --max-warnings 0)"
if npm run --silent lint; then echo "lint: passed"; else echo "lint: FAILED (problems above)"; status=1; fi
echo "format: npm run format:check (prettier --check .)"
if npm run --silent format:check; then echo "format: passed"; else echo "format: FAILED (files above; npm run format rewrites them)"; status=1; fi
echo "$summary"
exit "$status"
