/** Terminate → terminateQualityTask: stops a review task for good (it can still be read and deleted). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ENDPOINTS } from '../../transport';
import { optionsCollection, showFor, type ItemWork, type Operation } from '../common';
import { operatorUserId, readOperatorUserId, readTaskId, shownAt, taskId } from '../fields';
import { sendForTask } from './task';

const displayOptions = showFor('reviewTask', 'terminate');

/** The terminateQualityTask body: the id as a JSON string, as the documented example sends it. */
export function buildTerminateBody(qualityTaskId: string): IDataObject {
	return { qualityTaskId };
}

export const terminate: Operation = {
	name: 'Terminate',
	action: 'Terminate a manual review task',
	summary: 'Ends a manual review task: no further calls are reviewed in it; returns its qualityTaskId and the result code',
	description: [
		shownAt(operatorUserId, displayOptions),
		shownAt(taskId, displayOptions),
		optionsCollection('reviewTask', 'terminate', []),
	],
	prepare(this: IExecuteFunctions, itemIndex: number): ItemWork {
		const operator = readOperatorUserId(this, itemIndex);
		const id = readTaskId(this, itemIndex);
		return sendForTask(id, { endpoint: ENDPOINTS.terminateQualityTask, body: buildTerminateBody(id), operatorUserId: operator });
	},
};
