/**
 * Review Task → Activate: now or at a time in the tenant's wall clock; a time is required for "at a time".
 */
import {
	buildActivateBody,
	formatReserveTime,
} from '../../../nodes/HuaweiCecQuality/actions/reviewTask/activate.operation';
import { ID_20, prepare, refusal, ZONE } from '../shared/reviewTask';

describe('documented examples, byte for byte', () => {
	it('Activate now: type "1" with an empty reserveTime, as the example', () => {
		expect(JSON.stringify(buildActivateBody(ID_20, { when: 'now', reserveTime: '' }, ZONE))).toBe(
			`{"type":"1","qualityTaskId":"${ID_20}","reserveTime":""}`,
		);
	});

	it('Activate at a time: type "2", reserveTime the tenant wall clock, converted from an instant', () => {
		const body = buildActivateBody(ID_20, { when: 'atTime', reserveTime: '2024-03-01T02:30:00Z' }, ZONE);
		expect(JSON.stringify(body)).toBe(`{"type":"2","qualityTaskId":"${ID_20}","reserveTime":"2024-03-01 10:30:00"}`);
		expect(buildActivateBody(ID_20, { when: 'atTime', reserveTime: '2024-03-01 10:30:00' }, ZONE).reserveTime).toBe('2024-03-01 10:30:00');
		expect(formatReserveTime({ text: '2024-03-01 10:30:00', epochSeconds: 1709260200 })).toBe('2024-03-01 10:30:00');
	});
});

describe('bad input is refused, naming the field, the value and what is valid', () => {
	it('Activate at a time without a time', () => {
		for (const reserveTime of ['', undefined, 'tomorrow']) {
			const error = refusal(prepare('activate', { taskId: ID_20, when: 'atTime', reserveTime }));
			expect(error.field).toEqual({ displayName: 'Take Effect At', name: 'reserveTime' });
			expect(error.message).toMatch(/must be a date and time/);
		}
		expect(refusal(prepare('activate', { taskId: ID_20, when: 'later' })).field.name).toBe('when');
	});
});
