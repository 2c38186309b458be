/**
 * Decide Appeal → qualityitem/appealItem: approves or rejects an agent's appeal, or hands it to someone
 * else to decide. The API spells the comment field `coment`; the node's field is Comment.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError, isSet, toChoice } from '../../helpers/validation';
import type { ItemContext, ItemWork, Operation } from '../common';
import { callId, currentRole, fieldOf, offered, operatorUserId, optionsProperty, readCallId, readCurrentRole, readId, requiredTextProperty, shownWhen, type ChoiceOf } from '../fields';
import { itemId, readItemId } from './item';

const decision = optionsProperty(
	{ displayName: 'Decision', name: 'decision', default: 'approve' },
	[
		{ name: 'Approve', value: 'approve', description: 'The appeal is upheld (sent as auditOperation "pass")' },
		{ name: 'Assign to Someone', value: 'assign', description: 'Someone else decides (sent as auditOperation "assign")' },
		{ name: 'Reject', value: 'reject', description: 'The appeal is turned down (sent as auditOperation "back")' },
	],
);
type Decision = ChoiceOf<typeof decision>;
/** Decision → auditOperation. */
const AUDIT_OPERATIONS: Record<Decision, string> = { approve: 'pass', reject: 'back', assign: 'assign' };

const assignee = requiredTextProperty({
	displayName: 'Assignee User ID',
	name: 'assignee',
	placeholder: '1600226476732482572',
	description: 'User ID of whoever decides the appeal instead. Keep it as text.',
});

const callOfAppeal: INodeProperties = { ...callId, description: 'The call of the appeal: callId of Inspection Item → Get' };

const comment: INodeProperties = {
	displayName: 'Comment',
	name: 'comment',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	description: 'The reviewer\'s comment on the decision, which the agent sees (sent as the API\'s field "coment")',
};

export interface AppealDecisionInput {
	decision: unknown;
	callId: unknown;
	comment: unknown;
	assignee: unknown;
	role: string;
}

/** The appealItem body, in the documented key order: assignee only when the appeal is assigned. */
export function buildAppealDecisionBody(id: string, input: AppealDecisionInput): { choice: Decision; body: IDataObject } {
	const choice = toChoice(fieldOf(decision), input.decision, offered(decision));
	const call = readCallId(fieldOf(callOfAppeal), input.callId);
	const text = input.comment ?? '';
	if (typeof text !== 'string') throw new InvalidFieldError(fieldOf(comment), text, 'must be text');
	const body: IDataObject = { auditOperation: AUDIT_OPERATIONS[choice], taskInfoId: id, callId: call, coment: text };
	if (choice === 'assign') {
		if (!isSet(input.assignee)) {
			throw new InvalidFieldError(fieldOf(assignee), input.assignee, 'is required to assign the appeal: the user ID of whoever decides it instead');
		}
		body.assignee = readId(fieldOf(assignee), input.assignee);
	}
	body.role = input.role;
	return { choice, body };
}

export const decideAppeal: Operation = {
	name: 'Decide Appeal',
	action: 'Decide an appeal against an inspection item',
	summary:
		'Approves or rejects an agent\'s appeal (an inspection item by ID), or assigns it to someone else, with a comment; returns the item ID, the decision and the result code',
	properties: [
		operatorUserId,
		itemId,
		callOfAppeal,
		decision,
		shownWhen(assignee, { decision: ['assign'] }),
		comment,
		{ ...currentRole, description: 'Role the operator acts in (sent as role)' },
	],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator, defaults }: ItemContext): ItemWork {
		const id = readItemId(this, itemIndex);
		const read = (property: INodeProperties) => this.getNodeParameter(property.name, itemIndex, property.default) as unknown;
		const { choice, body } = buildAppealDecisionBody(id, {
			decision: read(decision),
			callId: read(callOfAppeal),
			comment: read(comment),
			assignee: read(assignee),
			role: readCurrentRole(this, itemIndex, defaults),
		});
		return async (api) => [{ id, decision: choice, ...(await api.act('appealItem', operator, body)) }];
	},
};
