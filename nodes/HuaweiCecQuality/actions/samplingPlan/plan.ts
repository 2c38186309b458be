/**
 * A sampling plan's fields and body, declared once: Create and Update show the same fields and build
 * the same body (Update adds the plan id as `qiqtId`). The sampling criteria and the inspector list
 * are the ones review tasks share (../samplingCriteria), with durations sent in milliseconds (API notes §5.3).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idText } from '../../helpers/json';
import { resolveCallTime, resolveRequiredTimeWindow } from '../../helpers/time';
import { InvalidFieldError, toChoice, toInteger, type Field } from '../../helpers/validation';
import type { EndpointName } from '../../transport';
import type { ItemWork } from '../common';
import { DIGITS_PATTERN, ROLES, currentRole, fieldOf, locatedValue, locatorProperty, offered, operatorUserId, readCurrentRole, readId, shownWhen, optionsProperty, wholeNumberProperty, type CredentialDefaults } from '../fields';
import {
	CRITERIA_FIELDS,
	buildFixedColumns,
	inspectorListProperty,
	planNameProperty,
	readInspectorCounts,
	readPlanName,
	samplingCriteriaProperties,
	type InspectorCount,
	type InspectorList,
	type SamplingCriteriaInput,
} from '../samplingCriteria';

/** qiqtTotalTimes and setCounts[].count: "at most 8 digits". */
const MAX_RUNS = 99999999;
const AFTER_RUNS = '1';
const EVENLY = 0;
const BY_PERCENTAGE = 2;

/** qiqtCycleType meanings. */
export const CYCLE_TEXT: Record<string, string> = { '1': 'Daily', '2': 'Weekly', '3': 'Monthly' };
/** qiqtStatus meanings. */
export const STATUS_TEXT: Record<string, string> = { '1': 'Stopped', '2': 'Running' };

/** The key order of fixedColumns in the documented sampling-plan example. */
const PLAN_COLUMN_ORDER = [
	'durationStart',
	'durationEnd',
	'interactionType',
	'maxNum',
	'qualityCondition',
	'qualityNum',
	'qualityType',
	'staffIds',
	'scoreStart',
	'scoreEnd',
];

export const planId: INodeProperties = locatorProperty({
	displayName: 'Plan ID',
	name: 'planId',
	description:
		'The sampling plan: from the list of plans, or by ID (the objId that Create returned, qiqtId in Get Many; 18 to 20 digits)',
	listSearchMethod: 'searchSamplingPlans',
	// The plans' queryQualityTask takes no name filter (API notes §5.3): the list is not searchable.
	searchable: false,
	idPattern: DIGITS_PATTERN,
	idError: 'Must be the digits of a sampling plan ID, e.g. 16625163654676154791',
	placeholder: '16625163654676154791',
});

const planName = planNameProperty('sampling plan');

const cycleType = optionsProperty(
	{ displayName: 'Cycle', name: 'cycleType', default: '1', description: 'How often the plan samples calls' },
	[
		{ name: 'Daily', value: '1' },
		{ name: 'Weekly', value: '2' },
		{ name: 'Monthly', value: '3' },
	],
);

const startTime: INodeProperties = {
	displayName: 'Start',
	name: 'startTime',
	type: 'dateTime',
	required: true,
	default: '',
	description: 'When the plan runs first; later runs follow at the chosen cycle',
};

const endType = optionsProperty(
	{ displayName: 'End', name: 'endType', default: '1', description: 'When the plan stops running' },
	[
		{ name: 'After a Number of Runs', value: '1' },
		{ name: 'At a Date', value: '2' },
	],
);

const totalRuns = wholeNumberProperty(
	{ displayName: 'Number of Runs', name: 'totalRuns', required: true, default: 1, description: 'How many times the plan runs before it ends' },
	1, MAX_RUNS,
);

const endTime: INodeProperties = {
	displayName: 'End Date',
	name: 'endTime',
	type: 'dateTime',
	required: true,
	default: '',
	description: 'When the plan ends; not before Start',
};

const assignment = optionsProperty(
	{ displayName: 'Assign Inspectors', name: 'assignment', default: EVENLY, description: 'How the sampled calls are shared among the inspectors who review them' },
	[
		{ name: 'Evenly', value: EVENLY, description: 'Share the sampled calls evenly among the inspectors' },
		{ name: 'By Percentage', value: BY_PERCENTAGE, description: 'Give each inspector a percentage of the sampled calls' },
	],
);

const inspectorIds: INodeProperties = {
	displayName: 'Inspector User IDs',
	name: 'inspectorIds',
	type: 'string',
	typeOptions: { multipleValues: true },
	required: true,
	default: [],
	placeholder: '1679888547924121791',
	description: 'User IDs of the inspectors (comma-separated lists are split). Keep them as text.',
};

const shareInspectorId: INodeProperties = {
	displayName: 'Inspector User ID',
	name: 'inspectorId',
	type: 'string',
	default: '',
	placeholder: '1679888547924121791',
	description: 'User ID of the inspector. Keep it as text.',
};

const sharePercentage = wholeNumberProperty(
	{ displayName: 'Percentage', name: 'percentage', default: 100, description: 'Percentage of the sampled calls this inspector reviews' },
	1, 100,
);

const inspectorShares: INodeProperties = inspectorListProperty(
	{
		displayName: 'Inspectors by Percentage',
		name: 'inspectorShares',
		description: 'Each inspector with the percentage of sampled calls they review; the percentages must add up to 100',
	},
	shareInspectorId,
	sharePercentage,
);

const INSPECTOR_SHARES: InspectorList = { collection: inspectorShares, inspectorId: shareInspectorId, count: sharePercentage, maxCount: 100 };

const field = (property: INodeProperties): Field => fieldOf(property);
const FIELDS = {
	planId: field(planId),
	currentRole: field(currentRole),
	planName: field(planName),
	cycleType: field(cycleType),
	startTime: field(startTime),
	endType: field(endType),
	totalRuns: field(totalRuns),
	endTime: field(endTime),
	assignment: field(assignment),
	inspectorIds: field(inspectorIds),
	inspectorShares: field(inspectorShares),
	staffIds: CRITERIA_FIELDS.staffIds,
};

/** The fields of a sampling plan, for Create or Update (Update adds the Plan ID). */
export function planProperties(mode: 'create' | 'update'): INodeProperties[] {
	return [
		operatorUserId,
		...(mode === 'update' ? [{ ...planId, description: `${planId.description} Its settings are replaced by the fields below.` }] : []),
		currentRole,
		planName,
		cycleType,
		startTime,
		endType,
		shownWhen(totalRuns, { endType: ['1'] }),
		shownWhen(endTime, { endType: ['2'] }),
		assignment,
		shownWhen(inspectorIds, { assignment: [EVENLY] }),
		shownWhen(inspectorShares, { assignment: [BY_PERCENTAGE] }),
		...samplingCriteriaProperties('milliseconds'),
	];
}

/** A plan's fields as the UI holds them. */
export interface SamplingPlanInput extends SamplingCriteriaInput {
	currentRole: unknown;
	planName: unknown;
	cycleType: unknown;
	startTime: unknown;
	endType: unknown;
	totalRuns?: unknown;
	endTime?: unknown;
	assignment: unknown;
	inspectorIds?: unknown;
	inspectorShares?: unknown;
}

const isUnsafeNumber = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);

/** A choice among string codes, also given as a number by an expression ("1" or 1). */
function toCode<T extends string>(f: Field, value: unknown, allowed: readonly T[]): T {
	return toChoice(f, typeof value === 'number' ? String(value) : value, allowed);
}

/** Agent ids go through the shared criteria reader; an unsafe number is refused here with the text advice. */
function refuseUnsafeStaffIds(value: unknown): void {
	const entries = Array.isArray(value) ? value.flat(Infinity) : [value];
	const unsafe = entries.find(isUnsafeNumber);
	if (unsafe !== undefined) {
		throw new InvalidFieldError(
			FIELDS.staffIds,
			unsafe,
			'each id must be text: as a number above 9007199254740991 (2^53 - 1) it has already lost digits; pass it as text',
		);
	}
}

/** setCounts for an even share: every inspector once, count 0 (as the documented example sends). */
function evenSetCounts(value: unknown): InspectorCount[] {
	const entries = (Array.isArray(value) ? value.flat(Infinity) : value === undefined || value === null ? [] : [value])
		.flatMap((entry) => (typeof entry === 'string' ? entry.split(',') : [entry]))
		.filter((entry) => !(typeof entry === 'string' && entry.trim() === ''));
	if (entries.length === 0) {
		throw new InvalidFieldError(FIELDS.inspectorIds, value, 'must name at least one inspector (user IDs, as text)');
	}
	const ids = entries.map((entry) => readId(FIELDS.inspectorIds, entry));
	const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
	if (repeated !== undefined) {
		throw new InvalidFieldError(FIELDS.inspectorIds, value, `must name each inspector once; ${repeated} is listed twice`);
	}
	return ids.map((personID) => ({ personID, count: 0 }));
}

/** setCounts by percentage: each inspector once, 1 to 100 percent, adding up to 100. */
function percentageSetCounts(value: unknown): InspectorCount[] {
	const setCounts = readInspectorCounts(INSPECTOR_SHARES, value);
	const sum = setCounts.reduce((total, entry) => total + entry.count, 0);
	if (sum !== 100) {
		throw new InvalidFieldError(
			FIELDS.inspectorShares,
			value,
			`the percentages must add up to 100, but they add up to ${sum} (${setCounts.map((entry) => entry.count).join(' + ')})`,
		);
	}
	return setCounts;
}

/**
 * The addQualityTask (or, with a plan id, updateQualityTask) body of regularqualitytask, in the key
 * order and wire types of the documented update example: ids and codes as strings, times as epoch
 * seconds, durations as milliseconds.
 */
export function buildSamplingPlanBody(input: SamplingPlanInput, timeZone: string, planIdValue?: unknown): IDataObject {
	const qiqtId = planIdValue === undefined ? undefined : readId(FIELDS.planId, locatedValue(planIdValue));
	const role = toChoice(FIELDS.currentRole, input.currentRole, ROLES);
	const qiqtName = readPlanName(FIELDS.planName, input.planName);

	const cronStructure: IDataObject = { qiqtCycleType: toCode(FIELDS.cycleType, input.cycleType, offered(cycleType)) };
	const qiqtEndType = toCode(FIELDS.endType, input.endType, offered(endType));
	if (qiqtEndType === AFTER_RUNS) {
		cronStructure.qiqtStartTime = resolveCallTime(FIELDS.startTime, input.startTime, timeZone).epochSeconds;
		cronStructure.qiqtEndType = qiqtEndType;
		cronStructure.qiqtTotalTimes = toInteger(FIELDS.totalRuns, input.totalRuns, 1, MAX_RUNS);
	} else {
		const { start, end } = resolveRequiredTimeWindow(FIELDS.startTime, input.startTime, FIELDS.endTime, input.endTime, timeZone);
		cronStructure.qiqtStartTime = start.epochSeconds;
		cronStructure.qiqtEndType = qiqtEndType;
		cronStructure.qiqtEndTime = end.epochSeconds;
	}

	refuseUnsafeStaffIds(input.additionalFields?.staffIds);
	const columns = buildFixedColumns(input, 'milliseconds');
	const fixedColumns = Object.fromEntries(
		[...PLAN_COLUMN_ORDER, ...Object.keys(columns)]
			.filter((key, index, keys) => key in columns && keys.indexOf(key) === index)
			.map((key) => [key, columns[key]]),
	);

	const setCountsType = toChoice(FIELDS.assignment, input.assignment, offered(assignment));
	const setCounts = setCountsType === EVENLY ? evenSetCounts(input.inspectorIds) : percentageSetCounts(input.inspectorShares);

	const body: IDataObject = {};
	if (qiqtId !== undefined) body.qiqtId = qiqtId;
	body.qiqtName = qiqtName;
	body.currentRole = role;
	body.cronStructure = cronStructure;
	body.extractionRange = { currentRole: role, customColumns: null, fixedColumns };
	body.appointQuality = { setCountsType, setCounts };
	return body;
}

/** An item's plan fields, as the UI holds them (fields hidden by the current choices read as null). */
export function readPlanInput(ctx: IExecuteFunctions, itemIndex: number, defaults: CredentialDefaults): SamplingPlanInput {
	const read = (name: string) => ctx.getNodeParameter(name, itemIndex, null) as unknown;
	return {
		currentRole: readCurrentRole(ctx, itemIndex, defaults),
		planName: read('planName'),
		cycleType: read('cycleType'),
		startTime: read('startTime'),
		endType: read('endType'),
		totalRuns: read('totalRuns'),
		endTime: read('endTime'),
		assignment: read('assignment'),
		inspectorIds: read('inspectorIds'),
		inspectorShares: read('inspectorShares'),
		interactionType: read('interactionType'),
		qualityType: read('qualityType'),
		qualityNum: read('qualityNum'),
		additionalFields: (ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) ?? {},
	};
}

/** The item's Plan ID, as the digit string sent on the wire. */
export function readPlanId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readId(FIELDS.planId, locatedValue(ctx.getNodeParameter(planId.name, itemIndex, '')));
}

/**
 * The work of a call that acts on one plan: the answer with the plan's id first as `qiqtId` (as Get
 * Many names it), from the request or, for Create, from the answer's `objId` (kept as text).
 */
export function sendForPlan(endpoint: EndpointName, operatorUserId: string, body: IDataObject, knownPlanId?: string): ItemWork {
	return async (api) => {
		const answer = await api.act(endpoint, operatorUserId, body);
		const objId = idText(answer.objId);
		const qiqtId = knownPlanId ?? objId;
		const output: IDataObject = qiqtId === undefined ? {} : { qiqtId };
		Object.assign(output, answer);
		if (objId !== undefined) output.objId = objId;
		return [output];
	};
}

/** One Get Many item: a list entry with its id as text and its status and cycle in words. */
export function planOfList(entry: IDataObject): IDataObject {
	const item: IDataObject = { ...entry };
	const id = idText(entry.qiqtId);
	if (id !== undefined) item.qiqtId = id;
	const status = idText(entry.qiqtStatus);
	item.statusText = status === undefined ? 'Unknown' : (STATUS_TEXT[status] ?? `Unknown status ${status}`);
	const cycle = idText(entry.qiqtCycleType);
	if (cycle !== undefined) item.cycleText = CYCLE_TEXT[cycle] ?? `Unknown cycle ${cycle}`;
	return item;
}
