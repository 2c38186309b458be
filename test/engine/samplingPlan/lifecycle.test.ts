/**
 * Sampling plans through n8n-core against the strict mock: a plan's life (create → get many → start →
 * get many → stop → update → delete, each seen in the mock's state), bad input of Create and Delete,
 * 20-digit ids kept exact (also when printed unquoted), x-UserId on every request.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	OPERATOR_ID,
	planActionParameters,
	planEntries,
	range,
	runAgainst,
	samplingPlanParameters,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { useMock } from '../shared/mock';
import { expectOperatorOnEveryRequest, jsonOf, OK, PLAN_ID } from '../shared/samplingPlan';

jest.setTimeout(TEST_TIMEOUT_MS);

describe('a sampling plan from creation to deletion', () => {
	const mock = useMock();

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

		expect(await act('stop', running)).toEqual([{ stopped: true, id: planId }]);
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

		expect(await act('delete', [{ qiqtId: planId }])).toEqual([{ deleted: true, id: planId }]);
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

describe('a deployment that prints plan ids unquoted', () => {
	const mock = useMock({ unquotedIds: true }, { resetLog: false });

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
