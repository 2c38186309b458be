/**
 * Review Task → Correct Rule Result: the modifyResultQualityTask body from the documented field table
 * (cec-quality-api.md §5.5) — key order, wire types, ids as text — and bad input refused naming the
 * field, through the operation's prepare() against a fake API.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { reviewTask } from '../../../nodes/HuaweiCecQuality/actions/reviewTask';
import { InvalidFieldError } from '../../../nodes/HuaweiCecQuality/helpers/validation';
import { ENDPOINTS, type CecCall } from '../../../nodes/HuaweiCecQuality/transport';
import { CecApi } from '../../../nodes/HuaweiCecQuality/transport/api';

const OPERATOR_ID = '1611917095665261978';
const TASK_ID = '16239245027406915901';
const UUID = '822bbf4d-c4f8-473a-9144-199058375be8';
const RULE_ID = '967510375224315904';
const operation = reviewTask.operations.correctRuleResult;

const PARAMETERS = {
	operatorUserId: OPERATOR_ID,
	taskId: TASK_ID,
	callUuid: UUID,
	ruleId: RULE_ID,
	ruleType: 10,
	verdict: 'compliant',
	comment: 'The agent did greet the customer',
	isGroup: false,
	options: {},
};

function contextFor(parameters: Record<string, unknown>): IExecuteFunctions {
	const read = (path: string) =>
		path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], parameters);
	return {
		getNodeParameter: (path: string, _itemIndex: number, fallback?: unknown) => (read(path) === undefined ? fallback : read(path)),
		getTimezone: () => 'UTC',
		getNode: () => ({ name: 'CEC Quality' }),
	} as unknown as IExecuteFunctions;
}

async function run(parameters: Record<string, unknown>) {
	const calls: CecCall[] = [];
	const api = new CecApi(async (call) => {
		calls.push(call);
		return { resultCode: '0409000', resultDesc: '操作成功' };
	});
	const output = await operation.prepare.call(contextFor(parameters), 0)(api);
	return { calls, output };
}

function refusal(parameters: Record<string, unknown>): InvalidFieldError {
	try {
		operation.prepare.call(contextFor(parameters), 0);
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidFieldError);
		return error as InvalidFieldError;
	}
	throw new Error('not refused');
}

describe('Correct Rule Result', () => {
	it('sends the documented body in its key order, ids as JSON strings, with the operator as x-UserId', async () => {
		const { calls, output } = await run(PARAMETERS);
		expect(calls).toHaveLength(1);
		expect(calls[0].endpoint).toBe(ENDPOINTS.modifyResultQualityTask);
		expect(calls[0].operatorUserId).toBe(OPERATOR_ID);
		expect(JSON.stringify(calls[0].body)).toBe(
			`{"isGroup":false,"ruleType":10,"taskId":"${TASK_ID}","uuid":"${UUID}","ruleInfo":{"description":"The agent did greet the customer","revise":1,"reviseId":"${RULE_ID}"}}`,
		);
		expect(output).toEqual([{ qualityTaskId: TASK_ID, call_uuid: UUID, ruleId: RULE_ID, resultCode: '0409000', resultDesc: '操作成功' }]);
	});

	it('sends a violation as revise 0, a group as isGroup true, an empty comment as ""', async () => {
		const { calls } = await run({ ...PARAMETERS, isGroup: true, ruleType: '60', verdict: 'violation', comment: undefined });
		expect(calls[0].body).toEqual({ isGroup: true, ruleType: 60, taskId: TASK_ID, uuid: UUID, ruleInfo: { description: '', revise: 0, reviseId: RULE_ID } });
	});

	it('refuses bad input naming the field, before anything is sent', () => {
		expect(refusal({ ...PARAMETERS, ruleId: 967510375224315904 * 100 }).message).toMatch(/"Rule ID" \(ruleId\).*pass it as text/);
		expect(refusal({ ...PARAMETERS, ruleId: 'rule-1' }).field.name).toBe('ruleId');
		expect(refusal({ ...PARAMETERS, ruleType: 99 }).message).toMatch(/"Rule Type" \(ruleType\).*10, 11, 12, 13, 60, 70/);
		expect(refusal({ ...PARAMETERS, verdict: 'maybe' }).message).toMatch(/"Corrected Verdict" \(verdict\).*"compliant", "violation"/);
		expect(refusal({ ...PARAMETERS, isGroup: 'no' }).field.name).toBe('isGroup');
		expect(refusal({ ...PARAMETERS, comment: { text: 'x' } }).field.name).toBe('comment');
		expect(refusal({ ...PARAMETERS, callUuid: 'not a uuid' }).field.name).toBe('callUuid');
		expect(refusal({ ...PARAMETERS, taskId: '' }).field.name).toBe('taskId');
	});
});
