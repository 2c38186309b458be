/** Update → regularqualitytask/updateQualityTask: replaces a sampling plan's settings. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { resolveTimeZone, timeZoneOption, type ItemContext, type ItemWork, type Operation } from '../common';
import { buildSamplingPlanBody, planId, planProperties, readPlanInput, sendForPlan } from './plan';

export const update: Operation = {
	name: 'Update',
	action: 'Update a sampling plan',
	summary:
		'Replaces the name, schedule, sampling criteria and inspectors of a sampling plan. Returns the plan ID as qiqtId (and objId) with the result code.',
	properties: planProperties('update'),
	options: [timeZoneOption],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator, defaults }: ItemContext): ItemWork {
		const body = buildSamplingPlanBody(
			readPlanInput(this, itemIndex, defaults),
			resolveTimeZone(this, itemIndex),
			this.getNodeParameter(planId.name, itemIndex, ''),
		);
		return sendForPlan('updateRegularQualityTask', operator, body, body.qiqtId as string);
	},
};
