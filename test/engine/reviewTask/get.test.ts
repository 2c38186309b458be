/**
 * Review Task → Get through n8n-core against the strict mock: one task by id, exact although printed
 * unquoted, found by reading the list page by page (no id filter); an unknown id is an error naming it.
 */
import type { IDataObject } from 'n8n-workflow';

import { entriesOfKind, makeReviewTaskItems, reviewTaskOperation, reviewTaskParameters, runAgainst, TEST_TIMEOUT_MS } from '../fixtures';
import { useMock } from '../shared/mock';
import { getManyParameters } from '../shared/reviewTask';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

describe('Review Task → Get', () => {
	const mock = useMock({ unquotedIds: true });

	// Created 20 at a time: which item got which id is the order of arrival, so names are looked up.
	const planNameOf = (id: string) => mock.tasks().find((task) => task.id === id)?.planName;

	beforeAll(async () => {
		const created = await runAgainst(mock, { parameters: reviewTaskParameters({}, { concurrency: 20 }), items: makeReviewTaskItems(150) });
		expect(created.error).toBeUndefined();
	});

	it('the 130th task: the same item as Get Many lists, after two pages of 100', async () => {
		const id = mock.createdTaskIds[129];
		const listed = await runAgainst(mock, { parameters: getManyParameters({ returnAll: true }), items: [{}] });
		const expected = listed.outputs[0].map((item) => item.json).find((json) => json.id === id);
		mock.resetLog();

		const result = await runAgainst(mock, { parameters: reviewTaskOperation('get', { currentRole: 'qualityDirector', taskId: '={{ $json.id }}' }), items: [{ id }] });
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json)).toEqual([expected]);
		expect(result.outputs[0][0].json).toMatchObject({ id, planName: planNameOf(id) });
		expect(result.outputs[0][0].pairedItem).toEqual({ item: 0 });
		const sent = entriesOfKind(mock, 'queryQualityTask').map((entry) => entry.body as IDataObject);
		expect(sent.map((body) => [body.page, body.rows])).toEqual([[1, 100], [2, 100]]);
		expect(sent[0]).toMatchObject({ currentRole: 'qualityDirector', startTimeMillis: 0 });
	});

	it('Simplify keeps nine fields of sixteen, on Get and on Get Many; off, the item is whole', async () => {
		const id = mock.createdTaskIds[3];
		const simple = ['id', 'planCode', 'planName', 'status', 'createTime', 'effectiveDate', 'reviewingOfficerName', 'reviewTotalCount', 'reviewFinishedCount'];
		const got = await runAgainst(mock, { parameters: reviewTaskOperation('get', { currentRole: 'qualityDirector', taskId: id, simplify: true }), items: [{}] });
		expect(Object.keys(got.outputs[0][0].json)).toEqual(simple);
		expect(got.outputs[0][0].json).toMatchObject({ id, planName: planNameOf(id) });
		const many = await runAgainst(mock, { parameters: getManyParameters({ returnAll: false, limit: 5, simplify: true }), items: [{}] });
		expect(many.outputs[0].map((item) => Object.keys(item.json))).toEqual(Array(5).fill(simple));
		const whole = await runAgainst(mock, { parameters: getManyParameters({ returnAll: false, limit: 1 }), items: [{}] });
		expect(Object.keys(whole.outputs[0][0].json)).toHaveLength(16);
	});

	it('an unknown id: an error naming the id, the field and the item, after reading the whole list', async () => {
		const result = await runAgainst(mock, { parameters: reviewTaskOperation('get', { currentRole: 'qualityDirector', taskId: '16239245029999999999' }), items: [{}] });
		expect(result.error?.message).toBe('No review task with ID 16239245029999999999 [item 0]');
		expect(result.error?.description).toMatch(/"Task ID" \(taskId\) of item 0: 16239245029999999999 is none of the 150 the API lists/);
		expect(entriesOfKind(mock, 'queryQualityTask')).toHaveLength(2);
	});

	it('under continue-on-fail, the unknown id gives its error item and the known one its task', async () => {
		const items = [{ id: '16239245029999999999' }, { id: mock.createdTaskIds[0] }];
		const result = await runAgainst(mock, {
			parameters: reviewTaskOperation('get', { currentRole: 'qualityDirector', taskId: '={{ $json.id }}' }),
			items,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const [missing, found] = result.outputs[0];
		expect(missing.json.error).toBe('No review task with ID 16239245029999999999 [item 0]');
		expect(found.json).toMatchObject({ id: mock.createdTaskIds[0], planName: planNameOf(mock.createdTaskIds[0]) });
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
