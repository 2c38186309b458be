/**
 * helpers/callStatus: the calls of a page with their status in words.
 */
import { callsOfPage, FINAL_FAILURE_STATUSES } from '../../../nodes/HuaweiCecQuality/helpers/callStatus';

describe('call list', () => {
	it('reads the calls of a page with their status in words', () => {
		const page = callsOfPage({ paging: { total: 3 }, data: [{ calls: [{ call_uuid: 'a', status: 2 }, { call_uuid: 'b', status: 39 }] }] });
		expect(page).toEqual({
			total: 3,
			items: [
				{ call_uuid: 'a', status: 2, statusText: 'Done' },
				{ call_uuid: 'b', status: 39, statusText: 'Running the inspection failed' },
			],
		});
		expect(FINAL_FAILURE_STATUSES).toEqual([9, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
	});
});
