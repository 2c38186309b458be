/**
 * The fault matrix, each case through n8n-core against the strict mock: what the user sees, and
 * what the server received (the mock's log), for every way the token service or the API can fail.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { CecMockLogEntry } from '../../mock/cecMock';
import { SCENARIOS, runScenario, selfSignedCertificate, type ScenarioName, type ScenarioRun } from '../shared/faultScenarios';
import {
	SK,
	TEST_TIMEOUT_MS,
	businessEntries,
	expectPairedInOrder,
	inspectionParameters,
	itemIndexOfEntry,
	makeInspectionItems,
	range,
	runAgainst,
	startMock,
	tokenEntries,
} from '../fixtures';

jest.setTimeout(TEST_TIMEOUT_MS);

const requestsFor = (run: ScenarioRun, itemIndex: number): CecMockLogEntry[] =>
	businessEntries(run.mock).filter((entry) => itemIndexOfEntry(entry) === itemIndex);

const errorOf = (item: INodeExecutionData) => item.json as { error?: string; details?: IDataObject };

beforeAll(() => {
	// Made up front so a missing openssl fails loudly here rather than skipping the TLS cases.
	selfSignedCertificate();
});

describe('token revoked during a run', () => {
	it('gets one new token and every item succeeds (one request at a time)', async () => {
		const run = await runScenario(SCENARIOS.tokenRevokedMidRun);
		expect(run.error).toBeUndefined();
		expect(run.outputs[0].map((item) => typeof item.json.call_uuid)).toEqual(Array(6).fill('string'));
		expect(run.mock.counters.tokenExchanges).toBe(2); // the first token, then one refresh
		expect(run.mock.counters.unauthorized).toBe(1);
		expect(run.mock.counters.byKind.qualityInspect).toBe(6);
		expect(run.store.read().accessToken).toBe(run.mock.issuedTokens[1]);
	});

	it('gets one new token when several requests in flight are rejected at once', async () => {
		const run = await runScenario(SCENARIOS.tokenRevokedMidRunConcurrent);
		expect(run.error).toBeUndefined();
		expect(run.outputs[0].every((item) => typeof item.json.call_uuid === 'string')).toBe(true);
		expect(run.mock.counters.byKind.qualityInspect).toBe(12);
		// All in-flight requests failed for the same reason: one refresh serves them all.
		expect(run.mock.counters.tokenExchanges).toBe(2);
	});

	it('still completes every item, each once, where each new token revokes the older ones', async () => {
		const run = await runScenario(SCENARIOS.tokenRevokedRevokeOnIssue);
		expect(run.error).toBeUndefined();
		expect(run.outputs[0]).toHaveLength(12);
		expect(run.outputs[0].every((item) => typeof item.json.call_uuid === 'string')).toBe(true);
		// Processed exactly once per item: only 401 answers (never processed) were resent.
		for (const i of range(12)) {
			expect(requestsFor(run, i).filter((entry) => entry.status !== 401)).toHaveLength(1);
		}
	});

	it('reports a failed refresh as an authentication error and sends nothing more', async () => {
		const run = await runScenario(SCENARIOS.refreshFails);
		expect(run.error?.message).toContain(`token exchange failed at POST ${run.mock.tokenUrl}`);
		expect(run.error?.message).toContain('HTTP 500');
		expect(businessEntries(run.mock).map((entry) => entry.status)).toEqual([401]);
	});
});

describe('token exchange fails', () => {
	const cases: Array<[ScenarioName, RegExp]> = [
		['token401', /HTTP 401: the access key \(AK\) or secret key \(SK\) was rejected/],
		['token403', /HTTP 403: the access key \(AK\) or secret key \(SK\) was rejected/],
		['token500', /HTTP 500: the token service failed/],
		['tokenHtml', /HTTP 200 but the answer has no AccessToken \(answer: <html>/],
		['tokenWithoutAccessToken', /HTTP 200 but the answer has no AccessToken/],
	];

	it.each(cases)('%s: a clear authentication error naming the URL and the status', async (name, reason) => {
		const run = await runScenario(SCENARIOS[name]);
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toContain(`Huawei CEC token exchange failed at POST ${run.mock.tokenUrl}`);
		expect(run.error?.message).toMatch(reason);
		expect(run.error?.description).toMatch(/was not sent/);
		expect(JSON.stringify([run.error?.message, run.error?.description])).not.toContain(SK);
		// The first item's exchange failed the run (n8n may try a failing exchange twice).
		expect(tokenEntries(run.mock).length).toBeGreaterThanOrEqual(1);
		expect(tokenEntries(run.mock).length).toBeLessThanOrEqual(2);
		expect(businessEntries(run.mock)).toEqual([]);
		expect(run.outputs).toEqual([]);
	});

	it('token endpoint unreachable: names the URL and says it could not be reached', async () => {
		const run = await runScenario(SCENARIOS.tokenUnreachable);
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toContain(`Huawei CEC token exchange failed at POST ${String(run.credentials.tokenUrl)}`);
		expect(run.error?.message).toMatch(/could not be reached \(connection refused\)/);
		expect(run.mock.log).toEqual([]);
	});

	it('with continue on fail, every item carries the authentication error and nothing is sent', async () => {
		const run = await runScenario(SCENARIOS.tokenFailureContinueOnFail);
		expect(run.error).toBeUndefined();
		expectPairedInOrder(run.outputs[0], [0, 1, 2]);
		for (const item of run.outputs[0]) {
			expect(errorOf(item).error).toContain(`token exchange failed at POST ${run.mock.tokenUrl}: HTTP 401`);
		}
		expect(businessEntries(run.mock)).toEqual([]);
	});
});

describe('API busy (429/503 with Retry-After)', () => {
	it('waits and resends until accepted', async () => {
		const run = await runScenario(SCENARIOS.busyThenOk);
		expect(requestsFor(run, 0).map((entry) => entry.status)).toEqual([429, 429, 200]);
		expect(run.outputs[0][0].json.qualityTaskId).toBe(run.mock.createdTaskIds[0]);
	});

	it('does not resend before the Retry-After delay', async () => {
		const run = await runScenario(SCENARIOS.busyWaits);
		const [busy, resent] = requestsFor(run, 0);
		expect([busy.status, resent.status]).toEqual([503, 200]);
		// An ordering bound on the mock's own clock, not a speed assertion.
		expect(resent.startedAt - busy.startedAt).toBeGreaterThanOrEqual(1000);
	});

	it('gives up after Max Retries When Busy with an item error', async () => {
		const run = await runScenario(SCENARIOS.busyGivesUp);
		expect(requestsFor(run, 0).map((entry) => entry.status)).toEqual([503, 503, 503]); // 1 + maxRetries 2
		const { error, details } = errorOf(run.outputs[0][0]);
		expect(error).toMatch(/createQualityTask failed with HTTP 503/);
		expect(details).toMatchObject({ httpCode: '503', itemIndex: 0 });
		expect(details?.description).toMatch(/Gave up after 2 retries/);
		expect(run.mock.createdTaskIds).toEqual([]);
	});
});

describe('create failures are reported, never resent', () => {
	it('500: an item error, exactly one request for that item, the others succeed', async () => {
		const run = await runScenario(SCENARIOS.serverError);
		expect(requestsFor(run, 0)).toHaveLength(1);
		const { error, details } = errorOf(run.outputs[0][0]);
		expect(error).toMatch(/createQualityTask failed with HTTP 500/);
		expect(details).toMatchObject({ httpCode: '500' });
		expect(details?.description).toMatch(/may or may not have taken effect/);
		expect(run.outputs[0].slice(1).map((item) => item.json.qualityTaskId)).toEqual(run.mock.createdTaskIds);
	});

	it('connection reset after processing: says it may or may not have been created', async () => {
		const run = await runScenario(SCENARIOS.resetAfterSend);
		expect(requestsFor(run, 0)).toHaveLength(1);
		expect(run.mock.createdTaskIds).toHaveLength(3); // item 0 was in fact created
		const { error, details } = errorOf(run.outputs[0][0]);
		expect(details?.description).toMatch(/may or may not have taken effect/);
		// The message itself must name the call, and must not invite an immediate retry.
		expect(error).toMatch(/CEC createQualityTask/);
		expect(error).not.toMatch(/retry the request immediately/i);
		expectPairedInOrder(run.outputs[0], [0, 1, 2]);
	});

	it('options.timeout: an item error after the timeout, not resent', async () => {
		const run = await runScenario(SCENARIOS.timeout);
		expect(requestsFor(run, 0)).toHaveLength(1);
		const { error, details } = errorOf(run.outputs[0][0]);
		expect(error).toBe('CEC createQualityTask: no answer within 200 ms');
		expect(details?.description).toMatch(/may or may not have taken effect/);
	});
});

describe('HTTP 200 answers', () => {
	it('a failure resultCode is an item error with the code and the server message', async () => {
		const run = await runScenario(SCENARIOS.failureResultCode);
		const { error, details } = errorOf(run.outputs[0][0]);
		expect(error).toBe('CEC createQualityTask failed: resultCode 0409001 (任务名称已存在)');
		expect(details).toMatchObject({ resultCode: '0409001', resultDesc: '任务名称已存在', httpCode: '200' });
		expect(requestsFor(run, 0)).toHaveLength(1);
	});

	it('no resultCode is an item error showing the answer', async () => {
		const run = await runScenario(SCENARIOS.noResultCode);
		expect(errorOf(run.outputs[0][0]).error).toBe(
			'CEC createQualityTask answered HTTP 200 without a resultCode: {"qualityTaskId":"16239245027406915901"}',
		);
	});

	it('malformed JSON is an item error keeping the raw text', async () => {
		const run = await runScenario(SCENARIOS.malformedJson);
		const { error, details } = errorOf(run.outputs[0][0]);
		expect(error).toContain('not a JSON object: {"resultCode":');
		expect(details?.description).toMatch(/may or may not have taken effect/);
		expect(requestsFor(run, 0)).toHaveLength(1);
	});

	it('unquoted 20-digit task ids arrive as the exact strings', async () => {
		const run = await runScenario(SCENARIOS.unquotedIds);
		expect(run.mock.log.find((entry) => entry.status === 200 && entry.kind === 'createQualityTask')?.response).toMatch(
			/"qualityTaskId":\d{20},/,
		);
		expect(run.outputs[0].map((item) => item.json.qualityTaskId)).toEqual(run.mock.createdTaskIds);
		expect(run.mock.createdTaskIds.every((id) => /^\d{20}$/.test(id))).toBe(true);
	});
});

describe('TLS with a self-signed certificate', () => {
	it('fails with a clear message when certificates are verified', async () => {
		const run = await runScenario(SCENARIOS.tlsSelfSignedRejected);
		expect(run.mock.url).toMatch(/^https:/);
		expect(run.error?.message).toContain(`token exchange failed at POST ${run.mock.tokenUrl}`);
		expect(run.error?.message).toMatch(/TLS certificate is not trusted .*Ignore SSL Issues/);
		expect(run.mock.log).toEqual([]); // nothing got past the handshake
	});

	it('succeeds with Ignore SSL Issues on', async () => {
		const run = await runScenario(SCENARIOS.tlsSelfSignedAllowed);
		expect(run.error).toBeUndefined();
		expect(run.outputs[0].map((item) => typeof item.json.call_uuid)).toEqual(['string', 'string']);
		expect(run.mock.counters.byKind.qualityInspect).toBe(2);
	});
});

describe('invalid input sends nothing', () => {
	it('an invalid item fails the run before any request, naming the item and the field', async () => {
		const run = await runScenario(SCENARIOS.invalidItem);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe(
			'Invalid "Agent ID" (agentId): got "agent-7"; must be a whole number from 0 to 2147483647 [item 1]',
		);
		expect(run.error?.description).toMatch(/of item 1: .*No request was sent/);
		expect(run.mock.log).toEqual([]); // validation precedes even the token exchange
	});

	it('with continue on fail, only the invalid item is held back', async () => {
		const mock = await startMock();
		try {
			const items = makeInspectionItems(3).map((item, i) => (i === 1 ? { ...item, agentId: -5 } : item));
			const run = await runAgainst(mock, { parameters: inspectionParameters(), items, continueOnFail: true });
			expectPairedInOrder(run.outputs[0], [0, 1, 2]);
			expect(errorOf(run.outputs[0][1]).error).toMatch(/"Agent ID" \(agentId\): got -5.*\[item 1\]/);
			const sentPaths = businessEntries(mock).map((entry) => (entry.body as IDataObject).voiceFilePath);
			expect(sentPaths).toEqual([items[0].voiceFilePath, items[2].voiceFilePath]);
		} finally {
			await mock.close();
		}
	});

	it.each([
		['concurrency', 0, 'Concurrency', /from 1 to 100/],
		['maxRequestsPerSecond', -1, 'Max Requests per Second', /from 0 to/],
		['maxRetries', 11, 'Max Retries When Busy', /from 0 to 10/],
		['timeout', 0, 'Timeout (Ms)', /from 1 to/],
	])('options.%s = %p is refused naming the option as the UI shows it', async (name, value, displayName, valid) => {
		const mock = await startMock();
		try {
			const run = await runAgainst(mock, {
				parameters: inspectionParameters({ [name]: value }),
				items: makeInspectionItems(2),
				continueOnFail: true,
			});
			expect(run.error?.name).toBe('NodeOperationError');
			expect(run.error?.message).toContain(`"${displayName}" (options.${name})`);
			expect(run.error?.message).toMatch(valid);
			expect(mock.log).toEqual([]);
		} finally {
			await mock.close();
		}
	});
});
