/** Get Calls → callsQualityTask: the calls of one review task, with their sampling and review state. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError, isSet, toChoice, toInteger, toText } from '../../helpers/validation';
import type { ItemContext, ItemWork, Operation } from '../common';
import { currentRole, fieldOf, filtersCollection, operatorUserId, pagingProperties, readCurrentRole, readId, readIdText, readMaxResults, requiredTextProperty, ROLES } from '../fields';

const MAX_PLAN_CODE = 128;
const MAX_FILTER_TEXT = 256;
const MAX_DURATION = 100000000;

const planCode = requiredTextProperty({
	displayName: 'Plan Code',
	name: 'planCode',
	description: 'The planCode of the task, as Get Many returns it (not the task ID)',
});

/** Per-call sampling state (inspectStatus), as documented: [value, name], in the documented order. */
export const INSPECT_STATUS: readonly (readonly [string, string])[] = [
	['-1', 'Not Sampled'],
	['0', 'Sampling'],
	['1', 'Sampled'],
];
/** Per-call review state (reviewingStates), as documented. */
export const REVIEWING_STATES: readonly (readonly [string, string])[] = [
	['-1', 'Not Reviewed'],
	['2', 'Reviewing'],
	['3', 'Reviewed'],
];
const valuesOf = (list: readonly (readonly [string, string])[]) => list.map(([value]) => value);

const filterProperties: INodeProperties[] = [
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		description: 'Only calls whose recording file name contains this text',
	},
	{
		displayName: 'Inspector User ID',
		name: 'inspector',
		type: 'string',
		default: '',
		description: 'Only calls assigned to this inspector (user ID, as text)',
	},
	{
		displayName: 'Max Duration (Seconds)',
		name: 'durationTo',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_DURATION, numberPrecision: 0 },
		default: 0,
		description: 'Only calls at most this long',
	},
	{
		displayName: 'Min Duration (Seconds)',
		name: 'durationFrom',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_DURATION, numberPrecision: 0 },
		default: 0,
		description: 'Only calls at least this long',
	},
	{
		displayName: 'Review State',
		name: 'reviewingStates',
		type: 'options',
		options: REVIEWING_STATES.map(([value, name]) => ({ name, value })),
		default: '-1',
		description: 'Only calls in this review state (reviewingStates)',
	},
	{
		displayName: 'Reviewing Officer User ID',
		name: 'reviewingOfficer',
		type: 'string',
		default: '',
		description: 'Only calls reviewed by this user (user ID, as text)',
	},
	{
		displayName: 'Sampling State',
		name: 'inspectStatus',
		type: 'options',
		options: INSPECT_STATUS.map(([value, name]) => ({ name, value })),
		default: '1',
		description: 'Only calls in this sampling state (inspectStatus)',
	},
	{
		displayName: 'Staff',
		name: 'staff',
		type: 'string',
		default: '',
		description: 'Only calls of this agent (user ID or name)',
	},
];

const { property: filters, fields: FIELDS } = filtersCollection(filterProperties);

export interface CallListInput {
	currentRole: unknown;
	planCode: unknown;
	filters: IDataObject;
}

/** The callsQualityTask body's role and fixedColumns (page and rows are added per request). */
export function buildCallListFilter(input: CallListInput): { currentRole: string; fixedColumns: IDataObject } {
	const role = toChoice(fieldOf(currentRole), input.currentRole, ROLES);
	const fixedColumns: IDataObject = { planCode: readIdText(fieldOf(planCode), input.planCode, MAX_PLAN_CODE) };
	const f = input.filters ?? {};
	if (isSet(f.inspectStatus)) fixedColumns.inspectStatus = toChoice(FIELDS.inspectStatus, f.inspectStatus, valuesOf(INSPECT_STATUS));
	if (isSet(f.reviewingStates)) {
		fixedColumns.reviewingStates = toChoice(FIELDS.reviewingStates, f.reviewingStates, valuesOf(REVIEWING_STATES));
	}
	if (isSet(f.inspector)) fixedColumns.inspector = readId(FIELDS.inspector, f.inspector);
	if (isSet(f.staff)) fixedColumns.staff = readIdText(FIELDS.staff, f.staff, MAX_FILTER_TEXT);
	if (isSet(f.fileName)) fixedColumns.fileName = toText(FIELDS.fileName, f.fileName, MAX_FILTER_TEXT);
	if (isSet(f.reviewingOfficer)) fixedColumns.reviewingOfficer = readId(FIELDS.reviewingOfficer, f.reviewingOfficer);
	const from = isSet(f.durationFrom) ? toInteger(FIELDS.durationFrom, f.durationFrom, 0, MAX_DURATION) : undefined;
	const to = isSet(f.durationTo) ? toInteger(FIELDS.durationTo, f.durationTo, 0, MAX_DURATION) : undefined;
	if (from !== undefined && to !== undefined && to < from) {
		throw new InvalidFieldError(FIELDS.durationTo, f.durationTo, `must not be less than Min Duration (Seconds) (${from})`);
	}
	if (from !== undefined) fixedColumns.durationFrom = from;
	if (to !== undefined) fixedColumns.durationTo = to;
	return { currentRole: role, fixedColumns };
}

export const getCalls: Operation = {
	name: 'Get Calls',
	action: 'Get the calls of a manual review task',
	summary:
		'Returns the calls of one manual review task (by its planCode), one item each: id (the qualityTaskCallId for Complete Call), inspector, sampling state and the call (call_id, call_uuid, file, duration)',
	properties: [
		operatorUserId,
		currentRole,
		planCode,
		...pagingProperties,
		filters,
	],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator, defaults }: ItemContext): ItemWork {
		const filter = buildCallListFilter({
			currentRole: readCurrentRole(this, itemIndex, defaults),
			planCode: this.getNodeParameter(planCode.name, itemIndex),
			filters: this.getNodeParameter(filters.name, itemIndex, {}) as IDataObject,
		});
		const max = readMaxResults(this, itemIndex);
		return async (api) => await api.listTaskCalls(operator, filter.currentRole, filter.fixedColumns, max);
	},
};
