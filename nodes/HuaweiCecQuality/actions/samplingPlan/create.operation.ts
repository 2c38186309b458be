/** Create → regularqualitytask/addQualityTask: a scheduled sampling plan (stopped until started). */
import type { IExecuteFunctions } from 'n8n-workflow';

import { resolveTimeZone, timeZoneOption, type ItemContext, type ItemWork, type Operation } from '../common';
import { buildSamplingPlanBody, planProperties, readPlanInput, sendForPlan } from './plan';

export const create: Operation = {
	name: 'Create',
	action: 'Create a sampling plan',
	summary:
		'Creates a scheduled sampling plan (daily, weekly or monthly) that samples calls for the given inspectors; it stays stopped until started. Returns the new plan ID as qiqtId (and objId).',
	properties: planProperties('create'),
	options: [timeZoneOption],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator, defaults }: ItemContext): ItemWork {
		const body = buildSamplingPlanBody(readPlanInput(this, itemIndex, defaults), resolveTimeZone(this, itemIndex));
		return sendForPlan('addRegularQualityTask', operator, body);
	},
};
