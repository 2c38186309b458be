#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * The summary at the end of `npm test` (scripts/test-all.sh): each stage's wall time, each e2e test
 * file's time from jest's --json output, and the pass/fail counts.
 *   node scripts/stage-times.js <stages.tsv> <fast.json> <e2e.json>
 * stages.tsv lines: name \t milliseconds \t exit code.
 */
const fs = require('node:fs');
const path = require('node:path');

/** @param {number} ms */
const clock = (ms) => {
	const s = Math.round(ms / 1000);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** @param {string} file @returns {any} */
const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);

/** @param {string} stagesFile */
function printStages(stagesFile) {
	const lines = fs.existsSync(stagesFile) ? fs.readFileSync(stagesFile, 'utf8').trim().split('\n') : [];
	console.log('\n== stage times (m:ss)');
	for (const line of lines.filter(Boolean)) {
		const [name, ms, rc] = line.split('\t');
		console.log(`${clock(Number(ms)).padStart(7)}  ${name}${rc !== '0' ? `  (exit ${rc})` : ''}`);
	}
}

/** @param {any} e2e */
function printE2eFiles(e2e) {
	if (!e2e?.testResults?.length) return;
	console.log('\n== e2e test files (m:ss, tests passed/total; two run at a time, so their times overlap)');
	const root = path.resolve(__dirname, '..');
	for (const r of e2e.testResults) {
		const ms = (r.endTime ?? 0) - (r.startTime ?? 0);
		const tests = r.assertionResults ?? [];
		const passed = tests.filter((/** @type {any} */ t) => t.status === 'passed').length;
		console.log(`${clock(ms).padStart(7)}  ${path.relative(root, r.name)}  ${passed}/${tests.length}`);
	}
}

function main() {
	const [stagesFile, ...jsonFiles] = process.argv.slice(2);
	printStages(stagesFile);
	const reports = jsonFiles.map(readJson);
	printE2eFiles(reports[reports.length - 1]);
	let passed = 0;
	let failed = 0;
	for (const r of reports) {
		if (!r) {
			failed++;
			continue;
		}
		passed += r.numPassedTests;
		failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
	}
	console.log(`\n${passed} passed, ${failed} failed`);
}

main();
