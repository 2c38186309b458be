/**
 * Review Task → Complete Call: the body and output with the task call id as text; bad input refused.
 */
import { ID_19, ops, prepare, refusal, run, UNSAFE } from '../shared/reviewTask';

describe('documented examples, byte for byte', () => {
	it('Complete Call: isGroup, callId, callGroupId, qualityTaskCallId, the id as a string; output keeps the id', async () => {
		const { wire, output } = await run(
			ops.completeCall,
			{ isGroup: false, callId: 'call-1', callGroupId: 'group-1', qualityTaskCallId: ID_19 },
			{ resultCode: '0409000', resultDesc: '操作成功' },
		);
		expect(wire).toEqual([`{"isGroup":false,"callId":"call-1","callGroupId":"group-1","qualityTaskCallId":"${ID_19}"}`]);
		expect(output).toEqual([{ qualityTaskCallId: ID_19, resultCode: '0409000', resultDesc: '操作成功' }]);
	});
});

describe('bad input is refused, naming the field, the value and what is valid', () => {
	it('Complete Call: an unsafe-number task call id, an empty call id, a non-boolean isGroup', () => {
		const base = { isGroup: false, callId: 'c1', callGroupId: 'g1', qualityTaskCallId: ID_19 };
		expect(refusal(prepare('completeCall', { ...base, qualityTaskCallId: UNSAFE })).message).toMatch(
			/"Task Call ID" \(qualityTaskCallId\).*pass it as text/,
		);
		expect(refusal(prepare('completeCall', { ...base, callId: '' })).field.name).toBe('callId');
		expect(refusal(prepare('completeCall', { ...base, isGroup: 'no' })).field.name).toBe('isGroup');
	});
});
