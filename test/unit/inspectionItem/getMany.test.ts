/** Inspection Item → Get Many: queryQualityItem's body (§5.5), paging, defaults and refusals. */
import { ITEM_ID, OPERATOR_ID, refusal, run } from './run';

describe('Inspection Item → Get Many', () => {
	it('sends the window as epoch seconds, filters as documented (ids and type as text, status a number), pages by rows', async () => {
		const { calls, output } = await run(
			'getMany',
			{
				from: '2023-05-11T00:00:00',
				to: '2023-05-12T00:00:00',
				returnAll: true,
				filters: { agentUserIds: ['1600226476732482572, 1600226476732482573'], qualityUserIds: [1234], itemType: 'appeal', status: 21 },
			},
			{ queryQualityItem: () => ({ total: 2, pages: 1, data: [{ id: ITEM_ID, taskTypeName: 'Appeal', taskType: '2', taskStatus: 21 }, { id: 123 }] }) },
		);
		expect(calls).toHaveLength(1);
		expect(calls[0].operatorUserId).toBe(OPERATOR_ID);
		expect(JSON.stringify(calls[0].body)).toBe(
			'{"startTimeMillis":1683734400,"endTimeMillis":1683820800,"page":1,"rows":500,"fixedColumns":{"agentUserIds":["1600226476732482572","1600226476732482573"],"qualityUserIds":["1234"],"taskType":"2","taskStatus":21}}',
		);
		expect(output).toEqual([
			{ id: ITEM_ID, taskTypeName: 'Appeal', taskType: '2', taskStatus: 21, taskTypeText: 'Appeal', taskStatusText: 'Reviewing' },
			{ id: '123' },
		]);
	});

	it('without a window lists the last day up to now; Limit caps the rows and the items', async () => {
		const before = Math.floor(Date.now() / 1000);
		const { calls, output } = await run('getMany', { limit: 1 }, { queryQualityItem: () => ({ total: 5, data: [{ id: '1' }, { id: '2' }] }) });
		const after = Math.floor(Date.now() / 1000);
		const body = calls[0].body as { startTimeMillis: number; endTimeMillis: number; rows: number; fixedColumns: object };
		expect(body.endTimeMillis).toBeGreaterThanOrEqual(before);
		expect(body.endTimeMillis).toBeLessThanOrEqual(after);
		expect(body.endTimeMillis - body.startTimeMillis).toBe(24 * 3600);
		expect(body.rows).toBe(1);
		expect(body.fixedColumns).toEqual({});
		expect(output).toEqual([{ id: '1' }]);
	});

	it('refuses bad input naming the field', () => {
		expect(refusal('getMany', { from: '2023-05-12T00:00:00', to: '2023-05-11T00:00:00' }).field.name).toBe('to');
		expect(refusal('getMany', { filters: { status: 23 } }).message).toMatch(/"Status" \(filters\.status\).*21, 22, 24, 27/);
		expect(refusal('getMany', { filters: { itemType: 'complaint' } }).field.name).toBe('filters.itemType');
		expect(refusal('getMany', { filters: { agentUserIds: [{}] } }).field.name).toBe('filters.agentUserIds');
		expect(refusal('getMany', { operatorUserId: 1611917095665261978 }).message).toMatch(/pass it as text/);
	});
});
