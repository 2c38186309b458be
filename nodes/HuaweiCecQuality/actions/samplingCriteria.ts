/**
 * What review tasks and sampling plans share, declared once: the plan name, the sampling criteria
 * (their fields and the `fixedColumns` they build) and the list of inspectors with a count each
 * (`setCounts`).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError, isSet, toChoice, toInteger, toStringList, toText, type Field } from '../helpers/validation';
import { fieldOf, offered, optionsProperty, readId, wholeNumberProperty } from './fields';

const PERCENTAGE_TYPE = 3;
const MAX_COUNT = 10000;
/** Review tasks' durations are seconds (at most 100000000). */
const MAX_DURATION_S = 100000000;
/** Sampling plans' durations are milliseconds of at most 11 digits. */
const MAX_DURATION_MS = 99999999999;
const MAX_STAFF_ID = 64;
const MAX_PLAN_NAME = 32;

/** Plan Name: a review task's (qualityTask.planName) or a sampling plan's (qiqtName), `of` says which. */
export function planNameProperty(of: string): INodeProperties {
	return {
		displayName: 'Plan Name',
		name: 'planName',
		type: 'string',
		required: true,
		default: '',
		description: `Name of the ${of}, at most ${MAX_PLAN_NAME} characters`,
	};
}

export function readPlanName(field: Field, value: unknown): string {
	return toText(field, value, MAX_PLAN_NAME);
}

/** What a duration travels as: seconds (review tasks) or milliseconds (sampling plans, §5.3). */
export type DurationUnit = 'seconds' | 'milliseconds';

/** Most seconds a duration may have in `unit` (plans: at most 11 digits of milliseconds). */
export function maxDurationSeconds(unit: DurationUnit): number {
	return unit === 'seconds' ? MAX_DURATION_S : Math.floor(MAX_DURATION_MS / 1000);
}

const interactionType = optionsProperty(
	{ displayName: 'Interaction Type', name: 'interactionType', default: 0, description: 'Whether to sample voice calls or text (multimedia) sessions' },
	[
		{ name: 'Voice', value: 0 },
		{ name: 'Text', value: 2 },
	],
);

const qualityType = optionsProperty(
	{ displayName: 'Sampling Type', name: 'qualityType', default: 1 },
	[
		{ name: 'By Call Range', value: 1, description: 'Sample a number of calls from the whole range' },
		{ name: 'Count per Agent', value: 2, description: 'Sample a fixed number of calls per agent' },
		{ name: 'Percentage per Agent', value: 3, description: 'Sample a percentage of each agent\'s calls' },
	],
);

const qualityNum = wholeNumberProperty(
	{ displayName: 'Sample Quantity', name: 'qualityNum', required: true, default: 10, description: 'Number of calls to sample (a percentage, 1 to 100, for Percentage per Agent)' },
	1, MAX_COUNT,
);

const count = (displayName: string, name: string, description: string, maxValue = MAX_COUNT): INodeProperties =>
	wholeNumberProperty({ displayName, name, default: 0, description }, 0, maxValue);

const staffIds: INodeProperties = {
	displayName: 'Agent User IDs',
	name: 'staffIds',
	type: 'string',
	typeOptions: { multipleValues: true },
	default: [],
	description: 'Only sample calls of these agents (user IDs; comma-separated lists are split). Empty means all agents.',
};
const maxNum = count('Max Sampled Calls', 'maxNum', 'Cap on the number of sampled calls');
const scoreStart = count('Min Machine Score', 'scoreStart', 'Only sample calls whose automatic inspection score is at least this');
const scoreEnd = count('Max Machine Score', 'scoreEnd', 'Only sample calls whose automatic inspection score is at most this');
const durationStart = (unit: DurationUnit) =>
	count('Min Call Duration (Seconds)', 'durationStart', 'Only sample calls at least this long', maxDurationSeconds(unit));
const durationEnd = (unit: DurationUnit) =>
	count('Max Call Duration (Seconds)', 'durationEnd', 'Only sample calls at most this long', maxDurationSeconds(unit));
const qualityCondition = optionsProperty(
	{ displayName: 'Sampling Status', name: 'qualityCondition', default: 0, description: 'The API\'s "sampling status" filter (qualityCondition); its meanings are not documented' },
	[
		{ name: '0', value: 0 },
		{ name: '1', value: 1 },
		{ name: '2', value: 2 },
	],
);

/** The criteria under Additional Fields; durations are entered in seconds, whatever they travel as. */
function additionalCriteria(unit: DurationUnit): INodeProperties[] {
	return [staffIds, durationEnd(unit), scoreEnd, maxNum, durationStart(unit), scoreStart, qualityCondition];
}

/**
 * The criteria fields: the top-level ones, then Additional Fields holding the other criteria and the
 * owner's own `additional` options (a review task's call-time window), alphabetically as n8n lists them.
 */
export function samplingCriteriaProperties(unit: DurationUnit, additional: INodeProperties[] = []): INodeProperties[] {
	const options = [...additionalCriteria(unit), ...additional].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return [
		interactionType,
		qualityType,
		qualityNum,
		{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options },
	];
}

/** The sampling criteria as the UI holds them. */
export interface SamplingCriteriaInput {
	interactionType: unknown;
	qualityType: unknown;
	qualityNum: unknown;
	/** maxNum, qualityCondition, scoreStart/End, durationStart/End (entered in seconds), staffIds */
	additionalFields: IDataObject;
}

const additional = (property: INodeProperties) => fieldOf(property, 'additionalFields');

/** Each criterion's label as validation errors name it (those under Additional Fields by their path). */
export const CRITERIA_FIELDS = {
	interactionType: fieldOf(interactionType),
	qualityType: fieldOf(qualityType),
	qualityNum: fieldOf(qualityNum),
	maxNum: additional(maxNum),
	qualityCondition: additional(qualityCondition),
	scoreStart: additional(scoreStart),
	scoreEnd: additional(scoreEnd),
	durationStart: additional(durationStart('seconds')),
	durationEnd: additional(durationEnd('seconds')),
	staffIds: additional(staffIds),
};
export type CriteriaFields = Record<keyof typeof CRITERIA_FIELDS, Field>;

function orderedRange(startField: Field, endField: Field, start: number | undefined, end: number | undefined, endValue: unknown): void {
	if (start !== undefined && end !== undefined && end < start) {
		throw new InvalidFieldError(endField, endValue, `must not be less than ${startField.displayName} (${start})`);
	}
}

/**
 * The sampling criteria as `fixedColumns` (validated), in createQualityTask's documented key order and
 * wire types: counts and scores as strings, the rest as numbers. Durations are entered in seconds and
 * sent in `durationUnit`.
 */
export function buildFixedColumns(input: SamplingCriteriaInput, durationUnit: DurationUnit, fields: CriteriaFields = CRITERIA_FIELDS): IDataObject {
	const extra = input.additionalFields ?? {};
	const interaction = toChoice(fields.interactionType, input.interactionType, offered(interactionType));
	const sampling = toChoice(fields.qualityType, input.qualityType, offered(qualityType));
	const quantity = toInteger(fields.qualityNum, input.qualityNum, 1, sampling === PERCENTAGE_TYPE ? 100 : MAX_COUNT);

	const optionalInteger = (f: Field, value: unknown, max: number) => (isSet(value) ? toInteger(f, value, 0, max) : undefined);
	const maxNum = optionalInteger(fields.maxNum, extra.maxNum, MAX_COUNT);
	const condition = isSet(extra.qualityCondition)
		? toChoice(fields.qualityCondition, extra.qualityCondition, offered(qualityCondition))
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
	if (condition !== undefined) fixedColumns.qualityCondition = condition;
	fixedColumns.qualityNum = String(quantity);
	fixedColumns.qualityType = sampling;
	if (scoreStart !== undefined) fixedColumns.scoreStart = String(scoreStart);
	if (scoreEnd !== undefined) fixedColumns.scoreEnd = String(scoreEnd);
	if (durationStart !== undefined) fixedColumns.durationStart = inUnit(durationStart);
	if (durationEnd !== undefined) fixedColumns.durationEnd = inUnit(durationEnd);
	fixedColumns.staffIds = staffIds;
	fixedColumns.interactionType = interaction;
	return fixedColumns;
}

/** An inspector list: a fixedCollection of rows, each an inspector's user id and a count. */
export interface InspectorList {
	/** The fixedCollection; its rows are its `inspector` option */
	collection: INodeProperties;
	inspectorId: INodeProperties;
	count: INodeProperties;
	maxCount: number;
}

/** One entry of setCounts: an inspector and their count (calls, or a percentage of them). */
export interface InspectorCount {
	personID: string;
	count: number;
}

/** The rows of an inspector list as setCounts (validated): at least one, each inspector once. */
export function readInspectorCounts(list: InspectorList, value: unknown): InspectorCount[] {
	const rows = (value as IDataObject | undefined | null)?.inspector;
	const entries = Array.isArray(rows) ? (rows as IDataObject[]) : [];
	if (entries.length === 0) {
		throw new InvalidFieldError(fieldOf(list.collection), value, `must list at least one inspector with a ${list.count.displayName.toLowerCase()}`);
	}
	const at = (property: INodeProperties, index: number): Field => ({
		displayName: property.displayName,
		name: `${list.collection.name}.inspector[${index}].${property.name}`,
	});
	const seen = new Set<string>();
	return entries.map((entry, index) => {
		const personID = readId(at(list.inspectorId, index), entry?.[list.inspectorId.name]);
		if (seen.has(personID)) {
			throw new InvalidFieldError(at(list.inspectorId, index), entry[list.inspectorId.name], 'must not repeat an inspector listed before');
		}
		seen.add(personID);
		return { personID, count: toInteger(at(list.count, index), entry?.[list.count.name], 1, list.maxCount) };
	});
}

/** The fixedCollection property of an inspector list. */
export function inspectorListProperty(
	texts: Pick<INodeProperties, 'displayName' | 'name' | 'description'> & { required?: boolean },
	inspectorId: INodeProperties,
	countProperty: INodeProperties,
): INodeProperties {
	return {
		...texts,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Inspector',
		default: {},
		options: [{ displayName: 'Inspector', name: 'inspector', values: [inspectorId, countProperty] }],
	};
}
