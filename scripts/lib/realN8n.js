// @ts-check
'use strict';
/**
 * Harness for running a REAL n8n (2.41.1 on Node 24, or 1.123.81 on the machine's Node 20) with this
 * package loaded the way a community install loads it. Used by the e2e tests, the demo and dev scripts,
 * the benchmark and the queue-mode tests; keep it general. This file only gathers the layers:
 *   process.js          spawning, ports, waiting
 *   n8n/install.js      versions, the cache, scripts/install-n8n.sh
 *   n8n/package.js      npm pack, the community-install layout
 *   n8n/instance.js     a user folder + the n8n CLI (imports, execute, start), n8n/session.js
 *   db/sqlite.js        SQL and stored executions, n8n/runData.js reading them
 *   mock.js             the CEC mock process and its credential
 *   n8n/demo.js         the editor with the example workflow (npm run dev, the editor check)
 *
 *   const h = require('./scripts/lib/realN8n');
 *   const tgz = h.packPackage(repoRoot);                     // after `npm run build`
 *   const n8n = await h.createInstance({ major: 2, tgz, timezone: 'Asia/Shanghai', session: true });
 *   const mock = await h.startMockProcess();
 *   await n8n.importCredentials([h.mockCredential(mock)]);
 *   await n8n.importWorkflow(workflowJson);
 *   const run = await n8n.execute(workflowJson.id);          // { ok, exitCode, stdout, stderr, execution }
 *   h.nodeOutput(run.execution, 'Create Inspection');        // [[{ json, pairedItem }, ...]]
 *   await mock.stop(); n8n.cleanup();
 *
 * Facts this relies on: /work/shared/real-n8n-notes.md.
 */
const { freePort, runProcess } = require('./process');
const install = require('./n8n/install');
const { packPackage, removePackedPackages, installTarball } = require('./n8n/package');
const { ENCRYPTION_KEY, createInstance } = require('./n8n/instance');
const { nodeRuns, nodeOutput, executionError } = require('./n8n/runData');
const { mockCredential, startMockProcess } = require('./mock');
const { DEMO_WORKFLOW_FILE, DEV_OWNER, setUpOwner, startDemoEditor } = require('./n8n/demo');

module.exports = {
	REPO_ROOT: install.REPO_ROOT,
	PACKAGE_NAME: install.PACKAGE_NAME,
	NODE_TYPE: install.NODE_TYPE,
	CREDENTIAL_TYPE: install.CREDENTIAL_TYPE,
	VERSIONS: install.VERSIONS,
	NODE24_VERSION: install.NODE24_VERSION,
	ENCRYPTION_KEY,
	cacheDir: install.cacheDir,
	n8nPaths: install.n8nPaths,
	ensureN8n: install.ensureN8n,
	packPackage,
	removePackedPackages,
	freePort,
	installTarball,
	runProcess,
	createInstance,
	nodeRuns,
	nodeOutput,
	executionError,
	mockCredential,
	startMockProcess,
	DEMO_WORKFLOW_FILE,
	DEV_OWNER,
	setUpOwner,
	startDemoEditor,
};
