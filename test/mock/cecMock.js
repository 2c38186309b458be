// @ts-check
'use strict';
/**
 * Strict local mock of the Huawei Cloud CEC quality API: the AK/SK token exchange (`tokenByAkSk`),
 * `qualityInspect` and `createQualityTask`, validated as strictly as the API facts in the package's spec
 * (sections 1–4) allow, so a client that drifts from the documented wire format fails here and not in
 * production. Usable as a library (`startCecMock`) and as a CLI (see `runCli` at the bottom).
 *
 * Public types live in cecMock.d.ts; this file only adds the internal ones.
 */
const http = require('http');
const https = require('https');
const crypto = require('crypto');
const fs = require('fs');

/** @typedef {import('./cecMock').CecMockOptions} CecMockOptions */
/** @typedef {import('./cecMock').CecMock} CecMock */
/** @typedef {import('./cecMock').CecMockLogEntry} CecMockLogEntry */
/** @typedef {import('./cecMock').CecMockCounters} CecMockCounters */
/** @typedef {import('./cecMock').CecMockFault} CecMockFault */
/** @typedef {import('./cecMock').CecMockLatency} CecMockLatency */
/** @typedef {CecMockLogEntry['kind']} EntryKind */
/** @typedef {'qualityInspect' | 'createQualityTask'} BusinessKind */
/** @typedef {{ status: number, body: string, headers?: Record<string, string>, reason?: string }} Answer */
/** @typedef {{ expiresAtMs: number, uses: number, invalidReason?: string }} TokenRecord */
/** @typedef {{ fault: CecMockFault, remaining: number }} QueuedFault */

const TOKEN_PATH = '/apigovernance/api/oauth/tokenByAkSk';
const QUALITY_INSPECT_PATH = '/apiaccess/CCISQM/rest/ccisqm/v1/openapi/qualityInspect';
const CREATE_QUALITY_TASK_PATH = '/apiaccess/CCSQM/rest/ccisqm/v1/qualitytask/createQualityTask';
const CONTROL_PREFIX = '/__mock/';

const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';
// A JSON media type, optionally with a UTF-8 charset: what the spec says clients send.
const JSON_CONTENT_TYPE_PATTERN = /^application\/json\s*(;\s*charset\s*=\s*("?)utf-8\2\s*)?$/i;
const MAX_BODY_BYTES = 1024 * 1024;

const DEFAULT_TOKEN_LIFETIME_S = 600;
const MAX_TOKEN_LIFETIME_S = 3600;
const DEFAULT_MAX_LIFETIME_MS = 30 * 60 * 1000;

const INSPECT_SUCCESS_CODE = '1010200';
const TASK_SUCCESS_CODE = '0409000';
const BAD_REQUEST_CODE = '0400001';
const UNAUTHORIZED_BODY = JSON.stringify({ resultCode: '0401001', resultDesc: 'unauthorized' });
const NOT_FOUND_BODY = JSON.stringify({ resultCode: '0404001', resultDesc: 'path not found' });

// Task ids are the documented example's first 13 digits plus a 7-digit counter that starts at the
// example's own suffix: 20 digits, far above 2^53, so a client that lets them pass through a JS number
// visibly corrupts them (neighbouring ids collapse to the same double).
const TASK_ID_PREFIX = '1623924502740';
const FIRST_TASK_ID_COUNTER = 6915901;

const LANGUAGES = ['zh_CN', 'en_US'];
const ROLES = ['qualityDirector', 'qualityGroupLeader', 'qualityInspector', 'tableDirector', 'tableGroupLeader', 'tableStaff'];
const INSPECT_FIELDS = ['language', 'voiceFilePath', 'agentId', 'beginTime', 'endTime'];
const TASK_FIELDS = ['customColumns', 'currentRole', 'startTimeMillis', 'endTimeMillis', 'fixedColumns', 'qualityTask'];
const TASK_REQUIRED_FIELDS = ['currentRole', 'fixedColumns', 'qualityTask'];
const FIXED_COLUMN_FIELDS = [
	'qualityType', 'qualityNum', 'interactionType', 'maxNum', 'qualityCondition',
	'scoreStart', 'scoreEnd', 'durationStart', 'durationEnd', 'staffIds',
];
const FIXED_COLUMN_REQUIRED_FIELDS = ['qualityType', 'qualityNum', 'interactionType'];
const WALL_CLOCK_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
// Epoch seconds stay below 1e11 until the year 5138; anything larger is almost surely milliseconds.
const MAX_EPOCH_SECONDS = 1e11;
const MAX_PLAN_NAME_CHARS = 32;
const MAX_DURATION_S = 100000000;
const MAX_SAMPLE_COUNT = 10000;

const FAULT_KINDS = ['token', 'qualityInspect', 'createQualityTask'];
const FAULT_ACTIONS = ['reset', 'hang'];
const LOOPBACK_HOSTS = ['127.0.0.1', '::1'];

/* ------------------------------------------------------------------ validation helpers */

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} value */
function typeName(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/**
 * @param {Record<string, unknown>} object
 * @param {string} key
 */
function has(object, key) {
	return Object.prototype.hasOwnProperty.call(object, key);
}

/** @param {unknown} value */
function isNonNegativeInteger(value) {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Reports unknown and missing keys, naming each with its dotted path.
 * @param {Record<string, unknown>} object
 * @param {string} prefix
 * @param {string[]} allowed
 * @param {string[]} required
 * @param {string[]} errors
 */
function checkKeySet(object, prefix, allowed, required, errors) {
	for (const key of Object.keys(object)) {
		if (!allowed.includes(key)) errors.push(`unknown field ${prefix}${key}`);
	}
	for (const key of required) {
		if (!has(object, key)) errors.push(`missing field ${prefix}${key}`);
	}
}

/**
 * Checks an optional-or-required integer field against a fixed set of allowed numbers.
 * @param {Record<string, unknown>} object
 * @param {string} prefix
 * @param {string} key
 * @param {number[]} allowed
 * @param {string[]} errors
 */
function checkIntegerChoice(object, prefix, key, allowed, errors) {
	if (!has(object, key)) return;
	const value = object[key];
	if (typeof value !== 'number' || !allowed.includes(value)) {
		errors.push(`${prefix}${key} must be one of the JSON numbers ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
	}
}

/**
 * Returns the integer when the field is a valid integer in range, else records an error.
 * @param {Record<string, unknown>} object
 * @param {string} prefix
 * @param {string} key
 * @param {number} max
 * @param {string[]} errors
 * @returns {number | undefined}
 */
function checkIntegerRange(object, prefix, key, max, errors) {
	if (!has(object, key)) return undefined;
	const value = object[key];
	if (!isNonNegativeInteger(value) || /** @type {number} */ (value) > max) {
		errors.push(`${prefix}${key} must be an integer JSON number from 0 to ${max}, got ${JSON.stringify(value)}`);
		return undefined;
	}
	return /** @type {number} */ (value);
}

/**
 * The four sample/score fields travel as decimal strings (see the spec's ruling on wire types).
 * Returns the numeric value when valid.
 * @param {Record<string, unknown>} object
 * @param {string} prefix
 * @param {string} key
 * @param {{ min: number, max: number, allowFraction: boolean }} rule
 * @param {string[]} errors
 * @returns {number | undefined}
 */
function checkDecimalString(object, prefix, key, rule, errors) {
	if (!has(object, key)) return undefined;
	const value = object[key];
	if (typeof value !== 'string') {
		errors.push(`${prefix}${key} must be a decimal string (e.g. "10"), got ${typeName(value)} ${JSON.stringify(value)}`);
		return undefined;
	}
	const pattern = rule.allowFraction ? /^\d+(\.\d+)?$/ : /^\d+$/;
	const number = Number(value);
	if (!pattern.test(value) || number < rule.min || number > rule.max) {
		errors.push(`${prefix}${key} must be a decimal string from ${rule.min} to ${rule.max}, got ${JSON.stringify(value)}`);
		return undefined;
	}
	return number;
}

/**
 * @param {string} field
 * @param {number | undefined} start
 * @param {string} endField
 * @param {number | undefined} end
 * @param {string[]} errors
 */
function checkOrdered(field, start, endField, end, errors) {
	if (start !== undefined && end !== undefined && end < start) errors.push(`${endField} must not be before ${field}`);
}

/**
 * `yyyy-MM-dd HH:mm:ss` naming a real calendar instant. Returns the value when valid.
 * @param {Record<string, unknown>} object
 * @param {string} key
 * @param {string[]} errors
 * @returns {string | undefined}
 */
function checkWallClock(object, key, errors) {
	if (!has(object, key)) return undefined;
	const value = object[key];
	const match = typeof value === 'string' ? WALL_CLOCK_PATTERN.exec(value) : null;
	if (!match) {
		errors.push(`${key} must be a string formatted yyyy-MM-dd HH:mm:ss, got ${JSON.stringify(value)}`);
		return undefined;
	}
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
		errors.push(`${key} is not a real date and time: ${JSON.stringify(value)}`);
		return undefined;
	}
	return /** @type {string} */ (value);
}

/**
 * @param {unknown} body
 * @returns {string[]} what is wrong, one message per problem, each naming its field
 */
function validateQualityInspect(body) {
	if (!isPlainObject(body)) return [`body must be a JSON object, got ${typeName(body)}`];
	const errors = /** @type {string[]} */ ([]);
	checkKeySet(body, '', INSPECT_FIELDS, INSPECT_FIELDS, errors);
	if (has(body, 'language') && !LANGUAGES.includes(/** @type {string} */ (body.language))) {
		errors.push(`language must be "zh_CN" or "en_US", got ${JSON.stringify(body.language)}`);
	}
	if (has(body, 'voiceFilePath') && (typeof body.voiceFilePath !== 'string' || body.voiceFilePath === '')) {
		errors.push(`voiceFilePath must be a non-empty string, got ${JSON.stringify(body.voiceFilePath)}`);
	}
	if (has(body, 'agentId') && !isNonNegativeInteger(body.agentId)) {
		errors.push(`agentId must be an integer JSON number >= 0, got ${typeName(body.agentId)} ${JSON.stringify(body.agentId)}`);
	}
	const beginTime = checkWallClock(body, 'beginTime', errors);
	const endTime = checkWallClock(body, 'endTime', errors);
	// The fixed-width format sorts lexicographically in time order.
	if (beginTime !== undefined && endTime !== undefined && endTime < beginTime) {
		errors.push('endTime must not be before beginTime');
	}
	return errors;
}

/**
 * @param {unknown} body
 * @returns {string[]} what is wrong, one message per problem, each naming its field
 */
function validateCreateQualityTask(body) {
	if (!isPlainObject(body)) return [`body must be a JSON object, got ${typeName(body)}`];
	const errors = /** @type {string[]} */ ([]);
	checkKeySet(body, '', TASK_FIELDS, TASK_REQUIRED_FIELDS, errors);
	if (has(body, 'currentRole') && !ROLES.includes(/** @type {string} */ (body.currentRole))) {
		errors.push(`currentRole must be one of ${ROLES.join(', ')}, got ${JSON.stringify(body.currentRole)}`);
	}

	/** @type {Record<string, number | undefined>} */
	const window = {};
	for (const key of ['startTimeMillis', 'endTimeMillis']) {
		if (!has(body, key)) continue;
		const value = body[key];
		if (!isNonNegativeInteger(value)) {
			errors.push(`${key} must be an integer JSON number of epoch seconds, got ${typeName(value)} ${JSON.stringify(value)}`);
		} else if (/** @type {number} */ (value) > MAX_EPOCH_SECONDS) {
			errors.push(`${key} looks like milliseconds (${value}); the API expects epoch seconds`);
		} else {
			window[key] = /** @type {number} */ (value);
		}
	}
	checkOrdered('startTimeMillis', window.startTimeMillis, 'endTimeMillis', window.endTimeMillis, errors);

	if (has(body, 'fixedColumns')) {
		const columns = body.fixedColumns;
		if (!isPlainObject(columns)) {
			errors.push(`fixedColumns must be a JSON object, got ${typeName(columns)}`);
		} else {
			const p = 'fixedColumns.';
			checkKeySet(columns, p, FIXED_COLUMN_FIELDS, FIXED_COLUMN_REQUIRED_FIELDS, errors);
			checkIntegerChoice(columns, p, 'qualityType', [1, 2, 3], errors);
			// Documented as "> 1"; read as "at least one sample".
			checkDecimalString(columns, p, 'qualityNum', { min: 1, max: MAX_SAMPLE_COUNT, allowFraction: false }, errors);
			checkIntegerChoice(columns, p, 'interactionType', [0, 2], errors);
			checkDecimalString(columns, p, 'maxNum', { min: 0, max: MAX_SAMPLE_COUNT, allowFraction: false }, errors);
			checkIntegerChoice(columns, p, 'qualityCondition', [0, 1, 2], errors);
			const scoreStart = checkDecimalString(columns, p, 'scoreStart', { min: 0, max: MAX_SAMPLE_COUNT, allowFraction: true }, errors);
			const scoreEnd = checkDecimalString(columns, p, 'scoreEnd', { min: 0, max: MAX_SAMPLE_COUNT, allowFraction: true }, errors);
			checkOrdered('fixedColumns.scoreStart', scoreStart, 'fixedColumns.scoreEnd', scoreEnd, errors);
			const durationStart = checkIntegerRange(columns, p, 'durationStart', MAX_DURATION_S, errors);
			const durationEnd = checkIntegerRange(columns, p, 'durationEnd', MAX_DURATION_S, errors);
			checkOrdered('fixedColumns.durationStart', durationStart, 'fixedColumns.durationEnd', durationEnd, errors);
			if (has(columns, 'staffIds') && !(Array.isArray(columns.staffIds) && columns.staffIds.every((id) => typeof id === 'string'))) {
				errors.push(`fixedColumns.staffIds must be an array of strings, got ${JSON.stringify(columns.staffIds)}`);
			}
		}
	}

	if (has(body, 'qualityTask')) {
		const task = body.qualityTask;
		if (!isPlainObject(task)) {
			errors.push(`qualityTask must be a JSON object, got ${typeName(task)}`);
		} else {
			checkKeySet(task, 'qualityTask.', ['planName'], ['planName'], errors);
			const planName = task.planName;
			// Count characters (code points), not UTF-16 units: names are often Chinese.
			if (has(task, 'planName') && (typeof planName !== 'string' || planName === '' || [...planName].length > MAX_PLAN_NAME_CHARS)) {
				errors.push(`qualityTask.planName must be a non-empty string of at most ${MAX_PLAN_NAME_CHARS} characters, got ${JSON.stringify(planName)}`);
			}
		}
	}

	if (has(body, 'customColumns') && body.customColumns !== null && !isPlainObject(body.customColumns)) {
		errors.push(`customColumns must be a JSON object or null, got ${typeName(body.customColumns)}`);
	}
	return errors;
}

/**
 * Checks a fault description and fills in the default `times`; throws a TypeError naming the problem.
 * @param {unknown} fault
 * @returns {CecMockFault}
 */
function normalizeFault(fault) {
	if (!isPlainObject(fault)) throw new TypeError('fault must be an object');
	const allowed = ['kind', 'times', 'status', 'body', 'headers', 'action', 'afterProcessing'];
	const unknown = Object.keys(fault).filter((key) => !allowed.includes(key));
	if (unknown.length > 0) throw new TypeError(`unknown fault field(s): ${unknown.join(', ')}`);
	const { kind, times = 1, status, body, headers, action, afterProcessing } = fault;
	if (kind !== undefined && !FAULT_KINDS.includes(/** @type {string} */ (kind))) {
		throw new TypeError(`fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
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

/**
 * @param {string | undefined} method
 * @param {string} path
 * @returns {EntryKind}
 */
function classify(method, path) {
	if (method !== 'POST') return 'unknown';
	if (path === TOKEN_PATH) return 'token';
	if (path === QUALITY_INSPECT_PATH) return 'qualityInspect';
	if (path === CREATE_QUALITY_TASK_PATH) return 'createQualityTask';
	return 'unknown';
}

/**
 * @param {EntryKind} kind
 * @returns {kind is BusinessKind}
 */
function isBusinessKind(kind) {
	return kind === 'qualityInspect' || kind === 'createQualityTask';
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

	/** @type {CecMockLogEntry[]} */
	const log = [];
	/** @type {CecMockCounters} */
	const counters = {
		tokenExchanges: 0, tokenRequests: 0, businessRequests: 0, unauthorized: 0,
		byKind: { qualityInspect: 0, createQualityTask: 0 }, maxInFlight: 0, inFlight: 0,
	};
	/** @type {string[]} */
	const issuedTokens = [];
	/** @type {string[]} */
	const createdTaskIds = [];
	/** @type {Map<string, TokenRecord>} */
	const tokens = new Map();
	/** @type {QueuedFault[]} */
	const faults = [];
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();
	/** @type {Set<NodeJS.Timeout>} */
	const timers = new Set();
	let seq = 0;
	let taskIdCounter = FIRST_TASK_ID_COUNTER;
	let closing = false;

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

	/** @param {http.IncomingMessage} req @param {CecMockLogEntry} entry @param {BusinessKind} kind @returns {Answer} */
	function handleBusiness(req, entry, kind) {
		const unauthorized = authorize(req);
		if (unauthorized) return { status: 401, body: UNAUTHORIZED_BODY, reason: unauthorized };
		if (!JSON_CONTENT_TYPE_PATTERN.test(singleHeader(req.headers['content-type']) ?? '')) {
			return badRequest(`Content-Type must be application/json; charset=UTF-8, got ${JSON.stringify(req.headers['content-type'] ?? null)}`);
		}
		if (kind === 'createQualityTask') {
			const userId = singleHeader(req.headers['x-userid']);
			if (userId === undefined || !/^\d{1,20}$/.test(userId)) {
				return badRequest(`header x-UserId must be the operator id as 1-20 digits, got ${JSON.stringify(userId ?? null)}`);
			}
		}
		const parsed = parseJson(entry.rawBody);
		if (!parsed.ok) return badRequest('body is not valid JSON');
		const errors = kind === 'qualityInspect' ? validateQualityInspect(parsed.value) : validateCreateQualityTask(parsed.value);
		if (errors.length > 0) return badRequest(errors.join('; '));

		counters.byKind[kind] += 1;
		if (kind === 'qualityInspect') {
			return {
				status: 200,
				body: JSON.stringify({ resultCode: INSPECT_SUCCESS_CODE, call_uuid: crypto.randomUUID(), resultDesc: 'success' }),
			};
		}
		const taskId = TASK_ID_PREFIX + String(taskIdCounter++).padStart(7, '0');
		createdTaskIds.push(taskId);
		const idLiteral = options.unquotedIds ? taskId : JSON.stringify(taskId);
		// Written by hand so the id can appear as an unquoted 20-digit literal, as some deployments print it.
		return { status: 200, body: `{"qualityTaskId":${idLiteral},"resultCode":"${TASK_SUCCESS_CODE}","resultDesc":"操作成功"}` };
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
		if (route === 'GET log') return reply(200, { log, counters, issuedTokens, createdTaskIds });
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

		const kind = classify(req.method, path);
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
		const fault = kind === 'unknown' ? undefined : takeFault(kind);
		if (fault) entry.fault = fault;
		if (kind === 'token') await sleep(tokenLatencyMs);
		if (business) await sleep(typeof latency === 'function' ? latency(entry) : latency);
		if (closing) return undefined;

		if (fault?.action && !fault.afterProcessing) return act(req, fault.action);
		if (fault?.status !== undefined) return send(res, entry, { status: fault.status, body: fault.body ?? '', headers: fault.headers });

		let answer;
		if (kind === 'token') answer = issueToken(req, entry);
		else if (business) answer = handleBusiness(req, entry, kind);
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
		createdTaskIds,
		closed,
		expireTokens: () => invalidateAllTokens('expired'),
		inject(fault) {
			const normalized = normalizeFault(fault);
			faults.push({ fault: normalized, remaining: /** @type {number} */ (normalized.times) });
		},
		setLatency(msOrFn) {
			latency = msOrFn;
		},
		resetLog() {
			log.length = 0;
			Object.assign(counters, { tokenExchanges: 0, tokenRequests: 0, businessRequests: 0, unauthorized: 0 });
			counters.byKind.qualityInspect = 0;
			counters.byKind.createQualityTask = 0;
			// Requests still in flight stay counted, or inFlight would go negative when they finish.
			counters.maxInFlight = counters.inFlight;
		},
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
	+ '[--max-uses N] [--unquoted-ids] [--lifetime-seconds S] [--log-file PATH]';

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
	const mock = await startCecMock(options);
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
