#!/usr/bin/env bash
# One-command demo from a fresh clone:
#   npm ci (if node_modules is missing) → npm run build → real n8n 2.x (cached install) → the CEC mock →
#   import the credential "Huawei CEC (local mock)" and the example workflows into a throwaway n8n user
#   folder → `n8n execute` each → print what they produced and decided, and the mock's counters:
#   - examples/demo-workflow.json: Create Inspection and Create Review Task;
#   - examples/inspection-alert-workflow.json: Create Inspection with Wait for Result → IF a rule was
#     violated → a Set node shaping an alert for the supervisor;
#   - examples/appeal-workflow.json: the open appeals (two seeded into the mock) → their rule hits and
#     scores → IF the violation was minor → uphold the appeal, else hand it to the quality director.
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
const alertWorkflow = require(path.join(root, 'examples', 'inspection-alert-workflow.json'));
const appealWorkflow = require(path.join(root, 'examples', 'appeal-workflow.json'));

// Two agents' appeals, as the mock holds them once seeded (test/mock/cecMock.d.ts CecMockItemSeed).
const APPEALS = [
	{ type: 'appeal', callId: 'call-1118-0951', title: 'Greeting was given', agentName: 'Agent 1118', automaticScore: 86, hits: [{ ruleName: 'Opening greeting', type: 10 }] },
	{ type: 'appeal', callId: 'call-1120-0952', title: 'No forbidden word', agentName: 'Agent 1120', automaticScore: 62, hits: [{ ruleName: 'Forbidden words', type: 60 }] },
];

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

function outputOf(execution, nodeName, branch) {
	const runs = h.nodeRuns(execution, nodeName);
	return runs.length ? runs[runs.length - 1].data?.main?.[branch] || [] : [];
}

function printDecisions(execution) {
	console.log(`\n${bold('What the alert workflow decided')}`);
	for (const item of outputOf(execution, 'Inspect and wait for result', 0)) {
		const j = item.json;
		const verdict = j.passed ? 'passed' : `violated ${j.violatedRules.length} rule(s): ${j.violatedRules.join(', ')}`;
		console.log(`  call ${j.call_uuid}: score ${j.totalScore}, ${verdict}`);
	}
	for (const item of outputOf(execution, 'Alert for the supervisor', 0)) console.log(`  ALERT → ${item.json.message}`);
	for (const item of outputOf(execution, 'Passed', 0)) console.log(`  no alert for call ${item.json.call_uuid}`);
}

function printAppealDecisions(execution) {
	console.log(`\n${bold('What the appeal triage decided')}`);
	for (const item of outputOf(execution, 'Rule hits and scores', 0)) {
		const j = item.json;
		console.log(`  appeal ${j.id} on call ${j.callId}: automatic score ${j.scores.automaticScore}, violated ${j.violatedRules.join(', ')}`);
	}
	for (const item of outputOf(execution, 'Uphold the appeal', 0)) console.log(`  UPHELD → appeal ${item.json.id} (${item.json.resultDesc})`);
	for (const item of outputOf(execution, 'Hand to the quality director', 0)) console.log(`  HANDED ON → appeal ${item.json.id} to the quality director (${item.json.resultDesc})`);
}

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
		await n8n.importWorkflow([workflow, alertWorkflow, appealWorkflow]);
		console.log(`imported credential "Huawei CEC (local mock)" (${credId}) and workflows "${workflow.name}", "${alertWorkflow.name}", "${appealWorkflow.name}"`);
		await mock.control('POST', '/__mock/items', { items: APPEALS });

		const describe = (r) =>
			`exit ${r.exitCode} in ${(r.durationMs / 1000).toFixed(1)} s, execution ${r.execution?.id ?? '(none stored)'} status ${r.execution?.status ?? '?'}`;
		const run = await n8n.execute(workflow.id);
		console.log(`\n${bold(workflow.name)}: n8n execute: ${describe(run)}`);
		if (run.execution) {
			printItems('Create Inspection', run.execution, 'Create Inspection');
			printItems('Create Review Task', run.execution, 'Create Review Task');
		}
		const alertRun = await n8n.execute(alertWorkflow.id);
		console.log(`\n${bold(alertWorkflow.name)}: n8n execute: ${describe(alertRun)}`);
		if (alertRun.execution) printDecisions(alertRun.execution);
		const appealRun = await n8n.execute(appealWorkflow.id);
		console.log(`\n${bold(appealWorkflow.name)}: n8n execute: ${describe(appealRun)}`);
		if (appealRun.execution) printAppealDecisions(appealRun.execution);
		const { counters } = await mock.getLog();
		console.log(`\n${bold('CEC mock counters')}`);
		console.log(`  token exchanges: ${counters.tokenExchanges} (requests: ${counters.tokenRequests})`);
		const byKind = Object.entries(counters.byKind).filter(([, n]) => n > 0).map(([kind, n]) => `${kind} ${n}`).join(', ');
		console.log(`  business requests: ${counters.businessRequests} (${byKind})`);
		console.log(`  401 answers: ${counters.unauthorized}, max in flight: ${counters.maxInFlight}`);

		const failedRun = [run, alertRun, appealRun].find((r) => !r.ok);
		const alerts = alertRun.ok ? outputOf(alertRun.execution, 'Alert for the supervisor', 0).length : 0;
		const { items } = await mock.control('GET', '/__mock/items');
		const decided = items.map((item) => item.status).join(',');
		if (failedRun) {
			failed = true;
			const error = failedRun.execution?.data?.resultData?.error;
			console.error(`\nDEMO FAILED: ${error ? `${error.message} ${error.description ?? ''}` : 'see the n8n output below'}`);
			if (!failedRun.execution || !error) console.error(`${failedRun.stdout.slice(-3000)}\n${failedRun.stderr.slice(-3000)}`);
		} else if (alerts !== 1) {
			failed = true;
			console.error(`\nDEMO FAILED: expected one alert (one of the two sample calls breaks a rule), got ${alerts}`);
		} else if (decided !== '22,24') {
			failed = true;
			console.error(`\nDEMO FAILED: expected the first appeal upheld (22, closed) and the second handed on (24), got ${decided}`);
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
