/**
 * What an operation is and how a resource shows its operations: the resource stamps its own name and
 * the operation's onto each field's display rules and adds the Options collection, so an operation
 * declares its fields plainly and never names itself.
 */
import { NodeOperationError, type IBinaryKeyData, type IDataObject, type IDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Search } from '../helpers/paging';

import type { CecApi } from '../transport/api';
import { operatorUserId, readOperatorUserId, type CredentialDefaults } from './fields';
import { RUN_OPTIONS } from './runOptions';
import { isValidTimeZone } from '../helpers/time';
import { InvalidFieldError, fieldLabel, isSet, type Field } from '../helpers/validation';

/**
 * What one item does once every item has been validated: its calls, through the API whose calls go out
 * in the run's send window, and the output items they give.
 */
export type ItemWork = (api: CecApi) => Promise<IDataObject[]>;

/** The files (n8n binary data) that output items carry besides their json, by the json they belong to. */
const FILES = new WeakMap<IDataObject, IBinaryKeyData>();

/** An output item's json that carries `binary` with it. */
export function withFile(json: IDataObject, binary: IBinaryKeyData): IDataObject {
	FILES.set(json, binary);
	return json;
}

/** The binary data an output item's json carries, if any. */
export function fileOf(json: IDataObject): IBinaryKeyData | undefined {
	return FILES.get(json);
}

export interface Operation {
	/** Name in the Operation list */
	name: string;
	/** What it does, as a sentence (n8n shows it as the action) */
	action: string;
	/** What it does and returns, for the option's hint and for an AI agent using the node as a tool */
	summary: string;
	/**
	 * The operation's fields in the order shown. A field shown only for certain values of a sibling says
	 * so in its display rules; the resource adds its own name and the operation's to them.
	 */
	properties: INodeProperties[];
	/** Its own entries of the Options collection, shown before the run settings every operation has */
	options?: INodeProperties[];
	/**
	 * Reads and validates one item's parameters (throws InvalidFieldError); nothing is sent yet. Run
	 * through prepareItem, which reads first what every operation reads the same way.
	 */
	prepare(this: IExecuteFunctions, itemIndex: number, context: ItemContext): ItemWork;
}

/** What prepareItem reads for an item before its operation reads the rest. */
export interface ItemContext {
	/** Stand in for the operator and role fields the item leaves empty */
	defaults: CredentialDefaults;
	/**
	 * The item's Operator User ID, else the credential's default, for an operation that lists the
	 * operatorUserId field as it is (shown whatever its other fields say); '' for any other operation
	 */
	operator: string;
}

/** One item's work: the operator read (and validated) first, then the operation's own fields. */
export function prepareItem(ctx: IExecuteFunctions, operation: Operation, itemIndex: number, defaults: CredentialDefaults): ItemWork {
	const operator = operation.properties.includes(operatorUserId) ? readOperatorUserId(ctx, itemIndex, defaults) : '';
	return operation.prepare.call(ctx, itemIndex, { defaults, operator });
}

export interface Resource {
	/** Its entry in the Resource selector */
	option: { name: string; value: string; description: string };
	operations: Record<string, Operation>;
	description: INodeProperties[];
}

/** `property` shown for one resource and operation, besides the conditions on siblings it has. */
function stamped(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const displayOptions: IDisplayOptions = property.displayOptions ?? {};
	const show = { resource: [resource], operation: [operation], ...displayOptions.show };
	return { ...property, displayOptions: { ...displayOptions, show } };
}

/** A resource: its Operation selector (in the order given) and every operation's fields and Options. */
export function resource(
	option: Resource['option'],
	operations: Record<string, Operation>,
	defaultOperation: string,
): Resource {
	const name = option.value;
	const description: INodeProperties[] = [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [name] } },
			options: Object.entries(operations).map(([value, operation]) => ({
				name: operation.name,
				value,
				description: operation.summary,
				action: operation.action,
			})),
			default: defaultOperation,
		},
		...Object.entries(operations).flatMap(([value, operation]) =>
			[...operation.properties, optionsCollection(operation.options ?? [])].map((property) => stamped(property, name, value)),
		),
	];
	return { option, operations, description };
}

/** The Options collection: the operation's own options, then the run settings every operation shares. */
function optionsCollection(own: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...own, ...RUN_OPTIONS],
	};
}

export const timeZoneOption: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'Asia/Shanghai',
	description:
		'IANA time zone of the call-centre tenant. Date inputs without an offset are read in this zone; inputs with an offset are converted to it. Empty means the workflow\'s time zone.',
};

export function resolveTimeZone(ctx: IExecuteFunctions, itemIndex: number): string {
	const chosen = ctx.getNodeParameter('options.timeZone', itemIndex, '') as unknown;
	if (!isSet(chosen)) return ctx.getTimezone();
	if (!isValidTimeZone(chosen)) {
		throw new InvalidFieldError(
			{ displayName: 'Time Zone', name: 'options.timeZone' },
			chosen,
			'must be an IANA time zone name such as Asia/Shanghai or Europe/Berlin',
		);
	}
	return chosen;
}

/**
 * Get's answer when a search through a list (the API has no read by id) did not find `id`: the one
 * found, or an error naming the id, the field, the item and how much was read.
 */
export function foundOrError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: Field,
	id: string,
	what: string,
	search: Search<IDataObject>,
): IDataObject {
	if (search.found) return search.found;
	const all = search.total === undefined || search.read >= search.total;
	const listed = all ? `none of the ${search.read} the API lists` : `not among the first ${search.read} of ${search.total} the API lists (the search stops there)`;
	throw new NodeOperationError(ctx.getNode(), `No ${what} with ID ${id} [item ${itemIndex}]`, {
		itemIndex,
		description: `Field ${fieldLabel(field)} of item ${itemIndex}: ${id} is ${listed}. Give the ID of an existing ${what}, e.g. from Get Many.`,
	});
}
