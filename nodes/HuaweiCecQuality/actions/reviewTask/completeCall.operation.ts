/** Complete Call → completeQualityTask: marks a sampled call of a review task as reviewed. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError } from '../../helpers/validation';
import type { ItemContext, ItemWork, Operation } from '../common';
import { callId, fieldOf, operatorUserId, readCallId, readId, requiredTextProperty } from '../fields';

const qualityTaskCallId = requiredTextProperty({
	displayName: 'Task Call ID',
	name: 'qualityTaskCallId',
	placeholder: '1623924502741000001',
	description: 'The ID of the call entry in the task (qualityTaskCallId), as the ID field of a Get Calls item. Keep it as text.',
});
const callOfEntry: INodeProperties = { ...callId, description: 'The call\'s call_id (Get Calls: calls[0].call_id)' };
const callGroupId = requiredTextProperty({
	displayName: 'Call Group ID',
	name: 'callGroupId',
	description: 'The group the call belongs to (call_group_id); for a single call, its call_uuid (Get Calls: calls[0].call_uuid)',
});
const isGroup: INodeProperties = {
	displayName: 'Is Group',
	name: 'isGroup',
	type: 'boolean',
	default: false,
	description: 'Whether the entry is a group of calls (Get Calls: is_group) rather than a single call',
};

export interface CompleteCallInput {
	isGroup: unknown;
	callId: unknown;
	callGroupId: unknown;
	qualityTaskCallId: unknown;
}

/** The completeQualityTask body, in the documented key order; the ids as JSON strings. */
export function buildCompleteCallBody(input: CompleteCallInput): IDataObject {
	if (typeof input.isGroup !== 'boolean') throw new InvalidFieldError(fieldOf(isGroup), input.isGroup, 'must be true or false');
	return {
		isGroup: input.isGroup,
		callId: readCallId(fieldOf(callOfEntry), input.callId),
		callGroupId: readCallId(fieldOf(callGroupId), input.callGroupId),
		qualityTaskCallId: readId(fieldOf(qualityTaskCallId), input.qualityTaskCallId),
	};
}

export const completeCall: Operation = {
	name: 'Complete Call',
	action: 'Mark a call of a manual review task as reviewed',
	summary:
		'Marks a sampled call of a manual review task (in effect) as reviewed; returns the qualityTaskCallId and the result code',
	properties: [
		operatorUserId,
		qualityTaskCallId,
		callOfEntry,
		callGroupId,
		isGroup,
	],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
		const read = (property: INodeProperties) => this.getNodeParameter(property.name, itemIndex) as unknown;
		const body = buildCompleteCallBody({
			isGroup: read(isGroup),
			callId: read(callOfEntry),
			callGroupId: read(callGroupId),
			qualityTaskCallId: read(qualityTaskCallId),
		});
		return async (api) => [{ qualityTaskCallId: body.qualityTaskCallId, ...(await api.act('completeQualityTask', operator, body)) }];
	},
};
