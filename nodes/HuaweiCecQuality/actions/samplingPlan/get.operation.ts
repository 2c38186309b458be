/**
 * Get → regularqualitytask/queryQualityTask: one sampling plan by its id. The list has no id filter
 * (API notes §5.3), so it is read page by page until the id shows up (at most MAX_SEARCH_PAGES requests).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { foundOrError, type ItemContext, type ItemWork, type Operation } from '../common';
import { fieldOf, operatorUserId } from '../fields';
import { planId, planOfList, readPlanId } from './plan';

export const get: Operation = {
	name: 'Get',
	action: 'Get a sampling plan',
	summary:
		'Returns one sampling plan by its ID, as Get Many lists it: qiqtId, name, status with statusText, cycle, next execution time, runs; an ID the API does not list is an error',
	properties: [operatorUserId, planId],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
		const id = readPlanId(this, itemIndex);
		return async (api) => [planOfList(foundOrError(this, itemIndex, fieldOf(planId), id, 'sampling plan', await api.findPlan(operator, id)))];
	},
};
