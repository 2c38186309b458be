#!/usr/bin/env bash
# Local development loop: build, start the CEC mock in the background, and start a real n8n 2.x editor on
# http://127.0.0.1:5678 with this package loaded the community way, a credential "Huawei CEC (local mock)"
# pointing at the mock, and examples/demo-workflow.json imported. Ctrl-C stops both.
#
# The n8n user folder persists between runs (owner account, your edits):
#   ${CEC_DEV_FOLDER:-$CACHE/dev-n8n<major>}  with CACHE=${CEC_N8N_CACHE:-~/.cache/n8n-nodes-huawei-cec-quality}
# Every start re-installs the freshly built package and re-points the credential at the new mock; the
# example workflow is imported only if it is not there yet (DEV_REIMPORT_WORKFLOW=1 to overwrite it).
# A first-run owner account is created for you: dev@example.com / Dev-passw0rd (DEV_NO_OWNER=1 to skip).
#
# Env: DEV_PORT (5678), DEV_MOCK_PORT (0 = any free port), DEV_MOCK_LATENCY (ms), DEV_N8N_MAJOR (2 or 1),
#      DEV_TZ (Asia/Shanghai), DEV_SKIP_BUILD=1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MAJOR="${DEV_N8N_MAJOR:-2}"

if [ ! -d node_modules ]; then
	echo "==> npm ci"
	npm ci
fi
if [ -z "${DEV_SKIP_BUILD:-}" ]; then
	echo "==> npm run build"
	npm run build
fi
echo "==> n8n (major $MAJOR)"
bash scripts/install-n8n.sh "$MAJOR"

export DEV_ROOT="$ROOT" DEV_N8N_MAJOR="$MAJOR"
exec node - <<'JS'
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const root = process.env.DEV_ROOT;
const h = require(path.join(root, 'scripts', 'lib', 'realN8n.js'));
const workflow = require(path.join(root, 'examples', 'demo-workflow.json'));

const OWNER = { email: 'dev@example.com', firstName: 'Dev', lastName: 'User', password: 'Dev-passw0rd' };

async function setUpOwner(url) {
	try {
		const settings = await (await fetch(`${url}/rest/settings`)).json();
		const um = settings?.data?.userManagement ?? {};
		if (!um.showSetupOnFirstLoad) return 'owner already set up';
		const r = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		return r.ok ? `owner created: ${OWNER.email} / ${OWNER.password}` : `owner setup answered HTTP ${r.status}: set it up in the browser`;
	} catch (e) {
		return `could not set up the owner (${e.message}): set it up in the browser`;
	}
}

(async () => {
	const major = Number(process.env.DEV_N8N_MAJOR || 2);
	const port = Number(process.env.DEV_PORT || 5678);
	const userFolder = process.env.CEC_DEV_FOLDER || path.join(h.cacheDir(), `dev-n8n${major}`);
	fs.mkdirSync(userFolder, { recursive: true });

	let mock;
	let editor;
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		console.log('\nstopping n8n and the CEC mock ...');
		await editor?.stop().catch(() => {});
		await mock?.stop().catch(() => {});
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		const tgz = h.packPackage(root);
		const n8n = await h.createInstance({ major, tgz, userFolder, timezone: process.env.DEV_TZ || 'Asia/Shanghai', logLevel: 'warn' });
		mock = await h.startMockProcess({
			port: Number(process.env.DEV_MOCK_PORT || 0),
			latency: process.env.DEV_MOCK_LATENCY,
			extraArgs: ['--lifetime-seconds', String(7 * 24 * 3600)],
		});
		console.log(`CEC mock: ${mock.url} (control: GET ${mock.url}/__mock/log, POST /__mock/expire-tokens, /__mock/inject)`);

		const credId = workflow.nodes.find((n) => n.credentials?.huaweiCecApi)?.credentials.huaweiCecApi.id;
		await n8n.importCredentials([h.mockCredential(mock, { id: credId, name: 'Huawei CEC (local mock)' })]);
		const existing = await n8n.query('SELECT id FROM workflow_entity WHERE id = ?', [workflow.id]);
		if (!existing.length || process.env.DEV_REIMPORT_WORKFLOW) {
			await n8n.importWorkflow(workflow);
			console.log(`imported workflow "${workflow.name}"`);
		}

		editor = await n8n.startEditor({ port, inherit: true, env: { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info' } });
		const ownerNote = process.env.DEV_NO_OWNER ? 'owner setup skipped' : await setUpOwner(editor.url);
		console.log(`\n  n8n ${n8n.version} editor: ${editor.url}/workflow/${workflow.id}`);
		console.log(`  ${ownerNote}`);
		console.log(`  credential "Huawei CEC (local mock)" -> ${mock.url}`);
		console.log(`  user folder: ${userFolder}`);
		console.log('  Ctrl-C stops n8n and the mock.\n');
		editor.exited.then((r) => {
			if (!stopping) {
				console.error(`n8n exited (${JSON.stringify(r)})`);
				void stop(1);
			}
		});
		mock.process.on('exit', (code) => {
			if (!stopping) {
				console.error(`the CEC mock exited (${code})`);
				void stop(1);
			}
		});
	} catch (error) {
		console.error(`dev: ${error && error.stack ? error.stack : error}`);
		await stop(1);
	}
})();
JS
