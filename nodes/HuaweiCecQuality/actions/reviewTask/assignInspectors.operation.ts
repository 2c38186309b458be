/** Assign Inspectors → appointQualityTask: how many sampled calls each inspector reviews. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError } from '../../helpers/validation';
import type { ItemContext, ItemWork, Operation } from '../common';
import { fieldOf, operatorUserId, readTaskId, requiredTextProperty, taskId } from '../fields';
import { inspectorListProperty, readInspectorCounts, type InspectorList } from '../samplingCriteria';
import { sendForTask } from './task';

/** "count (number, at most 8 digits)"; 0 would assign nothing. */
export const MAX_INSPECTOR_COUNT = 99999999;
/** The only documented setCountsType: a number of calls per inspector. */
const SET_COUNTS_BY_NUMBER = 1;

const personIdProperty = requiredTextProperty({
	displayName: 'Inspector User ID',
	name: 'personId',
	placeholder: '1600226476732482572',
	description: 'User ID of the quality inspector (the number on the CEC employee-management page). Keep it as text.',
});

const countProperty: INodeProperties = {
	displayName: 'Count',
	name: 'count',
	type: 'number',
	required: true,
	default: 1,
	typeOptions: { minValue: 1, maxValue: MAX_INSPECTOR_COUNT, numberPrecision: 0 },
	description: 'Number of sampled calls this inspector reviews',
};

const inspectors: INodeProperties = inspectorListProperty(
	{
		displayName: 'Inspectors',
		name: 'inspectors',
		required: true,
		description: 'Who reviews the sampled calls, and how many each (at least one inspector)',
	},
	personIdProperty,
	countProperty,
);

const INSPECTORS: InspectorList = { collection: inspectors, inspectorId: personIdProperty, count: countProperty, maxCount: MAX_INSPECTOR_COUNT };

const activateProperty: INodeProperties = {
	displayName: 'Activate',
	name: 'activate',
	type: 'boolean',
	default: false,
	description: 'Whether the task takes effect at once (otherwise use Activate later)',
};

export interface AssignInput {
	inspectors: unknown;
	activate: unknown;
}

/** The appointQualityTask body, in the documented key order; ids as JSON strings. */
export function buildAssignBody(qualityTaskId: string, input: AssignInput): IDataObject {
	const setCounts = readInspectorCounts(INSPECTORS, input.inspectors);
	if (typeof input.activate !== 'boolean') {
		throw new InvalidFieldError(fieldOf(activateProperty), input.activate, 'must be true or false');
	}
	return { qualityTaskId, setCountsType: SET_COUNTS_BY_NUMBER, isTakeEffect: input.activate ? 1 : 0, setCounts };
}

export const assignInspectors: Operation = {
	name: 'Assign Inspectors',
	action: 'Assign inspectors to a manual review task',
	summary:
		'Hands the sampled calls of a manual review task to inspectors, a number each, and optionally activates the task; returns its qualityTaskId and the result code',
	properties: [operatorUserId, taskId, inspectors, activateProperty],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
		const id = readTaskId(this, itemIndex);
		const body = buildAssignBody(id, {
			inspectors: this.getNodeParameter(inspectors.name, itemIndex, {}),
			activate: this.getNodeParameter(activateProperty.name, itemIndex, false),
		});
		return sendForTask(id, 'appointQualityTask', operator, body);
	},
};
