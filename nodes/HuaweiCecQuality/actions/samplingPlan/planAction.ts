/** Start, Stop and Delete: one call naming the plan (`regularQualityTaskId`), declared once. */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { EndpointName } from '../../transport';
import type { ItemWork, Operation } from '../common';
import { operatorUserId, readOperatorUserId, type CredentialDefaults } from '../fields';
import { planId, readPlanId, sendForPlan } from './plan';

export function planAction(endpoint: EndpointName, texts: Pick<Operation, 'name' | 'action' | 'summary'>): Operation {
	return {
		...texts,
		properties: [operatorUserId, planId],
		prepare(this: IExecuteFunctions, itemIndex: number, defaults: CredentialDefaults): ItemWork {
			const operator = readOperatorUserId(this, itemIndex, defaults);
			const id = readPlanId(this, itemIndex);
			return sendForPlan(endpoint, operator, { regularQualityTaskId: id }, id);
		},
	};
}
