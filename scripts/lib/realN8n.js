'use strict';
/**
 * Harness for running a REAL n8n (2.41.1 on Node 24, or 1.123.81 on the machine's Node 20) with this
 * package loaded the way a community install loads it. Used by the e2e tests, the demo and dev scripts,
 * the benchmark and the queue-mode tests; keep it general.
 *
 *   const h = require('./scripts/lib/realN8n');
 *   const tgz = h.packPackage(repoRoot);                     // after `npm run build`
 *   const n8n = await h.createInstance({ major: 2, tgz, timezone: 'Asia/Shanghai' });
 *   const mock = await h.startMockProcess();
 *   await n8n.importCredentials([h.mockCredential(mock)]);
 *   await n8n.importWorkflow(workflowJson);
 *   const run = await n8n.execute(workflowJson.id);          // { ok, exitCode, stdout, stderr, execution }
 *   h.nodeOutput(run.execution, 'Create Inspection');        // [[{ json, pairedItem }, ...]]
 *   await mock.stop(); n8n.cleanup();
 *
 * Facts this relies on: /work/shared/real-n8n-notes.md.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-huawei-cec-quality';
const NODE_TYPE = `${PACKAGE_NAME}.huaweiCecQuality`;
const CREDENTIAL_TYPE = 'huaweiCecApi';
const VERSIONS = { 2: '2.41.1', 1: '1.123.81' };
const NODE24_VERSION = '24.21.0';
/** Fixed so that credentials imported by one command can be decrypted by the next. Test-only value. */
const ENCRYPTION_KEY = 'cec-quality-e2e-fixed-encryption-key-0001';
const MOCK_CLI = path.join(REPO_ROOT, 'test', 'mock', 'cecMock.js');
const INSTALL_SCRIPT = path.join(REPO_ROOT, 'scripts', 'install-n8n.sh');

const debug = (...args) => {
	if (process.env.CEC_E2E_DEBUG) console.error('[realN8n]', ...args);
};

function cacheDir() {
	return process.env.CEC_N8N_CACHE || path.join(os.homedir(), '.cache', PACKAGE_NAME);
}

function normaliseMajor(major) {
	const m = String(major ?? 2);
	if (m === '2' || m === VERSIONS[2]) return 2;
	if (m === '1' || m === VERSIONS[1]) return 1;
	throw new Error(`unsupported n8n major "${major}" (use 2 or 1)`);
}

/** Locations of a (possibly not yet installed) cached n8n. */
function n8nPaths(major) {
	major = normaliseMajor(major);
	const version = VERSIONS[major];
	const n8nDir = path.join(cacheDir(), `n8n-${version}`);
	const node24Dir = path.join(cacheDir(), `node-v${NODE24_VERSION}`);
	const nodeBin = major === 2 ? path.join(node24Dir, 'bin', 'node') : process.execPath;
	return {
		major,
		version,
		n8nDir,
		nodeBin,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		installed:
			fs.existsSync(path.join(n8nDir, '.install-complete')) &&
			(major === 1 || fs.existsSync(path.join(node24Dir, '.install-complete'))),
	};
}

/** Environment without anything that could leak into or disturb an isolated n8n run. */
function cleanBaseEnv(nodeBin) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value === undefined) continue;
		if (/^(N8N_|DB_|QUEUE_|EXECUTIONS_|WEBHOOK_|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_PATH$)/.test(key)) continue;
		if (/^npm_/i.test(key)) continue;
		if (/^(https?|all|no|ftp)_proxy$/i.test(key) || /^GLOBAL_AGENT_/.test(key)) continue;
		// Jest sets NODE_ENV=test, which makes n8n's CLI commands silently do nothing (exit 0, no output).
		if (/^JEST_|^TS_JEST|^NODE_ENV$/.test(key)) continue;
		env[key] = value;
	}
	// n8n's task runner starts whichever `node` is first on PATH: the n8n's own Node must come first.
	env.PATH = [path.dirname(nodeBin), env.PATH || ''].filter(Boolean).join(path.delimiter);
	return env;
}

function runInstallScript(major) {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [INSTALL_SCRIPT, String(major)], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => {
			stderr += d;
			if (process.env.CEC_E2E_DEBUG || !process.env.JEST_WORKER_ID) process.stderr.write(d);
		});
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve(stdout);
			else reject(new Error(`install-n8n.sh ${major} failed (exit ${code}):\n${stderr.slice(-4000)}`));
		});
	});
}

/**
 * Make sure n8n `major` (2 or 1) is installed in the cache (runs scripts/install-n8n.sh when needed,
 * which can take several minutes on a cold cache). Resolves
 * `{ major, version, nodeBin, n8nBin, n8nDir, env }` — `env` is a clean base environment with the right
 * Node first on PATH.
 */
async function ensureN8n(major) {
	let paths = n8nPaths(major);
	if (!paths.installed) {
		debug(`installing n8n ${paths.version}`);
		await runInstallScript(paths.major);
		paths = n8nPaths(major);
		if (!paths.installed) throw new Error(`install-n8n.sh finished but n8n ${paths.version} is not marked installed`);
	}
	const { installed, ...rest } = paths;
	return { ...rest, env: cleanBaseEnv(paths.nodeBin) };
}

const packCache = new Map();
const packDirs = new Set();
/** Removes the folders packPackage made (also done on process exit; jest's sandbox needs the call). */
function removePackedPackages() {
	for (const dir of packDirs) fs.rmSync(dir, { recursive: true, force: true });
	packDirs.clear();
	packCache.clear();
}
process.once('exit', removePackedPackages);
/**
 * `npm pack` the already built package (`npm run build` is the caller's job) into a temp folder and
 * return the .tgz path. Cached per process and repo root; the folder is removed when the process exits.
 */
function packPackage(repoRoot = REPO_ROOT) {
	repoRoot = path.resolve(repoRoot);
	const cached = packCache.get(repoRoot);
	if (cached && fs.existsSync(cached)) return cached;
	if (!fs.existsSync(path.join(repoRoot, 'dist'))) {
		throw new Error(`${repoRoot}/dist does not exist: run \`npm run build\` before packing`);
	}
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'cec-pack-'));
	packDirs.add(dest);
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
	const res = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], {
		cwd: repoRoot,
		env,
		encoding: 'utf8',
	});
	if (res.status !== 0) throw new Error(`npm pack failed (exit ${res.status}):\n${res.stderr}\n${res.stdout}`);
	const files = fs.readdirSync(dest).filter((f) => f.endsWith('.tgz'));
	if (files.length !== 1) throw new Error(`npm pack produced ${files.length} tarballs in ${dest}`);
	const tgz = path.join(dest, files[0]);
	packCache.set(repoRoot, tgz);
	return tgz;
}

/** A free TCP port on 127.0.0.1 (closed again before returning; tiny race, fine for tests). */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Unpack a package tarball the way `npm install` in ~/.n8n/nodes lays it out. */
function installTarball(userFolder, tgz) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const unpackDir = fs.mkdtempSync(path.join(userFolder, 'unpack-'));
	const res = spawnSync('tar', ['-xzf', tgz, '-C', unpackDir], { encoding: 'utf8' });
	if (res.status !== 0) throw new Error(`could not unpack ${tgz}: ${res.stderr}`);
	const pkgDir = path.join(unpackDir, 'package');
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	const target = path.join(nodesDir, 'node_modules', pkg.name);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.rmSync(target, { recursive: true, force: true });
	fs.renameSync(pkgDir, target);
	fs.rmSync(unpackDir, { recursive: true, force: true });
	// What n8n itself writes when it installs a community package.
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } }, null, 2),
	);
	// Runtime dependencies (n8n-workflow is provided by n8n itself as a peer).
	if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) {
		const env = { ...process.env };
		for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
		const r = spawnSync('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'], {
			cwd: target,
			env,
			encoding: 'utf8',
		});
		if (r.status !== 0) throw new Error(`npm install of ${pkg.name}'s dependencies failed:\n${r.stderr}`);
	}
	return { name: pkg.name, version: pkg.version, dir: target };
}

/** Runs `nodeBin n8nBin ...args`; resolves { exitCode, signal, stdout, stderr, durationMs }. */
function runProcess(bin, args, { env, cwd, timeoutMs = 5 * 60 * 1000, input } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(bin, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			stderr += `\n[realN8n] timed out after ${timeoutMs} ms: killing ${path.basename(bin)} ${args.join(' ')}\n`;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (exitCode, signal) => {
			clearTimeout(timer);
			resolve({ exitCode, signal, stdout, stderr, durationMs: Date.now() - started });
		});
		child.stdin.end(input ?? '');
	});
}

/**
 * Script run with the n8n's OWN Node binary and modules (n8n 2.x's sqlite3 is built for Node 24).
 * argv: n8nDir; stdin: { dbPath, queries: [{ sql, params, flatted: [column...] }] }.
 */
const DB_QUERY_SCRIPT = `
const path = require('path');
const n8nDir = process.argv[1];
const paths = [path.join(n8nDir, 'node_modules', 'n8n'), n8nDir];
const sqlite3 = require(require.resolve('sqlite3', { paths }));
const flatted = require(require.resolve('flatted', { paths }));
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
	const { dbPath, queries } = JSON.parse(input);
	const db = new sqlite3.Database(dbPath, sqlite3.OPEN_READONLY, (err) => {
		if (err) { console.error(err.message); process.exit(2); }
		const results = [];
		const next = (i) => {
			if (i >= queries.length) {
				db.close();
				process.stdout.write(JSON.stringify(results));
				return;
			}
			const q = queries[i];
			db.all(q.sql, q.params || [], (e, rows) => {
				if (e) { console.error(e.message + ' in: ' + q.sql); process.exit(3); }
				for (const row of rows) {
					for (const col of q.flatted || []) {
						if (typeof row[col] === 'string') {
							row[col + 'Raw'] = row[col];
							try { row[col] = flatted.parse(row[col]); } catch (x) { row[col + 'ParseError'] = String(x); }
						}
					}
					for (const col of q.json || []) {
						if (typeof row[col] === 'string') { try { row[col] = JSON.parse(row[col]); } catch (x) {} }
					}
				}
				results.push(rows);
				next(i + 1);
			});
		};
		next(0);
	});
});
`;

/**
 * A throwaway n8n user folder with the package installed the community way, plus helpers to run the
 * n8n CLI against it. Options: { major: 2|1, tgz, timezone = 'UTC', extraEnv = {}, logLevel = 'info',
 * userFolder (use an existing folder instead of a new temp one) }.
 */
async function createInstance({ major = 2, tgz, timezone = 'UTC', extraEnv = {}, logLevel = 'info', userFolder } = {}) {
	const n8n = await ensureN8n(major);
	const folder = userFolder ? path.resolve(userFolder) : fs.mkdtempSync(path.join(os.tmpdir(), `cec-n8n${n8n.major}-`));
	fs.mkdirSync(path.join(folder, '.n8n'), { recursive: true });
	const installedPackage = tgz ? installTarball(folder, tgz) : null;
	const brokerPort = await freePort();
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

	const dbPath = path.join(folder, '.n8n', 'database.sqlite');
	let fileCounter = 0;
	const background = new Set();

	/** Any n8n CLI command in this instance: cli(['export:workflow', '--all'], { env, timeoutMs, input }). */
	const cli = (args, { env: moreEnv, ...opts } = {}) => {
		debug(`n8n ${n8n.version}:`, args.join(' '));
		return runProcess(n8n.nodeBin, [n8n.n8nBin, ...args], { ...opts, env: { ...env, ...(moreEnv || {}) }, cwd: folder });
	};

	const writeInput = (prefix, data) => {
		const file = path.join(folder, `${prefix}-${++fileCounter}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	};

	const checkImport = (what, res) => {
		const text = `${res.stdout}\n${res.stderr}`;
		if (res.exitCode !== 0 || /An error occurred while importing|Error importing/i.test(text)) {
			throw new Error(`n8n import:${what} failed (exit ${res.exitCode}):\n${text.slice(-4000)}`);
		}
		return res;
	};

	/** Array of { id, name, type, data } (plain-object `data` is encrypted by n8n on import). */
	async function importCredentials(credentials) {
		const list = Array.isArray(credentials) ? credentials : [credentials];
		const file = writeInput('credentials', list);
		const res = checkImport('credentials', await cli(['import:credentials', `--input=${file}`]));
		await expectRows('credentials_entity', list.map((c) => c.id).filter(Boolean), 'credentials', res);
		return res;
	}

	/** n8n's import commands can "succeed" without importing anything: check the rows are there. */
	async function expectRows(table, ids, what, res) {
		if (!ids.length) return;
		const rows = fs.existsSync(dbPath)
			? await query(`SELECT id FROM ${table} WHERE id IN (${ids.map(() => '?').join(',')})`, ids.map(String))
			: [];
		const found = new Set(rows.map((r) => String(r.id)));
		const missing = ids.filter((id) => !found.has(String(id)));
		if (missing.length) {
			throw new Error(`n8n import:${what} exited ${res.exitCode} but ${missing.join(', ')} is not in ${table}:\n${`${res.stdout}\n${res.stderr}`.slice(-4000)}`);
		}
	}

	/** One workflow object (or an array of them); each needs an `id` of at most 21 characters. */
	async function importWorkflow(workflow) {
		const list = Array.isArray(workflow) ? workflow : [workflow];
		for (const wf of list) {
			if (!wf.id || String(wf.id).length > 21) throw new Error(`workflow "${wf.name}" needs an id of at most 21 characters`);
		}
		const file = writeInput('workflow', list.length === 1 ? list[0] : list);
		const args = ['import:workflow', `--input=${file}`];
		const res = checkImport('workflow', await cli(args));
		await expectRows('workflow_entity', list.map((w) => w.id), 'workflow', res);
		return res;
	}

	/** Raw SQL against the instance's SQLite DB (read-only), through the n8n's own Node and sqlite3. */
	async function query(sql, params = [], { flatted = [], json = [] } = {}) {
		const [rows] = await queryMany([{ sql, params, flatted, json }]);
		return rows;
	}

	async function queryMany(queries) {
		if (!fs.existsSync(dbPath)) throw new Error(`no database yet at ${dbPath}`);
		const res = await runProcess(n8n.nodeBin, ['-e', DB_QUERY_SCRIPT, n8n.n8nDir], {
			env: n8n.env,
			input: JSON.stringify({ dbPath, queries }),
			timeoutMs: 60 * 1000,
		});
		if (res.exitCode !== 0) throw new Error(`SQLite query failed (exit ${res.exitCode}): ${res.stderr}`);
		return JSON.parse(res.stdout);
	}

	/** Executions (newest last), optionally only those with id > afterId and of one workflow. */
	async function executions({ afterId = 0, workflowId, withData = true } = {}) {
		const where = ['CAST(e.id AS INTEGER) > ?'];
		const params = [Number(afterId)];
		if (workflowId) {
			where.push('e.workflowId = ?');
			params.push(String(workflowId));
		}
		const cols = withData ? ', d.data AS data, d.workflowData AS workflowData' : '';
		const rows = await query(
			`SELECT e.*${cols} FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
			 WHERE ${where.join(' AND ')} ORDER BY CAST(e.id AS INTEGER)`,
			params,
			{ flatted: withData ? ['data'] : [], json: withData ? ['workflowData'] : [] },
		);
		return rows.map((r) => ({ ...r, id: String(r.id), finished: r.finished === 1 || r.finished === true }));
	}

	async function lastExecutionId() {
		if (!fs.existsSync(dbPath)) return 0;
		const rows = await query('SELECT MAX(CAST(id AS INTEGER)) AS maxId FROM execution_entity');
		return Number(rows[0]?.maxId || 0);
	}

	/**
	 * `n8n execute --id=<workflowId> --rawOutput`, then the execution read back from the DB.
	 * Resolves { ok, exitCode, stdout, stderr, durationMs, execution } — `execution` is
	 * { id, status, finished, mode, data (IRunExecutionData), dataRaw (stored flatted text), workflowData, ... }
	 * or null when n8n did not store one.
	 */
	async function execute(workflowId, { timeoutMs = 5 * 60 * 1000, env: runEnv } = {}) {
		const before = await lastExecutionId();
		const res = await cli(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs, env: runEnv });
		const list = await executions({ afterId: before, workflowId }).catch((e) => {
			debug('reading executions failed', e);
			return [];
		});
		const execution = list.length ? list[list.length - 1] : null;
		const runError = execution?.data?.resultData?.error;
		const ok = res.exitCode === 0 && !!execution && execution.status === 'success' && !runError;
		return { ok, ...res, execution };
	}

	/**
	 * A long-running n8n command (`start`, `worker`, `webhook`, ...) in this instance, not awaited.
	 * Options: { env, inherit (share the terminal instead of capturing output) }.
	 * Returns { process, output(), exited (promise), stop(timeoutMs) } — stopped by cleanup() too.
	 */
	function spawnCommand(args, { env: moreEnv = {}, inherit = false } = {}) {
		debug(`n8n ${n8n.version} (background):`, args.join(' '));
		const child = spawn(n8n.nodeBin, [n8n.n8nBin, ...args], {
			env: { ...env, ...moreEnv },
			cwd: folder,
			stdio: ['ignore', inherit ? 'inherit' : 'pipe', inherit ? 'inherit' : 'pipe'],
		});
		let out = '';
		child.stdout?.on('data', (d) => (out += d));
		child.stderr?.on('data', (d) => (out += d));
		let exitInfo = null;
		const handle = {
			process: child,
			output: () => out,
			get exitInfo() {
				return exitInfo;
			},
			exited: null,
			async stop(timeoutMs = 20000) {
				if (exitInfo) return exitInfo;
				child.kill('SIGTERM');
				const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
				const r = await handle.exited;
				clearTimeout(t);
				return r;
			},
		};
		handle.exited = new Promise((resolve) =>
			child.on('exit', (code, signal) => {
				exitInfo = { code, signal };
				background.delete(handle);
				resolve(exitInfo);
			}),
		);
		background.add(handle);
		return handle;
	}

	/**
	 * `n8n start` on 127.0.0.1:<port>; resolves once the REST API answers (/healthz answers earlier, while
	 * /rest/* still serves the editor's HTML). Options: { port, host, readyTimeoutMs, inherit, env }.
	 * Returns the spawnCommand handle plus { url }.
	 */
	async function startEditor({ port = 5678, host = '127.0.0.1', readyTimeoutMs = 120 * 1000, inherit = false, env: editorEnv = {} } = {}) {
		const handle = spawnCommand(['start'], {
			inherit,
			env: {
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: host,
				N8N_HOST: host,
				N8N_PROTOCOL: 'http',
				N8N_EDITOR_BASE_URL: `http://${host}:${port}/`,
				[n8n.major === 1 ? 'WEBHOOK_URL' : 'N8N_WEBHOOK_URL']: `http://${host}:${port}/`,
				N8N_SECURE_COOKIE: 'false',
				...editorEnv,
			},
		});
		const url = `http://${host}:${port}`;
		const editor = Object.assign(handle, { url });
		const deadline = Date.now() + readyTimeoutMs;
		while (Date.now() < deadline) {
			if (handle.exitInfo) throw new Error(`n8n start exited early (${JSON.stringify(handle.exitInfo)}):\n${handle.output().slice(-4000)}`);
			try {
				const r = await fetch(`${url}/rest/settings`);
				if (r.ok && /json/.test(r.headers.get('content-type') || '')) return editor;
			} catch {
				/* not listening yet */
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		await editor.stop();
		throw new Error(`n8n start did not answer /rest/settings within ${readyTimeoutMs} ms:\n${handle.output().slice(-4000)}`);
	}

	/** Makes an imported workflow active for the next `n8n start` (activation at import does not take on a fresh DB). */
	async function activateWorkflow(workflowId) {
		const args = n8n.major === 1 ? ['update:workflow', `--id=${workflowId}`, '--active=true'] : ['publish:workflow', `--id=${workflowId}`];
		const res = await cli(args);
		if (res.exitCode !== 0) throw new Error(`n8n ${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
	}

	async function cleanup() {
		for (const h of [...background]) await h.stop().catch(() => {});
		if (!process.env.CEC_E2E_KEEP) fs.rmSync(folder, { recursive: true, force: true });
		else console.error(`[realN8n] kept ${folder}`);
	}

	return {
		major: n8n.major,
		version: n8n.version,
		nodeBin: n8n.nodeBin,
		n8nBin: n8n.n8nBin,
		n8nDir: n8n.n8nDir,
		folder,
		dbPath,
		env,
		installedPackage,
		cli,
		importCredentials,
		importWorkflow,
		activateWorkflow,
		execute,
		executions,
		lastExecutionId,
		query,
		queryMany,
		nodeOutput,
		spawnCommand,
		startEditor,
		cleanup,
	};
}

/** All runs (task data) of one node in an execution, [] if it did not run. */
function nodeRuns(execution, nodeName) {
	const runData = execution?.data?.resultData?.runData || {};
	return runData[nodeName] || [];
}

/**
 * Output of a node in an execution: array of output branches, each an array of items
 * `{ json, pairedItem, error? }` (the last run of the node). [] when the node did not run.
 */
function nodeOutput(execution, nodeName, runIndex) {
	const runs = nodeRuns(execution, nodeName);
	if (!runs.length) return [];
	const run = runs[runIndex ?? runs.length - 1];
	return (run?.data?.main || []).map((branch) => branch || []);
}

/** The error of a failed execution (or of one node), as stored: { message, description, ... } or undefined. */
function executionError(execution, nodeName) {
	if (nodeName) {
		const runs = nodeRuns(execution, nodeName);
		return runs.length ? runs[runs.length - 1].error : undefined;
	}
	return execution?.data?.resultData?.error;
}

/** Credential import entry for the mock (type huaweiCecApi; the hidden accessToken left out). */
function mockCredential(mock, { id = 'cecMockCred01', name = 'Huawei CEC (local mock)', accessKey = 'test-ak', secretKey = 'test-sk-secret', ...data } = {}) {
	return {
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: {
			baseUrl: mock.url,
			tokenUrl: '',
			accessKey,
			secretKey,
			appKey: '',
			lifetimeSeconds: 3600,
			ignoreSslIssues: false,
			...data,
		},
	};
}

/**
 * Spawn the strict CEC mock (test/mock/cecMock.js), by default on a free port. Options: { port, latency,
 * ak, sk, extraArgs (e.g. ['--lifetime-seconds', '86400']), nodeBin }. Resolves { url, tokenUrl, process, getLog(), resetLog(), expireTokens(),
 * inject(fault), stop() }.
 */
function startMockProcess({ port = 0, latency, ak, sk, extraArgs = [], nodeBin = process.execPath, startTimeoutMs = 30000 } = {}) {
	const args = [MOCK_CLI, '--port', String(port)];
	if (latency !== undefined && latency !== null) args.push('--latency', String(latency));
	if (ak) args.push('--ak', ak);
	if (sk) args.push('--sk', sk);
	args.push(...extraArgs);
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (/^(https?|all|no)_proxy$/i.test(key)) delete env[key];
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
		let out = '';
		let err = '';
		let started = false;
		let exited = null;
		const exitPromise = new Promise((r) =>
			child.on('exit', (code, signal) => {
				exited = { code, signal };
				r(exited);
				if (!started) reject(new Error(`CEC mock exited before listening (${code ?? signal}):\n${err}${out}`));
			}),
		);
		const timer = setTimeout(() => {
			if (!started) {
				child.kill('SIGKILL');
				reject(new Error(`CEC mock did not print its address within ${startTimeoutMs} ms:\n${err}${out}`));
			}
		}, startTimeoutMs);
		child.stderr.on('data', (d) => (err += d));
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.stdout.on('data', (d) => {
			out += d;
			if (started) return;
			const nl = out.indexOf('\n');
			if (nl < 0) return;
			let info;
			try {
				info = JSON.parse(out.slice(0, nl));
			} catch (e) {
				clearTimeout(timer);
				child.kill('SIGKILL');
				reject(new Error(`CEC mock printed something that is not its address: ${out.slice(0, nl)}`));
				return;
			}
			started = true;
			clearTimeout(timer);
			const call = async (method, p, body) => {
				const r = await fetch(`${info.url}${p}`, {
					method,
					headers: body !== undefined ? { 'content-type': 'application/json' } : {},
					body: body !== undefined ? JSON.stringify(body) : undefined,
				});
				const text = await r.text();
				if (!r.ok) throw new Error(`mock ${method} ${p} -> ${r.status}: ${text}`);
				try {
					return text ? JSON.parse(text) : undefined;
				} catch {
					return text;
				}
			};
			resolve({
				url: info.url,
				tokenUrl: info.tokenUrl,
				info,
				process: child,
				stderr: () => err,
				getLog: () => call('GET', '/__mock/log'),
				resetLog: () => call('POST', '/__mock/reset-log', {}),
				expireTokens: () => call('POST', '/__mock/expire-tokens', {}),
				inject: (fault) => call('POST', '/__mock/inject', fault),
				/** Seeds calls (test/mock/cecMock.d.ts CecMockCallSeed); resolves them as the mock holds them. */
				addCalls: (calls) => call('POST', '/__mock/calls', calls),
				async stop(timeoutMs = 5000) {
					if (exited) return exited;
					child.kill('SIGTERM');
					const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
					const r = await exitPromise;
					clearTimeout(t);
					return r;
				},
			});
		});
	});
}

/* ------------------------------------------------------------------ the editor with the example workflow */

const DEMO_WORKFLOW_FILE = path.join(REPO_ROOT, 'examples', 'demo-workflow.json');
/** The first-run owner account of the local editors (`npm run dev`, the editor check). Local-only value. */
const DEV_OWNER = { email: 'dev@example.com', firstName: 'Dev', lastName: 'User', password: 'Dev-passw0rd' };

/**
 * Creates n8n's owner account on a fresh editor (POST /rest/owner/setup) unless one exists. Never throws:
 * resolves { created, note } with a sentence for the user.
 */
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
	const n8n = await createInstance({ major, tgz, userFolder, timezone, logLevel });
	let mock;
	let editor;
	const stop = async () => {
		await editor?.stop().catch(() => {});
		await mock?.stop().catch(() => {});
	};
	try {
		mock = await startMockProcess(mockOptions);
		started('mock', mock);
		const credId = workflow.nodes.find((n) => n.credentials?.[CREDENTIAL_TYPE])?.credentials[CREDENTIAL_TYPE].id;
		const credential = mockCredential(mock, { id: credId, name: 'Huawei CEC (local mock)' });
		await n8n.importCredentials([credential]);
		let workflowImported = false;
		const existing = reimportWorkflow ? [] : await n8n.query('SELECT id FROM workflow_entity WHERE id = ?', [workflow.id]);
		if (!existing.length) {
			await n8n.importWorkflow(workflow);
			workflowImported = true;
			log(`imported workflow "${workflow.name}"`);
		}
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

module.exports = {
	REPO_ROOT,
	PACKAGE_NAME,
	NODE_TYPE,
	CREDENTIAL_TYPE,
	VERSIONS,
	NODE24_VERSION,
	ENCRYPTION_KEY,
	cacheDir,
	n8nPaths,
	ensureN8n,
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
