/** Update → updateQualityTask: replaces a review task's name and sampling criteria. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { timeZoneOption, type ItemContext, type ItemWork, type Operation } from '../common';
import { readOperatorUserId } from '../fields';
import { readUpdateQualityTaskBody, sendForTask, taskProperties } from './task';

export { buildUpdateQualityTaskBody } from './task';

export const update: Operation = {
	name: 'Update',
	action: 'Update a manual review task',
	summary:
		'Replaces the name and sampling criteria of a manual review task (Sampling Status is required); returns its qualityTaskId and the result code',
	properties: taskProperties('update'),
	options: [timeZoneOption],
	prepare(this: IExecuteFunctions, itemIndex: number, { defaults }: ItemContext): ItemWork {
		const operatorUserId = readOperatorUserId(this, itemIndex, defaults);
		const body = readUpdateQualityTaskBody(this, itemIndex, defaults);
		const id = (body.qualityTask as { id: string }).id;
		return sendForTask(id, 'updateQualityTask', operatorUserId, body);
	},
};
