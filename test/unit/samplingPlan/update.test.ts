/**
 * Sampling Plan → Update through the router: the failing item is named and nothing is sent.
 */
import { runError, UPDATE_PARAMETERS } from '../shared/samplingPlan';

describe('through the router, the failing item is named and nothing is sent', () => {
	it.each([
		['percentages not adding up to 100', { assignment: 2, inspectorShares: { inspector: [{ inspectorId: '7', percentage: 50 }, { inspectorId: '8', percentage: 49 }] } }, /"Inspectors by Percentage" \(inspectorShares\).*add up to 99/],
		['an end date before the start', { endTime: '2023-08-15T00:00:00' }, /"End Date" \(endTime\).*must not be before Start/],
		['a percentage of 0', { assignment: 2, inspectorShares: { inspector: [{ inspectorId: '7', percentage: 100 }, { inspectorId: '8', percentage: 0 }] } }, /"Percentage" \(inspectorShares\.inspector\[1\]\.percentage\)/],
		['a number of runs of 0', { endType: '1', totalRuns: 0 }, /"Number of Runs" \(totalRuns\).*got 0/],
		['an empty plan id', { planId: '' }, /"Plan ID" \(planId\): got an empty string/],
	])('Update: %s', async (_name, bad, message) => {
		const error = await runError([UPDATE_PARAMETERS, UPDATE_PARAMETERS, { ...UPDATE_PARAMETERS, ...bad }]);
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/\[item 2\]$/);
		expect(error.description).toMatch(/of item 2: .*No request was sent/);
	});
});
