// @ts-check
'use strict';
/**
 * Database layer, PostgreSQL: a throwaway server (Debian's binaries, `initdb` + `pg_ctl` in a temp
 * folder, loopback only, as the postgres OS user when root), a role and database for n8n, superuser SQL
 * through n8n's own `pg` module, and the stored executions of a queue-mode cluster.
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { commandPath, isRoot } = require('../debian');
const { freePort } = require('../process');

const DB_NAME = 'n8n';
const DB_USER = 'n8n';

/** @param {unknown} text @param {number} [n] */
function tail(text, n = 4000) {
	const s = String(text ?? '');
	return s.length > n ? `…${s.slice(-n)}` : s;
}

/** @param {string} bin @param {string[]} args @param {{ env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options] */
function runSync(bin, args, { env, timeoutMs = 120000 } = {}) {
	const r = spawnSync(bin, args, { env: env || process.env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
	return { status: r.status, signal: r.signal, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
}

/** Runs a command as the PostgreSQL OS user when we are root (initdb and postgres refuse root). @param {string} bin @param {string[]} args @returns {[string, string[]]} */
function asPostgresUser(bin, args) {
	if (!isRoot()) return [bin, args];
	const runuser = commandPath('runuser');
	if (runuser) return [runuser, ['-u', 'postgres', '--', bin, ...args]];
	const quoted = [bin, ...args].map((a) => `'${String(a).replace(/'/g, `'\\''`)}'`).join(' ');
	return ['su', ['postgres', '-s', '/bin/sh', '-c', quoted]];
}

function postgresUserIds() {
	const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
	if (r.status !== 0 || g.status !== 0) throw new Error('running as root but there is no `postgres` OS user (install the Debian package `postgresql`)');
	return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** initdb into pgData with a superuser password (the folder owned by the postgres OS user when root). @param {string} pgBin @param {string} root @param {string} pgData @param {string} superPassword */
function initCluster(pgBin, root, pgData, superPassword) {
	fs.mkdirSync(pgData, { mode: 0o700 });
	const pwFile = path.join(root, 'pg-superuser-password');
	fs.writeFileSync(pwFile, `${superPassword}\n`, { mode: 0o600 });
	if (isRoot()) {
		const { uid, gid } = postgresUserIds();
		fs.chownSync(pgData, uid, gid);
		fs.chownSync(pwFile, uid, gid);
	}
	const [bin, args] = asPostgresUser(path.join(pgBin, 'initdb'), [
		'-D', pgData, '-U', 'postgres', `--pwfile=${pwFile}`, '--auth-host=scram-sha-256', '--auth-local=peer',
		'--encoding=UTF8', '--locale=C', '--no-sync',
	]);
	const r = runSync(bin, args);
	fs.rmSync(pwFile, { force: true });
	if (r.status !== 0) throw new Error(`initdb failed (exit ${r.status}):\n${tail(r.stderr || r.stdout)}`);
}

/** pg_ctl start: loopback only, its socket in its own folder, no durability needed. @param {string} pgBin @param {string} pgData @param {number} port */
function startServer(pgBin, pgData, port) {
	const serverOptions = [
		`-c listen_addresses=127.0.0.1`, `-c port=${port}`, `-c unix_socket_directories=${pgData}`,
		'-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=100',
	].join(' ');
	const [bin, args] = asPostgresUser(path.join(pgBin, 'pg_ctl'), ['-D', pgData, '-l', path.join(pgData, 'server.log'), '-w', '-t', '60', '-o', serverOptions, 'start']);
	const r = runSync(bin, args, { timeoutMs: 90000 });
	if (r.status !== 0) {
		let log = '';
		try {
			log = fs.readFileSync(path.join(pgData, 'server.log'), 'utf8');
		} catch {
			/* none */
		}
		throw new Error(`pg_ctl start failed (exit ${r.status}):\n${tail(r.stderr || r.stdout)}\n${tail(log)}`);
	}
}

/** pg_ctl stop (fast, or immediate), falling back to SIGQUIT of the postmaster. @param {string} pgBin @param {string} pgData @param {boolean} immediate */
function stopServer(pgBin, pgData, immediate) {
	const [bin, args] = asPostgresUser(path.join(pgBin, 'pg_ctl'), ['-D', pgData, 'stop', '-w', '-t', '30', '-m', immediate ? 'immediate' : 'fast']);
	const r = runSync(bin, args, { timeoutMs: 40000 });
	if (r.status === 0) return;
	// Fall back to the postmaster's pid (first line of postmaster.pid).
	try {
		const pid = Number(fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
		if (pid > 0) process.kill(pid, 'SIGQUIT');
	} catch {
		/* not running */
	}
	if (!immediate) throw new Error(`pg_ctl stop failed (exit ${r.status}): ${r.stderr || r.stdout}`);
}

/**
 * A throwaway PostgreSQL in `root`/pgdata with a role and database for n8n (not the superuser).
 * `pg` is n8n's own `pg` module. `onStarted` is called as soon as a server runs (so that a caller can
 * stop it if the rest fails). Resolves { host, port, database, user, password, query, dump, serverLog, end, stop }.
 * @param {{ pgBin: string, root: string, pg: any, onStarted?: (stop: (immediate: boolean) => void) => void, debug?: (...a: unknown[]) => void }} options
 */
async function startPostgres({ pgBin, root, pg, onStarted = () => {}, debug = () => {} }) {
	const port = await freePort();
	const pgData = path.join(root, 'pgdata');
	const superPassword = crypto.randomBytes(18).toString('base64url');
	const password = crypto.randomBytes(18).toString('base64url');
	initCluster(pgBin, root, pgData, superPassword);
	const stop = (/** @type {boolean} */ immediate) => stopServer(pgBin, pgData, immediate);
	onStarted(stop); // from here on, the caller's stop tries to stop it
	startServer(pgBin, pgData, port);
	const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: superPassword, database: 'postgres' });
	await admin.connect();
	try {
		await admin.query(`CREATE ROLE ${DB_USER} LOGIN PASSWORD '${password}'`);
		await admin.query(`CREATE DATABASE ${DB_NAME} OWNER ${DB_USER} ENCODING 'UTF8'`);
	} finally {
		await admin.end();
	}
	const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'postgres', password: superPassword, database: DB_NAME, max: 4 });
	pool.on('error', (/** @type {Error} */ e) => debug('pg pool error', e.message));
	return {
		...{ host: '127.0.0.1', port, database: DB_NAME, user: DB_USER, password },
		/** Superuser SQL against the n8n database: resolves rows. @param {string} sql @param {unknown[]} [params] @returns {Promise<any[]>} */
		query: async (sql, params = []) => (await pool.query(sql, params)).rows,
		/** `pg_dump` of the n8n database as text (for "no secret anywhere" checks). */
		dump: () => {
			const d = runSync(path.join(pgBin, 'pg_dump'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '--no-owner', DB_NAME], {
				env: { ...process.env, PGPASSWORD: superPassword },
			});
			if (d.status !== 0) throw new Error(`pg_dump failed: ${d.stderr}`);
			return d.stdout;
		},
		serverLog: () => fs.readFileSync(path.join(pgData, 'server.log'), 'utf8'),
		/** Closes the pool. */
		end: () => pool.end(),
		stop,
	};
}

/**
 * Executions from PostgreSQL (oldest first), id > afterId, optionally one workflow. With data,
 * `data` is the parsed run data, `dataRaw` the stored text, `workflowData` the stored workflow.
 * @param {{ query: (sql: string, params?: unknown[]) => Promise<any[]> }} db @param {{ parse: (text: string) => any }} flatted
 * @param {{ afterId?: number | string, workflowId?: string, withData?: boolean }} [filter]
 */
async function pgExecutions(db, flatted, { afterId = 0, workflowId, withData = true } = {}) {
	/** @type {Array<string | number>} */
	const params = [Number(afterId)];
	let where = 'e.id > $1';
	if (workflowId) {
		params.push(String(workflowId));
		where += ' AND e."workflowId" = $2';
	}
	const rows = await db.query(
		`SELECT e.id, e."workflowId", e.status, e.mode, e.finished, e."startedAt", e."stoppedAt"
		 ${withData ? ', d.data AS "dataRaw", d."workflowData"::text AS "workflowDataRaw"' : ''}
		 FROM execution_entity e ${withData ? 'LEFT JOIN execution_data d ON d."executionId" = e.id' : ''}
		 WHERE ${where} ORDER BY e.id`,
		params,
	);
	return rows.map((r) => {
		const out = { ...r, id: String(r.id) };
		if (!withData) return out;
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
		return out;
	});
}

module.exports = { DB_NAME, DB_USER, tail, runSync, startPostgres, pgExecutions };
