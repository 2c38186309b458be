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
		// The same start-up as the editor check (scripts/lib/editor.js): scripts/lib/realN8n.js startDemoEditor.
		const dev = await h.startDemoEditor({
			major,
			tgz: h.packPackage(root),
			userFolder,
			port,
			timezone: process.env.DEV_TZ || 'Asia/Shanghai',
			logLevel: 'warn',
			inherit: true,
			editorEnv: { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info' },
			mock: {
				port: Number(process.env.DEV_MOCK_PORT || 0),
				latency: process.env.DEV_MOCK_LATENCY,
				extraArgs: ['--lifetime-seconds', String(7 * 24 * 3600)],
			},
			reimportWorkflow: !!process.env.DEV_REIMPORT_WORKFLOW,
			owner: process.env.DEV_NO_OWNER ? null : h.DEV_OWNER,
			started: (what, handle) => {
				if (what === 'mock') {
					mock = handle;
					console.log(`CEC mock: ${mock.url} (control: GET ${mock.url}/__mock/log, POST /__mock/expire-tokens, /__mock/inject)`);
				} else editor = handle;
			},
			log: (line) => console.log(line),
		});
		console.log(`\n  n8n ${dev.n8n.version} editor: ${editor.url}/workflow/${dev.workflow.id}`);
		console.log(`  ${dev.ownerNote}`);
		console.log(`  credential "${dev.credential.name}" -> ${mock.url}`);
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
