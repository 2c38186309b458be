// @ts-check
'use strict';
/**
 * n8n CLI layer, the package: `npm pack` of the built package, and unpacking it into an n8n user
 * folder the way a community install lays it out (`.n8n/nodes/node_modules/<name>`).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { withoutNpmEnv } = require('../process');
const { REPO_ROOT } = require('./install');

/** @type {Map<string, string>} */
const packCache = new Map();
/** @type {Set<string>} */
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
 * @param {string} [repoRoot]
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
	const res = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], {
		cwd: repoRoot,
		env: withoutNpmEnv(),
		encoding: 'utf8',
	});
	if (res.status !== 0) throw new Error(`npm pack failed (exit ${res.status}):\n${res.stderr}\n${res.stdout}`);
	const files = fs.readdirSync(dest).filter((f) => f.endsWith('.tgz'));
	if (files.length !== 1) throw new Error(`npm pack produced ${files.length} tarballs in ${dest}`);
	const tgz = path.join(dest, files[0]);
	packCache.set(repoRoot, tgz);
	return tgz;
}

/** Runtime dependencies of an unpacked package (n8n-workflow is provided by n8n itself as a peer). @param {string} dir @param {any} pkg */
function installDependencies(dir, pkg) {
	if (!pkg.dependencies || Object.keys(pkg.dependencies).length === 0) return;
	const r = spawnSync('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'], {
		cwd: dir,
		env: withoutNpmEnv(),
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`npm install of ${pkg.name}'s dependencies failed:\n${r.stderr}`);
}

/**
 * Unpack a package tarball the way `npm install` in ~/.n8n/nodes lays it out.
 * @param {string} userFolder @param {string} tgz @returns {{ name: string, version: string, dir: string }}
 */
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
	installDependencies(target, pkg);
	return { name: pkg.name, version: pkg.version, dir: target };
}

module.exports = { packPackage, removePackedPackages, installTarball };
