/**
 * Start, Stop and Delete: one call naming the plan (`regularQualityTaskId`), declared once. Stop and
 * Delete answer in n8n's convention (`{ deleted: true, id }`, `{ stopped: true, id }`); Start keeps the
 * answer with the plan id as `qiqtId`.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { EndpointName } from '../../transport';
import type { ItemContext, ItemWork, Operation } from '../common';
import { operatorUserId } from '../fields';
import { planId, readPlanId, sendForPlan } from './plan';

export function planAction(
	endpoint: EndpointName,
	texts: Pick<Operation, 'name' | 'action' | 'summary'>,
	done?: 'stopped' | 'deleted',
): Operation {
	return {
		...texts,
		properties: [operatorUserId, planId],
		prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
			const id = readPlanId(this, itemIndex);
			const body = { regularQualityTaskId: id };
			if (done === undefined) return sendForPlan(endpoint, operator, body, id);
			return async (api) => {
				await api.act(endpoint, operator, body);
				return [{ [done]: true, id }];
			};
		},
	};
}
