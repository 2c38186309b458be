// @ts-check
'use strict';
/**
 * Strict local mock of the Huawei Cloud CEC quality API: the AK/SK token exchange (`tokenByAkSk`) and
 * every business API of the package's endpoint table (nodes/HuaweiCecQuality/transport/endpoints.json),
 * each validated by its own rules as strictly as the package's API spec (sections 1–5) allows, so a
 * client that drifts from the documented wire format fails here and not in production. The route table is
 * cecMockRoutes.js; each resource's validators and handlers, and the business state (inspected calls,
 * review tasks, sampling plans), live in routes/.
 * Usable as a library (`startCecMock`) and as a CLI (see `runCli` at the bottom).
 *
 * Public types live in cecMock.d.ts; this file only adds the internal ones.
 */
const http = require('http');
const https = require('https');
const crypto = require('crypto');
const fs = require('fs');
const { createBackend } = require('./cecMockRoutes');
const { isPlainObject } = require('./cecMockSchema');

/** @typedef {import('./cecMock').CecMockOptions} CecMockOptions */
/** @typedef {import('./cecMock').CecMock} CecMock */
/** @typedef {import('./cecMock').CecMockLogEntry} CecMockLogEntry */
/** @typedef {import('./cecMock').CecMockCounters} CecMockCounters */
/** @typedef {import('./cecMock').CecMockFault} CecMockFault */
/** @typedef {import('./cecMock').CecMockLatency} CecMockLatency */
/** @typedef {import('./cecMock').CecMockBusinessKind} BusinessKind */
/** @typedef {CecMockLogEntry['kind']} EntryKind */
/** @typedef {import('./cecMockRoutes').Answer} Answer */
/** @typedef {import('./cecMockRoutes').Route} Route */
/** @typedef {{ expiresAtMs: number, uses: number, invalidReason?: string }} TokenRecord */
/** @typedef {{ fault: CecMockFault, remaining: number }} QueuedFault */

const TOKEN_PATH = '/apigovernance/api/oauth/tokenByAkSk';
const CONTROL_PREFIX = '/__mock/';

const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';
// A JSON media type, optionally with a UTF-8 charset: what the spec says clients send.
const JSON_CONTENT_TYPE_PATTERN = /^application\/json\s*(;\s*charset\s*=\s*("?)utf-8\2\s*)?$/i;
const OPERATOR_ID_PATTERN = /^\d{1,20}$/;
const MAX_BODY_BYTES = 1024 * 1024;

const DEFAULT_TOKEN_LIFETIME_S = 600;
const MAX_TOKEN_LIFETIME_S = 3600;
const DEFAULT_MAX_LIFETIME_MS = 30 * 60 * 1000;

const BAD_REQUEST_CODE = '0400001';
const UNAUTHORIZED_BODY = JSON.stringify({ resultCode: '0401001', resultDesc: 'unauthorized' });
const NOT_FOUND_BODY = JSON.stringify({ resultCode: '0404001', resultDesc: 'path not found' });

const FAULT_ACTIONS = ['reset', 'hang'];
const LOOPBACK_HOSTS = ['127.0.0.1', '::1'];

/* ------------------------------------------------------------------ helpers */

/**
 * Checks a fault description and fills in the default `times`; throws a TypeError naming the problem.
 * @param {unknown} fault
 * @param {string[]} faultKinds 'token' and every business kind
 * @returns {CecMockFault}
 */
function normalizeFault(fault, faultKinds) {
	if (!isPlainObject(fault)) throw new TypeError('fault must be an object');
	const allowed = ['kind', 'times', 'status', 'body', 'headers', 'action', 'afterProcessing'];
	const unknown = Object.keys(fault).filter((key) => !allowed.includes(key));
	if (unknown.length > 0) throw new TypeError(`unknown fault field(s): ${unknown.join(', ')}`);
	const { kind, times = 1, status, body, headers, action, afterProcessing } = fault;
	if (kind !== undefined && !faultKinds.includes(/** @type {string} */ (kind))) {
		throw new TypeError(`fault.kind must be one of ${faultKinds.join(', ')}`);
	}
	if (!Number.isInteger(times) || /** @type {number} */ (times) < 1) throw new TypeError('fault.times must be an integer >= 1');
	if ((status === undefined) === (action === undefined)) throw new TypeError('a fault needs exactly one of status or action');
	if (status !== undefined && (!Number.isInteger(status) || /** @type {number} */ (status) < 100 || /** @type {number} */ (status) > 599)) {
		throw new TypeError('fault.status must be an HTTP status code');
	}
	if (action !== undefined && !FAULT_ACTIONS.includes(/** @type {string} */ (action))) {
		throw new TypeError(`fault.action must be one of ${FAULT_ACTIONS.join(', ')}`);
	}
	if (body !== undefined && typeof body !== 'string') throw new TypeError('fault.body must be a string');
	if (headers !== undefined && !(isPlainObject(headers) && Object.values(headers).every((v) => typeof v === 'string'))) {
		throw new TypeError('fault.headers must map header names to strings');
	}
	if (afterProcessing !== undefined && (typeof afterProcessing !== 'boolean' || action === undefined)) {
		throw new TypeError('fault.afterProcessing is a boolean and only applies to an action');
	}
	return /** @type {CecMockFault} */ ({ ...fault, times });
}

/** @param {string | string[] | undefined} value */
function singleHeader(value) {
	return Array.isArray(value) ? value[0] : value;
}

/**
 * @param {string} raw
 * @returns {{ ok: true, value: unknown } | { ok: false }}
 */
function parseJson(raw) {
	try {
		return { ok: true, value: JSON.parse(raw) };
	} catch {
		return { ok: false };
	}
}

/** @param {string} resultDesc @returns {Answer} */
function badRequest(resultDesc) {
	return { status: 400, body: JSON.stringify({ resultCode: BAD_REQUEST_CODE, resultDesc }), reason: resultDesc };
}

/** @param {string} errorMsg @param {number} status @returns {Answer} */
function tokenError(status, errorMsg) {
	return { status, body: JSON.stringify({ error_code: `APIGW.0${status}`, error_msg: errorMsg }), reason: errorMsg };
}

/** @param {http.IncomingMessage} req @returns {Promise<Buffer>} */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/* ------------------------------------------------------------------ the server */

/**
 * @param {CecMockOptions} [options]
 * @returns {Promise<CecMock>}
 */
async function startCecMock(options = {}) {
	const host = options.host ?? '127.0.0.1';
	if (!LOOPBACK_HOSTS.includes(host)) throw new Error(`the CEC mock only listens on loopback (${LOOPBACK_HOSTS.join(' or ')}), not ${host}`);
	const accessKey = options.accessKey ?? 'test-ak';
	const secretKey = options.secretKey ?? 'test-sk-secret';
	const tokenLatencyMs = options.tokenLatencyMs ?? 0;
	const maxUsesPerToken = options.maxUsesPerToken ?? 0;
	const maxLifetimeMs = options.maxLifetimeMs ?? DEFAULT_MAX_LIFETIME_MS;
	/** @type {CecMockLatency} */
	let latency = options.latencyMs ?? 0;
	const backend = createBackend(options);
	const faultKinds = ['token', ...backend.kinds];

	/** @type {CecMockLogEntry[]} */
	const log = [];
	/** @type {CecMockCounters} */
	const counters = {
		tokenExchanges: 0, tokenRequests: 0, businessRequests: 0, unauthorized: 0,
		byKind: zeroByKind(), maxInFlight: 0, inFlight: 0,
	};
	/** @type {string[]} */
	const issuedTokens = [];
	/** @type {Map<string, TokenRecord>} */
	const tokens = new Map();
	/** @type {QueuedFault[]} */
	const faults = [];
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();
	/** @type {Set<NodeJS.Timeout>} */
	const timers = new Set();
	let seq = 0;
	let closing = false;

	/** @returns {Record<BusinessKind, number>} */
	function zeroByKind() {
		return /** @type {Record<BusinessKind, number>} */ (Object.fromEntries(backend.kinds.map((kind) => [kind, 0])));
	}

	/**
	 * The route for a request, or 'token', or undefined (answered 404): the path must match exactly,
	 * the method must be POST.
	 * @param {string | undefined} method
	 * @param {string} path
	 * @returns {Route | 'token' | undefined}
	 */
	function classify(method, path) {
		if (method !== 'POST') return undefined;
		if (path === TOKEN_PATH) return 'token';
		return backend.routesByPath.get(path);
	}

	/**
	 * @param {EntryKind} kind
	 * @returns {kind is BusinessKind}
	 */
	function isBusinessKind(kind) {
		return kind !== 'token' && kind !== 'unknown';
	}

	/** @param {string} reason */
	function invalidateAllTokens(reason) {
		for (const record of tokens.values()) record.invalidReason ??= reason;
	}

	/** Resolves after `ms`; the timer is cleared on close so a long latency cannot keep the process up. */
	function sleep(/** @type {number} */ ms) {
		if (!(ms > 0)) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve(undefined);
			}, ms);
			timers.add(timer);
		});
	}

	/** @param {EntryKind} kind */
	function takeFault(kind) {
		const index = faults.findIndex(({ fault }) => (fault.kind === undefined ? isBusinessKind(kind) : fault.kind === kind));
		if (index < 0) return undefined;
		const queued = faults[index];
		queued.remaining -= 1;
		if (queued.remaining === 0) faults.splice(index, 1);
		return queued.fault;
	}

	/** @param {http.IncomingMessage} req @param {CecMockLogEntry} entry @returns {Answer} */
	function issueToken(req, entry) {
		if (!JSON_CONTENT_TYPE_PATTERN.test(singleHeader(req.headers['content-type']) ?? '')) {
			return tokenError(400, 'Content-Type must be application/json');
		}
		const expireHeader = singleHeader(req.headers['x-token-expire']);
		const lifetimeS = expireHeader === undefined ? DEFAULT_TOKEN_LIFETIME_S : Number(expireHeader);
		if (expireHeader !== undefined && (!/^\d+$/.test(expireHeader) || lifetimeS < 1 || lifetimeS > MAX_TOKEN_LIFETIME_S)) {
			return tokenError(400, `X-Token-Expire must be an integer number of seconds from 1 to ${MAX_TOKEN_LIFETIME_S}`);
		}
		const body = entry.body;
		if (!isPlainObject(body)) return tokenError(400, 'body must be a JSON object {"app_key","app_secret"}');
		const unknown = Object.keys(body).filter((key) => key !== 'app_key' && key !== 'app_secret');
		if (unknown.length > 0) return tokenError(400, `unknown field(s): ${unknown.join(', ')}`);
		if (typeof body.app_key !== 'string' || typeof body.app_secret !== 'string') {
			return tokenError(400, 'app_key and app_secret must be strings');
		}
		// Never echo either secret: the message is the same whichever one is wrong.
		if (body.app_key !== accessKey || body.app_secret !== secretKey) return tokenError(401, 'invalid app_key or app_secret');

		if (options.revokeOnIssue) invalidateAllTokens('revoked by a newer token');
		const now = Date.now();
		const token = crypto.randomBytes(32).toString('hex');
		tokens.set(token, { expiresAtMs: now + lifetimeS * 1000, uses: 0 });
		issuedTokens.push(token);
		counters.tokenExchanges += 1;
		return {
			status: 200,
			body: JSON.stringify({
				AccessToken: token,
				ApplyType: 'Bearer',
				CreateTime: String(Math.floor(now / 1000)),
				Expires: String(lifetimeS),
				Scope: 'default',
				AppKey: accessKey,
				UserID: 'Anonymous',
			}),
		};
	}

	/**
	 * Returns why the call is unauthorized, or undefined (and counts one use of the token) when it is fine.
	 * @param {http.IncomingMessage} req
	 */
	function authorize(req) {
		const authorization = singleHeader(req.headers.authorization);
		if (authorization === undefined) return 'missing Authorization header';
		const match = /^Bearer ([^\s]+)$/.exec(authorization);
		if (!match) return 'Authorization must be "Bearer <token>" with exactly one space';
		const record = tokens.get(match[1]);
		if (!record) return 'unknown token';
		if (record.invalidReason) return `token ${record.invalidReason}`;
		if (Date.now() >= record.expiresAtMs) return 'token expired';
		if (maxUsesPerToken > 0 && record.uses >= maxUsesPerToken) return `token used ${maxUsesPerToken} times already`;
		const appKey = singleHeader(req.headers['x-app-key']);
		if (appKey === undefined) return 'missing x-app-key header';
		if (appKey !== accessKey) return 'x-app-key does not match the app key';
		record.uses += 1;
		return undefined;
	}

	/**
	 * Checks a business request in order — token, Content-Type, x-UserId where the route needs it, JSON,
	 * the route's body rules — then lets the route's handler answer.
	 * @param {http.IncomingMessage} req @param {CecMockLogEntry} entry @param {Route} route @returns {Answer}
	 */
	function handleBusiness(req, entry, route) {
		const unauthorized = authorize(req);
		if (unauthorized) return { status: 401, body: UNAUTHORIZED_BODY, reason: unauthorized };
		if (!JSON_CONTENT_TYPE_PATTERN.test(singleHeader(req.headers['content-type']) ?? '')) {
			return badRequest(`Content-Type must be application/json; charset=UTF-8, got ${JSON.stringify(req.headers['content-type'] ?? null)}`);
		}
		const operatorId = singleHeader(req.headers['x-userid']);
		if (route.operatorHeader && (operatorId === undefined || !OPERATOR_ID_PATTERN.test(operatorId))) {
			return badRequest(`header x-UserId must be the operator id as 1-20 digits, got ${JSON.stringify(operatorId ?? null)}`);
		}
		const parsed = parseJson(entry.rawBody);
		if (!parsed.ok) return badRequest('body is not valid JSON');
		const errors = route.validate(parsed.value);
		if (errors.length > 0) return badRequest(errors.join('; '));

		const answer = route.handle({ body: parsed.value, operatorId, nowMs: Date.now() });
		if (answer.status === 200 && !answer.failure) counters.byKind[route.kind] += 1;
		return answer;
	}

	/** @param {http.ServerResponse} res @param {CecMockLogEntry} entry @param {Answer} answer */
	function send(res, entry, answer) {
		res.setHeader('Content-Type', JSON_CONTENT_TYPE);
		for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
		res.writeHead(answer.status);
		res.end(answer.body);
		entry.status = answer.status;
		entry.response = answer.body;
		if (answer.reason !== undefined) entry.reason = answer.reason;
		if (isBusinessKind(entry.kind) && answer.status === 401) counters.unauthorized += 1;
	}

	/** @param {http.IncomingMessage} req @param {'reset' | 'hang'} action */
	function act(req, action) {
		if (action === 'reset') req.socket.destroy();
		// 'hang': leave the request unanswered; close() destroys its socket.
	}

	/** Serves the CLI's steering endpoints; they are neither logged nor counted. */
	async function handleControl(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res, /** @type {string} */ path) {
		const raw = (await readBody(req)).toString('utf8');
		/** @param {number} status @param {unknown} payload */
		const reply = (status, payload) => {
			res.writeHead(status, { 'Content-Type': JSON_CONTENT_TYPE });
			res.end(JSON.stringify(payload));
		};
		const route = `${req.method} ${path.slice(CONTROL_PREFIX.length)}`;
		if (route === 'GET log') return reply(200, { log, counters, issuedTokens, createdTaskIds: backend.createdTaskIds, createdPlanIds: backend.createdPlanIds });
		if (route === 'GET calls') return reply(200, { calls: mock.calls() });
		if (route === 'GET tasks') return reply(200, { tasks: mock.tasks() });
		if (route === 'GET plans') return reply(200, { plans: mock.plans() });
		if (route === 'GET items') return reply(200, { items: mock.items() });
		if (route === 'GET speech-tasks') return reply(200, { speechTasks: mock.speechTasks() });
		/** @type {Record<string, [string, (seeds: any) => unknown]>} */
		const seeders = {
			'POST calls': ['calls', mock.addCalls],
			'POST items': ['items', mock.addItems],
			'POST speech-tasks': ['speechTasks', mock.addSpeechTasks],
		};
		if (route in seeders) {
			const [field, seed] = seeders[route];
			const parsed = parseJson(raw);
			const value = parsed.ok ? parsed.value : undefined;
			try {
				return reply(200, { [field]: seed(isPlainObject(value) ? value[field] : value) });
			} catch (error) {
				return reply(400, { error: /** @type {Error} */ (error).message });
			}
		}
		if (route === 'POST call-status') {
			const parsed = parseJson(raw);
			try {
				return reply(200, { call: mock.setCallStatus(/** @type {{ call_uuid: string, status: number }} */ (parsed.ok ? parsed.value : undefined)) });
			} catch (error) {
				return reply(400, { error: /** @type {Error} */ (error).message });
			}
		}
		if (route === 'POST expire-tokens') {
			mock.expireTokens();
			return reply(200, { ok: true });
		}
		if (route === 'POST reset-log') {
			mock.resetLog();
			return reply(200, { ok: true });
		}
		if (route === 'POST inject') {
			const parsed = parseJson(raw);
			try {
				mock.inject(/** @type {CecMockFault} */ (parsed.ok ? parsed.value : undefined));
			} catch (error) {
				return reply(400, { error: /** @type {Error} */ (error).message });
			}
			return reply(200, { ok: true });
		}
		return reply(404, { error: `no control endpoint ${route}` });
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	async function handle(req, res) {
		const path = (req.url ?? '').split('?')[0];
		if (options.controlEndpoints && path.startsWith(CONTROL_PREFIX)) return handleControl(req, res, path);

		const target = classify(req.method, path);
		const kind = target === undefined ? 'unknown' : target === 'token' ? 'token' : target.kind;
		/** @type {CecMockLogEntry} */
		const entry = {
			seq: ++seq, startedAt: Date.now(), finishedAt: undefined, method: req.method ?? '', path: req.url ?? '',
			headers: { ...req.headers }, rawBody: '', body: undefined, kind, token: undefined, status: 0, response: '',
		};
		log.push(entry);
		const business = isBusinessKind(kind);
		if (kind === 'token') counters.tokenRequests += 1;
		if (business) {
			counters.businessRequests += 1;
			counters.inFlight += 1;
			counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
		}
		// 'close' fires once the answer is sent or the socket dies (reset, hang then close, client abort).
		res.on('close', () => {
			entry.finishedAt = Date.now();
			if (business) counters.inFlight -= 1;
			if (options.logFile) fs.appendFileSync(options.logFile, `${JSON.stringify(entry)}\n`);
		});

		const raw = await readBody(req);
		if (raw.length > MAX_BODY_BYTES) return send(res, entry, badRequest('body too large'));
		entry.rawBody = raw.toString('utf8');
		const parsed = parseJson(entry.rawBody);
		if (parsed.ok) entry.body = parsed.value;
		const bearer = /^Bearer (.+)$/.exec(singleHeader(req.headers.authorization) ?? '');
		if (bearer) entry.token = bearer[1];

		// Faults are claimed on arrival, so "the next matching request" means the next one to arrive.
		const fault = target === undefined ? undefined : takeFault(kind);
		if (fault) entry.fault = fault;
		if (kind === 'token') await sleep(tokenLatencyMs);
		if (business) await sleep(typeof latency === 'function' ? latency(entry) : latency);
		if (closing) return undefined;

		if (fault?.action && !fault.afterProcessing) return act(req, fault.action);
		if (fault?.status !== undefined) return send(res, entry, { status: fault.status, body: fault.body ?? '', headers: fault.headers });

		let answer;
		if (target === 'token') answer = issueToken(req, entry);
		else if (target !== undefined) answer = handleBusiness(req, entry, target);
		else answer = { status: 404, body: NOT_FOUND_BODY, reason: `no ${req.method} ${path}` };

		if (fault?.action) return act(req, fault.action);
		return send(res, entry, answer);
	}

	const onRequest = (/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) => {
		handle(req, res).catch((error) => {
			// A bug in the mock itself: make it loud instead of leaving the client waiting.
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': JSON_CONTENT_TYPE });
				res.end(JSON.stringify({ resultCode: '0500000', resultDesc: `cec mock error: ${error && error.message}` }));
			}
		});
	};
	const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : http.createServer(onRequest);
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const closed = new Promise((resolve) => server.once('close', () => resolve(undefined)));

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const lifetimeTimer = setTimeout(() => void mock.close(), maxLifetimeMs);
	lifetimeTimer.unref();

	const address = /** @type {import('net').AddressInfo} */ (server.address());
	const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

	/** @type {CecMock} */
	const mock = {
		url,
		port: address.port,
		tokenUrl: `${url}${TOKEN_PATH}`,
		log,
		counters,
		issuedTokens,
		createdTaskIds: backend.createdTaskIds,
		createdPlanIds: backend.createdPlanIds,
		closed,
		expireTokens: () => invalidateAllTokens('expired'),
		inject(fault) {
			const normalized = normalizeFault(fault, faultKinds);
			faults.push({ fault: normalized, remaining: /** @type {number} */ (normalized.times) });
		},
		setLatency(msOrFn) {
			latency = msOrFn;
		},
		resetLog() {
			log.length = 0;
			Object.assign(counters, { tokenExchanges: 0, tokenRequests: 0, businessRequests: 0, unauthorized: 0 });
			Object.assign(counters.byKind, zeroByKind());
			// Requests still in flight stay counted, or inFlight would go negative when they finish.
			counters.maxInFlight = counters.inFlight;
		},
		addCalls: (calls) => backend.addCalls(calls),
		setCallStatus: (change) => backend.setCallStatus(change),
		calls: () => backend.listCalls(),
		tasks: () => backend.listTasks(),
		plans: () => backend.listPlans(),
		addItems: (items) => backend.addItems(items),
		items: () => backend.listItems(),
		addSpeechTasks: (tasks) => backend.addSpeechTasks(tasks),
		speechTasks: () => backend.listSpeechTasks(),
		close() {
			if (!closing) {
				closing = true;
				clearTimeout(lifetimeTimer);
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
				server.close();
				for (const socket of sockets) socket.destroy();
			}
			return closed;
		},
	};
	return mock;
}

/* ------------------------------------------------------------------ CLI */

const USAGE = 'usage: node test/mock/cecMock.js [--port N] [--latency MS] [--ak X] [--sk Y] [--revoke-on-issue] '
	+ '[--max-uses N] [--unquoted-ids] [--inspecting-after MS] [--done-after MS] [--speech-not-ready-polls N] [--tenant-utc-offset MINUTES] '
	+ '[--lifetime-seconds S] [--log-file PATH]';

/**
 * @param {string[]} argv
 * @returns {CecMockOptions}
 */
function parseCliArgs(argv) {
	/** @type {CecMockOptions} */
	const options = { controlEndpoints: true, maxLifetimeMs: 3600 * 1000 };
	const args = [...argv];
	/** @param {string} flag */
	const value = (flag) => {
		const next = args.shift();
		if (next === undefined) throw new Error(`${flag} needs a value`);
		return next;
	};
	/** @param {string} flag @param {number} min */
	const integer = (flag, min) => {
		const text = value(flag);
		const number = Number(text);
		if (!/^\d+$/.test(text) || number < min) throw new Error(`${flag} must be an integer >= ${min}, got ${text}`);
		return number;
	};
	while (args.length > 0) {
		const flag = /** @type {string} */ (args.shift());
		if (flag === '--port') options.port = integer(flag, 0);
		else if (flag === '--latency') options.latencyMs = integer(flag, 0);
		else if (flag === '--ak') options.accessKey = value(flag);
		else if (flag === '--sk') options.secretKey = value(flag);
		else if (flag === '--revoke-on-issue') options.revokeOnIssue = true;
		else if (flag === '--max-uses') options.maxUsesPerToken = integer(flag, 0);
		else if (flag === '--unquoted-ids') options.unquotedIds = true;
		else if (flag === '--inspecting-after') options.inspection = { ...options.inspection, inspectingAfterMs: integer(flag, 0) };
		else if (flag === '--done-after') options.inspection = { ...options.inspection, doneAfterMs: integer(flag, 0) };
		else if (flag === '--speech-not-ready-polls') options.speechToText = { notReadyPolls: integer(flag, 0) };
		else if (flag === '--tenant-utc-offset') {
			const text = value(flag);
			if (!/^[+-]?\d{1,3}$/.test(text)) throw new Error(`${flag} must be an integer number of minutes, got ${text}`);
			options.tenantUtcOffsetMinutes = Number(text);
		}
		else if (flag === '--lifetime-seconds') options.maxLifetimeMs = integer(flag, 1) * 1000;
		else if (flag === '--log-file') options.logFile = value(flag);
		else throw new Error(`unknown argument ${flag}`);
	}
	return options;
}

/** True when stdin is a pipe or socket from a parent process, whose closing means "stop". */
function stdinIsPipe() {
	try {
		const stat = fs.fstatSync(0);
		return stat.isFIFO() || stat.isSocket();
	} catch {
		return false;
	}
}

/** @param {string[]} argv */
async function runCli(argv) {
	let options;
	try {
		options = parseCliArgs(argv);
	} catch (error) {
		process.stderr.write(`${/** @type {Error} */ (error).message}\n${USAGE}\n`);
		process.exit(2);
	}
	let mock;
	try {
		mock = await startCecMock(options);
	} catch (error) {
		if (!(error instanceof TypeError)) throw error;
		// A bad combination of options (e.g. --done-after below --inspecting-after).
		process.stderr.write(`${error.message}\n${USAGE}\n`);
		process.exit(2);
	}
	process.stdout.write(`${JSON.stringify({ url: mock.url, tokenUrl: mock.tokenUrl })}\n`);
	const stop = () => void mock.close();
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
	if (stdinIsPipe()) process.stdin.on('end', stop).on('close', stop).resume();
	await mock.closed;
	// Exit explicitly: the stdin reader would otherwise keep the process alive.
	process.exit(0);
}

if (require.main === module) {
	runCli(process.argv.slice(2)).catch((error) => {
		process.stderr.write(`cec mock failed: ${error && error.stack}\n`);
		process.exit(1);
	});
}

module.exports = { startCecMock };
