/**
 * Review Task → Get Calls: the planCode and filters in fixedColumns, ids as text; bad input refused.
 */
import { ID_19, ops, prepare, refusal, run, UNSAFE } from '../shared/reviewTask';

describe('ids of 19 and 20 digits reach the wire exactly, as JSON strings', () => {
	it('getCalls: planCode and filters in fixedColumns; one item per entry with its id as a string', async () => {
		const { calls, output } = await run(
			ops.getCalls,
			{
				currentRole: 'qualityInspector',
				planCode: 'QT202403010001',
				returnAll: false,
				limit: 5,
				filters: { inspectStatus: '1', reviewingStates: '-1', inspector: ID_19, durationFrom: 10, durationTo: '60' },
			},
			{ resultCode: '0409000', total: 1, data: [{ id: ID_19, calls: [{ call_id: 'c1' }] }] },
		);
		expect(JSON.stringify(calls[0].body)).toBe(
			`{"currentRole":"qualityInspector","page":1,"rows":5,"fixedColumns":{"planCode":"QT202403010001","inspectStatus":"1","reviewingStates":"-1","inspector":"${ID_19}","durationFrom":10,"durationTo":60}}`,
		);
		expect(output).toEqual([{ id: ID_19, calls: [{ call_id: 'c1' }] }]);
	});
});

describe('bad input is refused, naming the field, the value and what is valid', () => {
	it('Get Calls: an empty or unsafe-number plan code, an unknown state', () => {
		const base = { currentRole: 'qualityDirector', planCode: 'QT1', returnAll: true, filters: {} };
		expect(refusal(prepare('getCalls', { ...base, planCode: '' })).field).toEqual({ displayName: 'Plan Code', name: 'planCode' });
		expect(refusal(prepare('getCalls', { ...base, planCode: UNSAFE })).message).toMatch(/pass it as text/);
		expect(refusal(prepare('getCalls', { ...base, filters: { inspectStatus: '2' } })).message).toMatch(
			/"Sampling State" \(filters\.inspectStatus\).*one of "-1", "0", "1"/,
		);
		expect(refusal(prepare('getCalls', { ...base, filters: { durationFrom: 60, durationTo: 10 } })).field.name).toBe('filters.durationTo');
	});
});
