/** Reassign → qualityitem/reassginQualityTask (the API's spelling): hands an inspection item to another user. */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemContext, ItemWork, Operation } from '../common';
import { currentRole, fieldOf, operatorUserId, readCurrentRole, readId, requiredTextProperty } from '../fields';
import { itemId, readItemId } from './item';

const handler = requiredTextProperty({
	displayName: 'New Handler User ID',
	name: 'handler',
	placeholder: '1600226476732482572',
	description: 'User ID of whoever handles the item from now on. Keep it as text.',
});

export const reassign: Operation = {
	name: 'Reassign',
	action: 'Reassign an inspection item',
	summary: 'Hands an inspection item (by ID) to another user, acting in the given role; returns the item ID, the new handler and the result code',
	properties: [operatorUserId, itemId, handler, { ...currentRole, description: 'Role the operator acts in (sent as role)' }],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator, defaults }: ItemContext): ItemWork {
		const id = readItemId(this, itemIndex);
		const newHandler = readId(fieldOf(handler), this.getNodeParameter(handler.name, itemIndex));
		const body = { handler: newHandler, qualityTaskInfoId: id, role: readCurrentRole(this, itemIndex, defaults) };
		return async (api) => [{ id, handler: newHandler, ...(await api.act('reassginQualityTask', operator, body)) }];
	},
};
