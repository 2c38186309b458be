// @ts-check
'use strict';
/**
 * Debian's packages for the tests that need system software (PostgreSQL and Redis for queue mode,
 * Chromium for the editor check): installed non-interactively, as root or through passwordless sudo,
 * only by callers that found them missing.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

function commandPath(name) {
	const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * apt-get update + install of `packages`. `noApt` and `noRoot` are the errors to give when apt-get is
 * absent or neither root nor passwordless sudo is available. `forbidServiceStarts` keeps Debian's
 * maintainer scripts from starting system-wide services during the install (the usual policy-rc.d
 * "101 = action forbidden", unless one exists).
 */
function aptInstall(packages, { log, noApt, noRoot, noRecommends = false, forbidServiceStarts = false }) {
	if (!commandPath('apt-get')) throw new Error(noApt);
	let prefix = [];
	if (!isRoot()) {
		if (commandPath('sudo') && spawnSync('sudo', ['-n', 'true']).status === 0) prefix = ['sudo', '-n', '--preserve-env=DEBIAN_FRONTEND'];
		else throw new Error(noRoot);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const policy = '/usr/sbin/policy-rc.d';
	let wrotePolicy = false;
	if (forbidServiceStarts && isRoot() && !fs.existsSync(policy)) {
		fs.writeFileSync(policy, '#!/bin/sh\n# temporary, written by n8n-nodes-huawei-cec-quality scripts/lib/debian.js\nexit 101\n', { mode: 0o755 });
		wrotePolicy = true;
	}
	const apt = (args) => {
		const cmd = [...prefix, 'apt-get', '-o', 'DPkg::Lock::Timeout=300', ...args];
		log(cmd.join(' '));
		const r = spawnSync(cmd[0], cmd.slice(1), { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
		if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (exit ${r.status}):\n${`${r.stdout}\n${r.stderr}`.slice(-4000)}`);
	};
	try {
		apt(['update', '-q']);
		const recommends = noRecommends ? ['--no-install-recommends'] : [];
		apt(['install', '-y', '-q', ...recommends, '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold', ...packages]);
	} finally {
		if (wrotePolicy) fs.rmSync(policy, { force: true });
	}
}

module.exports = { commandPath, isRoot, aptInstall };
