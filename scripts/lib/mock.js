// @ts-check
'use strict';
/**
 * The strict CEC mock (test/mock/cecMock.js) as a separate process, steered through its /__mock/*
 * endpoints, and the credential that points n8n at it.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { withoutProxyEnv } = require('./process');
const { CREDENTIAL_TYPE, REPO_ROOT } = require('./n8n/install');

const MOCK_CLI = path.join(REPO_ROOT, 'test', 'mock', 'cecMock.js');

/**
 * Credential import entry for the mock (type huaweiCecApi; the hidden accessToken left out).
 * @param {{ url: string }} mock @param {{ id?: string, name?: string, accessKey?: string, secretKey?: string, [field: string]: unknown }} [options]
 */
function mockCredential(mock, { id = 'cecMockCred01', name = 'Huawei CEC (local mock)', accessKey = 'test-ak', secretKey = 'test-sk-secret', ...data } = {}) {
	return {
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: { baseUrl: mock.url, tokenUrl: '', accessKey, secretKey, appKey: '', lifetimeSeconds: 3600, ignoreSslIssues: false, ...data },
	};
}

/** A JSON call to the mock's control API. @param {string} url @returns {(method: string, p: string, body?: unknown) => Promise<any>} */
const controlCall = (url) => async (method, p, body) => {
	const r = await fetch(`${url}${p}`, {
		method,
		headers: body !== undefined ? { 'content-type': 'application/json' } : {},
		body: body !== undefined ? JSON.stringify(body) : undefined,
	});
	const text = await r.text();
	if (!r.ok) throw new Error(`mock ${method} ${p} -> ${r.status}: ${text}`);
	try {
		return text ? JSON.parse(text) : undefined;
	} catch {
		return text;
	}
};

/**
 * The handle of a mock that printed its address.
 * @param {import('node:child_process').ChildProcess} child @param {any} info @param {() => string} stderr @param {() => ({ code: number | null, signal: NodeJS.Signals | null } | null)} exited @param {Promise<any>} exitPromise
 */
function mockHandle(child, info, stderr, exited, exitPromise) {
	const call = controlCall(info.url);
	return {
		url: info.url,
		tokenUrl: info.tokenUrl,
		info,
		process: child,
		stderr,
		getLog: () => call('GET', '/__mock/log'),
		resetLog: () => call('POST', '/__mock/reset-log', {}),
		expireTokens: () => call('POST', '/__mock/expire-tokens', {}),
		/** @param {unknown} fault */
		inject: (fault) => call('POST', '/__mock/inject', fault),
		/** Seeds calls (test/mock/cecMock.d.ts CecMockCallSeed); resolves them as the mock holds them. @param {unknown} calls */
		addCalls: (calls) => call('POST', '/__mock/calls', calls),
		/** From now on the call has this status (test/mock/cecMock.d.ts setCallStatus). @param {string} callUuid @param {number} status */
		setCallStatus: (callUuid, status) => call('POST', '/__mock/call-status', { call_uuid: callUuid, status }),
		/** Any other control endpoint of test/mock/cecMock.js (e.g. POST /__mock/items). */
		control: call,
		async stop(timeoutMs = 5000) {
			if (exited()) return exited();
			child.kill('SIGTERM');
			const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			const r = await exitPromise;
			clearTimeout(t);
			return r;
		},
	};
}

/** @param {{ port?: number, latency?: number | null, ak?: string, sk?: string, extraArgs?: string[] }} o */
function mockArgs({ port = 0, latency, ak, sk, extraArgs = [] }) {
	const args = [MOCK_CLI, '--port', String(port)];
	if (latency !== undefined && latency !== null) args.push('--latency', String(latency));
	if (ak) args.push('--ak', ak);
	if (sk) args.push('--sk', sk);
	return [...args, ...extraArgs];
}

/**
 * Spawn the strict CEC mock (test/mock/cecMock.js), by default on a free port. Options: { port, latency,
 * ak, sk, extraArgs (e.g. ['--lifetime-seconds', '86400']), nodeBin }. Resolves { url, tokenUrl, process, getLog(), resetLog(), expireTokens(),
 * inject(fault), stop() }.
 * @param {{ port?: number, latency?: number | null, ak?: string, sk?: string, extraArgs?: string[], nodeBin?: string, startTimeoutMs?: number }} [options]
 * @returns {Promise<ReturnType<typeof mockHandle>>}
 */
function startMockProcess({ nodeBin = process.execPath, startTimeoutMs = 30000, ...options } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, mockArgs(options), { stdio: ['pipe', 'pipe', 'pipe'], env: withoutProxyEnv() });
		let out = '';
		let err = '';
		let started = false;
		/** @type {{ code: number | null, signal: NodeJS.Signals | null } | null} */
		let exited = null;
		const fail = (/** @type {string} */ message) => {
			clearTimeout(timer);
			child.kill('SIGKILL');
			reject(new Error(message));
		};
		const exitPromise = new Promise((r) =>
			child.on('exit', (code, signal) => {
				exited = { code, signal };
				r(exited);
				if (!started) reject(new Error(`CEC mock exited before listening (${code ?? signal}):\n${err}${out}`));
			}),
		);
		const timer = setTimeout(() => !started && fail(`CEC mock did not print its address within ${startTimeoutMs} ms:\n${err}${out}`), startTimeoutMs);
		child.stderr.on('data', (d) => (err += d));
		child.on('error', (e) => (clearTimeout(timer), reject(e)));
		child.stdout.on('data', (d) => {
			out += d;
			const nl = out.indexOf('\n');
			if (started || nl < 0) return;
			let info;
			try {
				info = JSON.parse(out.slice(0, nl));
			} catch {
				return fail(`CEC mock printed something that is not its address: ${out.slice(0, nl)}`);
			}
			started = true;
			clearTimeout(timer);
			resolve(mockHandle(child, info, () => err, () => exited, exitPromise));
		});
	});
}

module.exports = { MOCK_CLI, mockCredential, startMockProcess };
