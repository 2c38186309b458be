/**
 * "The package": both operations through n8n-core against the strict mock over real HTTP —
 * token handling, headers, exact wire bodies, outputs, continue-on-fail and pairing.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CecMock } from '../mock/cecMock';
import {
	AK,
	INSPECT_PATH,
	OPERATOR_ID,
	TASK_PATH,
	TEST_TIMEOUT_MS,
	TOKEN_PATH,
	answersByItem,
	businessEntries,
	credentialsFor,
	expectPairedInOrder,
	expectedInspectionBody,
	inspectionParameters,
	makeInspectionItems,
	makeReviewTaskItems,
	range,
	reviewTaskParameters,
	runAgainst,
	startMock,
	storeWithToken,
	tokenEntries,
} from './fixtures';

jest.setTimeout(TEST_TIMEOUT_MS);

/** The documented examples (cec-quality-api.md §3, §4), as JSON text. */
const DOCUMENTED_INSPECTION =
	'{"language":"zh_CN","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1118\\\\0951044.V3","agentId":1118,"beginTime":"2021-02-01 09:51:07","endTime":"2021-02-01 09:57:57"}';
const DOCUMENTED_REVIEW_TASK =
	'{"customColumns":null,"currentRole":"qualityDirector","startTimeMillis":1683808058,"endTimeMillis":1683894458,"fixedColumns":{"maxNum":"10","qualityCondition":0,"qualityNum":"100","qualityType":1,"scoreStart":"10","scoreEnd":"120","staffIds":[],"interactionType":2},"qualityTask":{"planName":"234"}}';
const TASK_ID = /^\d{20}$/;

describe('Create Inspection and Create Review Task through n8n-core', () => {
	let mock: CecMock;

	beforeAll(async () => {
		mock = await startMock();
	});
	afterAll(async () => {
		await mock.close();
	});
	beforeEach(() => {
		mock.resetLog();
		mock.setLatency(0);
	});

	describe('token', () => {
		it('exchanges AK/SK exactly once for 25 items and stores the token', async () => {
			const items = makeInspectionItems(25);
			const result = await runAgainst(mock, { parameters: inspectionParameters(), items });

			expect(result.error).toBeUndefined();
			expect(mock.counters.tokenRequests).toBe(1);
			expect(mock.counters.tokenExchanges).toBe(1);
			expect(mock.counters.byKind.qualityInspect).toBe(25);
			expect(businessEntries(mock).map((e) => e.status)).toEqual(Array(25).fill(200));
			expect(result.store.read().accessToken).toBe(mock.issuedTokens.at(-1));
			expect(result.outputs[0]).toHaveLength(25);
			expectPairedInOrder(result.outputs[0], range(25));
		});

		it('reuses the token stored by an earlier run: no exchange in the second run', async () => {
			const store = await storeWithToken(mock);
			const token = store.read().accessToken;

			const result = await runAgainst(mock, { parameters: inspectionParameters(), items: makeInspectionItems(6), store });

			expect(result.error).toBeUndefined();
			expect(mock.counters.tokenRequests).toBe(0);
			expect(store.preAuthenticationCalls).toBe(1); // only the first run's
			expect(businessEntries(mock).map((e) => e.token)).toEqual(Array(6).fill(token));
			expect(result.outputs[0]).toHaveLength(6);
		});

		it('after the token expires: one 401, one exchange, the item resent and every item succeeds', async () => {
			const store = await storeWithToken(mock);
			const oldToken = store.read().accessToken;
			mock.expireTokens();

			// Concurrency 1, so exactly one request meets the expired token.
			const items = makeInspectionItems(5);
			const result = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 1 }), items, store });

			expect(result.error).toBeUndefined();
			expect(mock.counters.unauthorized).toBe(1);
			expect(mock.counters.tokenExchanges).toBe(1);
			const sent = businessEntries(mock);
			expect(sent.map((e) => e.status)).toEqual([401, 200, 200, 200, 200, 200]);
			expect(sent[0].token).toBe(oldToken);
			expect(sent[1].rawBody).toBe(sent[0].rawBody); // the same item, resent
			const newToken = store.read().accessToken;
			expect(newToken).toBe(mock.issuedTokens.at(-1));
			expect(sent.slice(1).every((e) => e.token === newToken)).toBe(true);
			expect(mock.counters.byKind.qualityInspect).toBe(5);
			expectPairedInOrder(result.outputs[0], range(5));
		});

		it('derives the token URL from the Base URL when Token URL is empty', async () => {
			const result = await runAgainst(mock, {
				parameters: inspectionParameters(),
				items: makeInspectionItems(2),
				credentials: credentialsFor(mock, { tokenUrl: '' }),
			});

			expect(result.error).toBeUndefined();
			expect(tokenEntries(mock).map((e) => [e.method, e.path, e.status])).toEqual([['POST', TOKEN_PATH, 200]]);
			expect(mock.counters.byKind.qualityInspect).toBe(2);
		});

		it('works with a Base URL that ends in a slash (no double slash on the wire)', async () => {
			const result = await runAgainst(mock, {
				parameters: inspectionParameters(),
				items: makeInspectionItems(2),
				credentials: credentialsFor(mock, { baseUrl: `${mock.url}/`, tokenUrl: '' }),
			});

			expect(result.error).toBeUndefined();
			expect(mock.log.map((e) => e.path)).toEqual([TOKEN_PATH, INSPECT_PATH, INSPECT_PATH]);
			expect(result.outputs[0]).toHaveLength(2);
		});
	});

	describe('headers', () => {
		it('sends Bearer token, x-app-key = AK and JSON content type, and no x-UserId, on qualityInspect', async () => {
			const result = await runAgainst(mock, { parameters: inspectionParameters(), items: makeInspectionItems(3) });
			expect(result.error).toBeUndefined();

			const token = result.store.read().accessToken;
			const sent = businessEntries(mock);
			expect(sent).toHaveLength(3);
			for (const entry of sent) {
				expect(entry.headers.authorization).toBe(`Bearer ${token}`);
				expect(entry.headers['x-app-key']).toBe(AK);
				expect(entry.headers['content-type']).toBe('application/json; charset=UTF-8');
				expect(entry.headers['x-userid']).toBeUndefined();
			}
		});

		it('sends x-UserId = the 19-digit operator id, as text, on createQualityTask', async () => {
			const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items: makeReviewTaskItems(3) });
			expect(result.error).toBeUndefined();

			const token = result.store.read().accessToken;
			const sent = businessEntries(mock);
			expect(sent).toHaveLength(3);
			for (const entry of sent) {
				expect(entry.path).toBe(TASK_PATH);
				expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
				expect(entry.headers.authorization).toBe(`Bearer ${token}`);
				expect(entry.headers['x-app-key']).toBe(AK);
				expect(entry.headers['content-type']).toBe('application/json; charset=UTF-8');
			}
		});

		it("sends the credential's App Key Header as x-app-key when it is set", async () => {
			const result = await runAgainst(mock, {
				parameters: inspectionParameters({ concurrency: 1 }),
				items: makeInspectionItems(1),
				credentials: credentialsFor(mock, { appKey: 'gateway-app-id' }),
				continueOnFail: true,
			});

			const sent = businessEntries(mock);
			expect(sent.length).toBeGreaterThan(0);
			expect(sent.map((e) => e.headers['x-app-key'])).toEqual(Array(sent.length).fill('gateway-app-id'));
			// This mock accepts only x-app-key = AK, so the item ends as an error item, not a thrown run.
			expect(sent[0].reason).toBe('x-app-key does not match the app key');
			expect(result.error).toBeUndefined();
			expect(Object.keys(result.outputs[0][0].json).sort()).toEqual(['details', 'error']);
		});
	});

	describe('request bodies on the wire', () => {
		it('qualityInspect: the documented example byte for byte, agentId as a number (also from a string)', async () => {
			const items = [
				{ agentId: 1118, voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3', beginTime: '2021-02-01 09:51:07', endTime: '2021-02-01 09:57:57' },
				// String agent id and ISO input with offsets: converted to Shanghai wall-clock time.
				{ agentId: '1119', voiceFilePath: 'Y:\\27\\0\\20210201\\1119\\1002001.V3', beginTime: '2021-02-01T02:02:00Z', endTime: '2021-02-01T10:05:30+08:00' },
			];
			const result = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 1 }), items });
			expect(result.error).toBeUndefined();

			expect(businessEntries(mock).map((e) => e.rawBody)).toEqual([
				DOCUMENTED_INSPECTION,
				'{"language":"zh_CN","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1119\\\\1002001.V3","agentId":1119,"beginTime":"2021-02-01 10:02:00","endTime":"2021-02-01 10:05:30"}',
			]);
		});

		it('qualityInspect: English recordings carry en_US; generated items match their expected bodies', async () => {
			const items = makeInspectionItems(4);
			const result = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 1 }, 'en_US'), items });
			expect(result.error).toBeUndefined();

			expect(businessEntries(mock).map((e) => e.rawBody)).toEqual(items.map((item) => expectedInspectionBody(item, 'en_US')));
		});

		it('createQualityTask: the documented example byte for byte (counts and scores as strings, epoch seconds)', async () => {
			const parameters = {
				...reviewTaskParameters({
					// 2023-05-11 20:27:38 and one day later, Shanghai wall-clock time
					callStartTime: '2023-05-11T20:27:38',
					callEndTime: '2023-05-12T20:27:38',
					maxNum: 10,
					qualityCondition: 0,
					scoreStart: 10,
					scoreEnd: 120,
					staffIds: [],
				}),
				planName: '234',
				interactionType: 2,
				qualityNum: 100,
			};
			const result = await runAgainst(mock, { parameters, items: [{ operatorUserId: OPERATOR_ID }] });
			expect(result.error).toBeUndefined();

			const [entry] = businessEntries(mock);
			expect(entry.rawBody).toBe(DOCUMENTED_REVIEW_TASK);
			expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
		});

		it('createQualityTask: durations as numbers, staff ids as strings, no time window when none is given', async () => {
			const parameters = reviewTaskParameters(
				{ durationStart: 30, durationEnd: 600, staffIds: ['1611917095665261979', '42'], scoreStart: '0' },
				{},
			);
			parameters.qualityType = 3;
			const result = await runAgainst(mock, { parameters, items: [{ operatorUserId: OPERATOR_ID, planName: 'weekly', qualityNum: '5' }] });
			expect(result.error).toBeUndefined();

			expect(businessEntries(mock).map((e) => e.rawBody)).toEqual([
				'{"customColumns":null,"currentRole":"qualityDirector","fixedColumns":{"qualityNum":"5","qualityType":3,"scoreStart":"0","durationStart":30,"durationEnd":600,"staffIds":["1611917095665261979","42"],"interactionType":0},"qualityTask":{"planName":"weekly"}}',
			]);
		});
	});

	describe('outputs', () => {
		it('qualityInspect: each output is the API answer for its own item', async () => {
			const items = makeInspectionItems(8);
			const result = await runAgainst(mock, { parameters: inspectionParameters(), items });
			expect(result.error).toBeUndefined();

			const answers = answersByItem(mock);
			expect(result.outputs[0].map((item) => item.json)).toEqual(range(8).map((i) => answers.get(i)));
			expect(result.outputs[0][0].json).toEqual({ resultCode: '1010200', call_uuid: expect.any(String), resultDesc: 'success' });
			expectPairedInOrder(result.outputs[0], range(8));
		});

		it('createQualityTask: qualityTaskId is the exact 20-digit string, for its own item', async () => {
			const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items: makeReviewTaskItems(5) });
			expect(result.error).toBeUndefined();

			const answers = answersByItem(mock);
			const outputs = result.outputs[0].map((item) => item.json);
			expect(outputs).toEqual(range(5).map((i) => answers.get(i)));
			for (const json of outputs) {
				expect(json).toEqual({ qualityTaskId: expect.stringMatching(TASK_ID), resultCode: '0409000', resultDesc: '操作成功' });
			}
			expect(new Set(outputs.map((json) => json.qualityTaskId)).size).toBe(5);
			expectPairedInOrder(result.outputs[0], range(5));
		});
	});

	describe('continue on fail', () => {
		// Items 1 and 3 are invalid (not a number; end before begin); item 0's request gets an HTTP 500.
		const mixedItems = (): IDataObject[] => {
			const items: IDataObject[] = makeInspectionItems(5);
			items[1] = { ...items[1], agentId: 'not-an-agent' };
			items[3] = { ...items[3], endTime: '2021-01-31 00:00:00' };
			return items;
		};

		it('continueRegularOutput: error items in place, in order, shaped {error, details}', async () => {
			mock.inject({ kind: 'qualityInspect', status: 500, body: '{"resultCode":"0500001","resultDesc":"busy db"}' });
			const result = await runAgainst(mock, {
				parameters: inspectionParameters({ concurrency: 1 }),
				items: mixedItems(),
				continueOnFail: 'continueRegularOutput',
			});

			expect(result.error).toBeUndefined();
			expect(result.outputs).toHaveLength(1);
			const out = result.outputs[0];
			expect(out).toHaveLength(5);
			expectPairedInOrder(out, range(5));
			for (const i of [0, 1, 3]) expect(Object.keys(out[i].json).sort()).toEqual(['details', 'error']);
			expect(out[0].json.error).toMatch(/HTTP 500/);
			expect(out[0].json.details).toMatchObject({ itemIndex: 0, httpCode: '500', resultCode: '0500001' });
			expect(out[1].json.error).toMatch(/Agent ID/);
			expect(out[3].json.error).toMatch(/End Time/);
			expect(out[2].json.resultCode).toBe('1010200');
			expect(out[4].json.resultCode).toBe('1010200');
			// Invalid items are never sent: item 0 (once, not resent after a 500), 2 and 4.
			expect(businessEntries(mock).map((e) => e.status)).toEqual([500, 200, 200]);
		});

		it('continueErrorOutput: invalid and failed items on the error output, valid ones on main', async () => {
			mock.inject({ kind: 'qualityInspect', status: 500, body: '{"resultCode":"0500001","resultDesc":"busy db"}' });
			const result = await runAgainst(mock, {
				parameters: inspectionParameters({ concurrency: 1 }),
				items: mixedItems(),
				continueOnFail: 'continueErrorOutput',
			});

			expect(result.error).toBeUndefined();
			expect(result.outputs).toHaveLength(2);
			const [main, errors] = result.outputs;
			expectPairedInOrder(main, [2, 4]);
			expect(main.map((item) => item.json.resultCode)).toEqual(['1010200', '1010200']);
			expectPairedInOrder(errors, [0, 1, 3]);
			// n8n itself merges the paired input's fields into error-output items; ours adds only error and message.
			const inputs = mixedItems();
			for (const item of errors) {
				const input = inputs[(item.pairedItem as { item: number }).item];
				expect(item.json).toEqual({ ...input, error: expect.any(String), message: expect.any(String) });
			}
		});

		it('review task: an invalid item is an error item in place, the others are created', async () => {
			const items: IDataObject[] = makeReviewTaskItems(3);
			items[1] = { ...items[1], planName: 'x'.repeat(33) };
			const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items, continueOnFail: true });

			expect(result.error).toBeUndefined();
			const out = result.outputs[0];
			expectPairedInOrder(out, range(3));
			expect(Object.keys(out[1].json).sort()).toEqual(['details', 'error']);
			expect(out[1].json.error).toMatch(/Plan Name/);
			expect([out[0].json.qualityTaskId, out[2].json.qualityTaskId]).toEqual([
				expect.stringMatching(TASK_ID),
				expect.stringMatching(TASK_ID),
			]);
			expect(mock.counters.byKind.createQualityTask).toBe(2);
		});
	});

	describe('without continue on fail', () => {
		it('an invalid item 2 of 5 fails the run, naming item, field and what is valid; nothing is sent', async () => {
			const items: IDataObject[] = makeInspectionItems(5);
			items[2] = { ...items[2], agentId: 'agent-7' };
			const result = await runAgainst(mock, { parameters: inspectionParameters(), items });

			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(/item 2/);
			expect(result.error?.message).toMatch(/"Agent ID" \(agentId\)/);
			expect(result.error?.message).toMatch(/"agent-7"/);
			expect(result.error?.message).toMatch(/whole number from 0 to/);
			expect(result.error?.description).toMatch(/No request was sent/);
			expect(result.outputs).toEqual([]);
			expect(mock.counters.businessRequests).toBe(0);
		});

		it('an invalid review-task quantity fails the run naming the field; nothing is sent', async () => {
			const items: IDataObject[] = makeReviewTaskItems(5);
			items[2] = { ...items[2], qualityNum: 0 };
			const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items });

			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(/item 2/);
			expect(result.error?.message).toMatch(/Sample Quantity/);
			expect(result.error?.message).toMatch(/whole number from 1 to 10000/);
			expect(mock.counters.businessRequests).toBe(0);
		});

		it('an operator id given as an unsafe JS number is rejected, not rounded', async () => {
			const items = [{ operatorUserId: Number(OPERATOR_ID), planName: 'p', qualityNum: 1 }];
			const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items });

			expect(result.error?.message).toMatch(/Operator User ID/);
			expect(mock.counters.businessRequests).toBe(0);
		});
	});
});

describe('a deployment that prints task ids unquoted', () => {
	let mock: CecMock;

	beforeAll(async () => {
		mock = await startMock({ unquotedIds: true });
	});
	afterAll(async () => {
		await mock.close();
	});

	it('keeps each 20-digit qualityTaskId exact, as a string', async () => {
		const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items: makeReviewTaskItems(4) });
		expect(result.error).toBeUndefined();

		// Precondition: the wire really had a bare number literal.
		expect(businessEntries(mock)[0].response).toMatch(/^\{"qualityTaskId":\d{20},/);
		const byItem = new Map(businessEntries(mock).map((e) => [itemOf(e.body), /^\{"qualityTaskId":(\d{20}),/.exec(e.response)![1]]));
		const ids = result.outputs[0].map((item) => item.json.qualityTaskId);
		expect(ids).toEqual(range(4).map((i) => byItem.get(`plan-${i}`)));
		expect(ids.every((id) => typeof id === 'string' && TASK_ID.test(id))).toBe(true);
		expectPairedInOrder(result.outputs[0], range(4));
	});
});

function itemOf(body: unknown): string | undefined {
	return (body as { qualityTask?: { planName?: string } }).qualityTask?.planName;
}
