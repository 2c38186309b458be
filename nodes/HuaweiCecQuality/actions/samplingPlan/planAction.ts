/** Start, Stop and Delete: one call naming the plan (`regularQualityTaskId`), declared once. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { ENDPOINTS, type EndpointName } from '../../transport';
import { optionsCollection, showFor, type ItemWork, type Operation } from '../common';
import { operatorUserId, readOperatorUserId, shownAt } from '../fields';
import { RESOURCE, planId, readPlanId, sendForPlan } from './plan';

export function planAction(
	operation: string,
	endpoint: EndpointName,
	texts: Pick<Operation, 'name' | 'action' | 'summary'>,
): Operation {
	const displayOptions = showFor(RESOURCE, operation);
	return {
		...texts,
		description: [
			shownAt(operatorUserId, displayOptions),
			shownAt(planId, displayOptions),
			optionsCollection(RESOURCE, operation, []),
		],
		prepare(this: IExecuteFunctions, itemIndex: number): ItemWork {
			const operator = readOperatorUserId(this, itemIndex);
			const id = readPlanId(this, itemIndex);
			return sendForPlan({ endpoint: ENDPOINTS[endpoint], body: { regularQualityTaskId: id }, operatorUserId: operator }, id);
		},
	};
}
