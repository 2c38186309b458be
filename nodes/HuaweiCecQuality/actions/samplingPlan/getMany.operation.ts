/** Get Many → regularqualitytask/queryQualityTask: the sampling plans, page by page. */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemContext, ItemWork, Operation } from '../common';
import { operatorUserId, pagingProperties, readMaxResults } from '../fields';
import { planOfList } from './plan';

export const getMany: Operation = {
	name: 'Get Many',
	action: 'Get many sampling plans',
	summary:
		'Returns the sampling plans, one item per plan: qiqtId, qiqtName, qiqtStatus with statusText (Stopped or Running), cycle, next execution time, runs done and total runs, interaction type',
	properties: [operatorUserId, ...pagingProperties],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
		const max = readMaxResults(this, itemIndex);
		return async (api) => (await api.listPlans(operator, max)).map(planOfList);
	},
};
