/**
 * Review Task → Get Many: the queryQualityTask body (creation window in epoch seconds, paging), ids as
 * text; bad windows and statuses refused.
 */
import { ENDPOINTS } from '../../../nodes/HuaweiCecQuality/transport';
import { ID_20, OPERATOR_ID, ops, prepare, refusal, run } from '../shared/reviewTask';

describe('ids of 19 and 20 digits reach the wire exactly, as JSON strings', () => {
	it('getMany: userId and the creation window in epoch seconds; paging 100 at a time; ids as strings', async () => {
		const { calls, output } = await run(
			ops.getMany,
			{
				currentRole: 'qualityDirector',
				createdFrom: '2024-03-01 00:00:00',
				createdTo: '2024-03-02T00:00:00+08:00',
				returnAll: true,
				filters: { planName: 'night', status: '3', callStartTime: 1709222400, callEndTime: '2024-03-01 12:00:00' },
			},
			{ returnCode: '0409000', total: 2, data: [{ id: ID_20, planCode: 'QT1' }, { id: 123, planCode: 'QT2' }] },
		);
		expect(calls.map((c) => JSON.stringify(c.body))).toEqual([
			`{"currentRole":"qualityDirector","userId":"${OPERATOR_ID}","startTimeMillis":1709222400,"endTimeMillis":1709308800,"callStartTimeMillis":1709222400,"callEndTimeMillis":1709265600,"page":1,"rows":100,"fixedColumns":{"planName":"night","status":"3"}}`,
		]);
		expect(calls[0].endpoint).toBe(ENDPOINTS.queryQualityTask);
		expect(output.map((task) => task.id)).toEqual([ID_20, '123']);
	});
});

describe('bad input is refused, naming the field, the value and what is valid', () => {
	it('Get Many: an inverted creation window, a missing start, an unknown status', () => {
		const base = { currentRole: 'qualityDirector', createdFrom: '2024-03-02 00:00:00', createdTo: '2024-03-01 00:00:00', returnAll: true, filters: {} };
		const inverted = refusal(prepare('getMany', base));
		expect(inverted.field).toEqual({ displayName: 'Created To', name: 'createdTo' });
		expect(inverted.message).toMatch(/must not be before Created From \(2024-03-02 00:00:00\)/);
		expect(refusal(prepare('getMany', { ...base, createdFrom: '' })).field.name).toBe('createdFrom');
		expect(refusal(prepare('getMany', { ...base, createdTo: '2024-03-03 00:00:00', filters: { status: '9' } })).field.name).toBe('filters.status');
	});
});
