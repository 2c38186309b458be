#!/usr/bin/env bash
# Throughput benchmark (npm run bench -- [flags]; `npm run bench -- --help` lists them):
#   npm ci if node_modules is missing → npm run build (dist/, packed into the real n8n) →
#   compile bench/ with tsconfig.bench.json into .cache/bench-build → run it.
# Default: the real-n8n matrix in n8n 2.41.1 + Node 24, installed into ~/.cache by scripts/lib/realN8n.js
# on first use; --inprocess runs the node through n8n-core from source instead (no build needed);
# --trigger runs the polling trigger over a simulated day (bench/trigger/, no build needed).
# Results: a table on stdout and bench/results.json (--trigger: bench/results-trigger.json). Exit 1 = a
# run failed; with --check-targets, 2 = a target was missed (otherwise missed targets are reported, exit 0).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ ! -d node_modules ]; then
	echo "[bench] npm ci" >&2
	npm ci --no-audit --no-fund >&2
fi

skip_build=0
for arg in "$@"; do
	case "$arg" in
	--inprocess | --trigger) skip_build=1 ;;
	-h | --help) skip_build=1 ;;
	esac
done
# --inprocess and --trigger compile the node from source below; only real n8n needs dist/.
if [ "$skip_build" = 0 ]; then
	echo "[bench] npm run build" >&2
	npm run build --silent >&2
fi

echo "[bench] compiling the bench (tsconfig.bench.json)" >&2
rm -rf .cache/bench-build
npx tsc -p tsconfig.bench.json

exec node .cache/bench-build/bench/bench.js "$@"
