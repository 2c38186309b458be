/**
 * Inspection Item → Get Many through n8n-core against the strict mock (ids printed unquoted): the window
 * as epoch seconds, the filters as documented, the items with their type and status in words, paging
 * (Return All over several pages of 500, Limit), and under continue-on-fail one error item per bad input.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CecMockItem } from '../../mock/cecMock';
import { entriesOfKind, expectNoSecrets, expectPairedInOrder, OPERATOR_ID, runAgainst, shanghaiEpoch, TEST_TIMEOUT_MS } from '../fixtures';
import { expectErrorItemShape } from '../shared/continueOnFail';
import { useMock } from '../shared/mock';
import { expectOperatorOnEveryRequest, expectRawBodies, ITEM_ID, itemOperation, jsonOf, rawBodies } from '../shared/inspectionItem';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

const AGENT_A = '1600226476732482001';
const AGENT_B = '1600226476732482002';
const INSPECTOR_A = '1600226476732482572';
const INSPECTOR_B = '1600226476732482573';

/** The list entry the mock gives for a seeded item, with the words the node adds. */
function listed(item: CecMockItem, names: { agentName: string; inspectorName: string }): IDataObject {
	const appeal = item.type === 'appeal';
	const statusWords: Record<number, [string, string]> = { 21: ['审核中', 'Reviewing'], 22: ['已关闭', 'Closed'], 24: ['处理中', 'Handling'], 27: ['验证中', 'Verifying'] };
	const person = `User ${item.handlerUserId.slice(-4)}`;
	return {
		id: item.id,
		taskType: appeal ? '2' : '1',
		taskTypeName: appeal ? '申诉' : '问题',
		taskStatus: item.status,
		taskStatusName: statusWords[item.status][0],
		callId: item.callId,
		inspectorName: names.inspectorName,
		reviewingOfficerName: person,
		initiatorName: appeal ? names.agentName : names.inspectorName,
		taskOperatorName: person,
		agentName: names.agentName,
		agentUserId: item.agentUserId,
		createTime: item.createTime,
		taskTypeText: appeal ? 'Appeal' : 'Problem',
		taskStatusText: statusWords[item.status][1],
	};
}

describe('Inspection Item → Get Many: window and filters', () => {
	const mock = useMock({ unquotedIds: true });
	const FROM = '2023-05-11 00:00:00';
	const TO = '2023-05-12 00:00:00';
	let seeded: CecMockItem[];

	beforeAll(() => {
		const at = (wallClock: string) => shanghaiEpoch(wallClock);
		seeded = mock.addItems([
			{ type: 'appeal', createTime: at('2023-05-10 23:59:59'), agentUserId: AGENT_A }, // 0: a second before the window
			{ type: 'appeal', createTime: at(FROM), agentUserId: AGENT_A, agentName: 'Agent Li', inspectorUserId: INSPECTOR_A, inspectorName: 'Inspector Wang' }, // 1: at its start
			{ type: 'problem', createTime: at('2023-05-11 09:30:00'), agentUserId: AGENT_B, agentName: 'Agent Zhao', inspectorUserId: INSPECTOR_B, inspectorName: 'Inspector Sun' }, // 2
			{ type: 'appeal', status: 22, createTime: at('2023-05-11 12:00:00'), agentUserId: AGENT_B, agentName: 'Agent Zhao', inspectorUserId: INSPECTOR_A, inspectorName: 'Inspector Wang', handlerUserId: '1600226476732489876' }, // 3
			{ type: 'problem', status: 27, createTime: at(TO), agentUserId: AGENT_A, agentName: 'Agent Li', inspectorUserId: INSPECTOR_A, inspectorName: 'Inspector Wang' }, // 4: at its end
			{ type: 'problem', createTime: at('2023-05-12 00:00:01'), agentUserId: AGENT_A }, // 5: a second after
		]);
	});

	it('a day (wall clock in the workflow zone) is sent as epoch seconds, its ends included; every item in words, all paired to the input', async () => {
		const result = await runAgainst(mock, { parameters: itemOperation('getMany', { from: FROM.replace(' ', 'T'), to: TO.replace(' ', 'T'), returnAll: true }), items: [{}] });
		expect(result.error).toBeUndefined();
		expect(rawBodies(mock, 'queryQualityItem')).toEqual([
			`{"startTimeMillis":${shanghaiEpoch(FROM)},"endTimeMillis":${shanghaiEpoch(TO)},"page":1,"rows":500,"fixedColumns":{}}`,
		]);
		expect(shanghaiEpoch(FROM)).toBe(1683734400);
		expect(jsonOf(result.outputs[0])).toEqual([
			listed(seeded[1], { agentName: 'Agent Li', inspectorName: 'Inspector Wang' }),
			listed(seeded[2], { agentName: 'Agent Zhao', inspectorName: 'Inspector Sun' }),
			listed(seeded[3], { agentName: 'Agent Zhao', inspectorName: 'Inspector Wang' }),
			listed(seeded[4], { agentName: 'Agent Li', inspectorName: 'Inspector Wang' }),
		]);
		expectPairedInOrder(result.outputs[0], [0, 0, 0, 0]);
		expectOperatorOnEveryRequest(mock);
		expectNoSecrets(mock, result.outputs);
	});

	it('filters per input item (ids as text, the type as "1"/"2", the status a number): each item\'s list follows its input, in input order', async () => {
		const result = await runAgainst(mock, {
			parameters: itemOperation('getMany', {
				from: FROM.replace(' ', 'T'),
				to: TO.replace(' ', 'T'),
				returnAll: true,
				filters: { agentUserIds: '={{ $json.agents }}', qualityUserIds: '={{ $json.inspectors }}', itemType: '={{ $json.type }}', status: '={{ $json.status }}' },
			}),
			items: [
				{ agents: [AGENT_B], inspectors: [], type: 'appeal', status: 22 },
				{ agents: `${AGENT_A},${AGENT_B}`, inspectors: [INSPECTOR_A], type: 'problem', status: 27 },
				{ agents: [AGENT_A], inspectors: [INSPECTOR_B], type: 'problem', status: 24 },
			],
		});
		expect(result.error).toBeUndefined();
		const window = `"startTimeMillis":${shanghaiEpoch(FROM)},"endTimeMillis":${shanghaiEpoch(TO)},"page":1,"rows":500`;
		expectRawBodies(mock, 'queryQualityItem', [
			`{${window},"fixedColumns":{"agentUserIds":["${AGENT_B}"],"taskType":"2","taskStatus":22}}`,
			`{${window},"fixedColumns":{"agentUserIds":["${AGENT_A}","${AGENT_B}"],"qualityUserIds":["${INSPECTOR_A}"],"taskType":"1","taskStatus":27}}`,
			`{${window},"fixedColumns":{"agentUserIds":["${AGENT_A}"],"qualityUserIds":["${INSPECTOR_B}"],"taskType":"1","taskStatus":24}}`,
		]);
		// Item 2 matches nothing: no output item for it.
		expect(result.outputs[0].map((item) => item.json.id)).toEqual([seeded[3].id, seeded[4].id]);
		expectPairedInOrder(result.outputs[0], [0, 1]);
		expect(result.outputs[0][0].json).toMatchObject({ taskStatus: 22, taskStatusText: 'Closed', taskTypeText: 'Appeal' });
		expect(result.outputs[0][1].json).toMatchObject({ taskStatus: 27, taskStatusText: 'Verifying', taskTypeText: 'Problem' });
	});

	it('without From and To: the last day up to now', async () => {
		const [recent] = mock.addItems([{ type: 'problem', agentUserId: '1600226476732480042' }]);
		const [yesterday] = mock.addItems([{ type: 'problem', agentUserId: '1600226476732480042', createTime: recent.createTime - 24 * 3600 - 120 }]);
		const result = await runAgainst(mock, { parameters: itemOperation('getMany', { filters: { agentUserIds: ['1600226476732480042'] } }), items: [{}] });
		expect(result.error).toBeUndefined();
		const [entry] = entriesOfKind(mock, 'queryQualityItem');
		const body = entry.body as { startTimeMillis: number; endTimeMillis: number; rows: number };
		expect(body.endTimeMillis - body.startTimeMillis).toBe(24 * 3600);
		expect(body.endTimeMillis).toBeGreaterThanOrEqual(recent.createTime);
		expect(body.endTimeMillis).toBeLessThanOrEqual(Math.ceil(entry.startedAt / 1000));
		// Limit's default (50) is the page size.
		expect(body.rows).toBe(50);
		expect(result.outputs[0].map((item) => item.json.id)).toEqual([recent.id]);
		expect(result.outputs[0].map((item) => item.json.id)).not.toContain(yesterday.id);
	});

	it('continue-on-fail: a status not offered, To before From, and an operator id that is a number above 2^53 each give one error item naming the field; only the valid items are sent', async () => {
		const result = await runAgainst(mock, {
			parameters: itemOperation('getMany', {
				operatorUserId: '={{ $json.operator }}',
				from: '={{ $json.from }}',
				to: '={{ $json.to }}',
				returnAll: true,
				filters: { status: '={{ $json.status }}' },
			}),
			items: [
				{ operator: OPERATOR_ID, from: FROM, to: TO, status: 23 },
				{ operator: OPERATOR_ID, from: TO, to: FROM, status: 21 },
				{ operator: 1611917095665261978, from: FROM, to: TO, status: 21 },
				{ operator: OPERATOR_ID, from: FROM, to: TO, status: 21 },
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.outputs[0];
		expectPairedInOrder(out, [0, 1, 2, 3]);
		for (const failed of out.slice(0, 3)) expectErrorItemShape(failed);
		expect(out[0].json.error).toMatch(/^Invalid "Status" \(filters\.status\): got 23; must be one of 21, 22, 24, 27 \[item 0\]$/);
		expect(out[1].json.error).toMatch(/^Invalid "To" \(to\).*must not be before From.*\[item 1\]$/);
		expect(out[2].json.error).toMatch(/^Invalid "Operator User ID" \(operatorUserId\).*pass it as text.*\[item 2\]$/);
		for (const [index, failed] of out.slice(0, 3).entries()) {
			expect(failed.json.details).toMatchObject({ itemIndex: index, description: expect.stringMatching(/No request was sent for this item\.$/) });
		}
		expect(out[3].json).toMatchObject({ id: seeded[1].id, taskStatus: 21 });
		expect(entriesOfKind(mock, 'queryQualityItem')).toHaveLength(1);
		expectOperatorOnEveryRequest(mock);
	});
});

describe('Inspection Item → Get Many: paging', () => {
	const mock = useMock({ unquotedIds: true });
	// Two separate days: 1100 items (three pages of 500), and exactly 1000 (two full pages).
	const DAY_1100 = { from: '2023-06-01T00:00:00', to: '2023-06-01T23:59:59' };
	const DAY_1000 = { from: '2023-06-02T00:00:00', to: '2023-06-02T23:59:59' };
	let ids1100: string[];
	let ids1000: string[];

	beforeAll(() => {
		const seed = (day: string, count: number) =>
			mock.addItems(Array.from({ length: count }, (_, i) => ({ type: i % 3 === 0 ? ('appeal' as const) : ('problem' as const), createTime: shanghaiEpoch(`${day} 08:00:00`) + i * 30 }))).map((item) => item.id);
		ids1100 = seed('2023-06-01', 1100);
		ids1000 = seed('2023-06-02', 1000);
	});

	const pagesSent = () => entriesOfKind(mock, 'queryQualityItem').map((entry) => [(entry.body as IDataObject).page, (entry.body as IDataObject).rows]);

	it('Return All over 1100 items: pages 1 to 3 of 500 rows, every 19-digit id exact (printed unquoted) and in order', async () => {
		const result = await runAgainst(mock, { parameters: itemOperation('getMany', { ...DAY_1100, returnAll: true }), items: [{}] });
		expect(result.error).toBeUndefined();
		expect(pagesSent()).toEqual([
			[1, 500],
			[2, 500],
			[3, 500],
		]);
		// The mock did print them as bare numbers.
		expect(entriesOfKind(mock, 'queryQualityItem')[0].response).toContain(`"id":${ids1100[0]},`);
		const ids = result.outputs[0].map((item) => item.json.id);
		expect(ids).toEqual(ids1100);
		expect(ids.every((id) => typeof id === 'string' && ITEM_ID.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(1100);
		expect(result.outputs[0].every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Return All over exactly 1000 items: two pages, no third request once the total is reached', async () => {
		const result = await runAgainst(mock, { parameters: itemOperation('getMany', { ...DAY_1000, returnAll: true }), items: [{}] });
		expect(result.error).toBeUndefined();
		expect(pagesSent()).toEqual([
			[1, 500],
			[2, 500],
		]);
		expect(result.outputs[0].map((item) => item.json.id)).toEqual(ids1000);
	});

	it('Limit 7: one request of 7 rows, the first 7 items', async () => {
		const result = await runAgainst(mock, { parameters: itemOperation('getMany', { ...DAY_1100, returnAll: false, limit: 7 }), items: [{}] });
		expect(result.error).toBeUndefined();
		expect(pagesSent()).toEqual([[1, 7]]);
		expect(result.outputs[0].map((item) => item.json.id)).toEqual(ids1100.slice(0, 7));
	});

	it('Limit 600: two pages of 500, cut at 600', async () => {
		const result = await runAgainst(mock, { parameters: itemOperation('getMany', { ...DAY_1100, returnAll: false, limit: 600 }), items: [{}] });
		expect(result.error).toBeUndefined();
		expect(pagesSent()).toEqual([
			[1, 500],
			[2, 500],
		]);
		expect(result.outputs[0].map((item) => item.json.id)).toEqual(ids1100.slice(0, 600));
	});

	it('two input items page independently: Limit 3 of appeals for one, of problems for the other, in input order', async () => {
		const result = await runAgainst(mock, {
			parameters: itemOperation('getMany', { ...DAY_1100, returnAll: false, limit: 3, filters: { itemType: '={{ $json.type }}' } }),
			items: [{ type: 'appeal' }, { type: 'problem' }],
		});
		expect(result.error).toBeUndefined();
		const appeals = ids1100.filter((_, i) => i % 3 === 0).slice(0, 3);
		const problems = ids1100.filter((_, i) => i % 3 !== 0).slice(0, 3);
		expect(result.outputs[0].map((item) => item.json.id)).toEqual([...appeals, ...problems]);
		expectPairedInOrder(result.outputs[0], [0, 0, 0, 1, 1, 1]);
		expect(result.outputs[0].map((item) => item.json.taskTypeText)).toEqual(['Appeal', 'Appeal', 'Appeal', 'Problem', 'Problem', 'Problem']);
	});
});
