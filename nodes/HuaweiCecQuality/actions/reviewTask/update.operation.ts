/** Update → updateQualityTask: replaces a review task's name and sampling criteria. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { timeZoneOption, type ItemContext, type ItemWork, type Operation } from '../common';
import { readUpdateQualityTaskBody, sendForTask, taskProperties } from './task';

export { buildUpdateQualityTaskBody } from './task';

export const update: Operation = {
	name: 'Update',
	action: 'Update a manual review task',
	summary:
		'Replaces the name and sampling criteria of a manual review task (Sampling Status is required); returns its qualityTaskId and the result code',
	properties: taskProperties('update'),
	options: [timeZoneOption],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator, defaults }: ItemContext): ItemWork {
		const body = readUpdateQualityTaskBody(this, itemIndex, defaults);
		const id = (body.qualityTask as { id: string }).id;
		return sendForTask(id, 'updateQualityTask', operator, body);
	},
};
