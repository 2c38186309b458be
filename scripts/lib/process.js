// @ts-check
'use strict';
/**
 * Process layer: spawning commands and capturing their output, free ports, waiting for a condition,
 * and environments without a caller's npm or proxy settings. Nothing here knows about n8n.
 */
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

/**
 * @typedef {{ exitCode: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string, durationMs: number }} ProcessResult
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null }} ExitInfo
 * @typedef {{ process: import('node:child_process').ChildProcess, output: () => string, readonly exitInfo: ExitInfo | null,
 *   exited: Promise<ExitInfo>, stop: (timeoutMs?: number) => Promise<ExitInfo> }} BackgroundHandle
 */

/** A free TCP port on 127.0.0.1 (closed again before returning; tiny race, fine for tests). @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/** A copy of `env` (default process.env) without npm's `npm_*` variables. @param {NodeJS.ProcessEnv} [env] */
function withoutNpmEnv(env = process.env) {
	const copy = { ...env };
	for (const key of Object.keys(copy)) if (/^npm_/i.test(key)) delete copy[key];
	return copy;
}

/** A copy of `env` (default process.env) without proxy variables. @param {NodeJS.ProcessEnv} [env] */
function withoutProxyEnv(env = process.env) {
	const copy = { ...env };
	for (const key of Object.keys(copy)) if (/^(https?|all|no)_proxy$/i.test(key)) delete copy[key];
	return copy;
}

/**
 * Runs `bin ...args` to its end; resolves { exitCode, signal, stdout, stderr, durationMs }.
 * @param {string} bin @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, timeoutMs?: number, input?: string }} [options]
 * @returns {Promise<ProcessResult>}
 */
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
 * A long-running process, not awaited: its output is collected (or shared with this terminal when
 * `inherit`); stop() sends SIGTERM, then SIGKILL after timeoutMs. `onExit` is called once it ended.
 * @param {string} bin @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, inherit?: boolean, onExit?: (h: BackgroundHandle) => void }} [options]
 * @returns {BackgroundHandle}
 */
function spawnBackground(bin, args, { env, cwd, inherit = false, onExit = () => {} } = {}) {
	const child = spawn(bin, args, { env, cwd, stdio: ['ignore', inherit ? 'inherit' : 'pipe', inherit ? 'inherit' : 'pipe'] });
	let out = '';
	child.stdout?.on('data', (d) => (out += d));
	child.stderr?.on('data', (d) => (out += d));
	/** @type {ExitInfo | null} */
	let exitInfo = null;
	/** @type {BackgroundHandle} */
	const handle = {
		process: child,
		output: () => out,
		get exitInfo() {
			return exitInfo;
		},
		exited: new Promise((resolve) =>
			child.on('exit', (code, signal) => {
				exitInfo = { code, signal };
				onExit(handle);
				resolve(exitInfo);
			}),
		),
		async stop(timeoutMs = 20000) {
			if (exitInfo) return exitInfo;
			child.kill('SIGTERM');
			const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			const r = await handle.exited;
			clearTimeout(t);
			return r;
		},
	};
	return handle;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` every `intervalMs` until it resolves a value other than undefined/false; throws
 * `onTimeout()` (an Error) after `timeoutMs`, or whatever `check` throws.
 * @template T
 * @param {() => Promise<T | undefined | false> | T | undefined | false} check
 * @param {{ timeoutMs: number, intervalMs?: number, onTimeout: () => Error | Promise<Error> }} options
 * @returns {Promise<T>}
 */
async function waitUntil(check, { timeoutMs, intervalMs = 500, onTimeout }) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = await check();
		if (value !== undefined && value !== false) return /** @type {T} */ (value);
		await sleep(intervalMs);
	}
	throw await onTimeout();
}

module.exports = { freePort, withoutNpmEnv, withoutProxyEnv, runProcess, spawnBackground, sleep, waitUntil };
