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
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { aptInstall, commandPath, isRoot } = require('./debian');
const realN8n = require('./realN8n');

const N8N_MAJOR = 2;
const POSTGRES_VERSIONS = ['15', '16', '17', '14', '13'];
const DB_NAME = 'n8n';
const DB_USER = 'n8n';

const debug = (...args) => {
	if (process.env.CEC_E2E_DEBUG) console.error('[queueMode]', ...args);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

function tail(text, n = 4000) {
	const s = String(text ?? '');
	return s.length > n ? `…${s.slice(-n)}` : s;
}

/** Runs a command as the PostgreSQL OS user when we are root (initdb and postgres refuse root). */
function asPostgresUser(bin, args) {
	if (!isRoot()) return [bin, args];
	const runuser = commandPath('runuser');
	if (runuser) return [runuser, ['-u', 'postgres', '--', bin, ...args]];
	const quoted = [bin, ...args].map((a) => `'${String(a).replace(/'/g, `'\\''`)}'`).join(' ');
	return ['su', ['postgres', '-s', '/bin/sh', '-c', quoted]];
}

/** @param {string} bin @param {string[]} args @param {{ env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options] */
function runSync(bin, args, { env, timeoutMs = 120000 } = {}) {
	const r = spawnSync(bin, args, { env: env || process.env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
	return { status: r.status, signal: r.signal, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
}

function postgresUserIds() {
	const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
	if (r.status !== 0 || g.status !== 0) throw new Error('running as root but there is no `postgres` OS user (install the Debian package `postgresql`)');
	return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** TCP "PING" to Redis; resolves true on +PONG. */
function redisPing(port, timeoutMs = 1000) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let data = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => {
			data += d;
			if (data.includes('\r\n')) done(data.startsWith('+PONG'));
		});
	});
}

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
 * Starts everything; on any failure stops what was started and rethrows. Options:
 *   tgz            packed package (realN8n.packPackage), required
 *   workers        number of `n8n worker` processes (2)
 *   concurrency    jobs per worker (--concurrency, 10)
 *   mocks          { name: startMockProcess options } ({ cec: {} })
 *   credentials    (mocks) => [credential import entries]
 *   workflows      (mocks) => [workflow JSON]; each with a Webhook node is published (activated)
 *   timezone       ('UTC'); extraEnv: env for every n8n process; readyTimeoutMs (180000)
 */
async function startQueueCluster(opts = {}) {
	const {
		tgz,
		workers: workerCount = 2,
		concurrency = 10,
		mocks: mockSpecs = { cec: {} },
		credentials: credentialsFor = (m) => [realN8n.mockCredential(Object.values(m)[0])],
		workflows: workflowsFor = () => [],
		timezone = 'UTC',
		extraEnv = {},
		readyTimeoutMs = 180000,
	} = opts;
	if (!tgz) throw new Error('startQueueCluster: pass `tgz` (realN8n.packPackage after `npm run build`)');
	installExitHandlers();

	const timings = {};
	const t0 = Date.now();
	const mark = (name) => {
		timings[name] = Date.now() - t0;
		debug(`${name} at ${timings[name]} ms`);
	};

	const deps = ensureSystemPackages();
	mark('systemPackages');

	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cec-queue-'));
	fs.chmodSync(root, 0o755); // the postgres OS user must reach its data folder below
	const logsDir = path.join(root, 'logs');
	fs.mkdirSync(logsDir);

	const state = {
		root,
		stopped: false,
		pgStarted: false,
		pgData: path.join(root, 'pgdata'),
		redis: null,
		mocks: {},
		n8nHandles: [],
		pool: null,
	};
	const encryptionKey = crypto.randomBytes(24).toString('base64url');
	const pgSuperPassword = crypto.randomBytes(18).toString('base64url');
	const dbPassword = crypto.randomBytes(18).toString('base64url');

	const cluster = {
		root,
		logsDir,
		timings,
		encryptionKey,
		deps,
		mocks: state.mocks,
		main: null,
		workers: [],
		pg: null,
		redis: null,
		stopAll,
		stopAllSync,
	};
	liveClusters.add(cluster);

	/* ---------- stop */
	let stopping = null;
	function stopAll() {
		stopping ??= (async () => {
			const errors = [];
			const attempt = async (what, fn) => {
				try {
					await fn();
				} catch (e) {
					errors.push(`${what}: ${e && e.message}`);
				}
			};
			// Main first (no new webhooks), then the workers, then what they depend on.
			for (const h of [...state.n8nHandles].reverse().sort((a, b) => (a.role === 'main' ? -1 : b.role === 'main' ? 1 : 0))) {
				await attempt(`stop ${h.name}`, () => h.stop(15000));
			}
			for (const [name, m] of Object.entries(state.mocks)) await attempt(`stop mock ${name}`, () => m.stop());
			if (state.pool) await attempt('close pg pool', () => state.pool.end());
			if (state.redis) await attempt('stop redis', () => state.redis.stop());
			if (state.pgStarted) await attempt('stop postgres', () => stopPostgres(false));
			state.stopped = true;
			liveClusters.delete(cluster);
			if (process.env.CEC_E2E_KEEP) console.error(`[queueMode] kept ${root}`);
			else await attempt('remove temp folder', () => fs.rmSync(root, { recursive: true, force: true }));
			if (errors.length) debug('stopAll problems:', errors.join('; '));
			return errors;
		})();
		return stopping;
	}

	/** For process 'exit': no awaiting possible, so kill hard and remove the folder. */
	function stopAllSync() {
		if (state.stopped) return;
		for (const h of state.n8nHandles) {
			try {
				if (!h.exitInfo) h.process.kill('SIGKILL');
			} catch {
				/* gone */
			}
		}
		for (const m of Object.values(state.mocks)) {
			try {
				m.process.kill('SIGKILL');
			} catch {
				/* gone */
			}
		}
		try {
			state.redis?.process.kill('SIGKILL');
		} catch {
			/* gone */
		}
		if (state.pgStarted) {
			try {
				stopPostgres(true);
			} catch {
				/* best effort */
			}
		}
		state.stopped = true;
		liveClusters.delete(cluster);
		if (!process.env.CEC_E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
	}

	/* ---------- PostgreSQL */
	let pgPort;
	function stopPostgres(immediate) {
		const [bin, args] = asPostgresUser(path.join(deps.pgBin, 'pg_ctl'), ['-D', state.pgData, 'stop', '-w', '-t', '30', '-m', immediate ? 'immediate' : 'fast']);
		const r = runSync(bin, args, { timeoutMs: 40000 });
		if (r.status !== 0) {
			// Fall back to the postmaster's pid (first line of postmaster.pid).
			try {
				const pid = Number(fs.readFileSync(path.join(state.pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
				if (pid > 0) process.kill(pid, 'SIGQUIT');
			} catch {
				/* not running */
			}
			if (!immediate) throw new Error(`pg_ctl stop failed (exit ${r.status}): ${r.stderr || r.stdout}`);
		}
		state.pgStarted = false;
	}

	async function startPostgres() {
		pgPort = await realN8n.freePort();
		fs.mkdirSync(state.pgData, { mode: 0o700 });
		const pwFile = path.join(root, 'pg-superuser-password');
		fs.writeFileSync(pwFile, `${pgSuperPassword}\n`, { mode: 0o600 });
		if (isRoot()) {
			const { uid, gid } = postgresUserIds();
			fs.chownSync(state.pgData, uid, gid);
			fs.chownSync(pwFile, uid, gid);
		}
		let [bin, args] = asPostgresUser(path.join(deps.pgBin, 'initdb'), [
			'-D', state.pgData, '-U', 'postgres', `--pwfile=${pwFile}`, '--auth-host=scram-sha-256', '--auth-local=peer',
			'--encoding=UTF8', '--locale=C', '--no-sync',
		]);
		let r = runSync(bin, args);
		fs.rmSync(pwFile, { force: true });
		if (r.status !== 0) throw new Error(`initdb failed (exit ${r.status}):\n${tail(r.stderr || r.stdout)}`);
		// Throwaway server: loopback only, its socket in its own folder, no durability needed.
		const serverOptions = [
			`-c listen_addresses=127.0.0.1`, `-c port=${pgPort}`, `-c unix_socket_directories=${state.pgData}`,
			'-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=100',
		].join(' ');
		[bin, args] = asPostgresUser(path.join(deps.pgBin, 'pg_ctl'), ['-D', state.pgData, '-l', path.join(state.pgData, 'server.log'), '-w', '-t', '60', '-o', serverOptions, 'start']);
		state.pgStarted = true; // from here on, stopAll tries to stop it
		r = runSync(bin, args, { timeoutMs: 90000 });
		if (r.status !== 0) {
			let log = '';
			try {
				log = fs.readFileSync(path.join(state.pgData, 'server.log'), 'utf8');
			} catch {
				/* none */
			}
			throw new Error(`pg_ctl start failed (exit ${r.status}):\n${tail(r.stderr || r.stdout)}\n${tail(log)}`);
		}
		// A role and database for n8n (not the superuser), through n8n's own `pg` module.
		const pg = requireFromN8n('pg');
		const admin = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', password: pgSuperPassword, database: 'postgres' });
		await admin.connect();
		try {
			await admin.query(`CREATE ROLE ${DB_USER} LOGIN PASSWORD '${dbPassword}'`);
			await admin.query(`CREATE DATABASE ${DB_NAME} OWNER ${DB_USER} ENCODING 'UTF8'`);
		} finally {
			await admin.end();
		}
		state.pool = new pg.Pool({ host: '127.0.0.1', port: pgPort, user: 'postgres', password: pgSuperPassword, database: DB_NAME, max: 4 });
		state.pool.on('error', (e) => debug('pg pool error', e.message));
		cluster.pg = {
			host: '127.0.0.1',
			port: pgPort,
			database: DB_NAME,
			user: DB_USER,
			/** Superuser SQL against the n8n database: resolves rows. */
			query: async (sql, params = []) => (await state.pool.query(sql, params)).rows,
			/** `pg_dump` of the n8n database as text (for "no secret anywhere" checks). */
			dump: () => {
				const d = runSync(path.join(deps.pgBin, 'pg_dump'), ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '--no-owner', DB_NAME], {
					env: { ...process.env, PGPASSWORD: pgSuperPassword },
				});
				if (d.status !== 0) throw new Error(`pg_dump failed: ${d.stderr}`);
				return d.stdout;
			},
			serverLog: () => fs.readFileSync(path.join(state.pgData, 'server.log'), 'utf8'),
		};
	}

	/* ---------- Redis */
	async function startRedis() {
		const port = await realN8n.freePort();
		const dir = path.join(root, 'redis');
		fs.mkdirSync(dir);
		const logFile = path.join(logsDir, 'redis.log');
		const child = spawn(deps.redisServer, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes', '--daemonize', 'no'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let exitInfo = null;
		const exited = new Promise((r) => child.on('exit', (code, signal) => r((exitInfo = { code, signal }))));
		child.stdout.on('data', (d) => fs.appendFileSync(logFile, d));
		child.stderr.on('data', (d) => fs.appendFileSync(logFile, d));
		state.redis = {
			port,
			process: child,
			async stop() {
				if (exitInfo) return exitInfo;
				child.kill('SIGTERM');
				const t = setTimeout(() => child.kill('SIGKILL'), 5000);
				const r = await exited;
				clearTimeout(t);
				return r;
			},
		};
		cluster.redis = { host: '127.0.0.1', port, logFile };
		const deadline = Date.now() + 20000;
		while (Date.now() < deadline) {
			if (exitInfo) throw new Error(`redis-server exited (${JSON.stringify(exitInfo)}):\n${tail(readIf(logFile))}`);
			if (await redisPing(port)) return;
			await sleep(100);
		}
		throw new Error(`redis-server did not answer PING on 127.0.0.1:${port}:\n${tail(readIf(logFile))}`);
	}

	/* ---------- n8n */
	let n8n;
	let mainCli;
	function requireFromN8n(name) {
		const paths = [path.join(n8n.n8nDir, 'node_modules', 'n8n'), n8n.n8nDir];
		return require(require.resolve(name, { paths }));
	}

	try {
		n8n = await realN8n.ensureN8n(N8N_MAJOR);
		mark('n8n');
		await Promise.all([startPostgres().then(() => mark('postgres')), startRedis().then(() => mark('redis'))]);
		for (const [name, spec] of Object.entries(mockSpecs)) state.mocks[name] = await realN8n.startMockProcess(spec);
		mark('mocks');

		const sharedEnv = {
			N8N_ENCRYPTION_KEY: encryptionKey,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: DB_NAME,
			DB_POSTGRESDB_USER: DB_USER,
			DB_POSTGRESDB_PASSWORD: dbPassword,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(state.redis.port),
			N8N_EXECUTION_DATA_STORAGE_MODE: 'database',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			...extraEnv,
		};
		const makeInstance = (name) =>
			realN8n.createInstance({ major: N8N_MAJOR, tgz, timezone, logLevel: 'info', userFolder: path.join(root, name), extraEnv: sharedEnv });
		const names = ['main', ...Array.from({ length: workerCount }, (_, i) => `worker${i + 1}`)];
		const instances = {};
		for (const name of names) instances[name] = await makeInstance(name);
		mark('userFolders');

		// Credentials and workflows go into PostgreSQL through the CLI before any server starts.
		const main = instances.main;
		mainCli = main;
		const credentials = credentialsFor(state.mocks) || [];
		const workflows = workflowsFor(state.mocks) || [];
		const cli = async (args) => {
			const r = await main.cli(args, { timeoutMs: 180000 });
			const text = `${r.stdout}\n${r.stderr}`;
			if (r.exitCode !== 0 || /An error occurred|Error importing|Error updating database/i.test(text)) {
				throw new Error(`n8n ${args.join(' ')} failed (exit ${r.exitCode}):\n${tail(text)}`);
			}
			return r;
		};
		const inputFile = (name, data) => {
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
			if (wf.active !== false && wf.nodes.some((n) => n.type === 'n8n-nodes-base.webhook')) await cli(['publish:workflow', `--id=${wf.id}`]);
		}
		mark('importWorkflows');
		const credRows = await cluster.pg.query('SELECT id FROM credentials_entity');
		for (const c of credentials) {
			if (!credRows.some((r) => r.id === c.id)) throw new Error(`credential ${c.id} is not in PostgreSQL after import:credentials`);
		}
		const wfRows = await cluster.pg.query('SELECT id, active, "activeVersionId" FROM workflow_entity').catch(() => cluster.pg.query('SELECT id, active FROM workflow_entity'));
		for (const wf of workflows) {
			const row = wfRows.find((r) => r.id === wf.id);
			if (!row) throw new Error(`workflow ${wf.id} is not in PostgreSQL after import:workflow`);
			if (wf.active !== false && !row.active && !row.activeVersionId) throw new Error(`workflow ${wf.id} is not active after publish:workflow`);
		}

		// Start the main and the workers together.
		const mainPort = await realN8n.freePort();
		const spawnLogged = (inst, name, role, args, env) => {
			const logFile = path.join(logsDir, `${name}.log`);
			const h = inst.spawnCommand(args, { env });
			h.process.stdout.on('data', (d) => fs.appendFileSync(logFile, d));
			h.process.stderr.on('data', (d) => fs.appendFileSync(logFile, d));
			Object.assign(h, { name, role, logFile, log: () => readIf(logFile) });
			state.n8nHandles.push(h);
			return h;
		};
		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const mainHandle = spawnLogged(main, 'main', 'main', ['start'], {
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
			const h = spawnLogged(instances[name], name, 'worker', ['worker', `--concurrency=${concurrency}`], {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
			cluster.workers.push(Object.assign(h, { healthUrl: `http://127.0.0.1:${healthPort}` }));
		}

		// Readiness: main and workers answer /healthz/readiness, then every webhook is registered.
		const deadline = Date.now() + readyTimeoutMs;
		const checkAlive = () => {
			for (const h of state.n8nHandles) {
				if (h.exitInfo) throw new Error(`n8n ${h.name} exited during start-up (${JSON.stringify(h.exitInfo)}):\n${tail(h.log())}`);
			}
		};
		const waitFor = async (what, probe) => {
			while (Date.now() < deadline) {
				checkAlive();
				if (await probe()) return;
				await sleep(250);
			}
			throw new Error(`timed out after ${readyTimeoutMs} ms waiting for ${what}\n${state.n8nHandles.map((h) => `--- ${h.name}:\n${tail(h.log(), 2000)}`).join('\n')}`);
		};
		await Promise.all([
			waitFor('main /healthz/readiness', async () => (await httpGet(`${mainUrl}/healthz/readiness`)).status === 200).then(() => mark('mainReady')),
			...cluster.workers.map((w) =>
				waitFor(`${w.name} /healthz/readiness`, async () => (await httpGet(`${w.healthUrl}/healthz/readiness`)).status === 200).then(() => mark(`${w.name}Ready`)),
			),
		]);
		for (const wf of workflows) {
			const hook = wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
			if (!hook || wf.active === false) continue;
			// A registered POST webhook answers a GET with "not registered for GET requests ... POST".
			await waitFor(`webhook ${hook.parameters.path}`, async () => /not registered for GET/i.test((await httpGet(`${mainUrl}/webhook/${hook.parameters.path}`)).text));
		}
		mark('webhooksRegistered');
	} catch (error) {
		await stopAll();
		throw error;
	}

	/* ---------- helpers for tests */
	const flatted = requireFromN8n('flatted');
	const mainInstance = mainCli;

	/** Any n8n CLI command with the main's user folder and the cluster's database (resolves { exitCode, stdout, stderr }). */
	cluster.cli = (args, options) => mainInstance.cli(args, { timeoutMs: 180000, ...(options || {}) });

	/** The credential as n8n decrypts it (`export:credentials --decrypted`); the export file is removed again. */
	cluster.exportCredential = async (id) => {
		const file = path.join(mainInstance.folder, `export-${crypto.randomBytes(6).toString('hex')}.json`);
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
		const Redis = requireFromN8n('ioredis');
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

	/**
	 * Executions from PostgreSQL (oldest first), id > afterId, optionally one workflow. With data,
	 * `data` is the parsed run data, `dataRaw` the stored text, `workflowData` the stored workflow.
	 */
	/** @param {{ afterId?: number | string, workflowId?: string, withData?: boolean }} [filter] */
	cluster.executions = async ({ afterId = 0, workflowId, withData = true } = {}) => {
		/** @type {Array<string | number>} */
		const params = [Number(afterId)];
		let where = 'e.id > $1';
		if (workflowId) {
			params.push(String(workflowId));
			where += ' AND e."workflowId" = $2';
		}
		const rows = await cluster.pg.query(
			`SELECT e.id, e."workflowId", e.status, e.mode, e.finished, e."startedAt", e."stoppedAt"
			 ${withData ? ', d.data AS "dataRaw", d."workflowData"::text AS "workflowDataRaw"' : ''}
			 FROM execution_entity e ${withData ? 'LEFT JOIN execution_data d ON d."executionId" = e.id' : ''}
			 WHERE ${where} ORDER BY e.id`,
			params,
		);
		return rows.map((r) => {
			const out = { ...r, id: String(r.id) };
			if (withData) {
				try {
					out.data = r.dataRaw ? flatted.parse(r.dataRaw) : null;
				} catch (e) {
					out.dataParseError = String(e);
				}
				try {
					out.workflowData = r.workflowDataRaw ? JSON.parse(r.workflowDataRaw) : null;
				} catch {
					out.workflowData = null;
				}
			}
			return out;
		});
	};

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

	mark('ready');
	return cluster;
}

function readIf(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
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
