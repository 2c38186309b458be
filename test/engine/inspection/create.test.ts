/**
 * Inspection → Create through n8n-core against the strict mock over real HTTP: the wire bodies
 * (documented example byte for byte), outputs, continue-on-fail and a refused item; Input Data Mode
 * "Auto-Map Input Data" (test/e2e/autoMap.test.ts runs it in real n8n 2.x and 1.x); and "Wait for Result"
 * (polls, early stop on a final failure, time-outs that keep the call_uuid and never create twice, the
 * concurrency window), with no secret in any output. Timing is asserted as counts and order, never as durations.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CecMock } from '../../mock/cecMock';
import {
	answersByItem,
	businessEntries,
	credentialsFor,
	entriesOfKind,
	expectedInspectionBody,
	expectNoSecrets,
	expectPairedInOrder,
	FINAL_FAILURE_STATUSES,
	inspectionParameters,
	makeInspectionItems,
	OPERATOR_ID,
	range,
	runAgainst,
	startMock,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { errorText, expectErrorItemShape, expectErrorOutputItems } from '../shared/continueOnFail';
import { bodyOf, expectClean, resultParameters } from '../shared/inspection';
import { useMock } from '../shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS);

/** The documented example (cec-quality-api.md §3), as JSON text. */
const DOCUMENTED_INSPECTION =
	'{"language":"zh_CN","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1118\\\\0951044.V3","agentId":1118,"beginTime":"2021-02-01 09:51:07","endTime":"2021-02-01 09:57:57"}';

describe('Create Inspection through n8n-core', () => {
	const mock = useMock({}, { zeroLatency: true });

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
			for (const i of [0, 1, 3]) expectErrorItemShape(out[i]);
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
			expectErrorOutputItems(errors, mixedItems());
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
	});
});

const autoMappedInspection = (options: INodeParameters = {}): INodeParameters => ({ resource: 'inspection', operation: 'create', dataMode: 'autoMapInputData', options });

describe('Create Inspection, auto-mapped', () => {
	const mock = useMock();

	it('sends exactly the bodies the expressions send, ignores the item\'s other fields, one output per item in order', async () => {
		const items = makeInspectionItems(12);
		const expressions = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 4 }), items });
		const expressionBodies = businessEntries(mock).map((entry) => entry.rawBody).sort();
		mock.resetLog();

		const autoMapped = await runAgainst(mock, {
			parameters: autoMappedInspection({ concurrency: 4 }),
			items: items.map((item) => ({ ...item, language: 'zh_CN', crmTicket: 'T-1', customer: { name: 'x' } })),
		});
		expect(autoMapped.error).toBeUndefined();
		expect(expressions.error).toBeUndefined();
		expectPairedInOrder(autoMapped.outputs[0], range(12));
		const sent = businessEntries(mock).map((entry) => entry.rawBody);
		expect([...sent].sort()).toEqual(expressionBodies);
		expect(sent.sort()).toEqual(items.map((item) => expectedInspectionBody(item)).sort());
		for (const item of autoMapped.outputs[0]) expect(typeof item.json.call_uuid).toBe('string');
	});

	it('coerces and converts as the fields below do: a numeric-string agentId, an instant with Z in the chosen time zone', async () => {
		const result = await runAgainst(mock, {
			parameters: autoMappedInspection({ timeZone: 'Asia/Shanghai' }),
			items: [{ language: 'en_US', voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3', agentId: ' 1118 ', beginTime: '2021-02-01T01:51:07Z', endTime: '2021-02-01T01:57:57.000Z' }],
		});
		expect(result.error).toBeUndefined();
		expect(businessEntries(mock).map((entry) => entry.rawBody)).toEqual([
			'{"language":"en_US","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1118\\\\0951044.V3","agentId":1118,"beginTime":"2021-02-01 09:51:07","endTime":"2021-02-01 09:57:57"}',
		]);
	});

	it('stop: an item without language fails the node naming the input field and the item; nothing is sent', async () => {
		const items = makeInspectionItems(4).map((item) => ({ ...item, language: 'zh_CN' }));
		delete (items[2] as IDataObject).language;
		const result = await runAgainst(mock, { parameters: autoMappedInspection(), items });
		expect(result.error?.message).toBe('Invalid input field "language": got nothing; must be one of "zh_CN", "en_US" [item 2]');
		expect(result.error?.description).toBe('Input field "language" of item 2: must be one of "zh_CN", "en_US". No request was sent for this item.');
		expect(businessEntries(mock)).toEqual([]);
	});

	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)('%s: bad items give their error in place, the others are created', async (mode) => {
		const items: IDataObject[] = makeInspectionItems(6).map((item) => ({ ...item, language: 'zh_CN' }));
		items[1].agentId = 'agent-7';
		items[3].endTime = '2021-02-01 08:00:00';
		delete items[4].voiceFilePath;
		const bad = [1, 3, 4];
		const good = range(6).filter((i) => !bad.includes(i));
		const result = await runAgainst(mock, { parameters: autoMappedInspection({ concurrency: 3 }), items, continueOnFail: mode });
		expect(result.error).toBeUndefined();
		const [success, failure] = mode === 'continueErrorOutput' ? result.outputs : [result.outputs[0].filter((item) => !item.json.error), result.outputs[0].filter((item) => item.json.error)];
		if (mode === 'continueRegularOutput') expectPairedInOrder(result.outputs[0], range(6));
		expectPairedInOrder(success, good);
		expectPairedInOrder(failure, bad);
		expect(failure.map(errorText)).toEqual([
			'Invalid input field "agentId": got "agent-7"; must be a whole number from 0 to 2147483647 [item 1]',
			expect.stringMatching(/^Invalid input field "endTime": got "2021-02-01 08:00:00"; must not be before beginTime \(.*\) \[item 3\]$/),
			expect.stringMatching(/^Invalid input field "voiceFilePath": got nothing; must be text of 1 to 1024 characters \[item 4\]$/),
		]);
		expect(businessEntries(mock).map((entry) => (entry.body as { agentId: number }).agentId - 1000).sort()).toEqual(good);
	});
});

const uuidsCreated = (mock: CecMock) =>
	entriesOfKind(mock, 'qualityInspect').map((entry) => (JSON.parse(entry.response) as { call_uuid: string }).call_uuid);

/* ================================================================== Create + Wait for Result */

describe('Create with Wait for Result', () => {
	/** Results after 2.5 s: the first poll (≥ 1 s after the create) finds none. */
	let slowish: CecMock;
	/** Results (or FAIL marker failures) after 0.5 s: the first poll finds them. */
	let quick: CecMock;
	/** Results after 10 minutes: every wait here times out. */
	let never: CecMock;

	beforeAll(async () => {
		slowish = await startMock({ inspection: { inspectingAfterMs: 300, doneAfterMs: 2500 } });
		quick = await startMock({ inspection: { inspectingAfterMs: 100, doneAfterMs: 500 } });
		never = await startMock({ inspection: { inspectingAfterMs: 100, doneAfterMs: 600_000 } });
	});
	afterAll(async () => {
		await Promise.all([slowish.close(), quick.close(), never.close()]);
	});
	beforeEach(() => {
		for (const mock of [slowish, quick, never]) {
			mock.resetLog();
			mock.setLatency(0);
		}
	});

	const waitOptions = (extra: INodeParameters = {}): INodeParameters => ({
		waitForResult: true,
		pollIntervalSeconds: 1,
		maxWaitSeconds: 30,
		...extra,
	});

	it.each([
		['Operator User ID', { operatorUserId: '16119170956652619x' }, /Invalid "Operator User ID" \(options\.operatorUserId\)/],
		['Max Wait (Seconds)', { maxWaitSeconds: 0 }, /Invalid "Max Wait \(Seconds\)" \(options\.maxWaitSeconds\)/],
		['Poll Interval (Seconds)', { pollIntervalSeconds: 0 }, /Invalid "Poll Interval \(Seconds\)" \(options\.pollIntervalSeconds\)/],
	])('an invalid %s is refused before anything is created, naming the field and the item', async (_field, option, message) => {
		const result = await runAgainst(quick, { parameters: inspectionParameters(waitOptions(option)), items: makeInspectionItems(2) });

		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/\[item 0\]/);
		expect(quick.log).toEqual([]);
	});

	it('a result that appears after a few polls: the creation answer merged with the simplified result, created once', async () => {
		const items = makeInspectionItems(1);
		const result = await runAgainst(slowish, {
			parameters: inspectionParameters(waitOptions({ operatorUserId: OPERATOR_ID })),
			items,
		});

		expect(result.error).toBeUndefined();
		expect(slowish.counters.byKind.qualityInspect).toBe(1);
		const [uuid] = uuidsCreated(slowish);
		const credit = entriesOfKind(slowish, 'appraiseCallCredit');
		expect(credit.length).toBeGreaterThanOrEqual(2);
		expect(credit.every((e) => e.rawBody === JSON.stringify({ call_uuid: uuid }))).toBe(true);
		expect(credit.slice(0, -1).every((e) => e.response === '[]')).toBe(true);
		expect(credit.at(-1)!.response).not.toBe('[]');
		// With an operator, each poll without a result also looks for a final failure in the call list.
		const details = entriesOfKind(slowish, 'appraiseCallDetails');
		expect(details).toHaveLength(credit.length - 1);
		for (const entry of details) {
			expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
			expect(bodyOf(entry)).toMatchObject({ page: 1, status: FINAL_FAILURE_STATUSES });
			expect(entry.reason).toBeUndefined();
		}
		// Each poll follows the previous one (sequence), the create comes first.
		const kinds = slowish.log.filter((e) => e.kind !== 'token').map((e) => e.kind);
		expect(kinds[0]).toBe('qualityInspect');
		expect(kinds.slice(1)).toEqual(credit.flatMap((_, i) => (i < credit.length - 1 ? ['appraiseCallCredit', 'appraiseCallDetails'] : ['appraiseCallCredit'])));

		const [output] = result.outputs;
		expectPairedInOrder(output, [0]);
		expect(output[0].json).toMatchObject({ call_uuid: uuid, resultCode: '1010200', passed: false, totalScore: 192 });
		// Exactly what Get Result gives for the call, plus the creation answer.
		const creation = JSON.parse(entriesOfKind(slowish, 'qualityInspect')[0].response) as IDataObject;
		const later = await runAgainst(slowish, { parameters: resultParameters(), items: [{ callUuid: uuid }] });
		expect(output[0].json).toEqual({ ...creation, ...later.outputs[0][0].json });
		expectClean(slowish, result);
	});

	it('the wait\'s operator left empty: the credential\'s Default Operator User ID looks the call up; with neither, only results are polled', async () => {
		const viaCredential = await runAgainst(slowish, {
			parameters: inspectionParameters(waitOptions()),
			items: makeInspectionItems(1),
			credentials: credentialsFor(slowish, { defaultOperatorUserId: OPERATOR_ID }),
		});
		expect(viaCredential.error).toBeUndefined();
		const details = entriesOfKind(slowish, 'appraiseCallDetails');
		expect(details.length).toBeGreaterThan(0);
		expect(details.every((entry) => entry.headers['x-userid'] === OPERATOR_ID)).toBe(true);

		slowish.resetLog();
		const neither = await runAgainst(slowish, { parameters: inspectionParameters(waitOptions()), items: makeInspectionItems(1) });
		expect(neither.error).toBeUndefined();
		expect(entriesOfKind(slowish, 'appraiseCallCredit').length).toBeGreaterThanOrEqual(2);
		expect(entriesOfKind(slowish, 'appraiseCallDetails')).toEqual([]);
	});

	describe('a final failure (FAIL39) with an operator: the wait stops at once, the error names status 39 and the call_uuid', () => {
		const failingItems = () => {
			const items = makeInspectionItems(1);
			items[0].voiceFilePath = 'Y:\\27\\0\\20210201\\1000\\FAIL39\\0000000.V3';
			return items;
		};
		const run = async (continueOnFail: false | 'continueRegularOutput' | 'continueErrorOutput') =>
			await runAgainst(quick, {
				parameters: inspectionParameters(waitOptions({ operatorUserId: OPERATOR_ID })),
				items: failingItems(),
				continueOnFail,
			});
		const expectOnePollCreatedOnce = () => {
			expect(quick.counters.byKind.qualityInspect).toBe(1);
			expect(entriesOfKind(quick, 'appraiseCallCredit')).toHaveLength(1);
			expect(entriesOfKind(quick, 'appraiseCallDetails')).toHaveLength(1);
		};

		it('stop', async () => {
			const result = await run(false);

			const [uuid] = uuidsCreated(quick);
			expect(result.error?.message).toContain(uuid);
			expect(result.error?.message).toMatch(/status 39 \(Running the inspection failed\)/);
			expect(result.error?.description).toMatch(/not created again/);
			expectOnePollCreatedOnce();
			expectClean(quick, result);
		});

		it('continue (regular output): details.call_uuid', async () => {
			const result = await run('continueRegularOutput');

			const [uuid] = uuidsCreated(quick);
			expect(result.error).toBeUndefined();
			const [item] = result.outputs[0];
			expect(errorText(item)).toMatch(new RegExp(`${uuid}.*status 39 \\(Running the inspection failed\\)`));
			expect(item.json.details).toMatchObject({ itemIndex: 0, call_uuid: uuid });
			expectPairedInOrder(result.outputs[0], [0]);
			expectOnePollCreatedOnce();
		});

		it('continue (error output): the error text carries the call_uuid', async () => {
			const result = await run('continueErrorOutput');

			const [uuid] = uuidsCreated(quick);
			const [success, failure] = result.outputs;
			expect(success).toEqual([]);
			expect(errorText(failure[0])).toContain(uuid);
			expect(errorText(failure[0])).toMatch(/status 39/);
			expectOnePollCreatedOnce();
		});
	});

	it('without an operator a final failure is not looked up: the wait runs to its limit, no call list read', async () => {
		const items = makeInspectionItems(1);
		items[0].voiceFilePath = 'Y:\\27\\0\\20210201\\1000\\FAIL39\\0000000.V3';
		const result = await runAgainst(quick, { parameters: inspectionParameters(waitOptions({ maxWaitSeconds: 1 })), items });

		const [uuid] = uuidsCreated(quick);
		expect(result.error?.message).toContain(uuid);
		expect(result.error?.message).toMatch(/no result within 1 s/);
		expect(entriesOfKind(quick, 'appraiseCallDetails')).toEqual([]);
		expect(quick.counters.byKind.qualityInspect).toBe(1);
	});

	describe('a wait that times out keeps the call_uuid and never creates again', () => {
		const run = async (continueOnFail: false | 'continueRegularOutput') =>
			await runAgainst(never, {
				parameters: inspectionParameters({ waitForResult: true, maxWaitSeconds: 1 }),
				items: makeInspectionItems(1),
				continueOnFail,
			});

		it('stop: the error names the call_uuid (message and context)', async () => {
			const result = await run(false);

			const [uuid] = uuidsCreated(never);
			expect(result.error?.message).toMatch(new RegExp(`${uuid}.*no result within 1 s`));
			expect((result.error as unknown as { context?: IDataObject }).context?.call_uuid).toBe(uuid);
			expect(never.counters.byKind.qualityInspect).toBe(1);
			// The poll interval (default 10 s) is cut short by the limit: one poll, at the limit.
			expect(entriesOfKind(never, 'appraiseCallCredit')).toHaveLength(1);
			expectClean(never, result);
		});

		it('continue (regular output): details.call_uuid', async () => {
			const result = await run('continueRegularOutput');

			const [uuid] = uuidsCreated(never);
			expect(result.error).toBeUndefined();
			const [item] = result.outputs[0];
			expect(errorText(item)).toContain(uuid);
			expect(item.json.details).toMatchObject({ itemIndex: 0, call_uuid: uuid });
			expect(never.counters.byKind.qualityInspect).toBe(1);
		});
	});

	it('a poll that fails (HTTP 500, no retries left) ends the wait with the call_uuid; the create is not sent again', async () => {
		never.inject({ kind: 'appraiseCallCredit', status: 500, body: '{"resultCode":"1010500","resultDesc":"boom"}' });
		const result = await runAgainst(never, {
			parameters: inspectionParameters({ waitForResult: true, pollIntervalSeconds: 1, maxRetries: 0 }),
			items: makeInspectionItems(1),
			continueOnFail: true,
		});

		const [uuid] = uuidsCreated(never);
		expect(result.error).toBeUndefined();
		const [item] = result.outputs[0];
		expect(errorText(item)).toMatch(new RegExp(`${uuid}.*waiting for its result failed.*HTTP 500`));
		expect(item.json.details).toMatchObject({ call_uuid: uuid });
		expect(never.counters.byKind.qualityInspect).toBe(1);
		expect(entriesOfKind(never, 'appraiseCallCredit').map((e) => e.status)).toEqual([500]);
	});

	// A tenant at its daily cap fails every call (status 9): the search for the created call must not
	// stop at the first thousand failures of the same minutes (it is narrowed to the call's own call time).
	it('a final failure is found among more than 1000 calls that failed in the same minutes', async () => {
		const busy = await startMock({ inspection: { inspectingAfterMs: 100, doneAfterMs: 500 } });
		try {
			const now = Math.floor(Date.now() / 1000);
			busy.addCalls(range(1000).map((i) => ({ status: 9, upload_time: now - 120 + (i % 100), staff_id: String(2000 + (i % 50)) })));
			const items = makeInspectionItems(1);
			items[0].voiceFilePath = 'Y:\\27\\0\\20210201\\1000\\FAIL9\\0000000.V3';
			const result = await runAgainst(busy, {
				parameters: inspectionParameters(waitOptions({ operatorUserId: OPERATOR_ID, maxWaitSeconds: 2 })),
				items,
			});

			const [uuid] = uuidsCreated(busy);
			expect(result.error?.message).toContain(uuid);
			expect(result.error?.message).toMatch(/status 9 \(Failed/);
			expect(entriesOfKind(busy, 'appraiseCallCredit')).toHaveLength(1);
			expect(busy.counters.byKind.qualityInspect).toBe(1);
		} finally {
			await busy.close();
		}
	});

	it('several waiting items keep at most Concurrency requests in flight; each is created once and gets its own result', async () => {
		quick.setLatency(40);
		const items = makeInspectionItems(6);
		const result = await runAgainst(quick, {
			parameters: inspectionParameters(waitOptions({ concurrency: 2, operatorUserId: OPERATOR_ID })),
			items,
		});

		expect(result.error).toBeUndefined();
		expect(quick.counters.maxInFlight).toBe(2);
		const creates = entriesOfKind(quick, 'qualityInspect');
		expect(creates.map((e) => (bodyOf(e).agentId as number) - 1000).sort((a, b) => a - b)).toEqual(range(6));
		const uuids = creates.map((e) => (JSON.parse(e.response) as { call_uuid: string }).call_uuid);
		const [output] = result.outputs;
		expectPairedInOrder(output, range(6));
		output.forEach((item, i) => {
			const create = creates.find((e) => bodyOf(e).agentId === 1000 + i)!;
			expect(item.json.call_uuid).toBe(JSON.parse(create.response).call_uuid);
			expect(item.json.groups).toHaveLength(2);
		});
		// Every credit poll is for a created call; each call's result was read once it existed.
		const polled = entriesOfKind(quick, 'appraiseCallCredit').map((e) => bodyOf(e).call_uuid);
		expect(new Set(polled)).toEqual(new Set(uuids));
		expectClean(quick, result);
	});

	it('secrets never reach an output: successes, failures and both error outputs', async () => {
		const items = makeInspectionItems(2);
		items[1].voiceFilePath = 'Y:\\27\\0\\20210201\\1001\\FAIL40\\0000001.V3';
		for (const continueOnFail of ['continueRegularOutput', 'continueErrorOutput'] as const) {
			const result = await runAgainst(quick, {
				parameters: inspectionParameters(waitOptions({ operatorUserId: OPERATOR_ID })),
				items,
				continueOnFail,
			});
			expect(result.error).toBeUndefined();
			expect(result.outputs.flat()).toHaveLength(2);
			expectNoSecrets(quick, result.outputs);
			expect(JSON.stringify(result.outputs)).toMatch(/status 40 \(Invalid voice file\)/);
		}
		expect(quick.issuedTokens.length).toBeGreaterThan(0);
	});
});
