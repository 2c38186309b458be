/**
 * Sampling Plan → Get Many: the plans of a page in words, paging to the total; a bad operator id named with its item.
 */
import { planOfList } from '../../../nodes/HuaweiCecQuality/actions/samplingPlan/plan';
import { CecApi } from '../../../nodes/HuaweiCecQuality/transport/api';
import { OPERATOR_ID, runError } from '../shared/samplingPlan';

describe('schedule and inspectors', () => {
	it('Get Many items: status and cycle in words, ids as text; pages end at the total', async () => {
		const pages: unknown[] = [];
		const api = new CecApi(async (call) => {
			pages.push(call.body);
			return {
				resultCode: '0408000',
				total: 3,
				list: [
					{ qiqtId: '16625163654676154791', qiqtStatus: '1', qiqtCycleType: '2' },
					{ qiqtId: 123, qiqtStatus: '2', qiqtCycleType: '3' },
				],
			};
		});
		const plans = await api.listPlans('1', 2);
		expect(pages).toEqual([{ page: 1, rows: 2 }]);
		expect(plans.map(planOfList)).toEqual([
			{ qiqtId: '16625163654676154791', qiqtStatus: '1', qiqtCycleType: '2', statusText: 'Stopped', cycleText: 'Weekly' },
			{ qiqtId: '123', qiqtStatus: '2', qiqtCycleType: '3', statusText: 'Running', cycleText: 'Monthly' },
		]);
		expect(await new CecApi(async () => ({ resultCode: '0408000' })).listPlans('1', 10)).toEqual([]);
	});
});

describe('through the router, the failing item is named and nothing is sent', () => {
	it('Get Many: an operator id as an unsafe number', async () => {
		const error = await runError([{ resource: 'samplingPlan', operation: 'getMany', operatorUserId: Number(OPERATOR_ID), returnAll: true, options: {} }]);
		expect(error.message).toMatch(/"Operator User ID" \(operatorUserId\).*\[item 0\]$/);
	});
});
