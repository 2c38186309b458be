/**
 * Get → regularqualitytask/queryQualityTask: one sampling plan by its id. The list has no id filter
 * (API notes §5.3), so it is read page by page until the id shows up (at most MAX_SEARCH_PAGES requests).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { foundOrError, type ItemWork, type Operation } from '../common';
import { fieldOf, operatorUserId, readOperatorUserId, type CredentialDefaults } from '../fields';
import { planId, planOfList, readPlanId } from './plan';

export const get: Operation = {
	name: 'Get',
	action: 'Get a sampling plan',
	summary:
		'Returns one sampling plan by its ID, as Get Many lists it: qiqtId, name, status with statusText, cycle, next execution time, runs; an ID the API does not list is an error',
	properties: [operatorUserId, planId],
	prepare(this: IExecuteFunctions, itemIndex: number, defaults: CredentialDefaults): ItemWork {
		const operator = readOperatorUserId(this, itemIndex, defaults);
		const id = readPlanId(this, itemIndex);
		return async (api) => [planOfList(foundOrError(this, itemIndex, fieldOf(planId), id, 'sampling plan', await api.findPlan(operator, id)))];
	},
};
