/**
 * A review task's fields and its sampling criteria, declared once: Create and Update show the same
 * fields and build the same body (Update adds the task id), and sampling plans reuse the criteria.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolveTimeWindow } from '../../helpers/time';
import { InvalidFieldError, isSet, toChoice, toInteger, toStringList, toText, type Field } from '../../helpers/validation';
import { ENDPOINTS, type CecCall, type EndpointName } from '../../transport';
import {
	ROLES,
	currentRole,
	dataModeProperty,
	definedBelow,
	fieldOf,
	inputFieldsAt,
	inputValue,
	operatorUserId,
	operatorUserIdField,
	readId,
	readOperatorUserId,
	readTaskId,
	shownAt,
	taskId,
} from '../fields';
import { optionsCollection, resolveTimeZone, showFor, timeZoneOption, type ItemWork, type Operation } from '../common';

const INTERACTION_TYPES = [0, 2] as const;
const QUALITY_TYPES = [1, 2, 3] as const;
const QUALITY_CONDITIONS = [0, 1, 2] as const;
const PERCENTAGE_TYPE = 3;
const MAX_PLAN_NAME = 32;
const MAX_COUNT = 10000;
const MAX_DURATION = 100000000;
/** Sampling plans' durations are milliseconds of at most 11 digits. */
const MAX_DURATION_MS = 99999999999;
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
type TaskFields = Record<keyof typeof FIELDS, Field>;

/** Auto-mapped input: where each value sits in an item that holds the documented createQualityTask body. */
const INPUT_PATHS: Record<keyof typeof FIELDS, string> = {
	currentRole: 'currentRole',
	planName: 'qualityTask.planName',
	interactionType: 'fixedColumns.interactionType',
	qualityType: 'fixedColumns.qualityType',
	qualityNum: 'fixedColumns.qualityNum',
	callStartTime: 'startTimeMillis',
	callEndTime: 'endTimeMillis',
	maxNum: 'fixedColumns.maxNum',
	qualityCondition: 'fixedColumns.qualityCondition',
	scoreStart: 'fixedColumns.scoreStart',
	scoreEnd: 'fixedColumns.scoreEnd',
	durationStart: 'fixedColumns.durationStart',
	durationEnd: 'fixedColumns.durationEnd',
	staffIds: 'fixedColumns.staffIds',
};
const INPUT_FIELDS: TaskFields = inputFieldsAt(INPUT_PATHS);
const INPUT_SHAPE = 'currentRole, startTimeMillis, endTimeMillis, fixedColumns { qualityType, qualityNum, interactionType, maxNum, qualityCondition, scoreStart, scoreEnd, durationStart, durationEnd, staffIds }, qualityTask { planName }';

/** Update's Task ID: the shared field, its description saying what Update does. */
const updatedTaskId: INodeProperties = {
	...taskId,
	description: `${taskId.description} Its settings are replaced by the fields below; Update also needs Sampling Status (under Additional Fields).`,
};

/** The fields of a review task, shown for `operation` (Create or Update: Update adds the Task ID). */
export function taskProperties(operation: string): INodeProperties[] {
	const shownFor = showFor('reviewTask', operation);
	// Create may take the whole body from the input item instead (auto-mapped input).
	const displayOptions = operation === 'create' ? definedBelow(shownFor) : shownFor;
	return [
		...(operation === 'create'
			? [
					dataModeProperty(shownFor, `the createQualityTask body (${INPUT_SHAPE})`),
					shownAt(operatorUserIdField, { show: { ...shownFor.show, dataMode: ['autoMapInputData'] } }),
				]
			: []),
		shownAt(operatorUserId, displayOptions),
		...(operation === 'update' ? [shownAt(updatedTaskId, displayOptions)] : []),
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

/** The sampling criteria a review task and a sampling plan share, as the UI holds them. */
export interface SamplingCriteriaInput {
	interactionType: unknown;
	qualityType: unknown;
	qualityNum: unknown;
	/** maxNum, qualityCondition, scoreStart/End, durationStart/End (entered in seconds), staffIds */
	additionalFields: IDataObject;
}

/** What a duration travels as: seconds (review tasks) or milliseconds (sampling plans, §5.3). */
export type DurationUnit = 'seconds' | 'milliseconds';

/** Most seconds a duration may have in `unit` (plans: at most 11 digits of milliseconds). */
export function maxDurationSeconds(unit: DurationUnit): number {
	return unit === 'seconds' ? MAX_DURATION : Math.floor(MAX_DURATION_MS / 1000);
}

/**
 * The sampling criteria as `fixedColumns` (validated), in createQualityTask's documented key order and
 * wire types: counts and scores as strings, the rest as numbers. Durations are entered in seconds and
 * sent in `durationUnit`.
 */
export function buildFixedColumns(input: SamplingCriteriaInput, durationUnit: DurationUnit, fields: TaskFields = FIELDS): IDataObject {
	const extra = input.additionalFields ?? {};
	const interactionType = toChoice(fields.interactionType, input.interactionType, INTERACTION_TYPES);
	const qualityType = toChoice(fields.qualityType, input.qualityType, QUALITY_TYPES);
	const qualityNum = toInteger(fields.qualityNum, input.qualityNum, 1, qualityType === PERCENTAGE_TYPE ? 100 : MAX_COUNT);

	const optionalInteger = (f: Field, value: unknown, max: number) =>
		isSet(value) ? toInteger(f, value, 0, max) : undefined;
	const maxNum = optionalInteger(fields.maxNum, extra.maxNum, MAX_COUNT);
	const qualityCondition = isSet(extra.qualityCondition)
		? toChoice(fields.qualityCondition, extra.qualityCondition, QUALITY_CONDITIONS)
		: undefined;
	const scoreStart = optionalInteger(fields.scoreStart, extra.scoreStart, MAX_COUNT);
	const scoreEnd = optionalInteger(fields.scoreEnd, extra.scoreEnd, MAX_COUNT);
	orderedRange(fields.scoreStart, fields.scoreEnd, scoreStart, scoreEnd, extra.scoreEnd);
	const maxSeconds = maxDurationSeconds(durationUnit);
	const durationStart = optionalInteger(fields.durationStart, extra.durationStart, maxSeconds);
	const durationEnd = optionalInteger(fields.durationEnd, extra.durationEnd, maxSeconds);
	orderedRange(fields.durationStart, fields.durationEnd, durationStart, durationEnd, extra.durationEnd);
	const staffIds = toStringList(fields.staffIds, extra.staffIds, MAX_STAFF_ID);
	const inUnit = (seconds: number) => (durationUnit === 'milliseconds' ? seconds * 1000 : seconds);

	const fixedColumns: IDataObject = {};
	if (maxNum !== undefined) fixedColumns.maxNum = String(maxNum);
	if (qualityCondition !== undefined) fixedColumns.qualityCondition = qualityCondition;
	fixedColumns.qualityNum = String(qualityNum);
	fixedColumns.qualityType = qualityType;
	if (scoreStart !== undefined) fixedColumns.scoreStart = String(scoreStart);
	if (scoreEnd !== undefined) fixedColumns.scoreEnd = String(scoreEnd);
	if (durationStart !== undefined) fixedColumns.durationStart = inUnit(durationStart);
	if (durationEnd !== undefined) fixedColumns.durationEnd = inUnit(durationEnd);
	fixedColumns.staffIds = staffIds;
	fixedColumns.interactionType = interactionType;
	return fixedColumns;
}

/** The createQualityTask body, in the documented key order and wire types, from the UI's values. */
export function buildCreateQualityTaskBody(input: ReviewTaskInput, timeZone: string, fields: TaskFields = FIELDS): IDataObject {
	const extra = input.additionalFields ?? {};
	const currentRole = toChoice(fields.currentRole, input.currentRole, ROLES);
	const planName = toText(fields.planName, input.planName, MAX_PLAN_NAME);
	const fixedColumns = buildFixedColumns(input, 'seconds', fields);
	const { start, end } = resolveTimeWindow(fields.callStartTime, extra.callStartTime, fields.callEndTime, extra.callEndTime, timeZone);

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

/** The keys of Additional Fields among FIELDS (named `additionalFields.<key>`). */
const ADDITIONAL_KEYS = (Object.keys(FIELDS) as Array<keyof typeof FIELDS>).filter((key) =>
	FIELDS[key].name.startsWith('additionalFields.'),
);

/** An item's task fields, from an input item holding the createQualityTask body. */
function taskInputOfItem(json: IDataObject): ReviewTaskInput {
	const value = (key: keyof typeof FIELDS) => inputValue(json, INPUT_PATHS[key]);
	return {
		currentRole: value('currentRole'),
		planName: value('planName'),
		interactionType: value('interactionType'),
		qualityType: value('qualityType'),
		qualityNum: value('qualityNum'),
		additionalFields: Object.fromEntries(ADDITIONAL_KEYS.map((key) => [key, value(key)])) as IDataObject,
	};
}

/**
 * The createQualityTask body of an item (validated), in the tenant's time zone: from the fields below,
 * or, auto-mapped, from the input item.
 */
export function readCreateQualityTaskBody(ctx: IExecuteFunctions, itemIndex: number, autoMapped: boolean): IDataObject {
	const timeZone = resolveTimeZone(ctx, itemIndex);
	if (autoMapped) {
		return buildCreateQualityTaskBody(taskInputOfItem(ctx.getInputData()[itemIndex].json), timeZone, INPUT_FIELDS);
	}
	return buildCreateQualityTaskBody(readTaskInput(ctx, itemIndex), timeZone);
}

/** The updateQualityTask body: the createQualityTask body plus `qualityTask.id` (a digit string). */
export function buildUpdateQualityTaskBody(taskIdValue: unknown, input: ReviewTaskInput, timeZone: string): IDataObject {
	const id = readId(fieldOf(taskId), taskIdValue);
	const extra = input.additionalFields ?? {};
	// updateQualityTask requires qualityCondition (createQualityTask does not); its meanings are
	// undocumented, so no default is guessed: the item is refused until it is given.
	if (!isSet(extra.qualityCondition)) {
		throw new InvalidFieldError(
			FIELDS.qualityCondition,
			extra.qualityCondition,
			'is required to update a review task (updateQualityTask requires qualityCondition): add Sampling Status under Additional Fields, 0, 1 or 2',
		);
	}
	const body = buildCreateQualityTaskBody(input, timeZone);
	body.qualityTask = { id, planName: (body.qualityTask as IDataObject).planName };
	return body;
}

/** The updateQualityTask body of an item (validated), in the tenant's time zone. */
export function readUpdateQualityTaskBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return buildUpdateQualityTaskBody(
		ctx.getNodeParameter(taskId.name, itemIndex),
		readTaskInput(ctx, itemIndex),
		resolveTimeZone(ctx, itemIndex),
	);
}

/**
 * The work of a call that acts on one task: its output is the answer with the task's id first, so
 * the next step of a workflow can read `qualityTaskId` whatever the answer carries.
 */
export function sendForTask(qualityTaskId: string, call: CecCall): ItemWork {
	return async (api) => [{ qualityTaskId, ...((await api.call(call)) as IDataObject) }];
}

/** The body of a call that only names a task: the id as a JSON string, as the documented examples send it. */
export function taskIdBody(qualityTaskId: string): IDataObject {
	return { qualityTaskId };
}

/** Terminate and Delete: one call naming the task, declared once. */
export function taskAction(operation: string, endpoint: EndpointName, texts: Pick<Operation, 'name' | 'action' | 'summary'>): Operation {
	const displayOptions = showFor('reviewTask', operation);
	return {
		...texts,
		description: [shownAt(operatorUserId, displayOptions), shownAt(taskId, displayOptions), optionsCollection('reviewTask', operation, [])],
		prepare(this: IExecuteFunctions, itemIndex: number): ItemWork {
			const operator = readOperatorUserId(this, itemIndex);
			const id = readTaskId(this, itemIndex);
			return sendForTask(id, { endpoint: ENDPOINTS[endpoint], body: taskIdBody(id), operatorUserId: operator });
		},
	};
}

/** The criteria fields of taskProperties: the top-level ones, and Additional Fields without the call window. */
const CRITERIA_FIELDS = ['interactionType', 'qualityType', 'qualityNum', 'additionalFields'];
const TASK_ONLY_OPTIONS = ['callStartTime', 'callEndTime'];
const DURATION_OPTIONS = ['durationStart', 'durationEnd'];

/**
 * The sampling-criteria fields (the same definitions a review task shows, without its call-time
 * window), shown where `displayOptions` says; their values build `fixedColumns` (buildFixedColumns).
 */
export function samplingCriteriaProperties(displayOptions: IDisplayOptions, durationUnit: DurationUnit): INodeProperties[] {
	const withUnit = (option: INodeProperties): INodeProperties =>
		DURATION_OPTIONS.includes(option.name)
			? { ...option, typeOptions: { ...option.typeOptions, maxValue: maxDurationSeconds(durationUnit) } }
			: option;
	return taskProperties('create')
		.filter((property) => CRITERIA_FIELDS.includes(property.name))
		.map((property) =>
			property.name === 'additionalFields'
				? {
						...property,
						displayOptions,
						options: (property.options as INodeProperties[])
							.filter((option) => !TASK_ONLY_OPTIONS.includes(option.name))
							.map(withUnit),
					}
				: { ...property, displayOptions },
		);
}
