// @ts-check
'use strict';
/**
 * n8n CLI layer, compatibility with an older n8n: the packed package loaded against the n8n-workflow
 * that n8n version ships (n8n gives a community package its own copy as the peer dependency), the way
 * n8n loads a community node — require each file package.json's "n8n" names and construct its class —
 * plus every n8n-workflow export the built code uses anywhere, which that n8n-workflow must have too
 * (a name used only while running would load fine and fail later).
 *
 *   node scripts/lib/n8n/compatibility.js <n8n version> [package.tgz]   (prints the problems)
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { withoutNpmEnv } = require('../process');
const { cacheDir } = require('./install');

/** The oldest n8n the README names; test/e2e/compatibility.test.ts checks it and the line before it. */
const OLDEST_N8N = '1.85.3';

/** The n8n-workflow version an n8n release depends on (from the registry). @param {string} n8nVersion */
function n8nWorkflowVersionOf(n8nVersion) {
	const r = spawnSync('npm', ['view', `n8n@${n8nVersion}`, 'dependencies.n8n-workflow'], { env: withoutNpmEnv(), encoding: 'utf8' });
	const version = r.stdout.trim();
	if (r.status !== 0 || !/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`npm view n8n@${n8nVersion} gave no n8n-workflow version:\n${r.stderr}`);
	return version;
}

/** Installs n8n-workflow@version (with its dependencies) into the cache once; returns its folder. @param {string} version */
function installN8nWorkflow(version) {
	const prefix = path.join(cacheDir(), `n8n-workflow-${version}`);
	const dir = path.join(prefix, 'node_modules', 'n8n-workflow');
	const marker = path.join(prefix, '.install-complete');
	if (fs.existsSync(marker)) return dir;
	fs.rmSync(prefix, { recursive: true, force: true });
	fs.mkdirSync(prefix, { recursive: true });
	const r = spawnSync('npm', ['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', `n8n-workflow@${version}`], {
		env: withoutNpmEnv(),
		encoding: 'utf8',
	});
	if (r.status !== 0 || !fs.existsSync(dir)) throw new Error(`npm install n8n-workflow@${version} failed:\n${r.stderr}`);
	fs.writeFileSync(marker, '');
	return dir;
}

/** Runs in a child process: node <this file> --load <package dir>; prints the problems as JSON. @param {string} pkgDir */
function loadInThisProcess(pkgDir) {
	/** @type {string[]} */
	const problems = [];
	const workflow = require(require.resolve('n8n-workflow', { paths: [pkgDir] }));
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		try {
			for (const [name, exported] of Object.entries(require(path.join(pkgDir, file)))) {
				if (typeof exported !== 'function' || !/^[A-Z]/.test(name)) continue;
				const instance = new exported();
				if (!instance.description && !instance.properties) problems.push(`${file}: ${name} has neither a description nor properties`);
			}
		} catch (error) {
			problems.push(`${file} does not load: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	const used = new Set();
	const walk = (/** @type {string} */ dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const at = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(at);
			// tsc's CommonJS output refers to every import as n8n_workflow_1.<name>.
			else if (entry.name.endsWith('.js')) for (const m of fs.readFileSync(at, 'utf8').matchAll(/\bn8n_workflow_\d+\.([A-Za-z_$][\w$]*)/g)) used.add(m[1]);
		}
	};
	walk(path.join(pkgDir, 'dist'));
	for (const name of [...used].sort()) if (!(name in workflow)) problems.push(`the built code uses n8n-workflow's ${name}, which this n8n-workflow does not export`);
	return problems;
}

/**
 * Loads the packed package against n8n `n8nVersion`'s n8n-workflow in a child process.
 * @param {string} tgz @param {string} n8nVersion @returns {{ n8nWorkflow: string, problems: string[] }}
 */
function checkCompatibility(tgz, n8nVersion) {
	const n8nWorkflow = n8nWorkflowVersionOf(n8nVersion);
	const workflowDir = installN8nWorkflow(n8nWorkflow);
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cec-compat-'));
	try {
		const unpacked = spawnSync('tar', ['-xzf', tgz, '-C', root], { encoding: 'utf8' });
		if (unpacked.status !== 0) throw new Error(`could not unpack ${tgz}: ${unpacked.stderr}`);
		fs.mkdirSync(path.join(root, 'node_modules'));
		fs.symlinkSync(workflowDir, path.join(root, 'node_modules', 'n8n-workflow'), 'dir');
		const r = spawnSync(process.execPath, [__filename, '--load', path.join(root, 'package')], { encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`the loader failed (exit ${r.status}):\n${r.stderr}`);
		return { n8nWorkflow, problems: JSON.parse(r.stdout) };
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
}

module.exports = { OLDEST_N8N, checkCompatibility };

if (require.main === module) {
	const [first, second] = process.argv.slice(2);
	if (first === '--load') {
		process.stdout.write(JSON.stringify(loadInThisProcess(/** @type {string} */ (second))));
	} else if (first) {
		const { packPackage } = require('./package');
		const result = checkCompatibility(second ?? packPackage(), first);
		console.log(`n8n ${first} (n8n-workflow ${result.n8nWorkflow}): ${result.problems.length ? result.problems.join('\n') : 'loads, every n8n-workflow export used exists'}`);
		process.exitCode = result.problems.length ? 1 : 0;
	} else {
		console.error('usage: node scripts/lib/n8n/compatibility.js <n8n version> [package.tgz]');
		process.exitCode = 2;
	}
}
