/**
 * Fields that several operations share, each declared once: its UI definition, and the reader that
 * validates an item's value under the same label.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError, toChoice, toDigits, toInteger, type Field } from '../helpers/validation';

/** The label a validation error uses for a property (inside a collection: `collection.name`). */
export function fieldOf(property: INodeProperties, collection?: string): Field {
	return { displayName: property.displayName, name: collection ? `${collection}.${property.name}` : property.name };
}

/** A property shown only where `displayOptions` says. */
export function shownAt(property: INodeProperties, displayOptions: IDisplayOptions): INodeProperties {
	return { ...property, displayOptions };
}

const MAX_OPERATOR_DIGITS = 20;

export const operatorUserId: INodeProperties = {
	displayName: 'Operator User ID',
	name: 'operatorUserId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '1611917095665261978',
	description:
		'User ID of the employee the request is made for (sent as x-UserId): the 19-digit number on the CEC employee-management page. Keep it as text.',
};

export function readOperatorUserId(ctx: IExecuteFunctions, itemIndex: number): string {
	return toDigits(fieldOf(operatorUserId), ctx.getNodeParameter(operatorUserId.name, itemIndex), MAX_OPERATOR_DIGITS);
}

export const ROLES = [
	'qualityDirector',
	'qualityGroupLeader',
	'qualityInspector',
	'tableDirector',
	'tableGroupLeader',
	'tableStaff',
] as const;

const roleNames: Record<(typeof ROLES)[number], string> = {
	qualityDirector: 'QC Supervisor',
	qualityGroupLeader: 'QC Group Leader',
	qualityInspector: 'QC Inspector',
	tableDirector: 'Agent Supervisor',
	tableGroupLeader: 'Agent Group Leader',
	tableStaff: 'Agent',
};

export const currentRole: INodeProperties = {
	displayName: 'Current Role',
	name: 'currentRole',
	type: 'options',
	options: ROLES.map((value) => ({ name: roleNames[value], value })),
	default: 'qualityDirector',
	description: 'Role the operator acts in',
};

export function readCurrentRole(ctx: IExecuteFunctions, itemIndex: number): (typeof ROLES)[number] {
	return toChoice(fieldOf(currentRole), ctx.getNodeParameter(currentRole.name, itemIndex), ROLES);
}

export const callUuid: INodeProperties = {
	displayName: 'Call UUID',
	name: 'callUuid',
	type: 'string',
	required: true,
	default: '',
	placeholder: '822bbf4d-c4f8-473a-9144-199058375be8',
	description: 'The call_uuid that Inspection → Create returned for the recording',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CALL_ID_LENGTH = 128;

/**
 * A call_uuid: the API documents UUIDs; other ids of letters, digits, '-' and '_' are let through
 * (deployments may differ), but nothing empty, spaced or too long is sent.
 */
export function readCallUuid(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter(callUuid.name, itemIndex) as unknown;
	const text = typeof value === 'string' ? value.trim() : '';
	if (UUID.test(text) || (/^[\w-]+$/.test(text) && text.length <= MAX_CALL_ID_LENGTH)) return text;
	throw new InvalidFieldError(
		fieldOf(callUuid),
		value,
		'must be the call_uuid that Inspection → Create returned, e.g. 822bbf4d-c4f8-473a-9144-199058375be8',
	);
}

export const returnAll: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
};

const MAX_LIMIT = 1_000_000;

/** How many results to return: every one (Infinity) or up to Limit (at least 1). */
export function readMaxResults(ctx: IExecuteFunctions, itemIndex: number): number {
	if (ctx.getNodeParameter(returnAll.name, itemIndex, false) === true) return Infinity;
	return toInteger(fieldOf(limit), ctx.getNodeParameter(limit.name, itemIndex, limit.default), 1, MAX_LIMIT);
}
