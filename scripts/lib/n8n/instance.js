// @ts-check
'use strict';
/**
 * n8n CLI layer, an instance: a throwaway n8n user folder with the package installed the community
 * way, its isolated environment, and the n8n CLI against it — imports, `n8n execute` (as a CLI process,
 * or through the instance's long-lived execute session), background commands and the editor.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort, runProcess, spawnBackground, waitUntil } = require('../process');
const { sqliteDb } = require('../db/sqlite');
const { nodeOutput } = require('./runData');
const { debug, ensureN8n } = require('./install');
const { installTarball } = require('./package');
const { startSession } = require('./session');

/** Fixed so that credentials imported by one command can be decrypted by the next. Test-only value. */
const ENCRYPTION_KEY = 'cec-quality-e2e-fixed-encryption-key-0001';

/**
 * @typedef {import('./install').N8nInstall} N8nInstall
 * @typedef {import('../process').ProcessResult} ProcessResult
 * @typedef {import('../process').BackgroundHandle} BackgroundHandle
 * @typedef {{ n8n: N8nInstall, folder: string, env: NodeJS.ProcessEnv, dbPath: string, background: Set<BackgroundHandle> }} Context
 * @typedef {{ env?: NodeJS.ProcessEnv, timeoutMs?: number, input?: string }} CliOptions
 * @typedef {ProcessResult & { ok: boolean, execution: import('../db/sqlite').StoredExecution | null }} ExecuteResult
 */

/**
 * The environment that keeps a run isolated and quiet (see real-n8n-notes.md).
 * @param {N8nInstall} n8n @param {{ folder: string, brokerPort: number, timezone: string, logLevel: string, extraEnv: NodeJS.ProcessEnv }} o
 */
function instanceEnv(n8n, { folder, brokerPort, timezone, logLevel, extraEnv }) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {
		...n8n.env,
		N8N_USER_FOLDER: folder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// 2.x always runs task runners and warns that N8N_RUNNERS_ENABLED is deprecated.
		...(n8n.major === 1 ? { N8N_RUNNERS_ENABLED: 'true' } : {}),
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_PYTHON_ENABLED: 'false',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
		GENERIC_TIMEZONE: timezone,
		TZ: timezone,
		...(n8n.major === 1 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		...extraEnv,
	};
	for (const [k, v] of Object.entries(env)) if (v === undefined || v === null) delete env[k];
	return env;
}

/** Any n8n CLI command in the instance: cli(['export:workflow', '--all'], { env, timeoutMs, input }). @param {Context} ctx */
function cliRunner({ n8n, env, folder }) {
	/** @param {string[]} args @param {CliOptions} [options] */
	return (args, { env: moreEnv, ...opts } = {}) => {
		debug(`n8n ${n8n.version}:`, args.join(' '));
		return runProcess(n8n.nodeBin, [n8n.n8nBin, ...args], { ...opts, env: { ...env, ...(moreEnv || {}) }, cwd: folder });
	};
}

/**
 * import:credentials and import:workflow, each checked against the DB (n8n's import commands can
 * "succeed" without importing anything).
 * @param {Context} ctx @param {ReturnType<typeof cliRunner>} cli @param {ReturnType<typeof sqliteDb>} db
 */
function importers({ folder }, cli, db) {
	// (cli is the instance's session when it has one: n8n's import commands have no init of their own.)
	let fileCounter = 0;
	/** @param {string} prefix @param {unknown} data */
	const writeInput = (prefix, data) => {
		const file = path.join(folder, `${prefix}-${++fileCounter}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	};
	/** @param {string} what @param {string} table @param {unknown} list @param {Array<string | number>} ids */
	async function importChecked(what, table, list, ids) {
		const res = await cli([`import:${what}`, `--input=${writeInput(what, list)}`]);
		const text = `${res.stdout}\n${res.stderr}`;
		if (res.exitCode !== 0 || /An error occurred while importing|Error importing/i.test(text)) {
			throw new Error(`n8n import:${what} failed (exit ${res.exitCode}):\n${text.slice(-4000)}`);
		}
		const missing = await db.missingIds(table, ids);
		if (missing.length) throw new Error(`n8n import:${what} exited ${res.exitCode} but ${missing.join(', ')} is not in ${table}:\n${text.slice(-4000)}`);
		return res;
	}
	/** Array of { id, name, type, data } (plain-object `data` is encrypted by n8n on import). @param {any} credentials */
	async function importCredentials(credentials) {
		const list = Array.isArray(credentials) ? credentials : [credentials];
		return importChecked('credentials', 'credentials_entity', list, list.map((c) => c.id).filter(Boolean));
	}
	/** One workflow object (or an array of them); each needs an `id` of at most 21 characters. @param {any} workflow */
	async function importWorkflow(workflow) {
		const list = Array.isArray(workflow) ? workflow : [workflow];
		for (const wf of list) {
			if (!wf.id || String(wf.id).length > 21) throw new Error(`workflow "${wf.name}" needs an id of at most 21 characters`);
		}
		return importChecked('workflow', 'workflow_entity', list.length === 1 ? list[0] : list, list.map((w) => w.id));
	}
	return { importCredentials, importWorkflow };
}

/** The instance's execute session (n8n/session.js), started on first use and again if it ended. @param {Context} ctx */
function sessionKeeper({ n8n, env, folder }) {
	/** @type {Promise<import('./session').Session> | null} */
	let starting = null;
	const current = async () => (starting ? await starting.catch(() => null) : null);
	async function sessionNow() {
		const session = await current();
		if (session && session.alive()) return session;
		debug(`n8n ${n8n.version}: starting an execute session`);
		// Its own task-runner broker port, so that an `n8n start` of this instance can run beside it.
		const start = async () =>
			startSession({ nodeBin: n8n.nodeBin, n8nPackageDir: path.dirname(path.dirname(n8n.n8nBin)), env: { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) }, cwd: folder });
		// A free port can be taken by another process before n8n binds it (seen with other n8n runs on the machine): once more on a new port.
		starting = start().catch((error) => {
			if (!/port \d+ is already in use/.test(String(error?.message))) throw error;
			return start();
		});
		return starting;
	}
	/** Everything the execute session printed so far ('' without one). */
	const sessionOutput = async () => (await current())?.output() ?? '';
	async function stopSession() {
		const session = await current();
		starting = null;
		await session?.stop();
	}
	return { sessionNow, sessionOutput, stopSession };
}

/**
 * `n8n execute --id=<workflowId> --rawOutput`, then the execution read back from the DB.
 * @param {ReturnType<typeof cliRunner>} cli @param {ReturnType<typeof sqliteDb>} db
 * @param {ReturnType<typeof sessionKeeper>} sessions @param {boolean} useSession
 */
function executor(cli, db, sessions, useSession) {
	/**
	 * Resolves { ok, exitCode, stdout, stderr, durationMs, execution } — `execution` is { id, status,
	 * finished, mode, data (IRunExecutionData), dataRaw (stored flatted text), workflowData, ... } or null.
	 * `cli: true` (and any `env`) runs a CLI process even in a session instance.
	 * @param {string} workflowId @param {{ timeoutMs?: number, env?: NodeJS.ProcessEnv, cli?: boolean }} [options]
	 * @returns {Promise<ExecuteResult>}
	 */
	return async function execute(workflowId, { timeoutMs = 5 * 60 * 1000, env: runEnv, cli: viaCli = !useSession || !!runEnv } = {}) {
		const before = await db.lastExecutionId();
		const res = viaCli
			? await cli(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs, env: runEnv })
			: await (await sessions.sessionNow()).run(String(workflowId), { timeoutMs });
		const list = await db.executions({ afterId: before, workflowId }).catch((e) => {
			debug('reading executions failed', e);
			return [];
		});
		const execution = list.length ? list[list.length - 1] : null;
		const runError = execution?.data?.resultData?.error;
		const ok = res.exitCode === 0 && !!execution && execution.status === 'success' && !runError;
		return { ok, ...res, execution };
	};
}

/** Long-running n8n commands (`start`, `worker`, `webhook`, ...) of the instance, stopped by cleanup(). @param {Context} ctx */
function backgroundCommands({ n8n, env, folder, background }) {
	/**
	 * Returns { process, output(), exited (promise), stop(timeoutMs) }.
	 * @param {string[]} args @param {{ env?: NodeJS.ProcessEnv, inherit?: boolean }} [options]
	 */
	function spawnCommand(args, { env: moreEnv = {}, inherit = false } = {}) {
		debug(`n8n ${n8n.version} (background):`, args.join(' '));
		const handle = spawnBackground(n8n.nodeBin, [n8n.n8nBin, ...args], { env: { ...env, ...moreEnv }, cwd: folder, inherit, onExit: (h) => background.delete(h) });
		background.add(handle);
		return handle;
	}

	/**
	 * `n8n start` on 127.0.0.1:<port>; resolves once the REST API answers (/healthz answers earlier, while
	 * /rest/* still serves the editor's HTML). Returns the spawnCommand handle plus { url }.
	 * @param {{ port?: number, host?: string, readyTimeoutMs?: number, inherit?: boolean, env?: NodeJS.ProcessEnv }} [options]
	 */
	async function startEditor({ port = 5678, host = '127.0.0.1', readyTimeoutMs = 120 * 1000, inherit = false, env: editorEnv = {} } = {}) {
		const url = `http://${host}:${port}`;
		const handle = spawnCommand(['start'], {
			inherit,
			env: {
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: host,
				N8N_HOST: host,
				N8N_PROTOCOL: 'http',
				N8N_EDITOR_BASE_URL: `${url}/`,
				[n8n.major === 1 ? 'WEBHOOK_URL' : 'N8N_WEBHOOK_URL']: `${url}/`,
				N8N_SECURE_COOKIE: 'false',
				...editorEnv,
			},
		});
		const editor = Object.assign(handle, { url });
		await waitUntil(
			async () => {
				if (handle.exitInfo) throw new Error(`n8n start exited early (${JSON.stringify(handle.exitInfo)}):\n${handle.output().slice(-4000)}`);
				const r = await fetch(`${url}/rest/settings`).catch(() => null); // null: not listening yet
				return !!r && r.ok && /json/.test(r.headers.get('content-type') || '');
			},
			{
				timeoutMs: readyTimeoutMs,
				// Often: several tests start an editor per case, and each half-interval is waited for nothing.
				intervalMs: 200,
				onTimeout: async () => {
					await editor.stop();
					return new Error(`n8n start did not answer /rest/settings within ${readyTimeoutMs} ms:\n${handle.output().slice(-4000)}`);
				},
			},
		);
		return editor;
	}
	return { spawnCommand, startEditor };
}

/**
 * A throwaway n8n user folder with the package installed the community way, plus helpers to run the
 * n8n CLI against it. Options: { major: 2|1, tgz, timezone = 'UTC', extraEnv = {}, logLevel = 'info',
 * userFolder (use an existing folder instead of a new temp one), session (default false: true runs
 * execute() in one long-lived n8n `execute` command, see n8n/session.js; execute(id, { cli: true }) still
 * starts a CLI process) }.
 * @param {{ major?: 1 | 2 | string, tgz?: string, timezone?: string, extraEnv?: NodeJS.ProcessEnv, logLevel?: string, userFolder?: string, session?: boolean }} [options]
 */
async function createInstance({ major = 2, tgz, timezone = 'UTC', extraEnv = {}, logLevel = 'info', userFolder, session: useSession = false } = {}) {
	const n8n = await ensureN8n(major);
	const folder = userFolder ? path.resolve(userFolder) : fs.mkdtempSync(path.join(os.tmpdir(), `cec-n8n${n8n.major}-`));
	fs.mkdirSync(path.join(folder, '.n8n'), { recursive: true });
	const installedPackage = tgz ? installTarball(folder, tgz) : null;
	const env = instanceEnv(n8n, { folder, brokerPort: await freePort(), timezone, logLevel, extraEnv });
	/** @type {Context} */
	const ctx = { n8n, folder, env, dbPath: path.join(folder, '.n8n', 'database.sqlite'), background: new Set() };
	const cli = cliRunner(ctx);
	const db = sqliteDb(n8n, ctx.dbPath);
	const sessions = sessionKeeper(ctx);
	/** @type {ReturnType<typeof cliRunner>} */
	const sessionCli = async (args, { timeoutMs } = {}) => (await sessions.sessionNow()).command(args, { timeoutMs });
	const { spawnCommand, startEditor } = backgroundCommands(ctx);

	/**
	 * Makes an imported workflow active for the next `n8n start` (activation at import does not take on a
	 * fresh DB); through the session when the instance has one (neither command has an init of its own).
	 * @param {string} workflowId
	 */
	async function activateWorkflow(workflowId) {
		const args = n8n.major === 1 ? ['update:workflow', `--id=${workflowId}`, '--active=true'] : ['publish:workflow', `--id=${workflowId}`];
		const res = await (useSession ? sessionCli : cli)(args);
		if (res.exitCode !== 0) throw new Error(`n8n ${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
	}

	async function cleanup() {
		await sessions.stopSession().catch(() => {});
		for (const h of [...ctx.background]) await h.stop().catch(() => {});
		if (!process.env.CEC_E2E_KEEP) fs.rmSync(folder, { recursive: true, force: true });
		else console.error(`[realN8n] kept ${folder}`);
	}

	return {
		...{ major: n8n.major, version: n8n.version, nodeBin: n8n.nodeBin, n8nBin: n8n.n8nBin, n8nDir: n8n.n8nDir },
		...{ folder, dbPath: ctx.dbPath, env, installedPackage, cli },
		/** An n8n command without an init of its own (imports, publish): through the session when the instance has one. */
		command: useSession ? sessionCli : cli,
		...importers(ctx, useSession ? sessionCli : cli, db),
		activateWorkflow,
		execute: executor(cli, db, sessions, useSession),
		sessionOutput: sessions.sessionOutput,
		stopSession: sessions.stopSession,
		...{ executions: db.executions, lastExecutionId: db.lastExecutionId, query: db.query, queryMany: db.queryMany },
		nodeOutput,
		spawnCommand,
		startEditor,
		cleanup,
	};
}

module.exports = { ENCRYPTION_KEY, createInstance };
