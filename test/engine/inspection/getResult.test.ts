/**
 * Inspection → Get Result through n8n-core against the strict mock: the simplified result (rule ids
 * exact), the raw answer, calls not inspected yet under every On Error mode, bad Call UUIDs.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CecMockCall } from '../../mock/cecMock';
import {
	CREDIT_PATH,
	entriesOfKind,
	expectPairedInOrder,
	range,
	runAgainst,
	startMock,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { errorText } from '../shared/continueOnFail';
import { bodyOf, expectClean, resultParameters } from '../shared/inspection';
import { useMock } from '../shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS);

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

/* ================================================================== Get Result */

describe('Get Result', () => {
	const mock = useMock();
	let done: CecMockCall;
	let passed: CecMockCall;
	let inspecting: CecMockCall;
	let failed: CecMockCall;

	beforeAll(async () => {
		[done, passed, inspecting, failed] = mock.addCalls([
			{ status: 2 },
			{ status: 2, pass: true },
			{ status: 1 },
			{ status: 39 },
		]);
	});

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
			expect(errorText(output[index])).toContain(call.call_uuid);
			expect(errorText(output[index])).toMatch(/no inspection result yet/i);
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
		expect(errorText(failure[0])).toContain(inspecting.call_uuid);
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
		expect(errorText(output[0])).toMatch(/Invalid "Call UUID" \(callUuid\).*\[item 0\]/);
		expect(output[1].json.call_uuid).toBe(done.call_uuid);
		expect(entriesOfKind(mock, 'appraiseCallCredit').map((e) => bodyOf(e).call_uuid)).toEqual([done.call_uuid]);
	});
});
