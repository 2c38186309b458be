/**
 * Review Task → Assign Inspectors through n8n-core against the strict mock, under continue-on-fail.
 */
import { entriesOfKind, reviewTaskOperation, runAgainst, TEST_TIMEOUT_MS } from '../fixtures';
import { useMock } from '../shared/mock';
import { INSPECTOR_A } from '../shared/reviewTask';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

describe('continue-on-fail', () => {
	const mock = useMock();

	it('Assign with a count of 0: error items naming field and item, nothing sent', async () => {
		const assign = await runAgainst(mock, {
			parameters: reviewTaskOperation('assignInspectors', {
				taskId: '16239245027400000001',
				inspectors: { inspector: [{ personId: INSPECTOR_A, count: '={{ $json.count }}' }] },
			}),
			items: [{ count: 1 }, { count: 0 }],
			continueOnFail: true,
		});
		expect(assign.outputs[0][1].json.error).toMatch(/"Count" \(inspectors\.inspector\[0\]\.count\): got 0;.*\[item 1\]/);
		// Item 0 was sent (and failed in the mock: the task is terminated); item 1 was not.
		expect(entriesOfKind(mock, 'appointQualityTask')).toHaveLength(1);
	});
});
