/** Correct Rule Result → modifyResultQualityTask: an inspector overrides a rule's verdict on a call of a review task. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toChoice } from '../../helpers/validation';
import type { ItemContext, ItemWork, Operation } from '../common';
import { callUuid, fieldOf, operatorUserId, readCallUuid, readTaskId, taskId, optionsProperty } from '../fields';
import { RULE_TYPE_TEXT, comment, isGroup, readRuleCorrection, ruleId, verdict, type RuleCorrection } from '../ruleCorrection';

const RULE_TYPES = Object.keys(RULE_TYPE_TEXT).map(Number);

const callOfTask: INodeProperties = {
	...callUuid,
	description: 'The call_uuid of the call in the task (Get Calls: calls[0].call_uuid)',
};

const ruleType = optionsProperty(
	{ displayName: 'Rule Type', name: 'ruleType', default: 10, description: 'What kind of rule it is' },
	RULE_TYPES.map((value) => ({ name: RULE_TYPE_TEXT[value], value })).sort((a, b) => a.name.localeCompare(b.name)),
);

const groupOfTask: INodeProperties = {
	...isGroup,
	description: 'Whether the task entry is a group of calls (Get Calls: is_group) rather than a single call',
};

/** The modifyResultQualityTask body, in the documented key order; ids as JSON strings (ruling §5.5). */
export function buildCorrectRuleResultBody(qualityTaskId: string, uuid: string, type: unknown, correction: RuleCorrection): IDataObject {
	return {
		isGroup: correction.isGroup,
		ruleType: toChoice(fieldOf(ruleType), type, RULE_TYPES),
		taskId: qualityTaskId,
		uuid,
		ruleInfo: { description: correction.description, revise: correction.revise, reviseId: correction.reviseId },
	};
}

export const correctRuleResult: Operation = {
	name: 'Correct Rule Result',
	action: 'Correct a rule verdict on a call of a manual review task',
	summary:
		'Overrides the verdict of one rule (compliant or violation) on a call of a manual review task, with a comment; returns the qualityTaskId, call_uuid and ruleId with the result code',
	properties: [operatorUserId, taskId, callOfTask, ruleId, ruleType, verdict, comment, groupOfTask],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
		const id = readTaskId(this, itemIndex);
		const uuid = readCallUuid(this, itemIndex);
		const correction = readRuleCorrection(this, itemIndex);
		const body = buildCorrectRuleResultBody(id, uuid, this.getNodeParameter(ruleType.name, itemIndex, ruleType.default), correction);
		const identity = { qualityTaskId: id, call_uuid: uuid, ruleId: correction.reviseId };
		return async (api) => [{ ...identity, ...(await api.act('modifyResultQualityTask', operator, body)) }];
	},
};
