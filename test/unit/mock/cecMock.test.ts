/** Tests of the strict CEC mock itself: other suites trust it to reject what the real API would. */
import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import * as https from 'https';
import { tmpdir } from 'os';
import * as path from 'path';
import ENDPOINTS from '../../../nodes/HuaweiCecQuality/transport/endpoints.json';
import {
	startCecMock, type CecMock, type CecMockBusinessKind, type CecMockCounters, type CecMockLogEntry, type CecMockOptions,
} from '../../mock/cecMock';
import { mockClient } from '../../mock/cecMockClient';

const AK = 'test-ak';
const SK = 'test-sk-secret';
const INSPECT_PATH = '/apiaccess/CCISQM/rest/ccisqm/v1/openapi/qualityInspect';
const CREATE_TASK_PATH = '/apiaccess/CCSQM/rest/ccisqm/v1/qualitytask/createQualityTask';
const OPERATOR_ID = '1611917095665261978';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// The two documented request examples (spec sections 3 and 4), byte for byte.
const DOCUMENTED_INSPECT_BODY =
	'{"language":"zh_CN","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1118\\\\0951044.V3","agentId":1118,"beginTime":"2021-02-01 09:51:07","endTime":"2021-02-01 09:57:57"}';
const DOCUMENTED_TASK_BODY =
	'{"customColumns":null,"currentRole":"qualityDirector","startTimeMillis":1683808058,"endTimeMillis":1683894458,"fixedColumns":{"maxNum":"10","qualityCondition":0,"qualityNum":"100","qualityType":1,"scoreStart":"10","scoreEnd":"120","staffIds":[],"interactionType":2},"qualityTask":{"planName":"234"}}';

const mocks: CecMock[] = [];
async function start(options: CecMockOptions = {}): Promise<CecMock> {
	const mock = await startCecMock(options);
	mocks.push(mock);
	return mock;
}
afterEach(async () => {
	await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

async function requestToken(mock: CecMock, body: unknown = { app_key: AK, app_secret: SK }, headers: Record<string, string> = {}) {
	const response = await fetch(mock.tokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, headers: response.headers, text: await response.text() };
}

async function token(mock: CecMock, headers: Record<string, string> = {}): Promise<string> {
	const answer = await requestToken(mock, undefined, headers);
	expect(answer.status).toBe(200);
	return JSON.parse(answer.text).AccessToken;
}

function businessHeaders(accessToken: string, extra: Record<string, string> = {}): Record<string, string> {
	return {
		Authorization: `Bearer ${accessToken}`,
		'x-app-key': AK,
		'Content-Type': 'application/json; charset=UTF-8',
		...extra,
	};
}

async function post(mock: CecMock, apiPath: string, body: unknown, headers: Record<string, string>) {
	const response = await fetch(mock.url + apiPath, {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, headers: response.headers, text: await response.text() };
}

const inspect = (mock: CecMock, accessToken: string, body: unknown = DOCUMENTED_INSPECT_BODY) =>
	post(mock, INSPECT_PATH, body, businessHeaders(accessToken));
const createTask = (mock: CecMock, accessToken: string, body: unknown = DOCUMENTED_TASK_BODY) =>
	post(mock, CREATE_TASK_PATH, body, businessHeaders(accessToken, { 'x-UserId': OPERATOR_ID }));

/** counters.byKind with every business kind of the endpoint table at 0. */
const NO_CALLS = Object.fromEntries(Object.keys(ENDPOINTS).map((kind) => [kind, 0]));

const lastEntry = (mock: CecMock) => mock.log[mock.log.length - 1];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await sleep(10);
	}
}

describe('token endpoint', () => {
	it('issues an all-string token answer for the right AK/SK and logs the exchange', async () => {
		const mock = await start();
		const before = Math.floor(Date.now() / 1000);
		const answer = await requestToken(mock);

		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
		const body = JSON.parse(answer.text);
		expect(Object.keys(body).sort()).toEqual(['AccessToken', 'AppKey', 'ApplyType', 'CreateTime', 'Expires', 'Scope', 'UserID']);
		for (const value of Object.values(body)) expect(typeof value).toBe('string');
		expect(body).toMatchObject({ ApplyType: 'Bearer', Expires: '600', AppKey: AK, UserID: 'Anonymous' });
		expect(body.AccessToken).toMatch(/^[0-9a-f]{32,}$/);
		expect(Number(body.CreateTime)).toBeGreaterThanOrEqual(before);
		expect(mock.issuedTokens).toEqual([body.AccessToken]);
		expect(mock.counters).toMatchObject({ tokenExchanges: 1, tokenRequests: 1, businessRequests: 0 });
		expect(mock.log[0]).toMatchObject({ seq: 1, kind: 'token', method: 'POST', status: 200, body: { app_key: AK, app_secret: SK } });
	});

	it('echoes X-Token-Expire and rejects lifetimes outside 1..3600', async () => {
		const mock = await start();
		const answer = await requestToken(mock, undefined, { 'X-Token-Expire': '3600' });
		expect(JSON.parse(answer.text).Expires).toBe('3600');
		for (const bad of ['0', '3601', 'abc', '1.5', '-5']) {
			expect((await requestToken(mock, undefined, { 'X-Token-Expire': bad })).status).toBe(400);
		}
		expect(mock.counters).toMatchObject({ tokenExchanges: 1, tokenRequests: 6 });
	});

	it('answers 401 to a wrong secret without echoing any secret', async () => {
		const mock = await start();
		const wrongSecret = 'wrong-secret-value-123';
		const answer = await requestToken(mock, { app_key: AK, app_secret: wrongSecret });

		expect(answer.status).toBe(401);
		const body = JSON.parse(answer.text);
		expect(typeof body.error_code).toBe('string');
		expect(typeof body.error_msg).toBe('string');
		expect(answer.text).not.toContain(wrongSecret);
		expect(answer.text).not.toContain(SK);
		expect(mock.issuedTokens).toHaveLength(0);
		expect((await requestToken(mock, { app_key: 'other-ak', app_secret: SK })).status).toBe(401);
	});

	it('rejects a non-JSON body, missing fields and a non-JSON Content-Type with 400', async () => {
		const mock = await start();
		expect((await requestToken(mock, 'app_key=test-ak&app_secret=test-sk-secret')).status).toBe(400);
		expect((await requestToken(mock, { app_key: AK })).status).toBe(400);
		const textPlain = await fetch(mock.tokenUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'text/plain' },
			body: JSON.stringify({ app_key: AK, app_secret: SK }),
		});
		expect(textPlain.status).toBe(400);
		expect(await textPlain.text()).not.toContain(SK);
		expect(mock.counters.tokenExchanges).toBe(0);
	});
});

describe('business authentication', () => {
	it('needs "Bearer <token>" with one space, a known token and the matching x-app-key', async () => {
		const mock = await start();
		const accessToken = await token(mock);
		const valid = businessHeaders(accessToken);
		const { Authorization: _auth, ...withoutAuthorization } = valid;
		const { 'x-app-key': _appKey, ...withoutAppKey } = valid;
		const rejected: Record<string, string>[] = [
			withoutAuthorization,
			{ ...valid, Authorization: `Bearer  ${accessToken}` },
			{ ...valid, Authorization: `bearer ${accessToken}` },
			{ ...valid, Authorization: accessToken },
			{ ...valid, Authorization: `Bearer ${'0'.repeat(64)}` },
			withoutAppKey,
			{ ...valid, 'x-app-key': 'other-ak' },
		];
		for (const headers of rejected) {
			const answer = await post(mock, INSPECT_PATH, DOCUMENTED_INSPECT_BODY, headers);
			expect(answer.status).toBe(401);
			expect(JSON.parse(answer.text).resultCode).not.toBe('1010200');
		}
		expect(mock.counters.unauthorized).toBe(rejected.length);
		expect(mock.counters.byKind.qualityInspect).toBe(0);
		expect((await post(mock, INSPECT_PATH, DOCUMENTED_INSPECT_BODY, valid)).status).toBe(200);
		expect(lastEntry(mock)).toMatchObject({ kind: 'qualityInspect', token: accessToken, status: 200 });
	});

	it('expires tokens on the wall clock', async () => {
		const mock = await start();
		const accessToken = await token(mock, { 'X-Token-Expire': '1' });
		expect((await inspect(mock, accessToken)).status).toBe(200);
		await sleep(1100);
		expect((await inspect(mock, accessToken)).status).toBe(401);
	});

	it('expireTokens() invalidates every earlier token but not later ones', async () => {
		const mock = await start();
		const first = await token(mock);
		const second = await token(mock);
		mock.expireTokens();
		expect((await inspect(mock, first)).status).toBe(401);
		expect((await inspect(mock, second)).status).toBe(401);
		expect((await inspect(mock, await token(mock))).status).toBe(200);
	});

	it('revokeOnIssue: a new token revokes the earlier ones (and without it they stay valid)', async () => {
		const revoking = await start({ revokeOnIssue: true });
		const oldToken = await token(revoking);
		const newToken = await token(revoking);
		expect((await inspect(revoking, oldToken)).status).toBe(401);
		expect((await inspect(revoking, newToken)).status).toBe(200);

		const plain = await start();
		const firstToken = await token(plain);
		await token(plain);
		expect((await inspect(plain, firstToken)).status).toBe(200);
	});

	it('maxUsesPerToken: the token answers 401 after N business uses', async () => {
		const mock = await start({ maxUsesPerToken: 2 });
		const accessToken = await token(mock);
		expect((await inspect(mock, accessToken)).status).toBe(200);
		expect((await createTask(mock, accessToken)).status).toBe(200);
		expect((await inspect(mock, accessToken)).status).toBe(401);
		expect((await inspect(mock, await token(mock))).status).toBe(200);
	});
});

describe('qualityInspect', () => {
	it('accepts the documented example exactly and answers like the documented response', async () => {
		const mock = await start();
		const answer = await inspect(mock, await token(mock));

		expect(answer.status).toBe(200);
		const body = JSON.parse(answer.text);
		expect(Object.keys(body)).toEqual(['resultCode', 'call_uuid', 'resultDesc']);
		expect(body.resultCode).toBe('1010200');
		expect(body.resultDesc).toBe('success');
		expect(body.call_uuid).toMatch(UUID_V4);
		expect((lastEntry(mock)?.body as { voiceFilePath: string }).voiceFilePath).toBe('Y:\\27\\0\\20210201\\1118\\0951044.V3');
		expect(mock.counters.byKind.qualityInspect).toBe(1);
	});

	const valid = JSON.parse(DOCUMENTED_INSPECT_BODY);
	const { agentId: _agentId, ...withoutAgentId } = valid;
	it.each<[string, string, unknown]>([
		['agentId as a string', 'agentId', { ...valid, agentId: '1118' }],
		['a fractional agentId', 'agentId', { ...valid, agentId: 11.5 }],
		['a negative agentId', 'agentId', { ...valid, agentId: -1 }],
		['a missing agentId', 'missing field agentId', withoutAgentId],
		['an unknown language', 'language', { ...valid, language: 'zh-CN' }],
		['an empty voiceFilePath', 'voiceFilePath', { ...valid, voiceFilePath: '' }],
		['an ISO beginTime', 'beginTime', { ...valid, beginTime: '2021-02-01T09:51:07' }],
		['an impossible endTime', 'endTime', { ...valid, endTime: '2021-02-30 09:57:57' }],
		['endTime before beginTime', 'endTime', { ...valid, endTime: '2021-02-01 09:51:06' }],
		['an unknown field', 'unknown field callId', { ...valid, callId: 'x' }],
		['an array body', 'body', [valid]],
		['a body that is not JSON', 'JSON', '{"language":'],
	])('rejects %s with 400 naming %s', async (_label, field, body) => {
		const mock = await start();
		const answer = await inspect(mock, await token(mock), body);

		expect(answer.status).toBe(400);
		const parsed = JSON.parse(answer.text);
		expect(parsed.resultCode).not.toBe('1010200');
		expect(parsed.resultDesc).toContain(field);
		expect(mock.counters.byKind.qualityInspect).toBe(0);
	});

	it('rejects a non-JSON Content-Type with 400', async () => {
		const mock = await start();
		const answer = await post(mock, INSPECT_PATH, DOCUMENTED_INSPECT_BODY, businessHeaders(await token(mock), { 'Content-Type': 'text/plain' }));
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.text).resultDesc).toContain('Content-Type');
	});
});

describe('createQualityTask', () => {
	it('accepts the documented example and answers a fresh 20-digit string id above 2^53', async () => {
		const mock = await start();
		const accessToken = await token(mock);
		const first = await createTask(mock, accessToken);
		const second = await createTask(mock, accessToken);

		expect(first.status).toBe(200);
		expect(first.text).toMatch(/^\{"qualityTaskId":"\d{20}","resultCode":"0409000","resultDesc":"操作成功"\}$/);
		const firstId = JSON.parse(first.text).qualityTaskId as string;
		const secondId = JSON.parse(second.text).qualityTaskId as string;
		expect(firstId).toBe('16239245027406915901');
		expect(secondId).not.toBe(firstId);
		expect(BigInt(firstId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
		// The point of such ids: as JS numbers, neighbours become indistinguishable.
		expect(Number(firstId)).toBe(Number(secondId));
		expect(mock.createdTaskIds).toEqual([firstId, secondId]);
		expect(mock.counters.byKind.createQualityTask).toBe(2);
	});

	it('unquotedIds writes the id as a bare number literal in the raw text', async () => {
		const mock = await start({ unquotedIds: true });
		const answer = await createTask(mock, await token(mock));

		expect(answer.status).toBe(200);
		const match = /^\{"qualityTaskId":(\d{20}),"resultCode":"0409000",/.exec(answer.text);
		expect(match?.[1]).toBe(mock.createdTaskIds[0]);
		expect(String(JSON.parse(answer.text).qualityTaskId)).not.toBe(mock.createdTaskIds[0]);
	});

	it.each<[string, Record<string, string>, string]>([
		['a missing x-UserId', {}, 'x-UserId'],
		['a non-numeric x-UserId', { 'x-UserId': 'admin' }, 'x-UserId'],
		['a 21-digit x-UserId', { 'x-UserId': '1'.repeat(21) }, 'x-UserId'],
	])('rejects %s with 400', async (_label, extraHeaders, field) => {
		const mock = await start();
		const answer = await post(mock, CREATE_TASK_PATH, DOCUMENTED_TASK_BODY, businessHeaders(await token(mock), extraHeaders));
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.text).resultDesc).toContain(field);
	});

	const valid = JSON.parse(DOCUMENTED_TASK_BODY);
	const withColumns = (columns: Record<string, unknown>) => ({ ...valid, fixedColumns: { ...valid.fixedColumns, ...columns } });
	const { currentRole: _role, ...withoutRole } = valid;
	it.each<[string, string, unknown]>([
		['qualityNum as a number', 'fixedColumns.qualityNum', withColumns({ qualityNum: 100 })],
		['maxNum as a number', 'fixedColumns.maxNum', withColumns({ maxNum: 10 })],
		['scoreStart as a number', 'fixedColumns.scoreStart', withColumns({ scoreStart: 10 })],
		['qualityNum above 10000', 'fixedColumns.qualityNum', withColumns({ qualityNum: '10001' })],
		['qualityType 4', 'fixedColumns.qualityType', withColumns({ qualityType: 4 })],
		['qualityType as a string', 'fixedColumns.qualityType', withColumns({ qualityType: '1' })],
		['interactionType 1', 'fixedColumns.interactionType', withColumns({ interactionType: 1 })],
		['qualityCondition 3', 'fixedColumns.qualityCondition', withColumns({ qualityCondition: 3 })],
		['a fractional durationStart', 'fixedColumns.durationStart', withColumns({ durationStart: 1.5 })],
		['numeric staffIds', 'fixedColumns.staffIds', withColumns({ staffIds: [1118] })],
		['startTimeMillis in milliseconds', 'milliseconds', { ...valid, startTimeMillis: 1683808058000 }],
		['startTimeMillis as a string', 'startTimeMillis', { ...valid, startTimeMillis: '1683808058' }],
		['a window ending before it starts', 'endTimeMillis', { ...valid, endTimeMillis: 1683808057 }],
		['a 33-character planName', 'qualityTask.planName', { ...valid, qualityTask: { planName: 'x'.repeat(33) } }],
		['an empty planName', 'qualityTask.planName', { ...valid, qualityTask: { planName: '' } }],
		['an unknown role', 'currentRole', { ...valid, currentRole: 'admin' }],
		['a missing currentRole', 'missing field currentRole', withoutRole],
		['customColumns as an array', 'customColumns', { ...valid, customColumns: [] }],
		['an unknown top-level key', 'unknown field planName', { ...valid, planName: '234' }],
	])('rejects %s with 400 naming %s', async (_label, field, body) => {
		const mock = await start();
		const answer = await createTask(mock, await token(mock), body);

		expect(answer.status).toBe(400);
		const parsed = JSON.parse(answer.text);
		expect(parsed.resultCode).not.toBe('0409000');
		expect(parsed.resultDesc).toContain(field);
		expect(mock.createdTaskIds).toHaveLength(0);
	});

	it('accepts a 32-character Chinese planName, optional fields omitted and customColumns absent', async () => {
		const mock = await start();
		const body = {
			currentRole: 'tableStaff',
			fixedColumns: { qualityType: 3, qualityNum: '5', interactionType: 0 },
			qualityTask: { planName: '质'.repeat(32) },
		};
		const answer = await createTask(mock, await token(mock), body);
		expect(answer.status).toBe(200);
	});
});

describe('routing', () => {
	it('answers 404 to unknown paths, wrong methods and doubled slashes', async () => {
		const mock = await start();
		const accessToken = await token(mock);
		expect((await post(mock, '/apiaccess/CCSQM/rest/ccisqm/v1/openapi/qualityInspect', DOCUMENTED_INSPECT_BODY, businessHeaders(accessToken))).status).toBe(404);
		expect((await post(mock, `/${INSPECT_PATH}`, DOCUMENTED_INSPECT_BODY, businessHeaders(accessToken))).status).toBe(404);
		expect((await fetch(mock.url + INSPECT_PATH, { headers: businessHeaders(accessToken) })).status).toBe(404);
		expect(mock.log.slice(-3).map((entry) => entry.kind)).toEqual(['unknown', 'unknown', 'unknown']);
		expect(mock.counters.businessRequests).toBe(0);
	});

	it('refuses to listen anywhere but loopback', async () => {
		await expect(startCecMock({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
	});
});

describe('route table (one route per entry of endpoints.json)', () => {
	const kinds = Object.keys(ENDPOINTS) as CecMockBusinessKind[];

	it('routes every endpoint by its exact path, logs it under its table key and counts nothing for a rejected body', async () => {
		const mock = await start();
		const client = mockClient(mock);
		for (const kind of kinds) {
			const answer = await client.call(kind, {});
			expect({ kind, status: answer.status }).toEqual({ kind, status: 400 });
			expect(answer.json.resultDesc).toContain('missing field');
			expect(lastEntry(mock)).toMatchObject({ kind, path: ENDPOINTS[kind].path, status: 400 });
		}
		expect(mock.counters.businessRequests).toBe(kinds.length);
		expect(mock.counters.byKind).toEqual(NO_CALLS);
	});

	it('requires a digit-string x-UserId exactly where the table says operatorHeader', async () => {
		const mock = await start();
		const client = mockClient(mock);
		for (const kind of kinds) {
			const answer = await client.call(kind, {}, { operator: null });
			if (ENDPOINTS[kind].operatorHeader) {
				expect({ kind, status: answer.status }).toEqual({ kind, status: 400 });
				expect(answer.json.resultDesc).toContain('x-UserId');
				expect((await client.call(kind, {}, { operator: 'admin' })).json.resultDesc).toContain('x-UserId');
			} else {
				// Past the header check: rejected for its body instead.
				expect(answer.json.resultDesc).not.toContain('x-UserId');
			}
		}
	});

	it('checks token and Content-Type before anything else on every route', async () => {
		const mock = await start();
		const client = mockClient(mock);
		for (const kind of kinds) {
			const noToken = await fetch(mock.url + ENDPOINTS[kind].path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
			expect({ kind, status: noToken.status }).toEqual({ kind, status: 401 });
			const textPlain = await client.call(kind, {}, { headers: { 'Content-Type': 'text/plain' } });
			expect(textPlain.json.resultDesc).toContain('Content-Type');
		}
	});

	it('answers 404 to GET on every route, and to a path that differs by case', async () => {
		const mock = await start();
		const client = mockClient(mock);
		for (const kind of kinds) {
			expect((await fetch(mock.url + ENDPOINTS[kind].path)).status).toBe(404);
		}
		expect((await client.post(ENDPOINTS.appraiseCallCredit.path.replace('CCISQM', 'ccisqm'), { call_uuid: 'x' })).status).toBe(404);
		expect(mock.log.filter((entry) => entry.kind !== 'token').every((entry) => entry.kind === 'unknown')).toBe(true);
	});

	it('has a byKind counter and accepts a fault kind for every table key', async () => {
		const mock = await start();
		expect(Object.keys(mock.counters.byKind).sort()).toEqual([...kinds].sort());
		for (const kind of kinds) expect(() => mock.inject({ kind, status: 503 })).not.toThrow();
		const client = mockClient(mock);
		expect((await client.call('appraiseCallCredit', { call_uuid: 'x' })).status).toBe(503);
	});
});

describe('fault injection', () => {
	it('answers an injected 429 with Retry-After once, then processes normally', async () => {
		const mock = await start();
		const accessToken = await token(mock);
		mock.inject({ kind: 'qualityInspect', status: 429, headers: { 'Retry-After': '2' }, body: '{"resultCode":"0429000"}' });

		const createdMeanwhile = await createTask(mock, accessToken);
		const throttled = await inspect(mock, accessToken);
		const retried = await inspect(mock, accessToken);

		expect(createdMeanwhile.status).toBe(200);
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('2');
		expect(throttled.text).toBe('{"resultCode":"0429000"}');
		expect(retried.status).toBe(200);
		expect(mock.counters.byKind.qualityInspect).toBe(1);
	});

	it('consumes faults in FIFO order, honouring times', async () => {
		const mock = await start();
		const accessToken = await token(mock);
		mock.inject({ status: 503, times: 2 });
		mock.inject({ status: 200, body: '<html>gateway</html>', headers: { 'Content-Type': 'text/html' } });

		const first = await inspect(mock, accessToken);
		const second = await createTask(mock, accessToken);
		const html = await createTask(mock, accessToken);
		const normal = await createTask(mock, accessToken);

		expect([first.status, second.status]).toEqual([503, 503]);
		expect(html.status).toBe(200);
		expect(html.text).toBe('<html>gateway</html>');
		expect(html.headers.get('content-type')).toBe('text/html');
		expect(normal.text).toContain('"resultCode":"0409000"');
		expect(mock.counters.byKind).toEqual({ ...NO_CALLS, qualityInspect: 0, createQualityTask: 1 });
	});

	it('applies token faults only to the token endpoint', async () => {
		const mock = await start();
		const accessToken = await token(mock);
		mock.inject({ kind: 'token', status: 503 });
		expect((await inspect(mock, accessToken)).status).toBe(200);
		expect((await requestToken(mock)).status).toBe(503);
		expect((await requestToken(mock)).status).toBe(200);
		expect(mock.counters).toMatchObject({ tokenRequests: 3, tokenExchanges: 2 });
	});

	it('reset drops the connection before processing; afterProcessing keeps the business effect', async () => {
		const mock = await start();
		const accessToken = await token(mock);

		mock.inject({ kind: 'createQualityTask', action: 'reset' });
		await expect(createTask(mock, accessToken)).rejects.toThrow();
		expect(mock.createdTaskIds).toHaveLength(0);

		mock.inject({ kind: 'createQualityTask', action: 'reset', afterProcessing: true });
		await expect(createTask(mock, accessToken)).rejects.toThrow();
		expect(mock.createdTaskIds).toHaveLength(1);
		expect(mock.counters.byKind.createQualityTask).toBe(1);
		await waitFor(() => lastEntry(mock)?.finishedAt !== undefined);
		expect(lastEntry(mock)).toMatchObject({ status: 0, response: '', fault: { action: 'reset', afterProcessing: true } });

		expect((await createTask(mock, accessToken)).status).toBe(200);
		expect(mock.createdTaskIds).toHaveLength(2);
	});

	it('rejects malformed faults', async () => {
		const mock = await start();
		expect(() => mock.inject({})).toThrow(TypeError);
		expect(() => mock.inject({ status: 500, action: 'reset' })).toThrow(TypeError);
		expect(() => mock.inject({ kind: 'bogus' as 'token', status: 500 })).toThrow(TypeError);
		expect(() => mock.inject({ status: 500, afterProcessing: true })).toThrow(TypeError);
	});
});

describe('concurrency and lifecycle', () => {
	it('tracks inFlight and maxInFlight of delayed business requests', async () => {
		const mock = await start({ latencyMs: 150 });
		const accessToken = await token(mock);

		const pending = Array.from({ length: 5 }, () => inspect(mock, accessToken));
		await waitFor(() => mock.counters.inFlight === 5);
		const answers = await Promise.all(pending);

		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
		expect(mock.counters).toMatchObject({ inFlight: 0, maxInFlight: 5, businessRequests: 5 });
		for (const entry of mock.log.filter((e) => e.kind === 'qualityInspect')) {
			expect((entry.finishedAt ?? 0) - entry.startedAt).toBeGreaterThanOrEqual(140);
		}
		// The token call is not delayed by latencyMs.
		const tokenEntry = mock.log[0];
		expect((tokenEntry.finishedAt ?? 0) - tokenEntry.startedAt).toBeLessThan(140);
	});

	it('chooses latency per request with a function and setLatency', async () => {
		const mock = await start();
		const accessToken = await token(mock);
		mock.setLatency((entry) => (entry.kind === 'createQualityTask' ? 200 : 0));

		const [task, inspection] = await Promise.all([createTask(mock, accessToken), inspect(mock, accessToken)]);
		expect(task.status).toBe(200);
		expect(inspection.status).toBe(200);
		const finished = mock.log.filter((entry) => entry.kind !== 'token').sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
		expect(finished.map((entry) => entry.kind)).toEqual(['qualityInspect', 'createQualityTask']);
	});

	it('close() ends a hanging request and resolves promptly', async () => {
		const mock = await startCecMock();
		const accessToken = await token(mock);
		mock.inject({ action: 'hang' });

		const hanging = inspect(mock, accessToken);
		const outcome = hanging.then(
			() => 'answered',
			() => 'failed',
		);
		await waitFor(() => mock.counters.inFlight === 1 && lastEntry(mock)?.fault !== undefined);
		const startedClosing = Date.now();
		await mock.close();

		expect(Date.now() - startedClosing).toBeLessThan(1000);
		expect(await outcome).toBe('failed');
		await waitFor(() => mock.counters.inFlight === 0);
		expect(lastEntry(mock)).toMatchObject({ kind: 'qualityInspect', status: 0 });
		expect(lastEntry(mock)?.finishedAt).toBeDefined();
	});

	it('closes itself after maxLifetimeMs', async () => {
		const mock = await startCecMock({ maxLifetimeMs: 100 });
		let timer: NodeJS.Timeout | undefined;
		const deadline = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2000)));
		const closedInTime = await Promise.race([mock.closed.then(() => true), deadline]);
		clearTimeout(timer);
		expect(closedInTime).toBe(true);
		await expect(fetch(mock.tokenUrl, { method: 'POST' })).rejects.toThrow();
	});

	it('resetLog() clears log and counters but keeps tokens', async () => {
		const mock = await start();
		const accessToken = await token(mock);
		await inspect(mock, accessToken);
		mock.resetLog();

		expect(mock.log).toHaveLength(0);
		expect(mock.counters).toEqual({
			tokenExchanges: 0, tokenRequests: 0, businessRequests: 0, unauthorized: 0,
			byKind: NO_CALLS, maxInFlight: 0, inFlight: 0,
		});
		expect((await inspect(mock, accessToken)).status).toBe(200);
		expect(mock.log).toHaveLength(1);
		expect(mock.issuedTokens).toEqual([accessToken]);
	});
});

const hasOpenssl = (() => {
	try {
		execFileSync('openssl', ['version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
})();

(hasOpenssl ? it : it.skip)('serves HTTPS when given a key and certificate', async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'cec-mock-tls-'));
	try {
		const keyFile = path.join(dir, 'key.pem');
		const certFile = path.join(dir, 'cert.pem');
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile,
			'-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
		const cert = readFileSync(certFile);
		const mock = await start({ tls: { key: readFileSync(keyFile), cert } });
		expect(mock.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

		const status = await new Promise<number>((resolve, reject) => {
			const req = https.request(mock.tokenUrl, { method: 'POST', ca: cert, headers: { 'Content-Type': 'application/json' } }, (res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			});
			req.on('error', reject);
			req.end(JSON.stringify({ app_key: AK, app_secret: SK }));
		});
		expect(status).toBe(200);
		expect(mock.counters.tokenExchanges).toBe(1);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

describe('CLI', () => {
	const script = path.join(__dirname, '..', '..', 'mock', 'cecMock.js');
	const children: ChildProcessWithoutNullStreams[] = [];
	afterEach(() => {
		for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});

	function launch(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string; tokenUrl: string }> {
		const child = spawn(process.execPath, [script, ...args]);
		children.push(child);
		return new Promise((resolve, reject) => {
			let output = '';
			child.stdout.on('data', (chunk) => {
				output += chunk;
				if (output.includes('\n')) resolve({ child, ...JSON.parse(output.split('\n')[0]) });
			});
			child.on('exit', (code) => reject(new Error(`mock exited with ${code} before listening`)));
		});
	}
	const exited = (child: ChildProcessWithoutNullStreams) =>
		new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

	it('prints one JSON line, can be steered over /__mock/*, logs to a file and stops on SIGTERM', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'cec-mock-cli-'));
		try {
			const logFile = path.join(dir, 'log.jsonl');
			const { child, url, tokenUrl } = await launch(['--port', '0', '--ak', 'cli-ak', '--sk', 'cli-sk', '--unquoted-ids', '--log-file', logFile]);
			expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(tokenUrl).toBe(`${url}/apigovernance/api/oauth/tokenByAkSk`);

			const tokenAnswer = await fetch(tokenUrl, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ app_key: 'cli-ak', app_secret: 'cli-sk' }),
			});
			const accessToken = ((await tokenAnswer.json()) as { AccessToken: string }).AccessToken;
			const inject = await fetch(`${url}/__mock/inject`, { method: 'POST', body: JSON.stringify({ kind: 'createQualityTask', status: 500 }) });
			expect(inject.status).toBe(200);
			expect((await fetch(`${url}/__mock/inject`, { method: 'POST', body: '{"status":"x"}' })).status).toBe(400);
			const headers = { ...businessHeaders(accessToken), 'x-app-key': 'cli-ak', 'x-UserId': OPERATOR_ID };
			expect((await fetch(url + CREATE_TASK_PATH, { method: 'POST', headers, body: DOCUMENTED_TASK_BODY })).status).toBe(500);
			const created = await fetch(url + CREATE_TASK_PATH, { method: 'POST', headers, body: DOCUMENTED_TASK_BODY });
			expect(await created.text()).toMatch(/^\{"qualityTaskId":\d{20},/);

			const state = (await (await fetch(`${url}/__mock/log`)).json()) as {
				log: CecMockLogEntry[];
				counters: CecMockCounters;
				issuedTokens: string[];
			};
			expect(state.log.map((entry) => entry.status)).toEqual([200, 500, 200]);
			expect(state.counters.byKind.createQualityTask).toBe(1);
			expect(state.issuedTokens).toEqual([accessToken]);

			expect((await fetch(`${url}/__mock/expire-tokens`, { method: 'POST' })).status).toBe(200);
			expect((await fetch(url + CREATE_TASK_PATH, { method: 'POST', headers, body: DOCUMENTED_TASK_BODY })).status).toBe(401);
			expect((await fetch(`${url}/__mock/reset-log`, { method: 'POST' })).status).toBe(200);
			expect(((await (await fetch(`${url}/__mock/log`)).json()) as { log: unknown[] }).log).toEqual([]);

			const logLines = readFileSync(logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
			expect(logLines.map((entry) => entry.status)).toEqual([200, 500, 200, 401]);

			const seeded = await fetch(`${url}/__mock/calls`, { method: 'POST', body: JSON.stringify([{ call_uuid: 'cli-call', status: 1 }]) });
			expect(seeded.status).toBe(200);
			const finished = await fetch(`${url}/__mock/call-status`, { method: 'POST', body: JSON.stringify({ call_uuid: 'cli-call', status: 2 }) });
			expect(((await finished.json()) as { call: { status: number } }).call.status).toBe(2);
			expect((await fetch(`${url}/__mock/call-status`, { method: 'POST', body: JSON.stringify({ call_uuid: 'no-such-call', status: 2 }) })).status).toBe(400);

			const exit = exited(child);
			child.kill('SIGTERM');
			expect(await exit).toBe(0);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('stops when its stdin pipe closes', async () => {
		const { child } = await launch([]);
		const exit = exited(child);
		child.stdin.end();
		expect(await exit).toBe(0);
	});

	it('rejects unknown arguments with exit code 2', async () => {
		const child = spawn(process.execPath, [script, '--bogus']);
		children.push(child);
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		expect(await exited(child)).toBe(2);
		expect(stderr).toContain('unknown argument --bogus');
	});
});
