/**
 * Sampling Plan → Start through n8n-core against the strict mock: a refused state change is the item's error.
 */
import {
	expectPairedInOrder,
	OPERATOR_ID,
	planActionParameters,
	range,
	runAgainst,
	samplingPlanParameters,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { useMock } from '../shared/mock';
import { expectOperatorOnEveryRequest, jsonOf, OK } from '../shared/samplingPlan';

jest.setTimeout(TEST_TIMEOUT_MS);

describe('Sampling Plan → Start through n8n-core', () => {
	const mock = useMock();

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
		expect(out[0].json.error).toBe(`CEC regularqualitytask/beginQualityTask (sampling plan ${first}) failed: resultCode 0408001 (sampling plan ${first} is running already)`);
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
});
