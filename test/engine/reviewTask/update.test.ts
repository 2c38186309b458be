/**
 * Review Task → Update through n8n-core against the strict mock, under continue-on-fail.
 */
import {
	entriesOfKind,
	makeReviewTaskItems,
	reviewTaskParameters,
	runAgainst,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { useMock } from '../shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

describe('continue-on-fail', () => {
	const mock = useMock();

	it('Update without Sampling Status: error items naming field and item, nothing sent', async () => {
		const update = await runAgainst(mock, {
			parameters: { ...reviewTaskParameters(), operation: 'update', taskId: '16239245027400000001' },
			items: makeReviewTaskItems(2),
			continueOnFail: true,
		});
		expect(update.outputs[0].map((item) => item.json.error)).toEqual([
			expect.stringMatching(/"Sampling Status" \(additionalFields\.qualityCondition\).*required.*\[item 0\]/),
			expect.stringMatching(/\[item 1\]/),
		]);
		expect(entriesOfKind(mock, 'updateQualityTask')).toHaveLength(0);
	});
});
