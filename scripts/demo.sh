#!/usr/bin/env bash
# One-command demo from a fresh clone:
#   npm ci (if node_modules is missing) → npm run build → real n8n 2.x (cached install) → the CEC mock →
#   import the credential "Huawei CEC (local mock)" and examples/demo-workflow.json into a throwaway
#   n8n user folder → `n8n execute` → print both operations' output items and the mock's counters.
#
# Env: DEMO_N8N_MAJOR=1 to use n8n 1.123.81 instead of 2.41.1; DEMO_TZ (default Asia/Shanghai);
#      DEMO_KEEP=1 to keep the n8n user folder; CEC_N8N_CACHE to move the n8n cache.
# Exits non-zero if anything fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MAJOR="${DEMO_N8N_MAJOR:-2}"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

if [ ! -d node_modules ]; then
	step "npm ci"
	npm ci
fi

step "npm run build"
npm run build

step "installing n8n (major $MAJOR) into the cache, if not there yet"
bash scripts/install-n8n.sh "$MAJOR"

step "running examples/demo-workflow.json in a real n8n against the local CEC mock"
export DEMO_ROOT="$ROOT" DEMO_N8N_MAJOR="$MAJOR"
exec node - <<'JS'
'use strict';
const path = require('node:path');
const root = process.env.DEMO_ROOT;
const h = require(path.join(root, 'scripts', 'lib', 'realN8n.js'));
const workflow = require(path.join(root, 'examples', 'demo-workflow.json'));

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

function printItems(title, execution, nodeName) {
	console.log(`\n${bold(title)} — node "${nodeName}"`);
	const runs = h.nodeRuns(execution, nodeName);
	if (!runs.length) {
		console.log('  (the node did not run)');
		return;
	}
	const run = runs[runs.length - 1];
	if (run.error) console.log(`  ERROR: ${run.error.message}${run.error.description ? `\n         ${run.error.description}` : ''}`);
	const items = (run.data?.main?.[0]) || [];
	items.forEach((item, i) => {
		const paired = item.pairedItem === undefined ? '' : ` (from input item ${JSON.stringify(item.pairedItem?.item ?? item.pairedItem)})`;
		console.log(`  item ${i}${paired}:`);
		for (const line of JSON.stringify(item.json, null, 2).split('\n')) console.log(`    ${line}`);
		if (item.error) console.log(`    error: ${item.error.message}`);
	});
	if (!items.length) console.log('  (no output items)');
}

(async () => {
	let n8n;
	let mock;
	let failed = false;
	try {
		const major = Number(process.env.DEMO_N8N_MAJOR || 2);
		const tgz = h.packPackage(root);
		console.log(`packed: ${tgz}`);
		n8n = await h.createInstance({ major, tgz, timezone: process.env.DEMO_TZ || 'Asia/Shanghai', logLevel: 'warn' });
		console.log(`n8n ${n8n.version} (node ${n8n.nodeBin}), user folder ${n8n.folder}`);
		mock = await h.startMockProcess();
		console.log(`CEC mock listening on ${mock.url}`);

		const credId = workflow.nodes.find((n) => n.credentials?.huaweiCecApi)?.credentials.huaweiCecApi.id;
		await n8n.importCredentials([h.mockCredential(mock, { id: credId, name: 'Huawei CEC (local mock)' })]);
		await n8n.importWorkflow(workflow);
		console.log(`imported credential "Huawei CEC (local mock)" (${credId}) and workflow "${workflow.name}" (${workflow.id})`);

		const run = await n8n.execute(workflow.id);
		console.log(`\nn8n execute: exit ${run.exitCode} in ${(run.durationMs / 1000).toFixed(1)} s, execution ${run.execution?.id ?? '(none stored)'} status ${run.execution?.status ?? '?'}`);
		if (run.execution) {
			printItems('Create Inspection', run.execution, 'Create Inspection');
			printItems('Create Review Task', run.execution, 'Create Review Task');
		}
		const { counters } = await mock.getLog();
		console.log(`\n${bold('CEC mock counters')}`);
		console.log(`  token exchanges: ${counters.tokenExchanges} (requests: ${counters.tokenRequests})`);
		console.log(`  business requests: ${counters.businessRequests} (qualityInspect ${counters.byKind.qualityInspect}, createQualityTask ${counters.byKind.createQualityTask})`);
		console.log(`  401 answers: ${counters.unauthorized}, max in flight: ${counters.maxInFlight}`);

		if (!run.ok) {
			failed = true;
			const error = run.execution?.data?.resultData?.error;
			console.error(`\nDEMO FAILED: ${error ? `${error.message} ${error.description ?? ''}` : 'see the n8n output below'}`);
			if (!run.execution || !error) console.error(`${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
		} else {
			console.log('\nDemo finished successfully.');
		}
	} catch (error) {
		failed = true;
		console.error(`\nDEMO FAILED: ${error && error.stack ? error.stack : error}`);
	} finally {
		await mock?.stop().catch(() => {});
		if (n8n) {
			if (process.env.DEMO_KEEP) console.log(`kept the n8n user folder ${n8n.folder}`);
			else await n8n.cleanup();
		}
	}
	process.exit(failed ? 1 : 0);
})();
JS
