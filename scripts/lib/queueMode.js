// @ts-check
'use strict';
/**
 * n8n scaled out ("queue mode") around this package, for tests: PostgreSQL + Redis + the CEC mock(s) +
 * one n8n 2.41.1 main (`n8n start`, receives the webhooks) + N workers (`n8n worker`), every n8n process
 * with its own user folder holding the packed package, all sharing one encryption key and one database.
 *
 *   const q = require('./scripts/lib/queueMode');
 *   const cluster = await q.startQueueCluster({
 *     tgz: realN8n.packPackage(repoRoot),
 *     mocks: { cec: {}, storm: { extraArgs: ['--revoke-on-issue'] } },   // startMockProcess options
 *     credentials: (mocks) => [realN8n.mockCredential(mocks.cec)],
 *     workflows: (mocks) => [q.webhookInspectionWorkflow({ id: 'cecQueueInspect', path: 'cec-queue-inspect' })],
 *   });
 *   try {
 *     const r = await cluster.postWebhook('cec-queue-inspect', { ... });     // { status, body, json }
 *     await cluster.executions();                                           // rows from PostgreSQL
 *     cluster.workerOfExecution();                                          // Map executionId -> worker name
 *   } finally {
 *     await cluster.stopAll();                                              // always; also on process exit
 *   }
 *
 * System packages: PostgreSQL (Debian `postgresql`, binaries in /usr/lib/postgresql/<v>/bin) and Redis
 * (`redis-server`) are installed with apt when missing (root, or passwordless sudo). CLI:
 *   node scripts/lib/queueMode.js --install-deps     # only the apt part (CI: run before the e2e tests)
 *
 * Facts this relies on: /work/shared/real-n8n-notes.md ("Queue mode").
 * Env: CEC_E2E_KEEP=1 keeps the temp folder (logs, DB files), CEC_E2E_DEBUG=1 prints progress.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { aptInstall, commandPath } = require('./debian');
const realN8n = require('./realN8n');
const { sleep, waitUntil } = require('./process');
const { tail, startPostgres, pgExecutions } = require('./db/postgres');
const { readIf, startRedis } = require('./redis');

const N8N_MAJOR = 2;
const POSTGRES_VERSIONS = ['15', '16', '17', '14', '13'];

const debug = (...args) => {
	if (process.env.CEC_E2E_DEBUG) console.error('[queueMode]', ...args);
};

/* ------------------------------------------------------------------ system packages */

/** Folder with initdb/pg_ctl of an installed PostgreSQL server (Debian layout), or null. */
function findPostgresBin() {
	const explicit = process.env.CEC_PG_BIN;
	if (explicit && fs.existsSync(path.join(explicit, 'initdb'))) return explicit;
	const base = '/usr/lib/postgresql';
	const installed = fs.existsSync(base) ? fs.readdirSync(base) : [];
	const ordered = [...POSTGRES_VERSIONS.filter((v) => installed.includes(v)), ...installed.filter((v) => !POSTGRES_VERSIONS.includes(v))];
	for (const v of ordered) {
		const bin = path.join(base, v, 'bin');
		if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl')) && fs.existsSync(path.join(bin, 'postgres'))) return bin;
	}
	const initdb = commandPath('initdb');
	if (initdb && commandPath('pg_ctl')) return path.dirname(initdb);
	return null;
}

function findRedisServer() {
	return process.env.CEC_REDIS_SERVER && fs.existsSync(process.env.CEC_REDIS_SERVER) ? process.env.CEC_REDIS_SERVER : commandPath('redis-server');
}

/**
 * Installs the Debian packages `postgresql` and `redis-server` when their binaries are missing
 * (non-interactive apt; as root, or through passwordless sudo). A machine that has both skips apt.
 * Returns { pgBin, redisServer, installed: [packages], durationMs }.
 */
function ensureSystemPackages({ log = (m) => process.stderr.write(`[queueMode] ${m}\n`) } = {}) {
	const started = Date.now();
	const missing = [];
	if (!findPostgresBin()) missing.push('postgresql');
	if (!findRedisServer()) missing.push('redis-server');
	if (missing.length > 0) {
		aptInstall(missing, {
			log,
			noApt: `missing ${missing.join(' and ')} and no apt-get to install them: install PostgreSQL and Redis, or set CEC_PG_BIN / CEC_REDIS_SERVER`,
			noRoot: `missing ${missing.join(' and ')}: run as root, or first: sudo apt-get install -y ${missing.join(' ')}`,
			noRecommends: true,
			forbidServiceStarts: true,
		});
	}
	const pgBin = findPostgresBin();
	const redisServer = findRedisServer();
	if (!pgBin) throw new Error('PostgreSQL server binaries (initdb, pg_ctl, postgres) not found after installing `postgresql`');
	if (!redisServer) throw new Error('redis-server not found after installing `redis-server`');
	if (missing.length) log(`installed ${missing.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return { pgBin, redisServer, installed: missing, durationMs: Date.now() - started };
}

/* ------------------------------------------------------------------ small helpers */

/** @param {string} url @param {number} [timeoutMs] @returns {Promise<{ status: number, text: string }>} */
async function httpGet(url, timeoutMs = 3000) {
	const ac = new AbortController();
	const t = setTimeout(() => ac.abort(), timeoutMs);
	try {
		const r = await fetch(url, { signal: ac.signal });
		return { status: r.status, text: await r.text() };
	} catch (e) {
		return { status: 0, text: String(e && e.message) };
	} finally {
		clearTimeout(t);
	}
}

/* ------------------------------------------------------------------ workflow template */

/**
 * An active Webhook (POST /webhook/<path>, answers when the execution ends: responseMode 'lastNode')
 * → Huawei CEC Quality "Create Inspection" whose fields are expressions over the webhook body
 * ({ agentId, voiceFilePath, beginTime, endTime, language? }).
 */
function webhookInspectionWorkflow({ id, path: webhookPath, name, credential = { id: 'cecMockCred01', name: 'Huawei CEC (local mock)' }, options = {} }) {
	if (!id || String(id).length > 21) throw new Error('workflow id must be 1..21 characters');
	const uuid = (n) => `7c0a1c1e-${String(n).padStart(4, '0')}-4c8e-9a7b-${crypto.createHash('sha256').update(`${id}`).digest('hex').slice(0, 12)}`;
	return {
		id,
		name: name || `CEC queue mode: ${webhookPath}`,
		active: true,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
		pinData: {},
		nodes: [
			{
				id: uuid(1),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
			},
			{
				id: uuid(2),
				name: 'Create Inspection',
				type: realN8n.NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'inspection',
					operation: 'create',
					language: '={{ $json.body.language || "zh_CN" }}',
					voiceFilePath: '={{ $json.body.voiceFilePath }}',
					agentId: '={{ $json.body.agentId }}',
					beginTime: '={{ $json.body.beginTime }}',
					endTime: '={{ $json.body.endTime }}',
					options,
				},
				credentials: { [realN8n.CREDENTIAL_TYPE]: credential },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Create Inspection', type: 'main', index: 0 }]] } },
	};
}

/* ------------------------------------------------------------------ the cluster */

/** Live clusters, stopped synchronously (best effort) if the process exits without stopAll(). */
const liveClusters = new Set();
let exitHandlersInstalled = false;
function installExitHandlers() {
	if (exitHandlersInstalled) return;
	exitHandlersInstalled = true;
	process.once('exit', () => {
		for (const c of [...liveClusters]) c.stopAllSync();
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		const onSignal = async () => {
			const pending = [...liveClusters].map((c) => c.stopAll().catch(() => {}));
			await Promise.race([Promise.all(pending), sleep(30000)]);
			for (const c of [...liveClusters]) c.stopAllSync();
			process.removeListener(signal, onSignal);
			process.kill(process.pid, signal);
		};
		process.on(signal, onSignal);
	}
}

/**
 * @typedef {{ root: string, logsDir: string, stopped: boolean, deps: any, n8n: any, pg: any, pgStop: ((immediate: boolean) => void) | null,
 *   redis: any, mocks: Record<string, any>, n8nHandles: any[], instances: Record<string, any>, stopping: Promise<string[]> | null, encryptionKey: string }} ClusterState
 */

/** @param {any} opts */
function clusterOptions(opts) {
	const {
		tgz,
		workers = 2,
		concurrency = 10,
		mocks = { cec: {} },
		credentials = (/** @type {any} */ m) => [realN8n.mockCredential(Object.values(m)[0])],
		workflows = () => [],
		timezone = 'UTC',
		extraEnv = {},
		readyTimeoutMs = 180000,
	} = opts;
	if (!tgz) throw new Error('startQueueCluster: pass `tgz` (realN8n.packPackage after `npm run build`)');
	return { tgz, workers, concurrency, mocks, credentials, workflows, timezone, extraEnv, readyTimeoutMs };
}

/** Main first (no new webhooks), then the workers, then what they depend on. @param {any} cluster @param {ClusterState} state */
function stopAll(cluster, state) {
	state.stopping ??= (async () => {
		/** @type {string[]} */
		const errors = [];
		const attempt = async (/** @type {string} */ what, /** @type {() => unknown} */ fn) => {
			try {
				await fn();
			} catch (e) {
				errors.push(`${what}: ${e && e.message}`);
			}
		};
		// The import session, if start-up failed before it was stopped (it also ends when this process does: its stdin closes).
		if (state.instances.main) await attempt('stop the import session', () => state.instances.main.stopSession());
		for (const h of [...state.n8nHandles].reverse().sort((a, b) => (a.role === 'main' ? -1 : b.role === 'main' ? 1 : 0))) {
			await attempt(`stop ${h.name}`, () => h.stop(15000));
		}
		for (const [name, m] of Object.entries(state.mocks)) await attempt(`stop mock ${name}`, () => m.stop());
		if (state.pg) await attempt('close pg pool', () => state.pg.end());
		if (state.redis) await attempt('stop redis', () => state.redis.stop());
		if (state.pgStop) await attempt('stop postgres', () => (state.pgStop?.(false), (state.pgStop = null)));
		state.stopped = true;
		liveClusters.delete(cluster);
		if (process.env.CEC_E2E_KEEP) console.error(`[queueMode] kept ${state.root}`);
		else await attempt('remove temp folder', () => fs.rmSync(state.root, { recursive: true, force: true }));
		if (errors.length) debug('stopAll problems:', errors.join('; '));
		return errors;
	})();
	return state.stopping;
}

/** For process 'exit': no awaiting possible, so kill hard and remove the folder. @param {any} cluster @param {ClusterState} state */
function stopAllSync(cluster, state) {
	if (state.stopped) return;
	const kill = (/** @type {any} */ p) => {
		try {
			if (p && p.exitCode === null) p.kill('SIGKILL');
		} catch {
			/* gone */
		}
	};
	for (const h of state.n8nHandles) if (!h.exitInfo) kill(h.process);
	for (const m of Object.values(state.mocks)) kill(m.process);
	kill(state.redis?.process);
	try {
		state.pgStop?.(true);
	} catch {
		/* best effort */
	}
	state.pgStop = null;
	state.stopped = true;
	liveClusters.delete(cluster);
	if (!process.env.CEC_E2E_KEEP) fs.rmSync(state.root, { recursive: true, force: true });
}

/** A module of the n8n install (pg, flatted, ioredis). @param {ClusterState} state @param {string} name */
function requireFromN8n(state, name) {
	const paths = [path.join(state.n8n.n8nDir, 'node_modules', 'n8n'), state.n8n.n8nDir];
	return require(require.resolve(name, { paths }));
}

/** n8n, PostgreSQL, Redis and the mocks. @param {any} cluster @param {ClusterState} state @param {any} o @param {(name: string) => void} mark */
async function startServices(cluster, state, o, mark) {
	state.n8n = await realN8n.ensureN8n(N8N_MAJOR);
	mark('n8n');
	const pgReady = startPostgres({
		pgBin: state.deps.pgBin,
		root: state.root,
		pg: requireFromN8n(state, 'pg'),
		onStarted: (stop) => (state.pgStop = stop),
		debug,
	}).then((pg) => {
		state.pg = pg;
		const { host, port, database, user, query, dump, serverLog } = pg;
		cluster.pg = { host, port, database, user, query, dump, serverLog };
		mark('postgres');
	});
	const redisReady = startRedis({ redisServer: state.deps.redisServer, root: state.root, logsDir: state.logsDir, onStarted: (h) => (state.redis = h), tail }).then((h) => {
		cluster.redis = { host: '127.0.0.1', port: h.port, logFile: h.logFile };
		mark('redis');
	});
	await Promise.all([pgReady, redisReady]);
	for (const [name, spec] of Object.entries(o.mocks)) state.mocks[name] = await realN8n.startMockProcess(spec);
	mark('mocks');
}

/** What every n8n process of the cluster shares: the key, the database, the queue. @param {ClusterState} state @param {any} o */
function sharedEnv(state, o) {
	return {
		N8N_ENCRYPTION_KEY: state.encryptionKey,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(state.pg.port),
		DB_POSTGRESDB_DATABASE: state.pg.database,
		DB_POSTGRESDB_USER: state.pg.user,
		DB_POSTGRESDB_PASSWORD: state.pg.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(state.redis.port),
		N8N_EXECUTION_DATA_STORAGE_MODE: 'database',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...o.extraEnv,
	};
}

/** One user folder per process, each with the packed package. @param {ClusterState} state @param {any} o */
async function makeInstances(state, o) {
	const names = ['main', ...Array.from({ length: o.workers }, (_, i) => `worker${i + 1}`)];
	const env = sharedEnv(state, o);
	for (const name of names) {
		// The main's imports run in one execute session (one n8n start-up instead of one per command; see importIntoMain).
		const session = name === 'main';
		state.instances[name] = await realN8n.createInstance({ major: N8N_MAJOR, tgz: o.tgz, timezone: o.timezone, logLevel: 'info', userFolder: path.join(state.root, name), extraEnv: env, session });
	}
	return names;
}

/** Credentials and workflows go into PostgreSQL through the main's n8n commands (one execute session) before any server starts. @param {any} cluster @param {ClusterState} state @param {any[]} credentials @param {any[]} workflows @param {(name: string) => void} mark */
async function importIntoMain(cluster, state, credentials, workflows, mark) {
	const main = state.instances.main;
	const cli = async (/** @type {string[]} */ args) => {
		const r = await main.command(args, { timeoutMs: 180000 });
		const text = `${r.stdout}\n${r.stderr}`;
		if (r.exitCode !== 0 || /An error occurred|Error importing|Error updating database/i.test(text)) {
			throw new Error(`n8n ${args.join(' ')} failed (exit ${r.exitCode}):\n${tail(text)}`);
		}
		return r;
	};
	const inputFile = (/** @type {string} */ name, /** @type {unknown} */ data) => {
		const file = path.join(main.folder, name);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	};
	if (credentials.length) await cli(['import:credentials', `--input=${inputFile('queue-credentials.json', credentials)}`]);
	mark('importCredentials');
	for (const wf of workflows) {
		if (!wf.id || String(wf.id).length > 21) throw new Error(`workflow "${wf.name}" needs an id of at most 21 characters`);
	}
	if (workflows.length) await cli(['import:workflow', `--input=${inputFile('queue-workflows.json', workflows)}`]);
	// Activation at import time does not take on a fresh DB: publish each active webhook workflow (2.x).
	for (const wf of workflows) {
		if (wf.active !== false && wf.nodes.some((/** @type {any} */ n) => n.type === 'n8n-nodes-base.webhook')) await cli(['publish:workflow', `--id=${wf.id}`]);
	}
	mark('importWorkflows');
	// Before any server starts: the session's own task runner and DB connection are not needed any more.
	await main.stopSession();
	await checkImported(cluster, credentials, workflows);
}

/** @param {any} cluster @param {any[]} credentials @param {any[]} workflows */
async function checkImported(cluster, credentials, workflows) {
	const credRows = await cluster.pg.query('SELECT id FROM credentials_entity');
	for (const c of credentials) {
		if (!credRows.some((/** @type {any} */ r) => r.id === c.id)) throw new Error(`credential ${c.id} is not in PostgreSQL after import:credentials`);
	}
	const wfRows = await cluster.pg.query('SELECT id, active, "activeVersionId" FROM workflow_entity').catch(() => cluster.pg.query('SELECT id, active FROM workflow_entity'));
	for (const wf of workflows) {
		const row = wfRows.find((/** @type {any} */ r) => r.id === wf.id);
		if (!row) throw new Error(`workflow ${wf.id} is not in PostgreSQL after import:workflow`);
		if (wf.active !== false && !row.active && !row.activeVersionId) throw new Error(`workflow ${wf.id} is not active after publish:workflow`);
	}
}

/** Starts the main and the workers together, their output into logsDir/<name>.log. @param {any} cluster @param {ClusterState} state @param {string[]} names @param {any} o */
async function startN8nProcesses(cluster, state, names, o) {
	const spawnLogged = (/** @type {any} */ inst, /** @type {string} */ name, /** @type {string} */ role, /** @type {string[]} */ args, /** @type {NodeJS.ProcessEnv} */ env) => {
		const logFile = path.join(state.logsDir, `${name}.log`);
		const h = inst.spawnCommand(args, { env });
		h.process.stdout.on('data', (/** @type {Buffer} */ d) => fs.appendFileSync(logFile, d));
		h.process.stderr.on('data', (/** @type {Buffer} */ d) => fs.appendFileSync(logFile, d));
		Object.assign(h, { name, role, logFile, log: () => readIf(logFile) });
		state.n8nHandles.push(h);
		return h;
	};
	const mainPort = await realN8n.freePort();
	const mainUrl = `http://127.0.0.1:${mainPort}`;
	const mainHandle = spawnLogged(state.instances.main, 'main', 'main', ['start'], {
		N8N_PORT: String(mainPort),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${mainUrl}/`,
		N8N_WEBHOOK_URL: `${mainUrl}/`,
		N8N_SECURE_COOKIE: 'false',
	});
	cluster.main = Object.assign(mainHandle, { url: mainUrl });
	for (const name of names.slice(1)) {
		const healthPort = await realN8n.freePort();
		const h = spawnLogged(state.instances[name], name, 'worker', ['worker', `--concurrency=${o.concurrency}`], {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
		cluster.workers.push(Object.assign(h, { healthUrl: `http://127.0.0.1:${healthPort}` }));
	}
}

/** Readiness: main and workers answer /healthz/readiness, then every webhook is registered. @param {any} cluster @param {ClusterState} state @param {any[]} workflows @param {any} o @param {(name: string) => void} mark */
async function waitReady(cluster, state, workflows, o, mark) {
	const deadline = Date.now() + o.readyTimeoutMs;
	const waitFor = (/** @type {string} */ what, /** @type {() => Promise<boolean>} */ probe) =>
		waitUntil(
			async () => {
				for (const h of state.n8nHandles) {
					if (h.exitInfo) throw new Error(`n8n ${h.name} exited during start-up (${JSON.stringify(h.exitInfo)}):\n${tail(h.log())}`);
				}
				return probe();
			},
			{
				timeoutMs: Math.max(0, deadline - Date.now()),
				intervalMs: 250,
				onTimeout: () => new Error(`timed out after ${o.readyTimeoutMs} ms waiting for ${what}\n${state.n8nHandles.map((h) => `--- ${h.name}:\n${tail(h.log(), 2000)}`).join('\n')}`),
			},
		);
	const ready = async (/** @type {string} */ url) => (await httpGet(`${url}/healthz/readiness`)).status === 200;
	await Promise.all([
		waitFor('main /healthz/readiness', () => ready(cluster.main.url)).then(() => mark('mainReady')),
		...cluster.workers.map((/** @type {any} */ w) => waitFor(`${w.name} /healthz/readiness`, () => ready(w.healthUrl)).then(() => mark(`${w.name}Ready`))),
	]);
	for (const wf of workflows) {
		const hook = wf.nodes.find((/** @type {any} */ n) => n.type === 'n8n-nodes-base.webhook');
		if (!hook || wf.active === false) continue;
		// A registered POST webhook answers a GET with "not registered for GET requests ... POST".
		await waitFor(`webhook ${hook.parameters.path}`, async () => /not registered for GET/i.test((await httpGet(`${cluster.main.url}/webhook/${hook.parameters.path}`)).text));
	}
	mark('webhooksRegistered');
}

/** Test helpers: the CLI, a decrypted credential, Redis' contents, webhooks. @param {any} cluster @param {ClusterState} state */
function addCliHelpers(cluster, state) {
	/** Any n8n CLI command with the main's user folder and the cluster's database (resolves { exitCode, stdout, stderr }). */
	cluster.cli = (/** @type {string[]} */ args, /** @type {any} */ options) => state.instances.main.cli(args, { timeoutMs: 180000, ...(options || {}) });

	/** The credential as n8n decrypts it (`export:credentials --decrypted`); the export file is removed again. */
	cluster.exportCredential = async (/** @type {string} */ id) => {
		const file = path.join(state.instances.main.folder, `export-${crypto.randomBytes(6).toString('hex')}.json`);
		try {
			const r = await cluster.cli(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]);
			if (r.exitCode !== 0 || !fs.existsSync(file)) throw new Error(`export:credentials failed (exit ${r.exitCode}):\n${tail(`${r.stdout}\n${r.stderr}`)}`);
			const list = JSON.parse(fs.readFileSync(file, 'utf8'));
			return (Array.isArray(list) ? list : [list]).find((c) => c.id === id);
		} finally {
			fs.rmSync(file, { force: true });
		}
	};

	/** Every Redis key with its value as text (strings, hashes, lists, sets, sorted sets), through n8n's ioredis. */
	cluster.redisDump = async () => {
		const Redis = requireFromN8n(state, 'ioredis');
		const client = new Redis({ host: '127.0.0.1', port: state.redis.port, lazyConnect: true, maxRetriesPerRequest: 1 });
		await client.connect();
		try {
			const out = {};
			for (const key of await client.keys('*')) {
				const type = await client.type(key);
				if (type === 'string') out[key] = await client.get(key);
				else if (type === 'hash') out[key] = JSON.stringify(await client.hgetall(key));
				else if (type === 'list') out[key] = JSON.stringify(await client.lrange(key, 0, -1));
				else if (type === 'set') out[key] = JSON.stringify(await client.smembers(key));
				else if (type === 'zset') out[key] = JSON.stringify(await client.zrange(key, 0, -1, 'WITHSCORES'));
				else if (type === 'stream') out[key] = JSON.stringify(await client.xrange(key, '-', '+'));
				else out[key] = `(${type})`;
			}
			return out;
		} finally {
			client.disconnect();
		}
	};

	/** POST JSON to a production webhook; resolves { status, text, json, ms }. */
	/** @param {string} webhookPath @param {unknown} body @param {{ timeoutMs?: number }} [options] */
	cluster.postWebhook = async (webhookPath, body, { timeoutMs = 120000 } = {}) => {
		const started = Date.now();
		const ac = new AbortController();
		const t = setTimeout(() => ac.abort(), timeoutMs);
		try {
			const r = await fetch(`${cluster.main.url}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
				signal: ac.signal,
			});
			const text = await r.text();
			let json;
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
			return { status: r.status, text, json, ms: Date.now() - started };
		} finally {
			clearTimeout(t);
		}
	};

}

/** Test helpers: executions from PostgreSQL and which process ran them. @param {any} cluster @param {ClusterState} state */
function addExecutionHelpers(cluster, state) {
	const flatted = requireFromN8n(state, 'flatted');
	/**
	 * Executions from PostgreSQL (oldest first), id > afterId, optionally one workflow. With data,
	 * `data` is the parsed run data, `dataRaw` the stored text, `workflowData` the stored workflow.
	 * @param {{ afterId?: number | string, workflowId?: string, withData?: boolean }} [filter]
	 */
	cluster.executions = (filter) => pgExecutions(cluster.pg, flatted, filter);

	cluster.lastExecutionId = async () => Number((await cluster.pg.query('SELECT COALESCE(MAX(id), 0) AS id FROM execution_entity'))[0].id);

	/** Waits until every execution with id > afterId of the workflow has ended; resolves them (with data). */
	/** @param {{ afterId?: number | string, workflowId?: string, count?: number, timeoutMs?: number }} [filter] */
	cluster.waitForExecutions = async ({ afterId = 0, workflowId, count, timeoutMs = 120000 } = {}) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const rows = await cluster.executions({ afterId, workflowId, withData: false });
			const running = rows.filter((r) => ['new', 'running', 'waiting', 'unknown'].includes(r.status) || !r.stoppedAt);
			if ((count === undefined || rows.length >= count) && running.length === 0) return await cluster.executions({ afterId, workflowId });
			if (Date.now() > deadline) throw new Error(`executions after ${afterId} not finished in ${timeoutMs} ms: ${JSON.stringify(rows.map((r) => [r.id, r.status]))}`);
			await sleep(200);
		}
	};

	/** Map executionId → worker name, from "Worker started execution N" lines; also counts per worker. */
	cluster.workerOfExecution = () => {
		/** @type {Map<string, string> & { duplicates?: string[] }} */
		const map = new Map();
		const duplicates = [];
		for (const w of cluster.workers) {
			for (const m of w.log().matchAll(/Worker started execution (\d+)/g)) {
				if (map.has(m[1]) && map.get(m[1]) !== w.name) duplicates.push(m[1]);
				map.set(m[1], w.name);
			}
		}
		map.duplicates = duplicates;
		return map;
	};

	/** Execution ids the main enqueued ("Enqueued execution N"), and any it ran itself. */
	cluster.mainLogFacts = () => {
		const log = cluster.main.log();
		return {
			enqueued: [...log.matchAll(/Enqueued execution (\d+)/g)].map((m) => m[1]),
			ranOnMain: [...log.matchAll(/Worker started execution (\d+)|Execution (\d+) started|Started execution (\d+)/g)].map((m) => m[1] || m[2] || m[3]),
		};
	};

}

/**
 * Starts everything; on any failure stops what was started and rethrows. Options:
 *   tgz            packed package (realN8n.packPackage), required
 *   workers        number of `n8n worker` processes (2)
 *   concurrency    jobs per worker (--concurrency, 10)
 *   mocks          { name: startMockProcess options } ({ cec: {} })
 *   credentials    (mocks) => [credential import entries]
 *   workflows      (mocks) => [workflow JSON]; each with a Webhook node is published (activated)
 *   timezone       ('UTC'); extraEnv: env for every n8n process; readyTimeoutMs (180000)
 * @param {any} [opts]
 */
async function startQueueCluster(opts = {}) {
	const o = clusterOptions(opts);
	installExitHandlers();
	/** @type {Record<string, number>} */
	const timings = {};
	const t0 = Date.now();
	const mark = (/** @type {string} */ name) => {
		timings[name] = Date.now() - t0;
		debug(`${name} at ${timings[name]} ms`);
	};
	const deps = ensureSystemPackages();
	mark('systemPackages');
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cec-queue-'));
	fs.chmodSync(root, 0o755); // the postgres OS user must reach its data folder below
	const logsDir = path.join(root, 'logs');
	fs.mkdirSync(logsDir);
	const encryptionKey = crypto.randomBytes(24).toString('base64url');
	/** @type {ClusterState} */
	const state = { root, logsDir, stopped: false, deps, n8n: null, pg: null, pgStop: null, redis: null, mocks: {}, n8nHandles: [], instances: {}, stopping: null, encryptionKey };
	/** @type {any} */
	const cluster = { root, logsDir, timings, encryptionKey, deps, mocks: state.mocks, main: null, workers: [], pg: null, redis: null };
	cluster.stopAll = () => stopAll(cluster, state);
	cluster.stopAllSync = () => stopAllSync(cluster, state);
	liveClusters.add(cluster);
	try {
		await startServices(cluster, state, o, mark);
		const names = await makeInstances(state, o);
		mark('userFolders');
		const workflows = o.workflows(state.mocks) || [];
		await importIntoMain(cluster, state, o.credentials(state.mocks) || [], workflows, mark);
		await startN8nProcesses(cluster, state, names, o);
		await waitReady(cluster, state, workflows, o, mark);
	} catch (error) {
		await cluster.stopAll();
		throw error;
	}
	addCliHelpers(cluster, state);
	addExecutionHelpers(cluster, state);
	mark('ready');
	return cluster;
}

module.exports = {
	N8N_MAJOR,
	ensureSystemPackages,
	findPostgresBin,
	findRedisServer,
	webhookInspectionWorkflow,
	startQueueCluster,
};

if (require.main === module) {
	const args = process.argv.slice(2);
	if (args[0] === '--install-deps') {
		const r = ensureSystemPackages();
		console.log(`postgres: ${r.pgBin}\nredis-server: ${r.redisServer}\n${r.installed.length ? `installed: ${r.installed.join(', ')} in ${(r.durationMs / 1000).toFixed(1)} s` : 'nothing to install'}`);
	} else {
		console.error('usage: node scripts/lib/queueMode.js --install-deps');
		process.exit(2);
	}
}
