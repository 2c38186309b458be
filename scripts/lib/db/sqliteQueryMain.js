'use strict';
/**
 * Runs with an n8n's OWN Node binary and modules (n8n 2.x's sqlite3 is built for Node 24), never
 * required: argv[2] = n8n install dir; stdin = { dbPath, queries: [{ sql, params, flatted, json }] };
 * stdout = one array of rows per query, `flatted` columns parsed (raw text kept as <col>Raw).
 */
const path = require('path');
const n8nDir = process.argv[2];
const paths = [path.join(n8nDir, 'node_modules', 'n8n'), n8nDir];
const sqlite3 = require(require.resolve('sqlite3', { paths }));
const flatted = require(require.resolve('flatted', { paths }));

function decode(row, q) {
	for (const col of q.flatted || []) {
		if (typeof row[col] !== 'string') continue;
		row[col + 'Raw'] = row[col];
		try {
			row[col] = flatted.parse(row[col]);
		} catch (x) {
			row[col + 'ParseError'] = String(x);
		}
	}
	for (const col of q.json || []) {
		if (typeof row[col] !== 'string') continue;
		try {
			row[col] = JSON.parse(row[col]);
		} catch (x) {
			/* left as text */
		}
	}
}

function runAll(db, queries) {
	const results = [];
	const next = (i) => {
		if (i >= queries.length) {
			db.close();
			process.stdout.write(JSON.stringify(results));
			return;
		}
		const q = queries[i];
		db.all(q.sql, q.params || [], (e, rows) => {
			if (e) {
				console.error(e.message + ' in: ' + q.sql);
				process.exit(3);
			}
			for (const row of rows) decode(row, q);
			results.push(rows);
			next(i + 1);
		});
	};
	next(0);
}

let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
	const { dbPath, queries } = JSON.parse(input);
	const db = new sqlite3.Database(dbPath, sqlite3.OPEN_READONLY, (err) => {
		if (err) {
			console.error(err.message);
			process.exit(2);
		}
		runAll(db, queries);
	});
});
