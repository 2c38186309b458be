/** Correct Rule Result → qualityitem/modifyQualityItemResult: changes a rule's verdict on an inspection item. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { toChoice } from '../../helpers/validation';
import type { ItemContext, ItemWork, Operation } from '../common';
import { fieldOf, offered, operatorUserId } from '../fields';
import { comment, isGroup, readRuleCorrection, ruleId, verdict } from '../ruleCorrection';
import { ITEM_TYPES, itemId, itemType, readItemId } from './item';

export const correctRuleResult: Operation = {
	name: 'Correct Rule Result',
	action: 'Correct a rule verdict on an inspection item',
	summary:
		'Overrides the verdict of one rule (compliant or violation) on an inspection item, with a comment; returns the item ID and ruleId with the result code',
	properties: [operatorUserId, itemId, { ...itemType, description: 'Whether the item is a problem or an appeal' }, ruleId, verdict, comment, isGroup],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
		const id = readItemId(this, itemIndex);
		const type = toChoice(fieldOf(itemType), this.getNodeParameter(itemType.name, itemIndex), offered(itemType));
		const correction = readRuleCorrection(this, itemIndex);
		// The documented key order; ids as JSON strings (ruling §5.5).
		const body = {
			isGroup: correction.isGroup,
			qualityItemId: id,
			qualityItemType: ITEM_TYPES[type],
			ruleInfo: { reviseId: correction.reviseId, revise: correction.revise, description: correction.description },
		};
		return async (api) => [{ id, ruleId: correction.reviseId, ...(await api.act('modifyQualityItemResult', operator, body)) }];
	},
};
