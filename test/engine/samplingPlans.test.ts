/**
 * Sampling plans through n8n-core against the strict mock: a plan's life (create → get many → start →
 * get many → stop → update → delete, each seen in the mock's state), Get Many paging, 20-digit ids kept
 * exact (also when printed unquoted), x-UserId on every request, failures per item.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { CecMock } from '../mock/cecMock';
import {
	OPERATOR_ID,
	PLAN_PATH_PREFIX,
	TEST_TIMEOUT_MS,
	expectPairedInOrder,
	planActionParameters,
	planEntries,
	range,
	runAgainst,
	samplingPlanParameters,
	startMock,
} from './fixtures';

jest.setTimeout(TEST_TIMEOUT_MS);

const PLAN_ID = /^\d{20}$/;
const OK = { resultCode: '0408000', resultDesc: '操作成功' };
const jsonOf = (items: INodeExecutionData[]) => items.map((item) => item.json);

/** Every plan request carried the operator id as x-UserId, and went to the plan family's path. */
function expectOperatorOnEveryRequest(mock: CecMock): void {
	const sent = planEntries(mock);
	expect(sent.length).toBeGreaterThan(0);
	for (const entry of sent) {
		expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
		expect(entry.path.startsWith(PLAN_PATH_PREFIX)).toBe(true);
	}
	expect(mock.log.filter((entry) => entry.kind !== 'token').length).toBe(sent.length);
}

describe('a sampling plan from creation to deletion', () => {
	let mock: CecMock;
	beforeAll(async () => {
		mock = await startMock();
	});
	afterAll(async () => {
		await mock.close();
	});
	beforeEach(() => mock.resetLog());

	it('create → get many (stopped) → start → get many (running) → stop → update → delete', async () => {
		const operator = { operatorUserId: OPERATOR_ID };

		// Create: the body is the documented update example's, without qiqtId and qiqtTotalTimes, durations in ms.
		const created = await runAgainst(mock, { parameters: samplingPlanParameters(), items: [{ ...operator, planName: 'changetest082103' }] });
		expect(created.error).toBeUndefined();
		const [createEntry] = planEntries(mock);
		expect(createEntry.kind).toBe('addRegularQualityTask');
		expect(createEntry.rawBody).toBe(
			'{"qiqtName":"changetest082103","currentRole":"qualityDirector",' +
				'"cronStructure":{"qiqtCycleType":"1","qiqtStartTime":1692171720,"qiqtEndType":"2","qiqtEndTime":1692258120},' +
				'"extractionRange":{"currentRole":"qualityDirector","customColumns":null,"fixedColumns":{"durationStart":1000,"durationEnd":100000,' +
				'"interactionType":0,"maxNum":"10","qualityCondition":2,"qualityNum":"100","qualityType":1,"staffIds":[],"scoreStart":"0","scoreEnd":"100"}},' +
				'"appointQuality":{"setCountsType":0,"setCounts":[{"personID":"1679888547924121791","count":0}]}}',
		);
		const planId = mock.createdPlanIds[0];
		expect(planId).toMatch(PLAN_ID);
		expect(jsonOf(created.outputs[0])).toEqual([{ qiqtId: planId, ...OK, objId: planId }]);
		expect(mock.plans()).toMatchObject([{ qiqtId: planId, qiqtName: 'changetest082103', qiqtStatus: '1', creatOperator: OPERATOR_ID, updates: 0 }]);
		expect(mock.plans()[0].request).toEqual(JSON.parse(createEntry.rawBody));

		const getMany = async () => {
			const result = await runAgainst(mock, { parameters: planActionParameters('getMany'), items: [operator] });
			expect(result.error).toBeUndefined();
			return jsonOf(result.outputs[0]);
		};
		// Chained as a workflow would: the next operation reads the plan id from the item ($json.qiqtId).
		const act = async (operation: 'start' | 'stop' | 'delete', items: IDataObject[]) => {
			const result = await runAgainst(mock, { parameters: planActionParameters(operation), items: items.map((item) => ({ ...item, ...operator })) });
			expect(result.error).toBeUndefined();
			return jsonOf(result.outputs[0]);
		};

		const stopped = await getMany();
		expect(stopped).toEqual([
			{
				qiqtId: planId,
				qiqtName: 'changetest082103',
				qiqtStatus: '1',
				statusText: 'Stopped',
				qiqtCycleType: '1',
				cycleText: 'Daily',
				nextExecutionTimeStr: '',
				qiqtExecutionTimes: 0,
				qiqtTotalTimes: null,
				interactionType: '0',
			},
		]);

		expect(await act('start', stopped)).toEqual([{ qiqtId: planId, ...OK }]);
		expect(mock.plans()[0].qiqtStatus).toBe('2');
		expect(planEntries(mock).at(-1)?.rawBody).toBe(`{"regularQualityTaskId":"${planId}"}`);

		const running = await getMany();
		expect(running).toMatchObject([{ qiqtId: planId, qiqtStatus: '2', statusText: 'Running' }]);

		expect(await act('stop', running)).toEqual([{ qiqtId: planId, ...OK }]);
		expect(mock.plans()[0].qiqtStatus).toBe('1');

		// Update: a weekly plan of 4 runs, two inspectors by percentage, text calls.
		const updated = await runAgainst(mock, {
			parameters: samplingPlanParameters('update', {
				cycleType: '2',
				endType: '1',
				totalRuns: 4,
				assignment: 2,
				inspectorShares: {
					inspector: [
						{ inspectorId: '1679888547924121791', percentage: 70 },
						{ inspectorId: '1679888547924121792', percentage: 30 },
					],
				},
				interactionType: 2,
				additionalFields: { staffIds: ['1611917095665261979'] },
			}),
			items: [{ ...operator, qiqtId: planId, planName: 'weekly review' }],
		});
		expect(updated.error).toBeUndefined();
		expect(jsonOf(updated.outputs[0])).toEqual([{ qiqtId: planId, ...OK, objId: planId }]);
		const [plan] = mock.plans();
		expect(plan).toMatchObject({ qiqtId: planId, qiqtName: 'weekly review', qiqtStatus: '1', updates: 1 });
		expect(planEntries(mock).at(-1)?.rawBody).toBe(
			`{"qiqtId":"${planId}","qiqtName":"weekly review","currentRole":"qualityDirector",` +
				'"cronStructure":{"qiqtCycleType":"2","qiqtStartTime":1692171720,"qiqtEndType":"1","qiqtTotalTimes":4},' +
				'"extractionRange":{"currentRole":"qualityDirector","customColumns":null,"fixedColumns":{"interactionType":2,"qualityNum":"100","qualityType":1,"staffIds":["1611917095665261979"]}},' +
				'"appointQuality":{"setCountsType":2,"setCounts":[{"personID":"1679888547924121791","count":70},{"personID":"1679888547924121792","count":30}]}}',
		);
		expect((await getMany())[0]).toMatchObject({ qiqtName: 'weekly review', qiqtCycleType: '2', cycleText: 'Weekly', qiqtTotalTimes: 4, interactionType: '2' });

		expect(await act('delete', [{ qiqtId: planId }])).toEqual([{ qiqtId: planId, ...OK }]);
		expect(mock.plans()).toEqual([]);
		expect(await getMany()).toEqual([]);

		expect(planEntries(mock).map((entry) => [entry.kind, entry.status])).toEqual([
			['addRegularQualityTask', 200],
			['queryRegularQualityTask', 200],
			['beginRegularQualityTask', 200],
			['queryRegularQualityTask', 200],
			['stopRegularQualityTask', 200],
			['updateRegularQualityTask', 200],
			['queryRegularQualityTask', 200],
			['deleteRegularQualityTask', 200],
			['queryRegularQualityTask', 200],
		]);
		expectOperatorOnEveryRequest(mock);
	});

	it('a refused state change is the item\'s error (0408001), the other items go through', async () => {
		const created = await runAgainst(mock, {
			parameters: samplingPlanParameters(),
			items: range(2).map((i) => ({ operatorUserId: OPERATOR_ID, planName: `state-${i}` })),
		});
		expect(created.error).toBeUndefined();
		const [first, second] = jsonOf(created.outputs[0]).map((json) => json.qiqtId as string);
		await runAgainst(mock, { parameters: planActionParameters('start'), items: [{ operatorUserId: OPERATOR_ID, qiqtId: first }] });
		mock.resetLog();

		// Start both: the first is running already.
		const result = await runAgainst(mock, {
			parameters: planActionParameters('start', { options: { concurrency: 1 } }),
			items: [first, second].map((qiqtId) => ({ operatorUserId: OPERATOR_ID, qiqtId })),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.outputs[0];
		expectPairedInOrder(out, [0, 1]);
		expect(out[0].json.error).toMatch(/regularqualitytask\/beginQualityTask failed: resultCode 0408001 .*running already/);
		expect(out[0].json.details).toMatchObject({ resultCode: '0408001' });
		expect(out[1].json).toEqual({ qiqtId: second, ...OK });
		expect(mock.plans().map((plan) => [plan.qiqtId, plan.qiqtStatus])).toEqual([
			[first, '2'],
			[second, '2'],
		]);
		expectOperatorOnEveryRequest(mock);

		// Clean up for the tests that follow.
		await runAgainst(mock, { parameters: planActionParameters('delete'), items: [first, second].map((qiqtId) => ({ operatorUserId: OPERATOR_ID, qiqtId })) });
		expect(mock.plans()).toEqual([]);
	});

	it('bad input fails the run naming the item and the field; nothing is sent', async () => {
		const items = range(3).map((i) => ({ operatorUserId: OPERATOR_ID, planName: `bad-${i}` }));
		const result = await runAgainst(mock, {
			parameters: samplingPlanParameters('create', {
				assignment: 2,
				inspectorShares: { inspector: [{ inspectorId: '7', percentage: '={{ $json.planName === "bad-1" ? 50 : 100 }}' }] },
			}),
			items,
		});
		expect(result.error?.message).toMatch(/"Inspectors by Percentage" \(inspectorShares\).*add up to 100, but they add up to 50 \(50\).*\[item 1\]/);
		expect(planEntries(mock)).toEqual([]);

		const unsafe = await runAgainst(mock, {
			parameters: planActionParameters('delete'),
			items: [{ operatorUserId: OPERATOR_ID, qiqtId: Number('16625163654676154791') }],
		});
		expect(unsafe.error?.message).toMatch(/"Plan ID" \(planId\).*pass it as text.*\[item 0\]/);
		expect(planEntries(mock)).toEqual([]);
	});
});

describe('Get Many paging', () => {
	const PLANS = 130; // not a multiple of the page size (100)
	let mock: CecMock;
	let ids: string[];

	beforeAll(async () => {
		mock = await startMock();
		const created = await runAgainst(mock, {
			parameters: samplingPlanParameters('create', { options: { concurrency: 10 } }),
			items: range(PLANS).map((i) => ({ operatorUserId: OPERATOR_ID, planName: `plan-${i}` })),
		});
		if (created.error) throw new Error(created.error.message);
		ids = jsonOf(created.outputs[0]).map((json) => json.qiqtId as string);
	});
	afterAll(async () => {
		await mock.close();
	});
	beforeEach(() => mock.resetLog());

	it('the creates returned every 20-digit id exact, each for its own item', () => {
		expect(new Set(ids).size).toBe(PLANS);
		expect(ids.every((id) => PLAN_ID.test(id))).toBe(true);
		expect([...ids].sort()).toEqual([...mock.createdPlanIds].sort());
		const nameById = new Map(mock.plans().map((plan) => [plan.qiqtId, plan.qiqtName]));
		expect(ids.map((id) => nameById.get(id))).toEqual(range(PLANS).map((i) => `plan-${i}`));
	});

	it('Return All: pages of 100 until a short page, every plan once, in the API\'s order', async () => {
		const result = await runAgainst(mock, { parameters: planActionParameters('getMany'), items: [{ operatorUserId: OPERATOR_ID }] });
		expect(result.error).toBeUndefined();
		expect(planEntries(mock).map((entry) => entry.rawBody)).toEqual(['{"page":1,"rows":100}', '{"page":2,"rows":100}']);
		const plans = jsonOf(result.outputs[0]);
		expect(plans.map((plan) => plan.qiqtId)).toEqual(mock.plans().map((plan) => plan.qiqtId));
		expect(plans.every((plan) => plan.statusText === 'Stopped')).toBe(true);
		expectPairedInOrder(result.outputs[0], Array(PLANS).fill(0));
		expectOperatorOnEveryRequest(mock);
	});

	it('Limit 120: two pages, cut at 120; Limit 30: one page of 30 rows', async () => {
		const limited = async (limit: number) => {
			mock.resetLog();
			const result = await runAgainst(mock, {
				parameters: planActionParameters('getMany', { returnAll: false, limit }),
				items: [{ operatorUserId: OPERATOR_ID }],
			});
			expect(result.error).toBeUndefined();
			return { plans: jsonOf(result.outputs[0]), bodies: planEntries(mock).map((entry) => entry.rawBody) };
		};
		const all = mock.plans().map((plan) => plan.qiqtId);

		const of120 = await limited(120);
		expect(of120.bodies).toEqual(['{"page":1,"rows":100}', '{"page":2,"rows":100}']);
		expect(of120.plans.map((plan) => plan.qiqtId)).toEqual(all.slice(0, 120));

		const of30 = await limited(30);
		expect(of30.bodies).toEqual(['{"page":1,"rows":30}']);
		expect(of30.plans.map((plan) => plan.qiqtId)).toEqual(all.slice(0, 30));
	});

	it('one Get Many per input item', async () => {
		const result = await runAgainst(mock, {
			parameters: planActionParameters('getMany', { returnAll: false, limit: 2 }),
			items: range(3).map(() => ({ operatorUserId: OPERATOR_ID })),
		});
		expect(result.error).toBeUndefined();
		expectPairedInOrder(result.outputs[0], [0, 0, 1, 1, 2, 2]);
		expect(planEntries(mock)).toHaveLength(3);
	});
});

describe('a deployment that prints plan ids unquoted', () => {
	let mock: CecMock;
	beforeAll(async () => {
		mock = await startMock({ unquotedIds: true });
	});
	afterAll(async () => {
		await mock.close();
	});

	it('keeps objId and qiqtId exact, as strings, through create, get many and start', async () => {
		const created = await runAgainst(mock, {
			parameters: samplingPlanParameters(),
			items: range(3).map((i) => ({ operatorUserId: OPERATOR_ID, planName: `plan-${i}` })),
		});
		expect(created.error).toBeUndefined();
		// Precondition: the wire really had bare 20-digit number literals.
		expect(planEntries(mock)[0].response).toMatch(/"objId":\d{20}[,}]/);
		const ids = jsonOf(created.outputs[0]).map((json) => [json.qiqtId, json.objId]);
		const byName = new Map(mock.plans().map((plan) => [plan.qiqtName, plan.qiqtId]));
		expect(ids).toEqual(range(3).map((i) => [byName.get(`plan-${i}`), byName.get(`plan-${i}`)]));

		mock.resetLog();
		const listed = await runAgainst(mock, { parameters: planActionParameters('getMany'), items: [{ operatorUserId: OPERATOR_ID }] });
		expect(planEntries(mock)[0].response).toMatch(/"qiqtId":\d{20}[,}]/);
		const plans = jsonOf(listed.outputs[0]);
		expect(plans.map((plan) => plan.qiqtId)).toEqual(mock.plans().map((plan) => plan.qiqtId));
		expect(plans.every((plan) => typeof plan.qiqtId === 'string')).toBe(true);

		const started = await runAgainst(mock, { parameters: planActionParameters('start'), items: plans.map((plan) => ({ ...plan, operatorUserId: OPERATOR_ID })) });
		expect(started.error).toBeUndefined();
		expect(mock.plans().every((plan) => plan.qiqtStatus === '2')).toBe(true);
		expectOperatorOnEveryRequest(mock);
	});
});
