/**
 * A review task's fields, declared once: Create and Update show the same fields and build the same
 * body (Update adds the task id); the sampling criteria are the ones plans share (../samplingCriteria).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolveTimeWindow } from '../../helpers/time';
import { InvalidFieldError, isSet, toChoice, type Field } from '../../helpers/validation';
import type { EndpointName } from '../../transport';
import {
	ROLES,
	chooseRole,
	currentRole,
	readCurrentRole,
	type CredentialDefaults,
	dataModeProperty,
	definedBelow,
	fieldOf,
	inputFieldsAt,
	inputValue,
	locatedValue,
	operatorUserId,
	operatorUserIdField,
	readId,
	readTaskId,
	shownWhen,
	taskId,
} from '../fields';
import { resolveTimeZone, type ItemContext, type ItemWork, type Operation } from '../common';
import { CRITERIA_FIELDS, buildFixedColumns, planNameProperty, readPlanName, samplingCriteriaProperties, type SamplingCriteriaInput } from '../samplingCriteria';

const planName = planNameProperty('review task');

const callStartTime: INodeProperties = {
	displayName: 'Call Start Time',
	name: 'callStartTime',
	type: 'dateTime',
	default: '',
	description: 'Start of the call-time window to sample from',
};

const callEndTime: INodeProperties = {
	displayName: 'Call End Time',
	name: 'callEndTime',
	type: 'dateTime',
	default: '',
	description: 'End of the call-time window to sample from',
};

const FIELDS = {
	currentRole: fieldOf(currentRole),
	planName: fieldOf(planName),
	callStartTime: fieldOf(callStartTime, 'additionalFields'),
	callEndTime: fieldOf(callEndTime, 'additionalFields'),
	...CRITERIA_FIELDS,
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

/** The fields of a review task, for Create or Update (Update adds the Task ID; Create may auto-map). */
export function taskProperties(mode: 'create' | 'update'): INodeProperties[] {
	const fields = [
		operatorUserId,
		...(mode === 'update' ? [updatedTaskId] : []),
		currentRole,
		planName,
		...samplingCriteriaProperties('seconds', [callEndTime, callStartTime]),
	];
	if (mode === 'update') return fields;
	// Create may take the whole body from the input item instead (auto-mapped input).
	return [
		dataModeProperty(`the createQualityTask body (${INPUT_SHAPE})`),
		shownWhen(operatorUserIdField, { dataMode: ['autoMapInputData'] }),
		...fields.map(definedBelow),
	];
}

export interface ReviewTaskInput extends SamplingCriteriaInput {
	currentRole: unknown;
	planName: unknown;
}

/** The createQualityTask body, in the documented key order and wire types, from the UI's values. */
export function buildCreateQualityTaskBody(input: ReviewTaskInput, timeZone: string, fields: TaskFields = FIELDS): IDataObject {
	const extra = input.additionalFields ?? {};
	const currentRole = toChoice(fields.currentRole, input.currentRole, ROLES);
	const planName = readPlanName(fields.planName, input.planName);
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
export function readTaskInput(ctx: IExecuteFunctions, itemIndex: number, defaults: CredentialDefaults): ReviewTaskInput {
	const read = (name: string, fallback?: unknown) => ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	return {
		currentRole: readCurrentRole(ctx, itemIndex, defaults),
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
function taskInputOfItem(json: IDataObject, defaults: CredentialDefaults): ReviewTaskInput {
	const value = (key: keyof typeof FIELDS) => inputValue(json, INPUT_PATHS[key]);
	return {
		currentRole: chooseRole(INPUT_FIELDS.currentRole, value('currentRole'), defaults),
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
export function readCreateQualityTaskBody(ctx: IExecuteFunctions, itemIndex: number, autoMapped: boolean, defaults: CredentialDefaults): IDataObject {
	const timeZone = resolveTimeZone(ctx, itemIndex);
	if (autoMapped) {
		return buildCreateQualityTaskBody(taskInputOfItem(ctx.getInputData()[itemIndex].json, defaults), timeZone, INPUT_FIELDS);
	}
	return buildCreateQualityTaskBody(readTaskInput(ctx, itemIndex, defaults), timeZone);
}

/** The updateQualityTask body: the createQualityTask body plus `qualityTask.id` (a digit string). */
export function buildUpdateQualityTaskBody(taskIdValue: unknown, input: ReviewTaskInput, timeZone: string): IDataObject {
	const id = readId(fieldOf(taskId), locatedValue(taskIdValue));
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
export function readUpdateQualityTaskBody(ctx: IExecuteFunctions, itemIndex: number, defaults: CredentialDefaults): IDataObject {
	return buildUpdateQualityTaskBody(
		ctx.getNodeParameter(taskId.name, itemIndex),
		readTaskInput(ctx, itemIndex, defaults),
		resolveTimeZone(ctx, itemIndex),
	);
}

/**
 * The work of a call that acts on one task: its output is the answer with the task's id first, so
 * the next step of a workflow can read `qualityTaskId` whatever the answer carries.
 */
export function sendForTask(qualityTaskId: string, endpoint: EndpointName, operatorUserId: string, body: IDataObject): ItemWork {
	return async (api) => [{ qualityTaskId, ...(await api.act(endpoint, operatorUserId, body)) }];
}

/** The body of a call that only names a task: the id as a JSON string, as the documented examples send it. */
export function taskIdBody(qualityTaskId: string): IDataObject {
	return { qualityTaskId };
}

/**
 * Terminate and Delete: one call naming the task, declared once. The output is n8n's convention for
 * such actions (`{ deleted: true, id }`): what was done, and to which task; a refusal is an error.
 */
export function taskAction(endpoint: EndpointName, done: 'terminated' | 'deleted', texts: Pick<Operation, 'name' | 'action' | 'summary'>): Operation {
	return {
		...texts,
		properties: [operatorUserId, taskId],
		prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
			const id = readTaskId(this, itemIndex);
			return async (api) => {
				await api.act(endpoint, operator, taskIdBody(id));
				return [{ [done]: true, id }];
			};
		},
	};
}
