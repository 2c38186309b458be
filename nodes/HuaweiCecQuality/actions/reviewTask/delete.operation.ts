/** Delete → deleteQualityTask: removes a review task. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ENDPOINTS } from '../../transport';
import { optionsCollection, showFor, type ItemWork, type Operation } from '../common';
import { operatorUserId, readOperatorUserId, readTaskId, shownAt, taskId } from '../fields';
import { sendForTask } from './task';

const displayOptions = showFor('reviewTask', 'delete');

/** The deleteQualityTask body: the id as a JSON string, as the documented example sends it. */
export function buildDeleteBody(qualityTaskId: string): IDataObject {
	return { qualityTaskId };
}

export const deleteTask: Operation = {
	name: 'Delete',
	action: 'Delete a manual review task',
	summary: 'Deletes a manual review task; returns its qualityTaskId and the result code',
	description: [
		shownAt(operatorUserId, displayOptions),
		shownAt(taskId, displayOptions),
		optionsCollection('reviewTask', 'delete', []),
	],
	prepare(this: IExecuteFunctions, itemIndex: number): ItemWork {
		const operator = readOperatorUserId(this, itemIndex);
		const id = readTaskId(this, itemIndex);
		return sendForTask(id, { endpoint: ENDPOINTS.deleteQualityTask, body: buildDeleteBody(id), operatorUserId: operator });
	},
};
