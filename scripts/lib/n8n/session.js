// @ts-check
'use strict';
/**
 * One long-lived n8n `execute` command per instance (sessionMain.js, in n8n's own Node): each run is
 * n8n's own `execute --id=<id> --rawOutput` code, without the n8n start-up (5–7 s on 2 cores) every
 * CLI call costs. Runs are serialised; each resolves what runProcess gives for a CLI call:
 * { exitCode, signal, stdout, stderr, durationMs } with the output between that run's markers.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const MAIN = path.join(__dirname, 'sessionMain.js');
const MARKER = '@@cec-n8n-session@@';

/**
 * @typedef {{ exitCode: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string, durationMs: number }} RunResult
 * @typedef {{ command: (argv: string[], opts?: { timeoutMs?: number }) => Promise<RunResult>, run: (workflowId: string, opts?: { timeoutMs?: number }) => Promise<RunResult>,
 *   output: () => string, stop: () => Promise<void>, alive: () => boolean }} Session
 */

/** Text of `stream` from the BEGIN to the END marker of run `seq` (markers excluded), or null. */
function frame(text, seq) {
	const begin = text.indexOf(`${MARKER} BEGIN ${seq}\n`);
	if (begin < 0) return null;
	const end = text.indexOf(`\n${MARKER} END ${seq} `, begin);
	if (end < 0) return null;
	const tail = text.slice(end + 1);
	const m = new RegExp(`^${MARKER} END ${seq} (\\d+)\\n`).exec(tail);
	if (!m) return null;
	return { body: text.slice(begin + `${MARKER} BEGIN ${seq}\n`.length, end), exitCode: Number(m[1]) };
}

/**
 * Starts the session; resolves once n8n's execute command is initialised.
 * @param {{ nodeBin: string, n8nPackageDir: string, env: NodeJS.ProcessEnv, cwd: string, readyTimeoutMs?: number }} options
 * @returns {Promise<Session>}
 */
function startSession({ nodeBin, n8nPackageDir, env, cwd, readyTimeoutMs = 3 * 60 * 1000 }) {
	const child = spawn(nodeBin, [MAIN, n8nPackageDir], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
	const out = { stdout: '', stderr: '' };
	/** @type {Array<() => void>} */
	let listeners = [];
	const notify = () => listeners.forEach((l) => l());
	child.stdout.on('data', (d) => ((out.stdout += d), notify()));
	child.stderr.on('data', (d) => ((out.stderr += d), notify()));
	/** @type {{ code: number | null, signal: NodeJS.Signals | null } | null} */
	let exited = null;
	const exitedPromise = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			notify();
			resolve(exited);
		}),
	);
	/** Resolves when `done()` returns a value, rejects on exit or timeout. */
	const waitFor = (done, timeoutMs, what) =>
		new Promise((resolve, reject) => {
			const timer = setTimeout(() => finish(new Error(`n8n session: ${what} took over ${timeoutMs} ms`)), timeoutMs);
			const check = () => {
				const value = done();
				if (value !== null && value !== undefined) finish(null, value);
				else if (exited) finish(new Error(`n8n session exited (${JSON.stringify(exited)}) during ${what}:\n${out.stdout.slice(-3000)}\n${out.stderr.slice(-3000)}`));
			};
			function finish(error, value) {
				clearTimeout(timer);
				listeners = listeners.filter((l) => l !== check);
				if (error) reject(error);
				else resolve(value);
			}
			listeners.push(check);
			check();
		});

	let seq = 0;
	let queue = Promise.resolve();
	/** @type {Session['command']} */
	const command = (argv, { timeoutMs = 5 * 60 * 1000 } = {}) => {
		const mine = ++seq;
		const result = queue.then(async () => {
			const started = Date.now();
			child.stdin.write(`${JSON.stringify({ seq: mine, argv })}\n`);
			const framed = await waitFor(
				() => {
					const o = frame(out.stdout, mine);
					const e = frame(out.stderr, mine);
					return o && e ? { o, e } : null;
				},
				timeoutMs,
				`n8n ${argv.join(' ')}`,
			);
			return { exitCode: framed.o.exitCode, signal: null, stdout: framed.o.body, stderr: framed.e.body, durationMs: Date.now() - started };
		});
		queue = result.then(
			() => undefined,
			() => undefined,
		);
		return result;
	};
	/** @type {Session['run']} */
	const run = (workflowId, opts) => command(['execute', `--id=${workflowId}`, '--rawOutput'], opts);

	const stop = async () => {
		if (exited) return;
		child.stdin.end(`${JSON.stringify({ exit: true })}\n`);
		const killer = setTimeout(() => child.kill('SIGKILL'), 20000);
		await exitedPromise;
		clearTimeout(killer);
	};

	return waitFor(() => (out.stdout.includes(`${MARKER} READY\n`) ? true : null), readyTimeoutMs, 'start-up').then(
		() => ({ command, run, stop, output: () => `${out.stdout}\n${out.stderr}`, alive: () => !exited }),
		async (error) => {
			child.kill('SIGKILL');
			throw error;
		},
	);
}

module.exports = { startSession, MARKER };
