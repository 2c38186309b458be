/** Get Many → appraisecall/details: calls uploaded in a time window, with their inspection status. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CallListFilter } from '../../transport/api';
import { ALL_STATUSES, CALL_STATUS, CALL_TYPES } from '../../helpers/callStatus';
import { resolveTimeWindow } from '../../helpers/time';
import { InvalidFieldError, isSet, toChoice, toInteger, toText } from '../../helpers/validation';
import { resolveTimeZone, timeZoneOption, type ItemContext, type ItemWork, type Operation } from '../common';
import { fieldOf, filtersCollection, operatorUserId, pagingProperties, readMaxResults, readSimplify, simplify } from '../fields';

const MAX_DURATION = 100000000;
const MAX_TEXT = 64;

/** A call's fields that Simplify keeps. */
const SIMPLE_CALL_FIELDS = ['call_uuid', 'call_id', 'call_time', 'upload_time', 'duration', 'staff_id', 'staff_name', 'status', 'statusText'] as const;

/** The window listed when Uploaded From is left empty: the 24 hours before Uploaded To (or now). */
export const DEFAULT_WINDOW_SECONDS = 24 * 3600;

const uploadedFrom: INodeProperties = {
	displayName: 'Uploaded From',
	name: 'uploadedFrom',
	type: 'dateTime',
	default: '',
	description:
		'Start of the window in which the recordings were uploaded (submitted for inspection). Empty: 24 hours before Uploaded To.',
};
const uploadedTo: INodeProperties = {
	displayName: 'Uploaded To',
	name: 'uploadedTo',
	type: 'dateTime',
	default: '',
	description: 'End of the upload window; not before Uploaded From. Empty: now.',
};

const filterProperties: INodeProperties[] = [
	{
		displayName: 'Agent User ID',
		name: 'staffId',
		type: 'string',
		default: '',
		description: 'Only calls of this agent (staff_id)',
	},
	{
		displayName: 'Agent Name',
		name: 'staffName',
		type: 'string',
		default: '',
		description: 'Only calls of agents with this name (staff_name)',
	},
	{
		displayName: 'Call Time From',
		name: 'callFrom',
		type: 'dateTime',
		default: '',
		description: 'Only calls made at or after this time',
	},
	{
		displayName: 'Call Time To',
		name: 'callTo',
		type: 'dateTime',
		default: '',
		description: 'Only calls made at or before this time',
	},
	{
		displayName: 'Call Types',
		name: 'callTypes',
		type: 'multiOptions',
		options: [
			{ name: 'Text', value: 2 },
			{ name: 'Voice', value: 0 },
		],
		default: [],
		description: 'Voice calls, text (multimedia) sessions, or both (empty)',
	},
	{
		displayName: 'Keyword',
		name: 'keyword',
		type: 'string',
		default: '',
		description: 'Only calls whose transcript contains this keyword',
	},
	{
		displayName: 'Max Duration (Seconds)',
		name: 'durationMax',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description: 'Only calls at most this long',
	},
	{
		displayName: 'Min Duration (Seconds)',
		name: 'durationMin',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description: 'Only calls at least this long',
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: Object.entries(CALL_STATUS)
			.map(([value, name]) => ({ name, value: Number(value) }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: [],
		description: 'Only calls whose inspection is in one of these states; empty means every state',
	},
];

const { property: filters, fields: FIELDS } = filtersCollection(filterProperties);
/** A filter holds a value; an empty multi-select counts as unset. */
const isFilterSet = (value: unknown) => isSet(value) && !(Array.isArray(value) && value.length === 0);

/**
 * The appraisecall/details body without paging, from the UI's values. The API requires an upload
 * window (and documents no longest one): an empty Uploaded To is `nowMs`, an empty Uploaded From the
 * 24 hours before Uploaded To.
 */
export function buildCallListFilter(
	input: { uploadedFrom: unknown; uploadedTo: unknown; filters: IDataObject },
	zone: string,
	nowMs = Date.now(),
): CallListFilter {
	const f = input.filters ?? {};
	const window = resolveTimeWindow(fieldOf(uploadedFrom), input.uploadedFrom, fieldOf(uploadedTo), input.uploadedTo, zone);
	const to = window.end?.epochSeconds ?? Math.floor(nowMs / 1000);
	const from = window.start?.epochSeconds ?? to - DEFAULT_WINDOW_SECONDS;
	if (to < from) {
		throw new InvalidFieldError(fieldOf(uploadedFrom), input.uploadedFrom, 'must not be in the future while Uploaded To is empty (it then means now)');
	}
	const list = (value: unknown) => (Array.isArray(value) ? value : isFilterSet(value) ? String(value).split(',') : []);
	const callTypes = list(f.callTypes).map((value) => toChoice(FIELDS.callTypes, value, CALL_TYPES));
	const statuses = list(f.statuses).map((value) => toChoice(FIELDS.statuses, value, ALL_STATUSES));
	const body: CallListFilter = {
		call_types: callTypes.length > 0 ? [...new Set(callTypes)] : [...CALL_TYPES],
		status: statuses.length > 0 ? [...new Set(statuses)] : ALL_STATUSES,
		upload_from: from,
		upload_to: to,
	};
	const call = resolveTimeWindow(FIELDS.callFrom, f.callFrom, FIELDS.callTo, f.callTo, zone);
	if (call.start) body.call_from = call.start.epochSeconds;
	if (call.end) body.call_to = call.end.epochSeconds;
	if (isFilterSet(f.staffId)) body.staff_id = toText(FIELDS.staffId, f.staffId, MAX_TEXT);
	if (isFilterSet(f.staffName)) body.staff_name = toText(FIELDS.staffName, f.staffName, MAX_TEXT);
	if (isFilterSet(f.keyword)) body.keyword = toText(FIELDS.keyword, f.keyword, MAX_TEXT);
	const min = isFilterSet(f.durationMin) ? toInteger(FIELDS.durationMin, f.durationMin, 0, MAX_DURATION) : undefined;
	const max = isFilterSet(f.durationMax) ? toInteger(FIELDS.durationMax, f.durationMax, 0, MAX_DURATION) : undefined;
	if (min !== undefined && max !== undefined && max < min) {
		throw new InvalidFieldError(FIELDS.durationMax, f.durationMax, `must not be less than Min Duration (Seconds) (${min})`);
	}
	if (min !== undefined) body.duration_min = min;
	if (max !== undefined) body.duration_max = max;
	return body;
}

export const getMany: Operation = {
	name: 'Get Many',
	action: 'Get many calls and their inspection status',
	summary:
		'Returns the calls uploaded in a time window (by default the last 24 hours), with their inspection status (waiting, inspecting, done, failed) and call details',
	properties: [
		operatorUserId,
		uploadedFrom,
		uploadedTo,
		...pagingProperties,
		filters,
		simplify,
	],
	options: [timeZoneOption],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
		const filter = buildCallListFilter(
			{
				uploadedFrom: this.getNodeParameter('uploadedFrom', itemIndex, ''),
				uploadedTo: this.getNodeParameter('uploadedTo', itemIndex, ''),
				filters: this.getNodeParameter(filters.name, itemIndex, {}) as IDataObject,
			},
			resolveTimeZone(this, itemIndex),
		);
		const max = readMaxResults(this, itemIndex);
		const shape = readSimplify(this, itemIndex, SIMPLE_CALL_FIELDS);
		return async (api) => (await api.listCalls(operator, filter, max)).map(shape);
	},
};
