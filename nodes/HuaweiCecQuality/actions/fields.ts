/**
 * Fields that several operations share, each declared once: its UI definition, and the reader that
 * validates an item's value under the same label.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { InvalidFieldError, isSet, toChoice, toDigits, toInteger, toText, type Field } from '../helpers/validation';

/** The label a validation error uses for a property (inside a collection: `collection.name`). */
export function fieldOf(property: INodeProperties, collection?: string): Field {
	return { displayName: property.displayName, name: collection ? `${collection}.${property.name}` : property.name };
}

/** A property shown only while its siblings hold the given values (the resource adds its operation). */
export function shownWhen(property: INodeProperties, show: NonNullable<IDisplayOptions['show']>): INodeProperties {
	return { ...property, displayOptions: { show } };
}

/** An options field whose values the type system knows, so that they are written once: in its options. */
export type ChoiceProperty<V extends string | number> = Omit<INodeProperties, 'options'> & { options: Array<INodePropertyOptions & { value: V }> };

/**
 * A field that picks one of `options` (with `type: 'multiOptions'`, any of them), laid out as n8n
 * lists its properties: `spec` holds the rest of the field (default, description, ...).
 */
export function optionsProperty<const V extends string | number>(
	spec: Omit<INodeProperties, 'type' | 'options'> & { type?: 'options' | 'multiOptions' },
	options: Array<INodePropertyOptions & { value: V }>,
): ChoiceProperty<V> {
	const { displayName, name, type = 'options', ...rest } = spec;
	return { displayName, name, type, options, ...rest };
}

/** The value type of an options field: a table keyed by it must cover every option. */
export type ChoiceOf<P> = P extends ChoiceProperty<infer V> ? V : never;

/** The values an options field offers, in its order: what `toChoice` accepts for it. */
export function offered<V extends string | number>(property: ChoiceProperty<V>): V[] {
	return property.options.map((option) => option.value);
}

/** A text field that must be filled in (empty by default), laid out as n8n lists its properties. */
export function requiredTextProperty(spec: Omit<INodeProperties, 'type' | 'required' | 'default'>): INodeProperties {
	const { displayName, name, ...rest } = spec;
	return { displayName, name, type: 'string', required: true, default: '', ...rest };
}

/** A whole-number field from `minValue` to `maxValue` (none: no upper bound), laid out as n8n lists its properties. */
export function wholeNumberProperty(spec: Omit<INodeProperties, 'type' | 'typeOptions'>, minValue: number, maxValue?: number): INodeProperties {
	const { displayName, name, default: initial, ...rest } = spec;
	const bounds = maxValue === undefined ? { minValue } : { minValue, maxValue };
	return { displayName, name, type: 'number', typeOptions: { ...bounds, numberPrecision: 0 }, default: initial, ...rest };
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

export const ROLES = [
	'qualityDirector',
	'qualityGroupLeader',
	'qualityInspector',
	'tableDirector',
	'tableGroupLeader',
	'tableStaff',
] as const;

export type Role = (typeof ROLES)[number];

const roleNames: Record<Role, string> = {
	qualityDirector: 'QC Supervisor',
	qualityGroupLeader: 'QC Group Leader',
	qualityInspector: 'QC Inspector',
	tableDirector: 'Agent Supervisor',
	tableGroupLeader: 'Agent Group Leader',
	tableStaff: 'Agent',
};

const roleOptions = ROLES.map((value) => ({ name: roleNames[value], value }));

/*
 * The credential's defaults: declared here, beside the operation fields they stand in for, and listed
 * among the credential's properties (credentials/HuaweiCecApi.credentials.ts).
 */

export const defaultOperatorUserId: INodeProperties = {
	displayName: 'Default Operator User ID',
	name: 'defaultOperatorUserId',
	type: 'string',
	default: '',
	placeholder: '1611917095665261978',
	description:
		'User ID of the employee requests are made for (sent as x-UserId), used by every operation and trigger whose own Operator User ID is left empty: the 19-digit number on the CEC employee-management page. Keep it as text.',
};

export const defaultRole: INodeProperties = {
	displayName: 'Default Role',
	name: 'defaultRole',
	type: 'options',
	options: roleOptions,
	default: 'qualityDirector',
	description: 'Role the operator acts in, used by every operation whose Current Role is left at From Credential',
};

/** How errors name the credential's fields: not a field of the node, so not "of item N". */
const DEFAULT_OPERATOR_FIELD: Field = { ...fieldOf(defaultOperatorUserId), inCredential: true };
const DEFAULT_ROLE_FIELD: Field = { ...fieldOf(defaultRole), inCredential: true };

/** The credential's defaults as it holds them, read with the credential once per run; checked where used. */
export interface CredentialDefaults {
	operatorUserId: unknown;
	role: unknown;
}

/** The defaults of credential data (a credential saved before they existed has neither: '' and qualityDirector). */
export function credentialDefaultsOf(data: ICredentialDataDecryptedObject): CredentialDefaults {
	return {
		operatorUserId: data[defaultOperatorUserId.name] ?? defaultOperatorUserId.default,
		role: data[defaultRole.name] ?? defaultRole.default,
	};
}

/**
 * The operator: the value of `field` when it is set, else the credential's default, else none.
 * A default that is not an id is refused under the credential's field name.
 */
export function operatorOrDefault(field: Field, own: unknown, defaults: CredentialDefaults): string | undefined {
	if (isSet(own)) return toDigits(field, own, MAX_OPERATOR_DIGITS);
	if (!isSet(defaults.operatorUserId)) return undefined;
	return toDigits(DEFAULT_OPERATOR_FIELD, defaults.operatorUserId, MAX_OPERATOR_DIGITS);
}

/** The operator as operatorOrDefault, required: with neither, the error says where to set one. */
export function chooseOperator(field: Field, own: unknown, defaults: CredentialDefaults): string {
	const operator = operatorOrDefault(field, own, defaults);
	if (operator !== undefined) return operator;
	throw new InvalidFieldError(
		field,
		own,
		`must be the user ID of the employee the request is made for (sent as x-UserId, 1 to ${MAX_OPERATOR_DIGITS} digits, as text): set it here, or set "Default Operator User ID" in the Huawei Cloud CEC API credential`,
	);
}

export const operatorUserId: INodeProperties = {
	displayName: 'Operator User ID',
	name: 'operatorUserId',
	type: 'string',
	default: '',
	placeholder: '1611917095665261978',
	description:
		'User ID of the employee the request is made for (sent as x-UserId): the 19-digit number on the CEC employee-management page. Keep it as text. Leave empty to use the credential\'s Default Operator User ID.',
};

export function readOperatorUserId(ctx: IExecuteFunctions, itemIndex: number, defaults: CredentialDefaults): string {
	return chooseOperator(fieldOf(operatorUserId), ctx.getNodeParameter(operatorUserId.name, itemIndex), defaults);
}

/** With auto-mapped input: the name of the item field that holds the operator's user id. */
export const operatorUserIdField: INodeProperties = {
	displayName: 'Operator User ID Field',
	name: 'operatorUserIdField',
	type: 'string',
	default: 'operatorUserId',
	description:
		'Name of the input field holding the user ID of the employee the request is made for (sent as x-UserId; the 19-digit number, kept as text). A dotted path reaches into an object. Where the field is missing or empty, the credential\'s Default Operator User ID is used.',
};

/**
 * The operator user id taken from the input item's field that Operator User ID Field names, or the
 * credential's default where that field (or the name of it) is empty.
 */
export function readOperatorUserIdFromInput(ctx: IExecuteFunctions, itemIndex: number, defaults: CredentialDefaults): string {
	const name = ctx.getNodeParameter(operatorUserIdField.name, itemIndex, '') as unknown;
	if (!isSet(name)) {
		const operator = operatorOrDefault(fieldOf(operatorUserIdField), name, defaults);
		if (operator !== undefined) return operator;
		throw new InvalidFieldError(
			fieldOf(operatorUserIdField),
			name,
			`must name the input field that holds the operator's user ID (text of 1 to 256 characters), or set "Default Operator User ID" in the Huawei Cloud CEC API credential`,
		);
	}
	const path = toText(fieldOf(operatorUserIdField), name, 256);
	return chooseOperator(inputField(path), inputValue(ctx.getInputData()[itemIndex].json, path), defaults);
}

/** Current Role's default: old workflows, which stored nothing for it, act in the credential's Default Role (qualityDirector unless changed). */
const FROM_CREDENTIAL = 'fromCredential';

export const currentRole = optionsProperty(
	{ displayName: 'Current Role', name: 'currentRole', default: FROM_CREDENTIAL, description: 'Role the operator acts in' },
	[
		{ name: 'From Credential', value: FROM_CREDENTIAL, description: 'The Default Role set in the credential (QC Supervisor unless changed there)' },
		...roleOptions,
	],
);

/** The role: the value given (a role, or From Credential), or where none is given, the credential's Default Role. */
export function chooseRole(field: Field, own: unknown, defaults: CredentialDefaults): Role {
	if (isSet(own) && own !== FROM_CREDENTIAL) return toChoice(field, own, ROLES);
	return toChoice(DEFAULT_ROLE_FIELD, defaults.role, ROLES);
}

export function readCurrentRole(ctx: IExecuteFunctions, itemIndex: number, defaults: CredentialDefaults): Role {
	return chooseRole(fieldOf(currentRole), ctx.getNodeParameter(currentRole.name, itemIndex), defaults);
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

/** A call's call_id, as review tasks and inspection items name a call; each operation says where to find it. */
export const callId = requiredTextProperty({
	displayName: 'Call ID',
	name: 'callId',
});

/** A call_id (or call_group_id): text, or a number while exact, of at most as many characters as a call_uuid. */
export function readCallId(field: Field, value: unknown): string {
	return readIdText(field, value, MAX_CALL_ID_LENGTH);
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

/**
 * Simplify, on operations whose items have more than ten fields. Off by default, unlike n8n's new
 * nodes: n8n stores no default in a workflow, so a default of true would change the output of every
 * workflow saved before the field existed.
 */
export const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** The item's output shaping: only `keys` (in that order, where present) when Simplify is on, else as is. */
export function readSimplify(ctx: IExecuteFunctions, itemIndex: number, keys: readonly string[]): (json: IDataObject) => IDataObject {
	if (ctx.getNodeParameter(simplify.name, itemIndex, false) !== true) return (json) => json;
	return (json) => Object.fromEntries(keys.filter((key) => key in json).map((key) => [key, json[key]]));
}
