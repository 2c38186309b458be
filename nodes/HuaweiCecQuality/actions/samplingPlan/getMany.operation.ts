/** Get Many → regularqualitytask/queryQualityTask: the sampling plans, page by page. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { collectPages, pageOf, type Page } from '../../helpers/paging';
import { ENDPOINTS } from '../../transport';
import type { ItemWork, Operation } from '../common';
import { operatorUserId, pagingProperties, readMaxResults, readOperatorUserId } from '../fields';
import { planOfList } from './plan';

/** Plans per request: the API's maximum `rows`. */
export const PLAN_PAGE_SIZE = 100;

/** The items and total of one queryQualityTask page. */
export function plansOfPage(answer: IDataObject): Page<IDataObject> {
	const list = Array.isArray(answer.list) ? (answer.list as IDataObject[]) : [];
	return pageOf(list.map(planOfList), answer.total);
}

export const getMany: Operation = {
	name: 'Get Many',
	action: 'Get many sampling plans',
	summary:
		'Returns the sampling plans, one item per plan: qiqtId, qiqtName, qiqtStatus with statusText (Stopped or Running), cycle, next execution time, runs done and total runs, interaction type',
	properties: [operatorUserId, ...pagingProperties],
	prepare(this: IExecuteFunctions, itemIndex: number): ItemWork {
		const operator = readOperatorUserId(this, itemIndex);
		const max = readMaxResults(this, itemIndex);
		return async (api) =>
			await collectPages(max, PLAN_PAGE_SIZE, async (page, rows) => {
				const answer = (await api.call({
					endpoint: ENDPOINTS.queryRegularQualityTask,
					body: { page, rows },
					operatorUserId: operator,
				})) as IDataObject;
				return plansOfPage(answer);
			});
	},
};
