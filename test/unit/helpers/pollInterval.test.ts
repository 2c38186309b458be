/** The longest wait between two polls that a trigger's Poll Times allow. */
import { longestPollGapMinutes } from '../../../nodes/HuaweiCecQuality/helpers/pollInterval';

describe('longestPollGapMinutes', () => {
	it.each([
		[{ item: [{ mode: 'everyMinute' }] }, 1],
		[{ item: [{ mode: 'everyHour', minute: 5 }] }, 60],
		[{ item: [{ mode: 'everyDay', hour: 14, minute: 0 }] }, 1440],
		[{ item: [{ mode: 'everyWeek' }] }, 10080],
		[{ item: [{ mode: 'everyMonth' }] }, 44640],
		[{ item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] }, 15],
		[{ item: [{ mode: 'everyX', value: 3, unit: 'hours' }] }, 180],
		// n8n's defaults when a field is left as it comes: every day; every X = 2 hours.
		[{ item: [{}] }, 1440],
		[{ item: [{ mode: 'everyX' }] }, 120],
		// Several entries: n8n polls on each, so the most frequent one bounds the wait.
		[{ item: [{ mode: 'everyHour' }, { mode: 'everyX', value: 10, unit: 'minutes' }] }, 10],
	])('%j → %d minutes', (pollTimes, minutes) => {
		expect(longestPollGapMinutes(pollTimes)).toBe(minutes);
	});

	it.each([
		['no Poll Times', undefined],
		['an empty list', { item: [] }],
		['a custom cron entry', { item: [{ mode: 'everyHour' }, { mode: 'custom', cronExpression: '*/5 * * * *' }] }],
	])('unknown with %s', (_what, pollTimes) => {
		expect(longestPollGapMinutes(pollTimes)).toBeUndefined();
	});
});
