// @ts-check
'use strict';
/**
 * The editor with the example workflow, as `npm run dev` and the editor check start it: an instance,
 * the CEC mock, the credential, the example workflow, `n8n start` and the owner account.
 */
const fs = require('node:fs');
const path = require('node:path');
const { freePort } = require('../process');
const { CREDENTIAL_TYPE, REPO_ROOT } = require('./install');
const { createInstance } = require('./instance');
const { mockCredential, startMockProcess } = require('../mock');

const DEMO_WORKFLOW_FILE = path.join(REPO_ROOT, 'examples', 'demo-workflow.json');
/** The first-run owner account of the local editors (`npm run dev`, the editor check). Local-only value. */
/** The operator of the demo's credential (Default Operator User ID) and of the example workflow. */
const DEMO_OPERATOR_USER_ID = '1611917095665261978';
const DEV_OWNER = { email: 'dev@example.com', firstName: 'Dev', lastName: 'User', password: 'Dev-passw0rd' };

/**
 * Creates n8n's owner account on a fresh editor (POST /rest/owner/setup) unless one exists. Never throws:
 * resolves { created, note } with a sentence for the user.
 */
/** @param {string} url @param {typeof DEV_OWNER} [owner] */
async function setUpOwner(url, owner = DEV_OWNER) {
	try {
		const settings = await (await fetch(`${url}/rest/settings`)).json();
		const um = settings?.data?.userManagement ?? {};
		if (!um.showSetupOnFirstLoad) return { created: false, note: 'owner already set up' };
		const r = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		return r.ok
			? { created: true, note: `owner created: ${owner.email} / ${owner.password}` }
			: { created: false, note: `owner setup answered HTTP ${r.status}: set it up in the browser` };
	} catch (e) {
		return { created: false, note: `could not set up the owner (${e.message}): set it up in the browser` };
	}
}

/**
 * What `npm run dev` runs: an n8n user folder with the package installed, the CEC mock, the credential
 * "Huawei CEC (local mock)" pointing at it (id taken from the workflow), the example workflow imported,
 * `n8n start` on 127.0.0.1 and the owner account. Options:
 *   { major, tgz, userFolder (default: a temp folder), port (0 = a free one), timezone, logLevel (import
 *     commands), editorEnv, inherit (editor output to this terminal), mock (startMockProcess options),
 *     workflow (default examples/demo-workflow.json), reimportWorkflow (default true; false = import only
 *     when the workflow is not in the DB yet), owner (default DEV_OWNER; null = skip), log (progress),
 *     started (called as started('mock', mock) and started('editor', editor) as soon as each runs, so that a
 *     caller's signal handler can stop them while the rest is still starting) }.
 * Resolves { n8n, mock, editor, url, workflow, credential (the imported { id, name, type, data }), owner, ownerNote, workflowImported,
 * stop() } — stop() ends the editor and the mock (it does not remove the user folder: n8n.cleanup() does).
 * On a failure while starting, whatever was started is stopped before the error is thrown.
 * @param {any} [options]
 */
async function startDemoEditor({
	major = 2,
	tgz,
	userFolder,
	port = 0,
	timezone = 'Asia/Shanghai',
	logLevel = 'warn',
	editorEnv = {},
	inherit = false,
	mock: mockOptions = {},
	workflow,
	reimportWorkflow = true,
	owner = DEV_OWNER,
	log = () => {},
	started = () => {},
} = {}) {
	workflow = workflow || JSON.parse(fs.readFileSync(DEMO_WORKFLOW_FILE, 'utf8'));
	if (userFolder) fs.mkdirSync(userFolder, { recursive: true });
	// The imports run in one execute session (one n8n start-up for both), stopped before `n8n start`.
	const n8n = await createInstance({ major, tgz, userFolder, timezone, logLevel, session: true });
	let mock;
	let editor;
	const stop = async () => {
		await n8n.stopSession().catch(() => {});
		await editor?.stop().catch(() => {});
		await mock?.stop().catch(() => {});
	};
	try {
		mock = await startMockProcess(mockOptions);
		started('mock', mock);
		const credId = workflow.nodes.find((n) => n.credentials?.[CREDENTIAL_TYPE])?.credentials[CREDENTIAL_TYPE].id;
		// The default operator the node's lists (resource locators) are read as: the id the mock's examples use.
		const credential = mockCredential(mock, { id: credId, name: 'Huawei CEC (local mock)', defaultOperatorUserId: DEMO_OPERATOR_USER_ID });
		await n8n.importCredentials([credential]);
		let workflowImported = false;
		const existing = reimportWorkflow ? [] : await n8n.query('SELECT id FROM workflow_entity WHERE id = ?', [workflow.id]);
		if (!existing.length) {
			await n8n.importWorkflow(workflow);
			workflowImported = true;
			log(`imported workflow "${workflow.name}"`);
		}
		await n8n.stopSession();
		editor = await n8n.startEditor({ port: port || (await freePort()), inherit, env: editorEnv });
		started('editor', editor);
		const ownerNote = owner ? (await setUpOwner(editor.url, owner)).note : 'owner setup skipped';
		return {
			n8n,
			mock,
			editor,
			url: editor.url,
			workflow,
			credential,
			owner,
			ownerNote,
			workflowImported,
			stop,
		};
	} catch (error) {
		await stop();
		// A temp folder is this function's own; a given user folder (the dev loop's) is kept.
		if (!userFolder) await n8n.cleanup().catch(() => {});
		throw error;
	}
}

module.exports = { DEMO_OPERATOR_USER_ID, DEMO_WORKFLOW_FILE, DEV_OWNER, setUpOwner, startDemoEditor };
