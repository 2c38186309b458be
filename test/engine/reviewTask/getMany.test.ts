/**
 * Review Task → Get Many through n8n-core against the strict mock: paging (Return All, limits) with
 * every 20-digit id exact (the mock prints them unquoted).
 */
import type { IDataObject } from 'n8n-workflow';

import {
	entriesOfKind,
	makeReviewTaskItems,
	reviewTaskParameters,
	runAgainst,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { useMock } from '../shared/mock';
import { getManyParameters, TASK_ID } from '../shared/reviewTask';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

describe('Get Many paging', () => {
	const mock = useMock({ unquotedIds: true });

	beforeAll(async () => {
		const created = await runAgainst(mock, { parameters: reviewTaskParameters({}, { concurrency: 20 }), items: makeReviewTaskItems(230) });
		expect(created.error).toBeUndefined();
	});

	it('Return All over 230 tasks: 3 requests of 100 rows, pages 1 to 3, every id exact and in order', async () => {
		const result = await runAgainst(mock, { parameters: getManyParameters({ returnAll: true }), items: [{}] });
		expect(result.error).toBeUndefined();
		const sent = entriesOfKind(mock, 'queryQualityTask');
		expect(sent.map((entry) => (entry.body as IDataObject).page)).toEqual([1, 2, 3]);
		expect(sent.map((entry) => (entry.body as IDataObject).rows)).toEqual([100, 100, 100]);
		const ids = result.outputs[0].map((item) => item.json.id);
		expect(ids).toEqual(mock.createdTaskIds);
		expect(ids.every((id) => typeof id === 'string' && TASK_ID.test(id))).toBe(true);
		expect(result.outputs[0].every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Limit 7: one request of 7 rows, 7 items', async () => {
		const result = await runAgainst(mock, { parameters: getManyParameters({ returnAll: false, limit: 7 }), items: [{}] });
		expect(result.error).toBeUndefined();
		const sent = entriesOfKind(mock, 'queryQualityTask');
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toMatchObject({ page: 1, rows: 7 });
		expect(result.outputs[0].map((item) => item.json.id)).toEqual(mock.createdTaskIds.slice(0, 7));
	});

	it('Limit 250 (above the total): pages of 100 until the total is reached', async () => {
		const result = await runAgainst(mock, { parameters: getManyParameters({ returnAll: false, limit: 250 }), items: [{}] });
		expect(result.error).toBeUndefined();
		expect(entriesOfKind(mock, 'queryQualityTask')).toHaveLength(3);
		expect(result.outputs[0]).toHaveLength(230);
	});
});
