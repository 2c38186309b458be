/**
 * The fault matrix of test/engine/shared/faultScenarios.ts, again in a REAL n8n (2.41.1 on Node 24 and 1.123.81
 * on Node 20) with the packed package installed the community way, run headlessly with `n8n execute`
 * against the CEC mock (test/mock/cecMock.js) steered through its /__mock/* endpoints:
 *
 * - token revoked mid-run: a mock with 600 ms latency; the test polls the mock's log and expires every
 *   token while a known request is still inside that latency (so it is answered 401). This is
 *   deterministic: polling takes a few ms, the window is 600 ms, and the mock authorizes after the delay;
 * - the token service unreachable (a closed loopback port) or answering 401, 403, 500, HTML, JSON
 *   without AccessToken: a failed execution with an authentication error naming the URL and the status;
 * - 429 / 503 with Retry-After, within and beyond options.maxRetries; 500 on create (not resent).
 *
 * One n8n instance per version, every workflow imported once, the mock log reset before each case.
 * Same environment switches as realN8n.test.ts: CEC_E2E_N8N_MAJORS, CEC_E2E_SKIP_BUILD, CEC_E2E_KEEP,
 * CEC_E2E_DEBUG.
 */
import { LONG, MAJORS, describeFailure, expectOk, fixture, normalisePairedItem, storedTexts, usePackedPackage } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realN8n = require('../../scripts/lib/realN8n');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const ACCESS_KEY = 'test-ak';
const SECRET_KEY = 'test-sk-secret';
/** Port 1 on loopback: nothing listens there and no unprivileged process can take it (checked in beforeAll). */
const DEAD_TOKEN_URL = 'http://127.0.0.1:1/apigovernance/api/oauth/tokenByAkSk';
/** Business latency of the "slow" mock: the window in which a token is revoked under a request in flight. */
const SLOW_LATENCY_MS = 600;



/** Answers that echo the secret, as a careless gateway might: n8n must not show or store it. */
const ECHOING_SECRET = JSON.stringify({ error_code: 'APIGW.0500', error_msg: `internal error for app_secret=${SECRET_KEY}` });

const TOKEN_FAULTS: Array<[string, { status: number; body: string; headers?: Record<string, string> }, RegExp]> = [
	[
		'401',
		{ status: 401, body: JSON.stringify({ error_code: 'APIGW.0401', error_msg: 'invalid app_key or app_secret' }) },
		/HTTP 401: the access key \(AK\) or secret key \(SK\) was rejected/,
	],
	[
		'403',
		{ status: 403, body: JSON.stringify({ error_code: 'APIGW.0403', error_msg: 'forbidden' }) },
		/HTTP 403: the access key \(AK\) or secret key \(SK\) was rejected/,
	],
	['500 echoing the secret', { status: 500, body: ECHOING_SECRET }, /HTTP 500: the token service failed/],
	[
		'an HTML page with HTTP 200',
		{ status: 200, body: '<html><body><h1>Login</h1></body></html>', headers: { 'Content-Type': 'text/html' } },
		/HTTP 200 but the answer has no AccessToken \(answer: <html>/,
	],
	[
		'JSON without AccessToken, echoing the secret',
		{ status: 200, body: JSON.stringify({ ApplyType: 'Bearer', app_secret: SECRET_KEY }) },
		/HTTP 200 but the answer has no AccessToken/,
	],
];

const pairedOf = (items: Any[]) => items.map((item) => normalisePairedItem(item.pairedItem));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);


/** The run's failure: the execution stored with status "error", and its error as stored. */
function expectFailed(run: Any, nodeName: string): Any {
	if (run.ok || run.exitCode === 0 || run.execution?.status !== 'error') {
		throw new Error(`expected a failed execution, got:\n${describeFailure(run)}`);
	}
	const error = realN8n.executionError(run.execution, nodeName) ?? realN8n.executionError(run.execution);
	expect(error).toBeDefined();
	return error;
}

/** The texts of one run a user or operator can see: the stored execution and the process output. */
const visibleTexts = (run: Any) => [run.stdout, run.stderr, run.execution?.dataRaw ?? '', JSON.stringify(run.execution?.data ?? null)];

const business = (log: Any[]) => log.filter((e) => e.kind === 'qualityInspect' || e.kind === 'createQualityTask');
const tokenRequests = (log: Any[]) => log.filter((e) => e.kind === 'token');

/** Which input item a business request was for (agentId 1000+i, or planName plan-i). */
function itemOf(entry: Any): number {
	if (typeof entry.body?.agentId === 'number') return entry.body.agentId - 1000;
	const match = /^plan-(\d+)$/.exec(entry.body?.qualityTask?.planName ?? '');
	if (match) return Number(match[1]);
	throw new Error(`cannot tell the item of request #${entry.seq}: ${entry.rawBody}`);
}
const requestsFor = (log: Any[], item: number) => business(log).filter((e) => itemOf(e) === item);

jest.setTimeout(LONG);

const packedPackage = usePackedPackage();

describe.each(MAJORS)('real n8n %i.x: faults', (major) => {
	let n8n: Any;
	/** Answers at once: token service and business faults. */
	let mock: Any;
	/** Answers every business call after SLOW_LATENCY_MS: token revoked mid-run. */
	let slow: Any;
	const runs: Any[] = [];

	const execute = async (workflowId: string) => {
		const run = await n8n.execute(workflowId);
		runs.push(run);
		return run;
	};

	/**
	 * Starts the workflow, waits until the mock's log satisfies `ready` (polled every 20 ms), then expires
	 * every token. Resolves the run; throws if the run ended before `ready` held.
	 */
	async function runExpiringTokensWhen(workflowId: string, ready: (log: Any[]) => boolean) {
		let settled = false;
		const running = execute(workflowId).finally(() => {
			settled = true;
		});
		let expired = false;
		for (;;) {
			const { log } = await slow.getLog();
			if (ready(log)) {
				await slow.expireTokens();
				expired = true;
				break;
			}
			if (settled) break;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		const run = await running;
		if (!expired) throw new Error(`the run ended before the tokens could be expired:\n${describeFailure(run)}`);
		return { run };
	}

	/** Consumes whatever token faults a case left queued (n8n tries a failing exchange once or twice). */
	async function drainTokenFaults() {
		for (let i = 0; i < 20; i++) {
			const response = await fetch(mock.tokenUrl, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ app_key: ACCESS_KEY, app_secret: SECRET_KEY }),
			});
			const text = await response.text();
			if (response.status === 200 && text.includes('"AccessToken"')) return;
		}
		throw new Error('token faults are still queued after 20 requests');
	}

	beforeAll(async () => {
		// The "unreachable" case relies on nothing listening on 127.0.0.1:1.
		await expect(fetch(DEAD_TOKEN_URL, { method: 'POST' })).rejects.toThrow();

		n8n = await realN8n.createInstance({ major, tgz: packedPackage(), timezone: 'Asia/Shanghai', session: true });
		mock = await realN8n.startMockProcess({ ak: ACCESS_KEY, sk: SECRET_KEY });
		slow = await realN8n.startMockProcess({ ak: ACCESS_KEY, sk: SECRET_KEY, latency: SLOW_LATENCY_MS });
		const credential = (m: Any, id: string, name: string, data: Record<string, unknown> = {}) =>
			realN8n.mockCredential(m, { id, name, accessKey: ACCESS_KEY, secretKey: SECRET_KEY, ...data });
		await n8n.importCredentials([
			credential(mock, 'cecFaultCred01', 'Huawei CEC (fault mock)'),
			credential(slow, 'cecFaultSlowCred', 'Huawei CEC (slow mock)'),
			// Only ever used where the exchange fails: it never holds a token, so every run exchanges first.
			credential(mock, 'cecFaultTokenCred', 'Huawei CEC (failing token service)', { tokenUrl: mock.tokenUrl }),
			credential(mock, 'cecFaultDeadCred', 'Huawei CEC (unreachable token service)', { tokenUrl: DEAD_TOKEN_URL }),
		]);
		const tokenWorkflow = fixture('faults-token.workflow.json');
		const unreachable = JSON.parse(JSON.stringify(tokenWorkflow));
		unreachable.id = 'cecFaultTokenDead';
		unreachable.name = 'CEC faults: token service unreachable';
		unreachable.nodes.find((n: Any) => n.name === 'Create Inspection').credentials.huaweiCecApi = {
			id: 'cecFaultDeadCred',
			name: 'Huawei CEC (unreachable token service)',
		};
		await n8n.importWorkflow([
			fixture('faults-revoke-sequential.workflow.json'),
			fixture('faults-revoke-concurrent.workflow.json'),
			tokenWorkflow,
			unreachable,
			fixture('faults-review-tasks.workflow.json'),
		]);
	});

	beforeEach(async () => {
		await mock?.resetLog();
		await slow?.resetLog();
	});

	afterAll(async () => {
		await mock?.stop();
		await slow?.stop();
		await n8n?.cleanup();
	});

	describe('token revoked mid-run (expired while a request is in flight)', () => {
		test('one request at a time: that request gets 401, one new exchange, every item succeeds once', async () => {
			const inspects = (log: Any[]) => log.filter((e: Any) => e.kind === 'qualityInspect');
			// The third request has arrived and waits out the latency: expire now, and it is answered 401.
			const { run } = await runExpiringTokensWhen('cecFaultRevokeSeq', (log) => inspects(log).length >= 3);
			expectOk(run);

			const { log, counters, issuedTokens } = await slow.getLog();
			const sequence = log.map((e: Any) => `${e.kind}:${e.status}`);
			// A first exchange happens only if the credential held no token yet.
			if (sequence[0] === 'token:200') sequence.shift();
			expect(sequence).toEqual([
				'qualityInspect:200',
				'qualityInspect:200',
				'qualityInspect:401',
				'token:200',
				'qualityInspect:200',
				'qualityInspect:200',
				'qualityInspect:200',
				'qualityInspect:200',
			]);
			expect(counters.unauthorized).toBe(1);
			expect(counters.byKind.qualityInspect).toBe(6);
			const rejected = log.find((e: Any) => e.status === 401);
			expect(itemOf(rejected)).toBe(2);
			const newToken = issuedTokens[issuedTokens.length - 1];
			const after = log.filter((e: Any) => e.seq > rejected.seq && e.kind === 'qualityInspect');
			expect(after.map((e: Any) => e.token)).toEqual(Array(4).fill(newToken));
			expect(rejected.token).not.toBe(newToken);

			const items = realN8n.nodeOutput(run.execution, 'Create Inspection')[0];
			expect(pairedOf(items)).toEqual(range(6).map((item) => ({ item })));
			range(6).forEach((i) => {
				const ok = requestsFor(log, i).filter((e: Any) => e.status === 200);
				expect(ok).toHaveLength(1);
				expect(items[i].error).toBeUndefined();
				expect(items[i].json.call_uuid).toBe(JSON.parse(ok[0].response).call_uuid);
			});
		});

		test('five in flight: every request in flight gets 401, one shared new exchange, every item succeeds once', async () => {
			// The first call went alone; at least three of the next five are now inside the latency.
			const { run } = await runExpiringTokensWhen(
				'cecFaultRevokeConc',
				(log) => log.filter((e: Any) => e.kind === 'qualityInspect').length >= 4,
			);
			expectOk(run);

			const { log, counters } = await slow.getLog();
			const rejected = log.filter((e: Any) => e.status === 401);
			expect(rejected.length).toBeGreaterThanOrEqual(3);
			// One exchange for all of them, whatever the number in flight.
			const exchangesAfterExpiry = tokenRequests(log).filter((e: Any) => e.seq > rejected[0].seq);
			expect(exchangesAfterExpiry.map((e: Any) => e.status)).toEqual([200]);
			expect(counters.byKind.qualityInspect).toBe(12);

			const items = realN8n.nodeOutput(run.execution, 'Create Inspection')[0];
			expect(pairedOf(items)).toEqual(range(12).map((item) => ({ item })));
			range(12).forEach((i) => {
				const statuses = requestsFor(log, i).map((e: Any) => e.status);
				// Only a 401 (never processed) is resent; each item is processed exactly once.
				expect([[200], [401, 200]]).toContainEqual(statuses);
				const ok = requestsFor(log, i).find((e: Any) => e.status === 200);
				expect(items[i].error).toBeUndefined();
				expect(items[i].json.call_uuid).toBe(JSON.parse(ok.response).call_uuid);
			});
		});
	});

	describe('the token service fails: an authentication error naming the token URL and the status', () => {
		test('unreachable (closed port): "could not be reached", nothing sent', async () => {
			const run = await execute('cecFaultTokenDead');
			const error = expectFailed(run, 'Create Inspection');
			expect(error.message).toContain(`Huawei CEC token exchange failed at POST ${DEAD_TOKEN_URL}`);
			expect(error.message).toMatch(/the token service could not be reached \(connection refused\)/);
			expect(`${error.description ?? ''}`).toMatch(/was not sent/);
			const workflowError = realN8n.executionError(run.execution);
			expect(workflowError?.message).toContain(`token exchange failed at POST ${DEAD_TOKEN_URL}`);
			for (const text of visibleTexts(run)) expect(text).not.toContain(SECRET_KEY);
			expect((await mock.getLog()).log).toEqual([]);
		});

		test.each(TOKEN_FAULTS)('answering %s: no business request, no secret anywhere', async (_title, fault, reason) => {
			await mock.inject({ kind: 'token', times: 5, ...fault });
			try {
				const run = await execute('cecFaultToken');
				const error = expectFailed(run, 'Create Inspection');
				expect(error.message).toContain(`Huawei CEC token exchange failed at POST ${mock.tokenUrl}`);
				expect(error.message).toMatch(reason);
				expect(`${error.description ?? ''}`).toMatch(/was not sent/);
				const workflowError = realN8n.executionError(run.execution);
				expect(workflowError?.message).toContain(`token exchange failed at POST ${mock.tokenUrl}`);
				expect(workflowError?.message).toMatch(reason);
				for (const text of visibleTexts(run)) expect(text).not.toContain(SECRET_KEY);

				const { log } = await mock.getLog();
				expect(business(log)).toEqual([]);
				// n8n may try a failing exchange twice; each attempt got the injected answer.
				const attempts = tokenRequests(log);
				expect(attempts.length).toBeGreaterThanOrEqual(1);
				expect(attempts.length).toBeLessThanOrEqual(2);
				for (const attempt of attempts) {
					expect(attempt.status).toBe(fault.status);
					expect(attempt.body).toEqual({ app_key: ACCESS_KEY, app_secret: SECRET_KEY });
				}
			} finally {
				await drainTokenFaults();
			}
		});
	});

	describe('createQualityTask busy or failing (continue on fail: regular output)', () => {
		test.each([429, 503])('%i with Retry-After: 1: waited at least 1 s, resent once, every item succeeds', async (status) => {
			await mock.inject({ kind: 'createQualityTask', status, headers: { 'Retry-After': '1' }, times: 1 });
			const run = await execute('cecFaultReview');
			expectOk(run);

			const { log, counters } = await mock.getLog();
			const [busy, resent] = requestsFor(log, 0);
			expect(requestsFor(log, 0).map((e: Any) => e.status)).toEqual([status, 200]);
			// An ordering bound on the mock's own clock, not a speed assertion.
			expect(resent.startedAt - busy.startedAt).toBeGreaterThanOrEqual(1000);
			expect(resent.rawBody).toBe(busy.rawBody);
			// While it waited, no other request started.
			expect(business(log).filter((e: Any) => e.startedAt < resent.startedAt)).toEqual([busy]);

			const items = realN8n.nodeOutput(run.execution, 'Create Review Task')[0];
			expect(pairedOf(items)).toEqual(range(3).map((item) => ({ item })));
			expect(items.map((item: Any) => item.json.error)).toEqual([undefined, undefined, undefined]);
			expect(counters.byKind.createQualityTask).toBe(3); // tasks created in this run
			range(3).forEach((i) => {
				const ok = requestsFor(log, i).filter((e: Any) => e.status === 200);
				expect(ok).toHaveLength(1);
				expect(items[i].json.qualityTaskId).toBe(JSON.parse(ok[0].response).qualityTaskId);
			});
		});

		test('more 429s than Max Retries When Busy (2): an item error after 3 attempts, the other items succeed', async () => {
			await mock.inject({ kind: 'createQualityTask', status: 429, headers: { 'Retry-After': '1' }, times: 3 });
			const run = await execute('cecFaultReview');
			expectOk(run); // the error is an item of the regular output

			const { log, counters } = await mock.getLog();
			const attempts = requestsFor(log, 0);
			expect(attempts.map((e: Any) => e.status)).toEqual([429, 429, 429]); // 1 + maxRetries
			expect(attempts[1].startedAt - attempts[0].startedAt).toBeGreaterThanOrEqual(1000);
			expect(attempts[2].startedAt - attempts[1].startedAt).toBeGreaterThanOrEqual(1000);

			const items = realN8n.nodeOutput(run.execution, 'Create Review Task')[0];
			expect(pairedOf(items)).toEqual(range(3).map((item) => ({ item })));
			expect(items[0].json.error).toMatch(/createQualityTask failed with HTTP 429/);
			expect(items[0].json.details).toMatchObject({ httpCode: '429', itemIndex: 0 });
			expect(items[0].json.details.description).toMatch(/Gave up after 2 retries/);
			expect(items[0].json.qualityTaskId).toBeUndefined();
			expect(counters.byKind.createQualityTask).toBe(2);
			for (const i of [1, 2]) {
				expect(requestsFor(log, i).map((e: Any) => e.status)).toEqual([200]);
				expect(items[i].json.error).toBeUndefined();
				expect(items[i].json.qualityTaskId).toBe(JSON.parse(requestsFor(log, i)[0].response).qualityTaskId);
			}
		});

		test('500 on create: an item error, exactly one request for that item (not resent), the others succeed', async () => {
			await mock.inject({ kind: 'createQualityTask', status: 500, body: ECHOING_SECRET, times: 1 });
			const run = await execute('cecFaultReview');
			expectOk(run);

			const { log, counters } = await mock.getLog();
			expect(requestsFor(log, 0).map((e: Any) => e.status)).toEqual([500]);
			expect(business(log)).toHaveLength(3);

			const items = realN8n.nodeOutput(run.execution, 'Create Review Task')[0];
			expect(pairedOf(items)).toEqual(range(3).map((item) => ({ item })));
			expect(items[0].json.error).toMatch(/createQualityTask failed with HTTP 500/);
			expect(items[0].json.details).toMatchObject({ httpCode: '500', itemIndex: 0 });
			expect(items[0].json.details.description).toMatch(/may or may not have taken effect/);
			expect(counters.byKind.createQualityTask).toBe(2);
			for (const i of [1, 2]) {
				expect(requestsFor(log, i).map((e: Any) => e.status)).toEqual([200]);
				expect(items[i].json.qualityTaskId).toBe(JSON.parse(requestsFor(log, i)[0].response).qualityTaskId);
			}
			for (const text of visibleTexts(run)) expect(text).not.toContain(SECRET_KEY);
		});
	});

	test('neither the secret key nor any issued token is stored in executions, the DB or the logs', async () => {
		const issued = [...(await mock.getLog()).issuedTokens, ...(await slow.getLog()).issuedTokens];
		expect(issued.length).toBeGreaterThanOrEqual(2);
		const secrets = [SECRET_KEY, ...issued];

		const haystack = await storedTexts(n8n, runs);
		for (const secret of secrets) expect(haystack.includes(secret)).toBe(false);
	});
});
