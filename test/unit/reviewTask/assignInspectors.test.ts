/**
 * Review Task → Assign Inspectors: the appointQualityTask body (documented example), personIDs as text,
 * bad inspector lists refused.
 */
import { ENDPOINTS } from '../../../nodes/HuaweiCecQuality/transport';
import {
	DOCUMENTED,
	ID_19,
	ID_20,
	OPERATOR_ID,
	ops,
	prepare,
	refusal,
	run,
	UNSAFE,
} from '../shared/reviewTask';

describe('documented examples, byte for byte', () => {
	it('Assign Inspectors: the appointQualityTask example, with the task id quoted', async () => {
		const { wire, calls } = await run(ops.assignInspectors, {
			taskId: '954645333549048833',
			inspectors: { inspector: [{ personId: '1600226476732482572', count: 2 }] },
			activate: false,
		});
		expect(wire).toEqual([DOCUMENTED.appoint]);
		expect(calls[0].endpoint).toBe(ENDPOINTS.appointQualityTask);
		expect(calls[0].operatorUserId).toBe(OPERATOR_ID);
	});
});

describe('ids of 19 and 20 digits reach the wire exactly, as JSON strings', () => {
	it('assignInspectors: personIDs as strings, isTakeEffect 1 when activating', async () => {
		const { calls } = await run(ops.assignInspectors, {
			taskId: ID_20,
			inspectors: { inspector: [{ personId: ID_19, count: 3 }, { personId: ID_20, count: '4' }] },
			activate: true,
		});
		expect(calls[0].body).toEqual({
			qualityTaskId: ID_20,
			setCountsType: 1,
			isTakeEffect: 1,
			setCounts: [
				{ personID: ID_19, count: 3 },
				{ personID: ID_20, count: 4 },
			],
		});
	});
});

describe('bad input is refused, naming the field, the value and what is valid', () => {
	const assign = (inspector: unknown[], extra: Record<string, unknown> = {}) =>
		prepare('assignInspectors', { taskId: ID_20, inspectors: { inspector }, activate: false, ...extra });

	it('an inspector count of 0 (and above 8 digits)', () => {
		const zero = refusal(assign([{ personId: ID_19, count: 0 }]));
		expect(zero.field).toEqual({ displayName: 'Count', name: 'inspectors.inspector[0].count' });
		expect(zero.message).toMatch(/"Count" \(inspectors\.inspector\[0\]\.count\): got 0; must be a whole number from 1 to 99999999/);
		expect(refusal(assign([{ personId: ID_19, count: 1 }, { personId: ID_20, count: 100000000 }])).field.name).toBe(
			'inspectors.inspector[1].count',
		);
	});

	it('no inspector, a repeated inspector, an unsafe-number inspector id', () => {
		expect(refusal(assign([])).message).toMatch(/"Inspectors" \(inspectors\).*at least one inspector/);
		expect(refusal(prepare('assignInspectors', { taskId: ID_20, inspectors: {}, activate: false })).field.name).toBe('inspectors');
		expect(refusal(assign([{ personId: ID_19, count: 1 }, { personId: ` ${ID_19}`, count: 1 }])).message).toMatch(/must not repeat/);
		expect(refusal(assign([{ personId: UNSAFE, count: 1 }])).message).toMatch(
			/"Inspector User ID" \(inspectors\.inspector\[0\]\.personId\).*pass it as text/,
		);
	});
});
