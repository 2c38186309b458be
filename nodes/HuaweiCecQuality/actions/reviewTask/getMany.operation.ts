/** Get Many → queryQualityTask: the review tasks created in a time window, with their progress. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolveRequiredTimeWindow, resolveTimeWindow } from '../../helpers/time';
import { isSet, toChoice, toText } from '../../helpers/validation';
import { resolveTimeZone, timeZoneOption, type ItemContext, type ItemWork, type Operation } from '../common';
import { currentRole, fieldOf, filtersCollection, operatorUserId, pagingProperties, readMaxResults, readSimplify, ROLES, readCurrentRole, simplify } from '../fields';

const MAX_FILTER_TEXT = 32;

/** A review task's fields that Simplify keeps (Get and Get Many). */
export const SIMPLE_TASK_FIELDS = [
	'id',
	'planCode',
	'planName',
	'status',
	'createTime',
	'effectiveDate',
	'reviewingOfficerName',
	'reviewTotalCount',
	'reviewFinishedCount',
] as const;

/**
 * Task statuses (a string). Undocumented; these are the values the package's mock documents:
 * "0" created, "1" inspectors assigned, "2" scheduled, "3" in effect, "4" terminated.
 */
export const TASK_STATUS: Record<string, string> = {
	'0': 'Created',
	'1': 'Inspectors Assigned',
	'2': 'Scheduled',
	'3': 'In Effect',
	'4': 'Terminated',
};

const createdFrom: INodeProperties = {
	displayName: 'Created From',
	name: 'createdFrom',
	type: 'dateTime',
	required: true,
	default: '',
	description: 'Start of the window in which the tasks were created',
};
const createdTo: INodeProperties = {
	displayName: 'Created To',
	name: 'createdTo',
	type: 'dateTime',
	required: true,
	default: '',
	description: 'End of the creation window; not before Created From',
};

const filterProperties: INodeProperties[] = [
	{
		displayName: 'Call Window End',
		name: 'callEndTime',
		type: 'dateTime',
		default: '',
		description: 'Only tasks whose call-time window ends at or before this time',
	},
	{
		displayName: 'Call Window Start',
		name: 'callStartTime',
		type: 'dateTime',
		default: '',
		description: 'Only tasks whose call-time window starts at or after this time',
	},
	{
		displayName: 'Plan Name',
		name: 'planName',
		type: 'string',
		default: '',
		description: 'Only tasks whose name contains this text (at most 32 characters)',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: Object.entries(TASK_STATUS).map(([value, name]) => ({ name, value })),
		default: '3',
		description: 'Only tasks in this state',
	},
];

const { property: filters, fields: FIELDS } = filtersCollection(filterProperties);

export interface TaskListInput {
	currentRole: unknown;
	createdFrom: unknown;
	createdTo: unknown;
	filters: IDataObject;
}

/** The queryQualityTask body without `page` and `rows`, in the documented key order. */
export function buildTaskListFilter(operator: string, input: TaskListInput, zone: string): IDataObject {
	const role = toChoice(fieldOf(currentRole), input.currentRole, ROLES);
	const { start: from, end: to } = resolveRequiredTimeWindow(fieldOf(createdFrom), input.createdFrom, fieldOf(createdTo), input.createdTo, zone);
	const f = input.filters ?? {};
	const call = resolveTimeWindow(FIELDS.callStartTime, f.callStartTime, FIELDS.callEndTime, f.callEndTime, zone);
	const body: IDataObject = { currentRole: role, userId: operator, startTimeMillis: from.epochSeconds, endTimeMillis: to.epochSeconds };
	if (call.start) body.callStartTimeMillis = call.start.epochSeconds;
	if (call.end) body.callEndTimeMillis = call.end.epochSeconds;
	const fixedColumns: IDataObject = {};
	if (isSet(f.planName)) fixedColumns.planName = toText(FIELDS.planName, f.planName, MAX_FILTER_TEXT);
	if (isSet(f.status)) fixedColumns.status = toChoice(FIELDS.status, f.status, Object.keys(TASK_STATUS));
	if (Object.keys(fixedColumns).length > 0) body.fixedColumns = fixedColumns;
	return body;
}

export const getMany: Operation = {
	name: 'Get Many',
	action: 'Get many manual review tasks',
	summary:
		'Returns the manual review tasks created in a time window, one item each: id, planCode (for Get Calls), name, status, inspectors and review progress',
	properties: [
		operatorUserId,
		currentRole,
		createdFrom,
		createdTo,
		...pagingProperties,
		filters,
		simplify,
	],
	options: [timeZoneOption],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator, defaults }: ItemContext): ItemWork {
		const filter = buildTaskListFilter(
			operator,
			{
				currentRole: readCurrentRole(this, itemIndex, defaults),
				createdFrom: this.getNodeParameter(createdFrom.name, itemIndex),
				createdTo: this.getNodeParameter(createdTo.name, itemIndex),
				filters: this.getNodeParameter(filters.name, itemIndex, {}) as IDataObject,
			},
			resolveTimeZone(this, itemIndex),
		);
		const max = readMaxResults(this, itemIndex);
		const shape = readSimplify(this, itemIndex, SIMPLE_TASK_FIELDS);
		return async (api) => (await api.listTasks(operator, filter, max)).map(shape);
	},
};
