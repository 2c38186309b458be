/**
 * Review Task → Correct Rule Result: the modifyResultQualityTask body from the documented field table
 * (cec-quality-api.md §5.5) — key order, wire types, ids as text — and bad input refused naming the field.
 */
import { ENDPOINTS } from '../../../nodes/HuaweiCecQuality/transport';
import { ID_20, OPERATOR_ID, ops, prepare, refusal, run } from '../shared/reviewTask';

const UUID = '822bbf4d-c4f8-473a-9144-199058375be8';
const RULE_ID = '967510375224315904';
const BASE = { taskId: ID_20, callUuid: UUID, ruleId: RULE_ID, ruleType: 10, verdict: 'compliant', comment: 'The agent did greet the customer', isGroup: false };

describe('Correct Rule Result', () => {
	it('sends the documented body in its key order, ids as JSON strings, with the operator as x-UserId', async () => {
		const { calls, wire, output } = await run(ops.correctRuleResult, BASE, { resultCode: '0409000', resultDesc: '操作成功' });
		expect(calls.map((call) => [call.endpoint, call.operatorUserId])).toEqual([[ENDPOINTS.modifyResultQualityTask, OPERATOR_ID]]);
		expect(wire).toEqual([
			`{"isGroup":false,"ruleType":10,"taskId":"${ID_20}","uuid":"${UUID}","ruleInfo":{"description":"The agent did greet the customer","revise":1,"reviseId":"${RULE_ID}"}}`,
		]);
		expect(output).toEqual([{ qualityTaskId: ID_20, call_uuid: UUID, ruleId: RULE_ID, resultCode: '0409000', resultDesc: '操作成功' }]);
	});

	it('sends a violation as revise 0, a group as isGroup true, a rule type given as text as its number, no comment as ""', async () => {
		const { calls } = await run(ops.correctRuleResult, { ...BASE, isGroup: true, ruleType: '60', verdict: 'violation', comment: undefined });
		expect(calls[0].body).toEqual({ isGroup: true, ruleType: 60, taskId: ID_20, uuid: UUID, ruleInfo: { description: '', revise: 0, reviseId: RULE_ID } });
	});

	it('refuses bad input naming the field, before anything is sent', () => {
		const refused = (changes: Record<string, unknown>) => refusal(prepare('correctRuleResult', { ...BASE, ...changes }));
		expect(refused({ ruleId: 967510375224315904 * 100 }).message).toMatch(/"Rule ID" \(ruleId\).*pass it as text/);
		expect(refused({ ruleId: 'rule-1' }).field.name).toBe('ruleId');
		expect(refused({ ruleType: 99 }).message).toMatch(/"Rule Type" \(ruleType\).*10, 11, 12, 13, 60, 70/);
		expect(refused({ verdict: 'maybe' }).message).toMatch(/"Corrected Verdict" \(verdict\).*"compliant", "violation"/);
		expect(refused({ isGroup: 'no' }).field.name).toBe('isGroup');
		expect(refused({ comment: { text: 'x' } }).field.name).toBe('comment');
		expect(refused({ callUuid: 'not a uuid' }).field.name).toBe('callUuid');
		expect(refused({ taskId: '' }).field.name).toBe('taskId');
	});
});
