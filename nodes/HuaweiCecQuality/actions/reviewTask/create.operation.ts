/** Create Review Task → createQualityTask: a manual review (sampling) task for human inspectors. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { timeZoneOption, type ItemContext, type ItemWork, type Operation } from '../common';
import { isAutoMapped, readOperatorUserId, readOperatorUserIdFromInput } from '../fields';
import { readCreateQualityTaskBody, taskProperties } from './task';

export { buildCreateQualityTaskBody } from './task';

export const create: Operation = {
	name: 'Create',
	action: 'Create a manual review task',
	summary: 'Creates a manual review task that samples calls for human inspectors; returns its qualityTaskId',
	properties: taskProperties('create'),
	options: [timeZoneOption],
	prepare(this: IExecuteFunctions, itemIndex: number, { defaults }: ItemContext): ItemWork {
		const autoMapped = isAutoMapped(this, itemIndex);
		const operatorUserId = autoMapped ? readOperatorUserIdFromInput(this, itemIndex, defaults) : readOperatorUserId(this, itemIndex, defaults);
		const body = readCreateQualityTaskBody(this, itemIndex, autoMapped, defaults);
		return async (api) => [await api.act('createQualityTask', operatorUserId, body)];
	},
};
