/**
 * The inspection loop through n8n-core against the strict mock over real HTTP: Get Result, Get
 * Transcript, Get Many, and Create with "Wait for Result" (polls, early stop on a final failure,
 * time-outs that keep the call_uuid and never create twice, the concurrency window), with no secret
 * in any output. Timing is asserted as counts and order, never as durations.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { CecMock, CecMockCall, CecMockLogEntry } from '../mock/cecMock';
import {
	ALL_STATUSES,
	CREDIT_PATH,
	DETAIL_PATH,
	DETAILS_PATH,
	FINAL_FAILURE_STATUSES,
	OPERATOR_ID,
	TEST_TIMEOUT_MS,
	entriesOfKind,
	expectNoSecrets,
	expectPairedInOrder,
	inspectionParameters,
	makeInspectionItems,
	range,
	runAgainst,
	shanghaiEpoch,
	startMock,
} from './fixtures';
import type { RunNodeResult } from './harness';

jest.setTimeout(TEST_TIMEOUT_MS);

/* ------------------------------------------------------------------ parameters */

const resultParameters = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'inspection',
	operation: 'getResult',
	callUuid: '={{ $json.callUuid }}',
	options,
});

const transcriptParameters = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'inspection',
	operation: 'getTranscript',
	callUuid: '={{ $json.callUuid }}',
	options,
});

const manyParameters = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'inspection',
	operation: 'getMany',
	operatorUserId: OPERATOR_ID,
	uploadedFrom: '2021-03-01 00:00:00',
	uploadedTo: '2021-03-01 06:00:00',
	returnAll: true,
	...extra,
});

/* ------------------------------------------------------------------ expectations */

const RULE_ID = /^\d{18}$/;

/** What Get Result (simplified) gives for a mock call of 60 s whose inspection violated one dialogue rule per group. */
function expectedSimplified(call: CecMockCall, createTime: number): IDataObject {
	const compliantRule = (name: string, id: string, kind: string) => ({
		name,
		id,
		kind,
		result: 'compliant',
		compliant: true,
		corrected: false,
		points: 0,
		violatingSegments: [],
	});
	const violation = (name: string, id: string, points: number, start: number, end: number) => ({
		name,
		id,
		kind: 'dialogue',
		result: 'violation',
		compliant: false,
		corrected: false,
		points,
		violatingSegments: [{ start_time: start, end_time: end, call_id: call.call_id }],
	});
	return {
		call_uuid: call.call_uuid,
		resultTime: new Date(createTime * 1000).toISOString(),
		passed: false,
		violatedRules: ['对话规则测试', '服务禁语'],
		totalScore: 97 + 95,
		groups: [
			{
				name: '业务场景1',
				id: 'groupid_cbe2a1f09d',
				score: 97,
				rules: [
					violation('对话规则测试', '967510375224315904', -3, 20200, 29800),
					compliantRule('开场白规范', '967510375224315905', 'dialogue'),
					compliantRule('静音检测', '967510375224316001', 'silence'),
					compliantRule('语速检测', '967510375224315906', 'speed'),
				],
			},
			{
				name: '服务规范',
				id: 'groupid_7d41c9e3b2',
				score: 95,
				rules: [
					violation('服务禁语', '967510375224315907', -5, 40200, 49800),
					compliantRule('结束语规范', '967510375224315908', 'dialogue'),
					compliantRule('抢话检测', '967510375224315909', 'interrupt'),
				],
			},
		],
	};
}

const bodyOf = (entry: CecMockLogEntry) => entry.body as IDataObject;
const errorOf = (item: INodeExecutionData) => String(item.json.error ?? '');
const uuidsCreated = (mock: CecMock) =>
	entriesOfKind(mock, 'qualityInspect').map((entry) => (JSON.parse(entry.response) as { call_uuid: string }).call_uuid);

/** Every rule id in a value (simplified `id` or raw `rule_id`) that looks like a number, with its JS type. */
function ruleIdsOf(value: unknown): unknown[] {
	const found: unknown[] = [];
	const walk = (node: unknown) => {
		if (Array.isArray(node)) node.forEach(walk);
		else if (node && typeof node === 'object') {
			for (const [key, inner] of Object.entries(node)) {
				if ((key === 'rule_id' || key === 'id') && /^\d+$/.test(String(inner))) found.push(inner);
				walk(inner);
			}
		}
	};
	walk(value);
	return found;
}

function expectClean(mock: CecMock, result: RunNodeResult): void {
	expectNoSecrets(mock, { outputs: result.outputs, error: result.error });
}

/* ================================================================== Get Result */

describe('Get Result', () => {
	let mock: CecMock;
	let done: CecMockCall;
	let passed: CecMockCall;
	let inspecting: CecMockCall;
	let failed: CecMockCall;

	beforeAll(async () => {
		mock = await startMock();
		[done, passed, inspecting, failed] = mock.addCalls([
			{ status: 2 },
			{ status: 2, pass: true },
			{ status: 1 },
			{ status: 39 },
		]);
	});
	afterAll(async () => await mock.close());
	beforeEach(() => mock.resetLog());

	it('a done call: one item with passed, violated rules, total score and groups, 18-digit rule ids as exact strings', async () => {
		const result = await runAgainst(mock, { parameters: resultParameters(), items: [{ callUuid: done.call_uuid }] });

		expect(result.error).toBeUndefined();
		const credit = entriesOfKind(mock, 'appraiseCallCredit');
		expect(credit.map((e) => [e.path, e.rawBody, e.headers['x-userid']])).toEqual([
			[CREDIT_PATH, JSON.stringify({ call_uuid: done.call_uuid }), undefined],
		]);
		const createTime = (JSON.parse(credit[0].response) as Array<{ create_time: number }>)[0].create_time;
		expect(result.outputs[0]).toHaveLength(1);
		expect(result.outputs[0][0].json).toEqual(expectedSimplified(done, createTime));
		expectPairedInOrder(result.outputs[0], [0]);
		expect(ruleIdsOf(result.outputs[0][0].json).every((id) => typeof id === 'string' && RULE_ID.test(id))).toBe(true);
		expectClean(mock, result);
	});

	it('a call that violated nothing: passed, no violated rules, full scores', async () => {
		const result = await runAgainst(mock, { parameters: resultParameters(), items: [{ callUuid: passed.call_uuid }] });

		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json).toMatchObject({ call_uuid: passed.call_uuid, passed: true, violatedRules: [], totalScore: 200 });
	});

	it('simplify off: the API\'s array elements as they came', async () => {
		const result = await runAgainst(mock, {
			parameters: resultParameters({ simplify: false }),
			items: [{ callUuid: done.call_uuid }],
		});

		expect(result.error).toBeUndefined();
		const [credit] = entriesOfKind(mock, 'appraiseCallCredit');
		expect(result.outputs[0].map((item) => item.json)).toEqual(JSON.parse(credit.response));
		expect(result.outputs[0][0].json).toHaveProperty(['credit', 0, 'rules', 0, 'setting', 'rule_id'], '967510375224315904');
	});

	it('rule ids printed as unquoted 19-digit number literals stay exact strings, simplified or not', async () => {
		const unquoted = await startMock({ unquotedIds: true });
		try {
			const [call] = unquoted.addCalls([{ status: 2 }]);
			const simplified = await runAgainst(unquoted, { parameters: resultParameters(), items: [{ callUuid: call.call_uuid }] });
			const raw = await runAgainst(unquoted, {
				parameters: resultParameters({ simplify: false }),
				items: [{ callUuid: call.call_uuid }],
			});

			// The wire really carried number literals.
			expect(entriesOfKind(unquoted, 'appraiseCallCredit')[0].response).toContain('"rule_id":967510375224315904');
			expect(simplified.error).toBeUndefined();
			expect(raw.error).toBeUndefined();
			const simplifiedIds = ruleIdsOf(simplified.outputs[0][0].json);
			const rawIds = ruleIdsOf(raw.outputs[0][0].json);
			expect(simplifiedIds).toContain('967510375224315904');
			expect(rawIds).toEqual(expect.arrayContaining(['967510375224315904', '967510375224315909']));
			for (const id of [...simplifiedIds, ...rawIds]) expect(typeof id).toBe('string');
		} finally {
			await unquoted.close();
		}
	});

	it('not done yet (continue): an error item naming the call in its place, the done calls around it answered', async () => {
		const items = [{ callUuid: done.call_uuid }, { callUuid: inspecting.call_uuid }, { callUuid: failed.call_uuid }, { callUuid: passed.call_uuid }];
		const result = await runAgainst(mock, { parameters: resultParameters(), items, continueOnFail: true });

		expect(result.error).toBeUndefined();
		const [output] = result.outputs;
		expectPairedInOrder(output, range(4));
		expect(output[0].json.call_uuid).toBe(done.call_uuid);
		expect(output[3].json.call_uuid).toBe(passed.call_uuid);
		for (const [index, call] of [[1, inspecting], [2, failed]] as const) {
			expect(errorOf(output[index])).toContain(call.call_uuid);
			expect(errorOf(output[index])).toMatch(/no inspection result yet/i);
			expect(output[index].json.passed).toBeUndefined();
			expect(output[index].json.details).toMatchObject({ itemIndex: index });
		}
		// Never an empty success.
		expect(output.every((item) => Object.keys(item.json).length > 0)).toBe(true);
		expect(entriesOfKind(mock, 'appraiseCallCredit')).toHaveLength(4);
		expectClean(mock, result);
	});

	it('not done yet (continue, error output): the failure on output 1 naming the call', async () => {
		const items = [{ callUuid: inspecting.call_uuid }, { callUuid: done.call_uuid }];
		const result = await runAgainst(mock, { parameters: resultParameters(), items, continueOnFail: 'continueErrorOutput' });

		expect(result.error).toBeUndefined();
		const [success, failure] = result.outputs;
		expectPairedInOrder(success, [1]);
		expectPairedInOrder(failure, [0]);
		expect(errorOf(failure[0])).toContain(inspecting.call_uuid);
	});

	it('not done yet (stop): the run fails naming the call', async () => {
		const result = await runAgainst(mock, { parameters: resultParameters(), items: [{ callUuid: inspecting.call_uuid }] });

		expect(result.error?.message).toContain(inspecting.call_uuid);
		expect(result.error?.message).toMatch(/no inspection result yet/i);
		expect(result.outputs).toEqual([]);
		expectClean(mock, result);
	});

	it.each([
		['empty', ''],
		['white space', '   '],
		['spaced', 'abc def'],
		['a path', '../../etc/passwd'],
		['too long (129 characters)', 'x'.repeat(129)],
	])('a Call UUID that is %s: refused naming "Call UUID" (callUuid) and the item, nothing sent', async (_what, bad) => {
		const items = [{ callUuid: done.call_uuid }, { callUuid: bad }];
		const result = await runAgainst(mock, { parameters: resultParameters(), items });

		expect(result.error?.message).toMatch(/Invalid "Call UUID" \(callUuid\).*\[item 1\]/);
		expect(result.error?.description).toMatch(/No request was sent/);
		expect(mock.log).toEqual([]);
	});

	it('a bad Call UUID under continue: an error item for it, nothing sent for it, the other item answered', async () => {
		const items = [{ callUuid: '' }, { callUuid: done.call_uuid }];
		const result = await runAgainst(mock, { parameters: resultParameters(), items, continueOnFail: true });

		expect(result.error).toBeUndefined();
		const [output] = result.outputs;
		expectPairedInOrder(output, [0, 1]);
		expect(errorOf(output[0])).toMatch(/Invalid "Call UUID" \(callUuid\).*\[item 0\]/);
		expect(output[1].json.call_uuid).toBe(done.call_uuid);
		expect(entriesOfKind(mock, 'appraiseCallCredit').map((e) => bodyOf(e).call_uuid)).toEqual([done.call_uuid]);
	});
});

/* ================================================================== Get Transcript */

describe('Get Transcript', () => {
	let mock: CecMock;
	let first: CecMockCall;
	let second: CecMockCall;
	let english: CecMockCall;
	let inspecting: CecMockCall;

	beforeAll(async () => {
		mock = await startMock();
		[first, second, english, inspecting] = mock.addCalls([
			{ status: 2, duration: 90 },
			{ status: 2 },
			{ status: 2, language: 'en_US' },
			{ status: 1 },
		]);
	});
	afterAll(async () => await mock.close());
	beforeEach(() => mock.resetLog());

	it('one item per call: every segment labelled Agent or Customer, in call order, and the text as a whole', async () => {
		const result = await runAgainst(mock, { parameters: transcriptParameters(), items: [{ callUuid: english.call_uuid }] });

		expect(result.error).toBeUndefined();
		expect(entriesOfKind(mock, 'appraiseCallDetail').map((e) => [e.path, e.rawBody])).toEqual([
			[DETAIL_PATH, JSON.stringify({ call_uuid: english.call_uuid })],
		]);
		const [item] = result.outputs[0];
		expectPairedInOrder(result.outputs[0], [0]);
		const json = item.json as { call_uuid: string; segments: IDataObject[]; transcript: string };
		expect(json.call_uuid).toBe(english.call_uuid);
		expect(json.segments.map((s) => s.speakerRole)).toEqual(['Agent', 'Customer', 'Agent', 'Customer', 'Agent', 'Customer']);
		expect(json.segments.map((s) => s.segment_id)).toEqual([1, 2, 3, 4, 5, 6]);
		const starts = json.segments.map((s) => Number(s.start_time));
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
		const lines = json.transcript.split('\n');
		expect(lines).toHaveLength(6);
		expect(lines[0]).toBe('Agent: Hello, thank you for calling, how can I help you today?');
		expect(lines[1]).toBe("Customer: Hi, I think I was charged twice on last month's bill.");
		lines.forEach((line, i) => expect(line).toBe(`${json.segments[i].speakerRole}: ${json.segments[i].asr_text}`));
		expectClean(mock, result);
	});

	it('segments as items: one item per segment with call_uuid and speaker, each paired to its input item, for several inputs', async () => {
		const items = [{ callUuid: first.call_uuid }, { callUuid: second.call_uuid }, { callUuid: english.call_uuid }];
		const result = await runAgainst(mock, { parameters: transcriptParameters({ outputSegmentsAsItems: true }), items });

		expect(result.error).toBeUndefined();
		const [output] = result.outputs;
		expect(output).toHaveLength(18);
		expectPairedInOrder(output, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
		const calls = [first, second, english];
		output.forEach((item, position) => {
			const input = Math.floor(position / 6);
			expect(item.json.call_uuid).toBe(calls[input].call_uuid);
			expect(item.json.segment_id).toBe((position % 6) + 1);
			expect(item.json.speakerRole).toBe(position % 2 === 0 ? 'Agent' : 'Customer');
			expect(typeof item.json.asr_text).toBe('string');
		});
		// The 90-second call's segments are spread over its length, still in order.
		const firstStarts = output.slice(0, 6).map((item) => Number(item.json.start_time));
		expect(firstStarts).toEqual([...firstStarts].sort((a, b) => a - b));
		expect(entriesOfKind(mock, 'appraiseCallDetail')).toHaveLength(3);
	});

	it('segments as items with a call not inspected yet (continue): its one error item sits between the others\' segments', async () => {
		const items = [{ callUuid: first.call_uuid }, { callUuid: inspecting.call_uuid }, { callUuid: second.call_uuid }];
		const result = await runAgainst(mock, {
			parameters: transcriptParameters({ outputSegmentsAsItems: true }),
			items,
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		const [output] = result.outputs;
		expectPairedInOrder(output, [0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2]);
		expect(errorOf(output[6])).toMatch(/appraisecall\/detail failed: resultCode 1010001/);
		expect(output[6].json.details).toMatchObject({ itemIndex: 1, resultCode: '1010001' });
	});
});

/* ================================================================== Get Many */

describe('Get Many', () => {
	let mock: CecMock;
	const windowStart = shanghaiEpoch('2021-03-01 00:00:00');
	const windowEnd = shanghaiEpoch('2021-03-01 06:00:00');
	let seeded: CecMockCall[];

	beforeAll(async () => {
		mock = await startMock();
		seeded = mock.addCalls(range(123).map((i) => ({ status: 2, upload_time: windowStart + 60 + i * 60 })));
		// Outside the window on either side: never listed.
		mock.addCalls([{ status: 2, upload_time: windowStart - 1 }, { status: 2, upload_time: windowEnd + 1 }]);
	});
	afterAll(async () => await mock.close());
	beforeEach(() => mock.resetLog());

	it('Return All: 123 calls in 3 requests of limit 50, with x-UserId, the upload window in epoch seconds and every status', async () => {
		const result = await runAgainst(mock, { parameters: manyParameters(), items: [{}] });

		expect(result.error).toBeUndefined();
		const requests = entriesOfKind(mock, 'appraiseCallDetails');
		expect(requests.map((e) => e.path)).toEqual([DETAILS_PATH, DETAILS_PATH, DETAILS_PATH]);
		expect(requests.map(bodyOf)).toEqual(
			[1, 2, 3].map((page) => ({
				page,
				limit: 50,
				call_types: [0, 2],
				status: ALL_STATUSES,
				upload_from: windowStart,
				upload_to: windowEnd,
			})),
		);
		for (const entry of requests) expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
		const [output] = result.outputs;
		expect(output).toHaveLength(123);
		expect(output.map((item) => item.json.call_uuid)).toEqual(seeded.map((call) => call.call_uuid));
		expect(new Set(output.map((item) => item.json.call_uuid)).size).toBe(123);
		expect(output.every((item) => item.json.status === 2 && item.json.statusText === 'Done')).toBe(true);
		expectPairedInOrder(output, Array(123).fill(0));
		expectClean(mock, result);
	});

	it('a limit of 7: 7 calls in one request of limit 7', async () => {
		const result = await runAgainst(mock, { parameters: manyParameters({ returnAll: false, limit: 7 }), items: [{}] });

		expect(result.error).toBeUndefined();
		expect(entriesOfKind(mock, 'appraiseCallDetails').map((e) => [bodyOf(e).page, bodyOf(e).limit])).toEqual([[1, 7]]);
		expect(result.outputs[0].map((item) => item.json.call_uuid)).toEqual(seeded.slice(0, 7).map((call) => call.call_uuid));
	});

	it('a limit of 120: 3 requests of limit 50, 120 calls', async () => {
		const result = await runAgainst(mock, { parameters: manyParameters({ returnAll: false, limit: 120 }), items: [{}] });

		expect(result.error).toBeUndefined();
		expect(entriesOfKind(mock, 'appraiseCallDetails').map((e) => [bodyOf(e).page, bodyOf(e).limit])).toEqual([
			[1, 50],
			[2, 50],
			[3, 50],
		]);
		expect(result.outputs[0]).toHaveLength(120);
	});

	it('every filter goes out under its wire name with its wire type, and the API applies it', async () => {
		const day = (time: string) => shanghaiEpoch(`2021-04-01 ${time}`);
		const base = {
			call_type: 2 as const,
			status: 2,
			staff_id: '2001',
			staff_name: 'Alice Wong',
			duration: 120,
			upload_time: day('15:00:00'),
			call_time: day('10:00:00'),
		};
		const [match] = mock.addCalls([
			base,
			{ ...base, call_type: 0 },
			{ ...base, status: 1 },
			{ ...base, staff_id: '2002' },
			{ ...base, staff_name: 'Bob' },
			{ ...base, duration: 20 },
			{ ...base, duration: 900 },
			{ ...base, call_time: day('07:00:00') },
			{ ...base, language: 'en_US' },
		]);
		const parameters = manyParameters({
			uploadedFrom: '2021-04-01 00:00:00',
			uploadedTo: '2021-04-01 23:59:59',
			filters: {
				statuses: [2, 39],
				callTypes: [2],
				callFrom: '2021-04-01 08:00:00',
				callTo: '2021-04-01T12:00:00+08:00',
				staffId: '={{ $json.staff }}',
				staffName: 'Alice',
				keyword: '账单',
				durationMin: 30,
				durationMax: 600,
			},
		});

		const result = await runAgainst(mock, { parameters, items: [{ staff: 2001 }] });

		expect(result.error).toBeUndefined();
		const requests = entriesOfKind(mock, 'appraiseCallDetails');
		expect(requests).toHaveLength(1);
		expect(bodyOf(requests[0])).toEqual({
			page: 1,
			limit: 50,
			call_types: [2],
			status: [2, 39],
			upload_from: day('00:00:00'),
			upload_to: day('23:59:59'),
			call_from: day('08:00:00'),
			call_to: day('12:00:00'),
			staff_id: '2001',
			staff_name: 'Alice',
			keyword: '账单',
			duration_min: 30,
			duration_max: 600,
		});
		expect(requests[0].reason).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json.call_uuid)).toEqual([match.call_uuid]);
	});

	it('a limit of 0 is refused before anything is sent, naming "Limit" (limit) and the item', async () => {
		const result = await runAgainst(mock, {
			parameters: manyParameters({ returnAll: false, limit: '={{ $json.limit }}' }),
			items: [{ limit: 5 }, { limit: 0 }],
		});

		expect(result.error?.message).toMatch(/Invalid "Limit" \(limit\): got 0.*\[item 1\]/);
		expect(mock.log).toEqual([]);
	});

	it('an upload window that ends before it starts is refused before anything is sent, naming "Uploaded To" (uploadedTo) and the item', async () => {
		const result = await runAgainst(mock, {
			parameters: manyParameters({ uploadedFrom: '={{ $json.from }}', uploadedTo: '={{ $json.to }}' }),
			items: [
				{ from: '2021-03-01 00:00:00', to: '2021-03-01 06:00:00' },
				{ from: '2021-03-02 00:00:00', to: '2021-03-01 00:00:00' },
			],
		});

		expect(result.error?.message).toMatch(/Invalid "Uploaded To" \(uploadedTo\).*\[item 1\]/);
		expect(mock.log).toEqual([]);
	});

	it('the same refusals under continue: error items in place, the good item answered', async () => {
		const result = await runAgainst(mock, {
			parameters: manyParameters({
				returnAll: false,
				limit: '={{ $json.limit }}',
				uploadedFrom: '={{ $json.from }}',
				uploadedTo: '={{ $json.to }}',
			}),
			items: [
				{ limit: 0, from: '2021-03-01 00:00:00', to: '2021-03-01 06:00:00' },
				{ limit: 2, from: '2021-03-01 00:00:00', to: '2021-03-01 06:00:00' },
				{ limit: 2, from: '2021-03-02 00:00:00', to: '2021-03-01 00:00:00' },
			],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		const [output] = result.outputs;
		expectPairedInOrder(output, [0, 1, 1, 2]);
		expect(errorOf(output[0])).toMatch(/Invalid "Limit" \(limit\).*\[item 0\]/);
		expect(errorOf(output[3])).toMatch(/Invalid "Uploaded To" \(uploadedTo\).*\[item 2\]/);
		expect(entriesOfKind(mock, 'appraiseCallDetails')).toHaveLength(1);
	});
});

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
			expect(errorOf(item)).toMatch(new RegExp(`${uuid}.*status 39 \\(Running the inspection failed\\)`));
			expect(item.json.details).toMatchObject({ itemIndex: 0, call_uuid: uuid });
			expectPairedInOrder(result.outputs[0], [0]);
			expectOnePollCreatedOnce();
		});

		it('continue (error output): the error text carries the call_uuid', async () => {
			const result = await run('continueErrorOutput');

			const [uuid] = uuidsCreated(quick);
			const [success, failure] = result.outputs;
			expect(success).toEqual([]);
			expect(errorOf(failure[0])).toContain(uuid);
			expect(errorOf(failure[0])).toMatch(/status 39/);
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
			expect(errorOf(item)).toContain(uuid);
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
		expect(errorOf(item)).toMatch(new RegExp(`${uuid}.*waiting for its result failed.*HTTP 500`));
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
