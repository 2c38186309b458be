/** Get Many → qualityitem/queryQualityItem: the inspection items (problems and appeals) of a time window. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolveTimeWindow } from '../../helpers/time';
import { isSet, toChoice, toStringList } from '../../helpers/validation';
import { resolveTimeZone, timeZoneOption, type ItemContext, type ItemWork, type Operation } from '../common';
import { fieldOf, filtersCollection, offered, operatorUserId, pagingProperties, readMaxResults } from '../fields';
import { ITEM_STATUS, ITEM_TYPES, itemInWords, itemType } from './item';

const MAX_USER_ID = 64;
/** With neither end given, the window is the last day. */
const DEFAULT_WINDOW_SECONDS = 24 * 3600;

const from: INodeProperties = {
	displayName: 'From',
	name: 'from',
	type: 'dateTime',
	default: '',
	description: 'Start of the time window (startTimeMillis). Empty: one day before To.',
};
const to: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'dateTime',
	default: '',
	description: 'End of the time window (endTimeMillis); not before From. Empty: now.',
};

const filterProperties: INodeProperties[] = [
	{
		displayName: 'Agent User IDs',
		name: 'agentUserIds',
		type: 'string',
		typeOptions: { multipleValues: true },
		default: [],
		description: 'Only items of these agents (user IDs; comma-separated lists are split)',
	},
	{
		displayName: 'Inspector User IDs',
		name: 'qualityUserIds',
		type: 'string',
		typeOptions: { multipleValues: true },
		default: [],
		description: 'Only items of these inspectors (user IDs; comma-separated lists are split)',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: Object.entries(ITEM_STATUS)
			.map(([value, name]) => ({ name, value: Number(value) }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 21,
		description: 'Only items in this state',
	},
	{ ...itemType, description: 'Only problems, or only appeals' },
];

const { property: filters, fields: FIELDS } = filtersCollection(filterProperties);
const STATUSES = Object.keys(ITEM_STATUS).map(Number);

export interface ItemListInput {
	from: unknown;
	to: unknown;
	filters: IDataObject;
}

/** The queryQualityItem body without `page` and `rows`, in the documented key order; ids and the type as text. */
export function buildItemListFilter(input: ItemListInput, zone: string, nowSeconds: number): IDataObject {
	const window = resolveTimeWindow(fieldOf(from), input.from, fieldOf(to), input.to, zone);
	const end = window.end?.epochSeconds ?? Math.max(nowSeconds, window.start?.epochSeconds ?? nowSeconds);
	const start = window.start?.epochSeconds ?? end - DEFAULT_WINDOW_SECONDS;
	const f = input.filters ?? {};
	const fixedColumns: IDataObject = {};
	const agents = toStringList(FIELDS.agentUserIds, f.agentUserIds, MAX_USER_ID);
	const inspectors = toStringList(FIELDS.qualityUserIds, f.qualityUserIds, MAX_USER_ID);
	if (agents.length > 0) fixedColumns.agentUserIds = agents;
	if (inspectors.length > 0) fixedColumns.qualityUserIds = inspectors;
	if (isSet(f.itemType)) {
		fixedColumns.taskType = String(ITEM_TYPES[toChoice(FIELDS.itemType, f.itemType, offered(itemType))]);
	}
	if (isSet(f.status)) fixedColumns.taskStatus = toChoice(FIELDS.status, f.status, STATUSES);
	return { startTimeMillis: start, endTimeMillis: end, fixedColumns };
}

export const getMany: Operation = {
	name: 'Get Many',
	action: 'Get many inspection items',
	summary:
		'Returns the inspection items (problems and appeals) of a time window (default: the last day), one item each: id (for Get, Decide Appeal, Reassign), type, status, agent, inspector and reviewer names',
	properties: [operatorUserId, from, to, ...pagingProperties, filters],
	options: [timeZoneOption],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
		const filter = buildItemListFilter(
			{
				from: this.getNodeParameter(from.name, itemIndex, ''),
				to: this.getNodeParameter(to.name, itemIndex, ''),
				filters: this.getNodeParameter(filters.name, itemIndex, {}) as IDataObject,
			},
			resolveTimeZone(this, itemIndex),
			Math.floor(Date.now() / 1000),
		);
		const max = readMaxResults(this, itemIndex);
		return async (api) => (await api.listItems(operator, filter, max)).map(itemInWords);
	},
};
