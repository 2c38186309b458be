/**
 * Review Task → Terminate through n8n-core against the strict mock, under continue-on-fail.
 */
import {
	entriesOfKind,
	expectPairedInOrder,
	makeReviewTaskItems,
	reviewTaskOperation,
	reviewTaskParameters,
	runAgainst,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { useMock } from '../shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

describe('continue-on-fail', () => {
	const mock = useMock();

	it('Terminate: a good id, an unsafe-number id (not sent) and an unknown id each give their own item', async () => {
		const created = await runAgainst(mock, { parameters: reviewTaskParameters(), items: makeReviewTaskItems(1) });
		const good = created.outputs[0][0].json.qualityTaskId as string;
		mock.resetLog();

		const items = [{ id: good }, { id: 16239245027406915901 }, { id: '16239245029999999999' }];
		const result = await runAgainst(mock, {
			parameters: reviewTaskOperation('terminate', { taskId: '={{ $json.id }}' }),
			items,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.outputs[0];
		expectPairedInOrder(out, [0, 1, 2]);
		expect(out[0].json).toEqual({ terminated: true, id: good });
		expect(out[1].json.error).toMatch(/"Task ID" \(taskId\).*pass it as text.*\[item 1\]/);
		expect(out[2].json.error).toEqual(expect.any(String));
		expect(out[2].json.details).toMatchObject({ resultCode: '0409001' });
		const sent = entriesOfKind(mock, 'terminateQualityTask');
		expect(sent.map((entry) => entry.rawBody)).toEqual([`{"qualityTaskId":"${good}"}`, '{"qualityTaskId":"16239245029999999999"}']);
		expect(mock.tasks()[0].terminated).toBe(true);
	});
});
