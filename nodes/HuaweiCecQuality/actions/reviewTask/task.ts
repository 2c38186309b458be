/**
 * A review task's fields and its sampling criteria, declared once: Create and Update show the same
 * fields and build the same body (Update adds the task id), and sampling plans reuse the criteria.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolveTimeWindow } from '../../helpers/time';
import { InvalidFieldError, toChoice, toInteger, toStringList, toText, type Field } from '../../helpers/validation';
import { ROLES, currentRole, fieldOf, operatorUserId, shownAt } from '../fields';
import { optionsCollection, resolveTimeZone, showFor, timeZoneOption } from '../common';


const INTERACTION_TYPES = [0, 2] as const;
const QUALITY_TYPES = [1, 2, 3] as const;
const QUALITY_CONDITIONS = [0, 1, 2] as const;
const PERCENTAGE_TYPE = 3;
const MAX_PLAN_NAME = 32;
const MAX_COUNT = 10000;
const MAX_DURATION = 100000000;
const MAX_STAFF_ID = 64;

const field = (displayName: string, name: string): Field => ({ displayName, name });
const FIELDS = {
	currentRole: fieldOf(currentRole),
	planName: field('Plan Name', 'planName'),
	interactionType: field('Interaction Type', 'interactionType'),
	qualityType: field('Sampling Type', 'qualityType'),
	qualityNum: field('Sample Quantity', 'qualityNum'),
	callStartTime: field('Call Start Time', 'additionalFields.callStartTime'),
	callEndTime: field('Call End Time', 'additionalFields.callEndTime'),
	maxNum: field('Max Sampled Calls', 'additionalFields.maxNum'),
	qualityCondition: field('Sampling Status', 'additionalFields.qualityCondition'),
	scoreStart: field('Min Machine Score', 'additionalFields.scoreStart'),
	scoreEnd: field('Max Machine Score', 'additionalFields.scoreEnd'),
	durationStart: field('Min Call Duration (Seconds)', 'additionalFields.durationStart'),
	durationEnd: field('Max Call Duration (Seconds)', 'additionalFields.durationEnd'),
	staffIds: field('Agent User IDs', 'additionalFields.staffIds'),
};

/** The fields of a review task, shown for `operation` (Create or Update). */
export function taskProperties(operation: string): INodeProperties[] {
	const displayOptions = showFor('reviewTask', operation);
	return [
		shownAt(operatorUserId, displayOptions),
		shownAt(currentRole, displayOptions),
		{
			displayName: 'Plan Name',
			name: 'planName',
			type: 'string',
			required: true,
			default: '',
			description: 'Name of the review task, at most 32 characters',
			displayOptions,
		},
		{
			displayName: 'Interaction Type',
			name: 'interactionType',
			type: 'options',
			options: [
				{ name: 'Voice', value: 0 },
				{ name: 'Text', value: 2 },
			],
			default: 0,
			description: 'Whether to sample voice calls or text (multimedia) sessions',
			displayOptions,
		},
		{
			displayName: 'Sampling Type',
			name: 'qualityType',
			type: 'options',
			options: [
				{ name: 'By Call Range', value: 1, description: 'Sample a number of calls from the whole range' },
				{ name: 'Count per Agent', value: 2, description: 'Sample a fixed number of calls per agent' },
				{ name: 'Percentage per Agent', value: 3, description: 'Sample a percentage of each agent\'s calls' },
			],
			default: 1,
			displayOptions,
		},
		{
			displayName: 'Sample Quantity',
			name: 'qualityNum',
			type: 'number',
			required: true,
			default: 10,
			typeOptions: { minValue: 1, maxValue: MAX_COUNT, numberPrecision: 0 },
			description: 'Number of calls to sample (a percentage, 1 to 100, for Percentage per Agent)',
			displayOptions,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions,
			options: [
				{
					displayName: 'Agent User IDs',
					name: 'staffIds',
					type: 'string',
					typeOptions: { multipleValues: true },
					default: [],
					description: 'Only sample calls of these agents (user IDs; comma-separated lists are split). Empty means all agents.',
				},
				{
					displayName: 'Call End Time',
					name: 'callEndTime',
					type: 'dateTime',
					default: '',
					description: 'End of the call-time window to sample from',
				},
				{
					displayName: 'Call Start Time',
					name: 'callStartTime',
					type: 'dateTime',
					default: '',
					description: 'Start of the call-time window to sample from',
				},
				{
					displayName: 'Max Call Duration (Seconds)',
					name: 'durationEnd',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: MAX_DURATION, numberPrecision: 0 },
					default: 0,
					description: 'Only sample calls at most this long',
				},
				{
					displayName: 'Max Machine Score',
					name: 'scoreEnd',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: MAX_COUNT, numberPrecision: 0 },
					default: 0,
					description: 'Only sample calls whose automatic inspection score is at most this',
				},
				{
					displayName: 'Max Sampled Calls',
					name: 'maxNum',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: MAX_COUNT, numberPrecision: 0 },
					default: 0,
					description: 'Cap on the number of sampled calls',
				},
				{
					displayName: 'Min Call Duration (Seconds)',
					name: 'durationStart',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: MAX_DURATION, numberPrecision: 0 },
					default: 0,
					description: 'Only sample calls at least this long',
				},
				{
					displayName: 'Min Machine Score',
					name: 'scoreStart',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: MAX_COUNT, numberPrecision: 0 },
					default: 0,
					description: 'Only sample calls whose automatic inspection score is at least this',
				},
				{
					displayName: 'Sampling Status',
					name: 'qualityCondition',
					type: 'options',
					options: [
						{ name: '0', value: 0 },
						{ name: '1', value: 1 },
						{ name: '2', value: 2 },
					],
					default: 0,
					description: 'The API\'s "sampling status" filter (qualityCondition); its meanings are not documented',
				},
			],
		},
		optionsCollection('reviewTask', operation, [timeZoneOption]),
	];
}

export interface ReviewTaskInput {
	currentRole: unknown;
	planName: unknown;
	interactionType: unknown;
	qualityType: unknown;
	qualityNum: unknown;
	additionalFields: IDataObject;
}

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

function orderedRange(
	startField: Field,
	endField: Field,
	start: number | undefined,
	end: number | undefined,
	endValue: unknown,
): void {
	if (start !== undefined && end !== undefined && end < start) {
		throw new InvalidFieldError(endField, endValue, `must not be less than ${startField.displayName} (${start})`);
	}
}

/** The createQualityTask body, in the documented key order and wire types, from the UI's values. */
export function buildCreateQualityTaskBody(input: ReviewTaskInput, timeZone: string): IDataObject {
	const extra = input.additionalFields ?? {};
	const currentRole = toChoice(FIELDS.currentRole, input.currentRole, ROLES);
	const planName = toText(FIELDS.planName, input.planName, MAX_PLAN_NAME);
	const interactionType = toChoice(FIELDS.interactionType, input.interactionType, INTERACTION_TYPES);
	const qualityType = toChoice(FIELDS.qualityType, input.qualityType, QUALITY_TYPES);
	const qualityNum = toInteger(FIELDS.qualityNum, input.qualityNum, 1, qualityType === PERCENTAGE_TYPE ? 100 : MAX_COUNT);

	const optionalInteger = (f: Field, value: unknown, max: number) =>
		isSet(value) ? toInteger(f, value, 0, max) : undefined;
	const { start, end } = resolveTimeWindow(FIELDS.callStartTime, extra.callStartTime, FIELDS.callEndTime, extra.callEndTime, timeZone);
	const maxNum = optionalInteger(FIELDS.maxNum, extra.maxNum, MAX_COUNT);
	const qualityCondition = isSet(extra.qualityCondition)
		? toChoice(FIELDS.qualityCondition, extra.qualityCondition, QUALITY_CONDITIONS)
		: undefined;
	const scoreStart = optionalInteger(FIELDS.scoreStart, extra.scoreStart, MAX_COUNT);
	const scoreEnd = optionalInteger(FIELDS.scoreEnd, extra.scoreEnd, MAX_COUNT);
	orderedRange(FIELDS.scoreStart, FIELDS.scoreEnd, scoreStart, scoreEnd, extra.scoreEnd);
	const durationStart = optionalInteger(FIELDS.durationStart, extra.durationStart, MAX_DURATION);
	const durationEnd = optionalInteger(FIELDS.durationEnd, extra.durationEnd, MAX_DURATION);
	orderedRange(FIELDS.durationStart, FIELDS.durationEnd, durationStart, durationEnd, extra.durationEnd);
	const staffIds = toStringList(FIELDS.staffIds, extra.staffIds, MAX_STAFF_ID);

	// Wire types follow the documented example: counts and scores as strings, the rest as numbers.
	const fixedColumns: IDataObject = {};
	if (maxNum !== undefined) fixedColumns.maxNum = String(maxNum);
	if (qualityCondition !== undefined) fixedColumns.qualityCondition = qualityCondition;
	fixedColumns.qualityNum = String(qualityNum);
	fixedColumns.qualityType = qualityType;
	if (scoreStart !== undefined) fixedColumns.scoreStart = String(scoreStart);
	if (scoreEnd !== undefined) fixedColumns.scoreEnd = String(scoreEnd);
	if (durationStart !== undefined) fixedColumns.durationStart = durationStart;
	if (durationEnd !== undefined) fixedColumns.durationEnd = durationEnd;
	fixedColumns.staffIds = staffIds;
	fixedColumns.interactionType = interactionType;

	const body: IDataObject = { customColumns: null, currentRole };
	if (start) body.startTimeMillis = start.epochSeconds;
	if (end) body.endTimeMillis = end.epochSeconds;
	body.fixedColumns = fixedColumns;
	body.qualityTask = { planName };
	return body;
}

/** An item's task fields, as the UI holds them. */
export function readTaskInput(ctx: IExecuteFunctions, itemIndex: number): ReviewTaskInput {
	const read = (name: string, fallback?: unknown) => ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	return {
		currentRole: read('currentRole'),
		planName: read('planName'),
		interactionType: read('interactionType'),
		qualityType: read('qualityType'),
		qualityNum: read('qualityNum'),
		additionalFields: read('additionalFields', {}) as IDataObject,
	};
}

/** The createQualityTask body of an item (validated), in the tenant's time zone. */
export function readCreateQualityTaskBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return buildCreateQualityTaskBody(readTaskInput(ctx, itemIndex), resolveTimeZone(ctx, itemIndex));
}
