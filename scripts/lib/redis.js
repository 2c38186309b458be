// @ts-check
'use strict';
/** Process layer for Redis: a throwaway `redis-server` on 127.0.0.1 (no persistence), and a PING probe. */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { freePort, waitUntil } = require('./process');

/** TCP "PING" to Redis; resolves true on +PONG. @param {number} port @param {number} [timeoutMs] @returns {Promise<boolean>} */
function redisPing(port, timeoutMs = 1000) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let data = '';
		const done = (/** @type {boolean} */ ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => {
			data += d;
			if (data.includes('\r\n')) done(data.startsWith('+PONG'));
		});
	});
}

/** @param {string} file */
function readIf(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

/**
 * Starts redis-server (data in `root`/redis, output to `logsDir`/redis.log) and waits for PING.
 * `onStarted` gets the handle as soon as the process runs. Resolves { port, process, logFile, stop() }.
 * @param {{ redisServer: string, root: string, logsDir: string, onStarted?: (h: any) => void, tail?: (t: string) => string }} options
 */
async function startRedis({ redisServer, root, logsDir, onStarted = () => {}, tail = (t) => t.slice(-4000) }) {
	const port = await freePort();
	const dir = path.join(root, 'redis');
	fs.mkdirSync(dir);
	const logFile = path.join(logsDir, 'redis.log');
	const child = spawn(redisServer, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes', '--daemonize', 'no'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	/** @type {{ code: number | null, signal: NodeJS.Signals | null } | null} */
	let exitInfo = null;
	const exited = new Promise((r) => child.on('exit', (code, signal) => r((exitInfo = { code, signal }))));
	child.stdout.on('data', (d) => fs.appendFileSync(logFile, d));
	child.stderr.on('data', (d) => fs.appendFileSync(logFile, d));
	const handle = {
		port,
		process: child,
		logFile,
		async stop() {
			if (exitInfo) return exitInfo;
			child.kill('SIGTERM');
			const t = setTimeout(() => child.kill('SIGKILL'), 5000);
			const r = await exited;
			clearTimeout(t);
			return r;
		},
	};
	onStarted(handle);
	await waitUntil(
		async () => {
			if (exitInfo) throw new Error(`redis-server exited (${JSON.stringify(exitInfo)}):\n${tail(readIf(logFile))}`);
			return redisPing(port);
		},
		{ timeoutMs: 20000, intervalMs: 100, onTimeout: () => new Error(`redis-server did not answer PING on 127.0.0.1:${port}:\n${tail(readIf(logFile))}`) },
	);
	return handle;
}

module.exports = { redisPing, readIf, startRedis };
