/**
 * Fields that several operations share, each declared once: its UI definition, and the reader that
 * validates an item's value under the same label.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError, toChoice, toDigits, toInteger, toText, type Field } from '../helpers/validation';

/** The label a validation error uses for a property (inside a collection: `collection.name`). */
export function fieldOf(property: INodeProperties, collection?: string): Field {
	return { displayName: property.displayName, name: collection ? `${collection}.${property.name}` : property.name };
}

/** A property shown only while its siblings hold the given values (the resource adds its operation). */
export function shownWhen(property: INodeProperties, show: NonNullable<IDisplayOptions['show']>): INodeProperties {
	return { ...property, displayOptions: { show } };
}

/**
 * Where a create takes its values from: the fields below (each may be an expression), or the input
 * item's own fields by their API names — no expression is evaluated, which makes large runs much
 * faster, and a webhook whose payload already uses the API's names needs no mapping.
 */
export function dataModeProperty(apiNames: string): INodeProperties {
	return {
		displayName: 'Input Data Mode',
		name: 'dataMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Map Each Field Below',
				value: 'defineBelow',
				description: 'Set each value in the fields below, with expressions where they come from the input',
			},
			{
				name: 'Auto-Map Input Data',
				value: 'autoMapInputData',
				description: `Take each value from the input item's field of the same name: ${apiNames}. Other fields of the item are ignored.`,
			},
		],
		default: 'defineBelow',
	};
}

/** A field that Map Each Field Below shows and Auto-Map replaces. */
export function definedBelow(property: INodeProperties): INodeProperties {
	return shownWhen(property, { dataMode: ['defineBelow'] });
}

export function isAutoMapped(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return ctx.getNodeParameter('dataMode', itemIndex, 'defineBelow') === 'autoMapInputData';
}

/** The label under which a validation error names the input item's field at `path`. */
export function inputField(path: string): Field {
	return { displayName: path, name: path, fromInput: true };
}

/** For each of an operation's fields, the label of the input item's field at its path there. */
export function inputFieldsAt<K extends string>(paths: Record<K, string>): Record<K, Field> {
	return Object.fromEntries(Object.entries<string>(paths).map(([key, path]) => [key, inputField(path)])) as Record<K, Field>;
}

/** The value at a dotted `path` of an item's json (undefined where an object is missing on the way). */
export function inputValue(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const key of path.split('.')) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/**
 * A resource locator's value: `{ __rl: true, mode, value }` as the editor stores it, or the plain
 * string that workflows saved before the field became a locator hold (read the same way).
 */
export function locatedValue(value: unknown): unknown {
	if (typeof value === 'object' && value !== null && (value as IDataObject).__rl === true) return (value as IDataObject).value;
	return value;
}

/** What a locator field of one thing says: its list (a method of ../methods/listSearch) and its ID's format. */
export interface LocatorSpec {
	displayName: string;
	name: string;
	description: string;
	listSearchMethod: string;
	/** Whether the list filters by the text typed (the API filters by it) */
	searchable: boolean;
	/** The By ID mode's pattern (anchored) and what it says when a value does not match */
	idPattern: string;
	idError: string;
	placeholder: string;
}

/** A resource locator: From List (the default) or By ID (validated as the editor types it). */
export function locatorProperty(spec: LocatorSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.listSearchMethod, searchable: spec.searchable },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.placeholder,
				validation: [{ type: 'regex', properties: { regex: spec.idPattern, errorMessage: spec.idError } }],
			},
		],
	};
}

/** By ID of the review family's ids (task, plan, item): their digits (readId checks the same). */
export const DIGITS_PATTERN = '^[0-9]{1,20}$';

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

/** With auto-mapped input: the name of the item field that holds the operator's user id. */
export const operatorUserIdField: INodeProperties = {
	displayName: 'Operator User ID Field',
	name: 'operatorUserIdField',
	type: 'string',
	required: true,
	default: 'operatorUserId',
	description:
		'Name of the input field holding the user ID of the employee the request is made for (sent as x-UserId; the 19-digit number, kept as text). A dotted path reaches into an object.',
};

/** The operator user id taken from the input item's field that Operator User ID Field names. */
export function readOperatorUserIdFromInput(ctx: IExecuteFunctions, itemIndex: number): string {
	const path = toText(fieldOf(operatorUserIdField), ctx.getNodeParameter(operatorUserIdField.name, itemIndex), 256);
	return toDigits(inputField(path), inputValue(ctx.getInputData()[itemIndex].json, path), MAX_OPERATOR_DIGITS);
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

export const callUuid: INodeProperties = locatorProperty({
	displayName: 'Call UUID',
	name: 'callUuid',
	description: 'The call: from the calls uploaded in the last 3 days (searchable by keyword), or by the call_uuid that Inspection → Create returned',
	listSearchMethod: 'searchCalls',
	searchable: true,
	idPattern: '^[\\w-]{1,128}$',
	idError: 'Must be a call_uuid (letters, digits, - and _), e.g. 822bbf4d-c4f8-473a-9144-199058375be8',
	placeholder: '822bbf4d-c4f8-473a-9144-199058375be8',
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CALL_ID_LENGTH = 128;

/**
 * A call_uuid: the API documents UUIDs; other ids of letters, digits, '-' and '_' are let through
 * (deployments may differ), but nothing empty, spaced or too long is sent.
 */
export function readCallUuid(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = locatedValue(ctx.getNodeParameter(callUuid.name, itemIndex));
	const text = typeof value === 'string' ? value.trim() : '';
	if (UUID.test(text) || (/^[\w-]+$/.test(text) && text.length <= MAX_CALL_ID_LENGTH)) return text;
	throw new InvalidFieldError(
		fieldOf(callUuid),
		value,
		'must be the call_uuid that Inspection → Create returned, e.g. 822bbf4d-c4f8-473a-9144-199058375be8',
	);
}

/** A Filters collection of `options`, and each option's label as validation errors name it. */
export function filtersCollection(options: INodeProperties[]): { property: INodeProperties; fields: Record<string, Field> } {
	const property: INodeProperties = {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
	return { property, fields: Object.fromEntries(options.map((option) => [option.name, fieldOf(option, property.name)])) };
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

/** Return All, and Limit while Return All is off. */
export const pagingProperties: INodeProperties[] = [returnAll, shownWhen(limit, { returnAll: [false] })];

const MAX_LIMIT = 1_000_000;

/** How many results to return: every one (Infinity) or up to Limit (at least 1). */
export function readMaxResults(ctx: IExecuteFunctions, itemIndex: number): number {
	if (ctx.getNodeParameter(returnAll.name, itemIndex, false) === true) return Infinity;
	return toInteger(fieldOf(limit), ctx.getNodeParameter(limit.name, itemIndex, limit.default), 1, MAX_LIMIT);
}

/** Most digits an id of the review-task family has (task, task-call, plan, user ids: 18–20 digits). */
export const MAX_ID_DIGITS = 20;

/**
 * An id (task, plan, user, person) as the digit string sent on the wire: text, or a number only while
 * it is a safe integer (a larger one has already lost digits and is refused with "pass it as text").
 */
export function readId(field: Field, value: unknown, maxDigits = MAX_ID_DIGITS): string {
	return toDigits(field, value, maxDigits);
}

export const taskId: INodeProperties = locatorProperty({
	displayName: 'Task ID',
	name: 'taskId',
	description:
		'The review task: from the tasks created in the last 90 days (searchable by plan name), or by ID (the qualityTaskId that Create returned, 18 to 20 digits)',
	listSearchMethod: 'searchReviewTasks',
	searchable: true,
	idPattern: DIGITS_PATTERN,
	idError: 'Must be the digits of a review task ID, e.g. 16239245027406915901',
	placeholder: '16239245027406915901',
});

export function readTaskId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readId(fieldOf(taskId), locatedValue(ctx.getNodeParameter(taskId.name, itemIndex)));
}

/**
 * Text that may be an id (a code, a call id): numbers are taken while exact, a larger one has already
 * lost digits and is refused with "pass it as text".
 */
export function readIdText(field: Field, value: unknown, maxLength: number): string {
	if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
		throw new InvalidFieldError(
			field,
			value,
			`must be text of 1 to ${maxLength} characters; as a number above 9007199254740991 (2^53 - 1) it has already lost digits: pass it as text`,
		);
	}
	return toText(field, value, maxLength);
}
