// @ts-check
'use strict';
/**
 * n8n CLI layer, installation: which n8n versions, where they are cached (outside the clone), and
 * scripts/install-n8n.sh to install one that is missing. Facts: /work/shared/real-n8n-notes.md.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const PACKAGE_NAME = 'n8n-nodes-huawei-cec-quality';
const NODE_TYPE = `${PACKAGE_NAME}.huaweiCecQuality`;
const CREDENTIAL_TYPE = 'huaweiCecApi';
/** @type {{ 1: string, 2: string }} */
const VERSIONS = { 2: '2.41.1', 1: '1.123.81' };
const NODE24_VERSION = '24.21.0';
const INSTALL_SCRIPT = path.join(REPO_ROOT, 'scripts', 'install-n8n.sh');

/**
 * @typedef {1 | 2} Major
 * @typedef {{ major: Major, version: string, n8nDir: string, nodeBin: string, n8nBin: string, installed: boolean }} N8nPaths
 * @typedef {Omit<N8nPaths, 'installed'> & { env: NodeJS.ProcessEnv }} N8nInstall
 */

/** @param {unknown[]} args */
const debug = (...args) => {
	if (process.env.CEC_E2E_DEBUG) console.error('[realN8n]', ...args);
};

function cacheDir() {
	return process.env.CEC_N8N_CACHE || path.join(os.homedir(), '.cache', PACKAGE_NAME);
}

/** @param {unknown} major @returns {Major} */
function normaliseMajor(major) {
	const m = String(major ?? 2);
	if (m === '2' || m === VERSIONS[2]) return 2;
	if (m === '1' || m === VERSIONS[1]) return 1;
	throw new Error(`unsupported n8n major "${major}" (use 2 or 1)`);
}

/** Locations of a (possibly not yet installed) cached n8n. @param {unknown} major @returns {N8nPaths} */
function n8nPaths(major) {
	const m = normaliseMajor(major);
	const version = VERSIONS[m];
	const n8nDir = path.join(cacheDir(), `n8n-${version}`);
	const node24Dir = path.join(cacheDir(), `node-v${NODE24_VERSION}`);
	const nodeBin = m === 2 ? path.join(node24Dir, 'bin', 'node') : process.execPath;
	return {
		major: m,
		version,
		n8nDir,
		nodeBin,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		installed:
			fs.existsSync(path.join(n8nDir, '.install-complete')) &&
			(m === 1 || fs.existsSync(path.join(node24Dir, '.install-complete'))),
	};
}

/** Environment without anything that could leak into or disturb an isolated n8n run. @param {string} nodeBin */
function cleanBaseEnv(nodeBin) {
	/** @type {NodeJS.ProcessEnv} */
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

/** @param {Major} major @returns {Promise<string>} */
function runInstallScript(major) {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [INSTALL_SCRIPT, String(major)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
 * @param {unknown} major @returns {Promise<N8nInstall>}
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

module.exports = {
	REPO_ROOT,
	PACKAGE_NAME,
	NODE_TYPE,
	CREDENTIAL_TYPE,
	VERSIONS,
	NODE24_VERSION,
	debug,
	cacheDir,
	normaliseMajor,
	n8nPaths,
	cleanBaseEnv,
	ensureN8n,
};
