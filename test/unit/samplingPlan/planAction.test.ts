/**
 * Sampling Plan → Start, Stop and Delete (actions/samplingPlan/planAction.ts) through the router: a bad
 * plan id is named with its item and nothing is sent.
 */
import { OPERATOR_ID, PLAN_ID, runError } from '../shared/samplingPlan';

describe('through the router, the failing item is named and nothing is sent', () => {
	it.each(['start', 'stop', 'delete'])('%s: an empty plan id, and an id as an unsafe number', async (operation) => {
		const base = { resource: 'samplingPlan', operation, operatorUserId: OPERATOR_ID, planId: PLAN_ID, options: {} };
		const empty = await runError([base, { ...base, planId: '' }]);
		expect(empty.message).toMatch(/"Plan ID" \(planId\): got an empty string; must be a numeric id of 1 to 20 digits.*\[item 1\]$/);
		const unsafe = await runError([{ ...base, planId: Number(PLAN_ID) }]);
		expect(unsafe.message).toMatch(/"Plan ID" \(planId\).*pass it as text.*\[item 0\]$/);
	});
});
