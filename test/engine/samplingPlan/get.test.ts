/**
 * Sampling Plan → Get through n8n-core against the strict mock: one plan by id, found by reading the
 * list page by page (no id filter), shaped as Get Many's items; an unknown id is an error naming it.
 */
import { OPERATOR_ID, planActionParameters, planEntries, range, runAgainst, samplingPlanParameters, TEST_TIMEOUT_MS } from '../fixtures';
import { useMock } from '../shared/mock';
import { jsonOf } from '../shared/samplingPlan';

jest.setTimeout(TEST_TIMEOUT_MS);

describe('Sampling Plan → Get', () => {
	const mock = useMock({ unquotedIds: true });

	beforeAll(async () => {
		const created = await runAgainst(mock, {
			parameters: samplingPlanParameters('create', { options: { concurrency: 10 } }),
			items: range(120).map((i) => ({ operatorUserId: OPERATOR_ID, planName: `plan-${i}` })),
		});
		if (created.error) throw new Error(created.error.message);
	});

	const getParameters = () => ({ ...planActionParameters('delete'), operation: 'get' });

	it('a plan on the second page: the same item as Get Many lists, exact id', async () => {
		const id = mock.plans()[110].qiqtId;
		const listed = jsonOf((await runAgainst(mock, { parameters: planActionParameters('getMany'), items: [{ operatorUserId: OPERATOR_ID }] })).outputs[0]);
		mock.resetLog();
		const result = await runAgainst(mock, { parameters: getParameters(), items: [{ operatorUserId: OPERATOR_ID, qiqtId: id }] });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual([listed.find((plan) => plan.qiqtId === id)]);
		expect(result.outputs[0][0].json).toMatchObject({ qiqtId: id, statusText: 'Stopped' });
		expect(planEntries(mock).map((entry) => entry.rawBody)).toEqual(['{"page":1,"rows":100}', '{"page":2,"rows":100}']);
	});

	it('an unknown id: an error naming the id, the field and the item', async () => {
		const result = await runAgainst(mock, { parameters: getParameters(), items: [{ operatorUserId: OPERATOR_ID, qiqtId: '16625163659999999999' }] });
		expect(result.error?.message).toBe('No sampling plan with ID 16625163659999999999 [item 0]');
		expect(result.error?.description).toMatch(/"Plan ID" \(planId\) of item 0: 16625163659999999999 is none of the 120 the API lists/);
	});
});
