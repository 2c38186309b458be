// @ts-check
'use strict';
/**
 * Database layer: read-only SQL against an n8n instance's SQLite DB, through the n8n's own Node and
 * sqlite3 (sqliteQueryMain.js), and the stored executions (execution_entity + execution_data, the run
 * data in n8n's "flatted" format).
 */
const fs = require('node:fs');
const path = require('node:path');
const { runProcess } = require('../process');

const QUERY_MAIN = path.join(__dirname, 'sqliteQueryMain.js');

/**
 * @typedef {{ sql: string, params?: unknown[], flatted?: string[], json?: string[] }} Query
 * @typedef {{ nodeBin: string, n8nDir: string, env: NodeJS.ProcessEnv }} N8nRuntime
 * @typedef {{ id: string, status: string, finished: boolean, mode: string, workflowId: string, data?: any, dataRaw?: string, workflowData?: any, [column: string]: any }} StoredExecution
 */

/** Several queries in one process; resolves one row array per query. @param {N8nRuntime} n8n @param {string} dbPath @param {Query[]} queries @returns {Promise<any[][]>} */
async function queryMany(n8n, dbPath, queries) {
	if (!fs.existsSync(dbPath)) throw new Error(`no database yet at ${dbPath}`);
	const res = await runProcess(n8n.nodeBin, [QUERY_MAIN, n8n.n8nDir], {
		env: n8n.env,
		input: JSON.stringify({ dbPath, queries }),
		timeoutMs: 60 * 1000,
	});
	if (res.exitCode !== 0) throw new Error(`SQLite query failed (exit ${res.exitCode}): ${res.stderr}`);
	return JSON.parse(res.stdout);
}

/**
 * The query helpers of one instance's DB.
 * @param {N8nRuntime} n8n @param {string} dbPath
 */
function sqliteDb(n8n, dbPath) {
	/** @param {string} sql @param {unknown[]} [params] @param {{ flatted?: string[], json?: string[] }} [decode] @returns {Promise<any[]>} */
	async function query(sql, params = [], { flatted = [], json = [] } = {}) {
		const [rows] = await queryMany(n8n, dbPath, [{ sql, params, flatted, json }]);
		return rows;
	}

	/**
	 * Executions (newest last), optionally only those with id > afterId and of one workflow.
	 * @param {{ afterId?: number | string, workflowId?: string, withData?: boolean }} [filter] @returns {Promise<StoredExecution[]>}
	 */
	async function executions({ afterId = 0, workflowId, withData = true } = {}) {
		const where = ['CAST(e.id AS INTEGER) > ?'];
		/** @type {unknown[]} */
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

	/** Ids of `ids` missing from `table` (all of them when there is no DB yet). @param {string} table @param {Array<string | number>} ids */
	async function missingIds(table, ids) {
		if (!ids.length) return [];
		const rows = fs.existsSync(dbPath) ? await query(`SELECT id FROM ${table} WHERE id IN (${ids.map(() => '?').join(',')})`, ids.map(String)) : [];
		const found = new Set(rows.map((r) => String(r.id)));
		return ids.filter((id) => !found.has(String(id)));
	}

	return { query, queryMany: (/** @type {Query[]} */ queries) => queryMany(n8n, dbPath, queries), executions, lastExecutionId, missingIds };
}

module.exports = { sqliteDb, queryMany };
