/**
 * Sampling Plan → Get Many through n8n-core against the strict mock: paging (Return All, limits), every
 * 20-digit id exact, one Get Many per input item.
 */
import {
	expectPairedInOrder,
	OPERATOR_ID,
	planActionParameters,
	planEntries,
	range,
	runAgainst,
	samplingPlanParameters,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { useMock } from '../shared/mock';
import { expectOperatorOnEveryRequest, jsonOf, PLAN_ID } from '../shared/samplingPlan';

jest.setTimeout(TEST_TIMEOUT_MS);

describe('Get Many paging', () => {
	const PLANS = 130; // not a multiple of the page size (100)
	const mock = useMock();
	let ids: string[];

	beforeAll(async () => {
		const created = await runAgainst(mock, {
			parameters: samplingPlanParameters('create', { options: { concurrency: 10 } }),
			items: range(PLANS).map((i) => ({ operatorUserId: OPERATOR_ID, planName: `plan-${i}` })),
		});
		if (created.error) throw new Error(created.error.message);
		ids = jsonOf(created.outputs[0]).map((json) => json.qiqtId as string);
	});

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
