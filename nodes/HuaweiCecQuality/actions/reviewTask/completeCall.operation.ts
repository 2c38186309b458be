/** Complete Call → completeQualityTask: marks a sampled call of a review task as reviewed. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError } from '../../helpers/validation';
import { type ItemWork, type Operation } from '../common';
import { fieldOf, operatorUserId, readId, readIdText, readOperatorUserId, type CredentialDefaults } from '../fields';

const MAX_CALL_ID = 128;

const qualityTaskCallId: INodeProperties = {
	displayName: 'Task Call ID',
	name: 'qualityTaskCallId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '1623924502741000001',
	description: 'The ID of the call entry in the task (qualityTaskCallId), as the ID field of a Get Calls item. Keep it as text.',
};
const callId: INodeProperties = {
	displayName: 'Call ID',
	name: 'callId',
	type: 'string',
	required: true,
	default: '',
	description: 'The call\'s call_id (Get Calls: calls[0].call_id)',
};
const callGroupId: INodeProperties = {
	displayName: 'Call Group ID',
	name: 'callGroupId',
	type: 'string',
	required: true,
	default: '',
	description: 'The group the call belongs to (call_group_id); for a single call, its call_uuid (Get Calls: calls[0].call_uuid)',
};
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
		callId: readIdText(fieldOf(callId), input.callId, MAX_CALL_ID),
		callGroupId: readIdText(fieldOf(callGroupId), input.callGroupId, MAX_CALL_ID),
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
		callId,
		callGroupId,
		isGroup,
	],
	prepare(this: IExecuteFunctions, itemIndex: number, defaults: CredentialDefaults): ItemWork {
		const operator = readOperatorUserId(this, itemIndex, defaults);
		const read = (property: INodeProperties) => this.getNodeParameter(property.name, itemIndex) as unknown;
		const body = buildCompleteCallBody({
			isGroup: read(isGroup),
			callId: read(callId),
			callGroupId: read(callGroupId),
			qualityTaskCallId: read(qualityTaskCallId),
		});
		return async (api) => [{ qualityTaskCallId: body.qualityTaskCallId, ...(await api.act('completeQualityTask', operator, body)) }];
	},
};
