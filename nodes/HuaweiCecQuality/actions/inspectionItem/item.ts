/**
 * What the operations on inspection items share: the item's id, its type, and the documented meanings
 * of the codes an item carries (API notes §5.5).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isSet } from '../../helpers/validation';
import { DIGITS_PATTERN, fieldOf, locatedValue, locatorProperty, readId, optionsProperty, type ChoiceOf } from '../fields';

export const itemId: INodeProperties = locatorProperty({
	displayName: 'Item ID',
	name: 'itemId',
	description: 'The inspection item: from the items created in the last 30 days, or by ID (the ID of a Get Many item, 18 to 20 digits)',
	listSearchMethod: 'searchInspectionItems',
	// queryQualityItem filters by ids, type and status only (API notes §5.5): the list is not searchable.
	searchable: false,
	idPattern: DIGITS_PATTERN,
	idError: 'Must be the digits of an inspection item ID, e.g. 1623924502742000001',
	placeholder: '1623924502742000001',
});

export function readItemId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readId(fieldOf(itemId), locatedValue(ctx.getNodeParameter(itemId.name, itemIndex)));
}

/** taskType / qualityItemType: a problem found by inspection, or an agent's appeal against one. */
export const itemType = optionsProperty(
	{ displayName: 'Item Type', name: 'itemType', default: 'problem' },
	[
		{ name: 'Appeal', value: 'appeal', description: 'An agent\'s appeal against a problem' },
		{ name: 'Problem', value: 'problem', description: 'A call that broke rules' },
	],
);
export const ITEM_TYPES: Record<ChoiceOf<typeof itemType>, 1 | 2> = { problem: 1, appeal: 2 };
/** An item type's code in words, as the Item Type options name it. */
export const ITEM_TYPE_TEXT: Record<string, string> = Object.fromEntries(itemType.options.map((option) => [String(ITEM_TYPES[option.value]), option.name]));

/** taskStatus of an item. */
export const ITEM_STATUS: Record<string, string> = { '21': 'Reviewing', '22': 'Closed', '24': 'Handling', '27': 'Verifying' };

/** A rule hit's `valid` and `revise` in words (its `type`: RULE_TYPE_TEXT, ../ruleCorrection.ts). */
export const HIT_VALID: Record<string, string> = { '1': 'Compliant', '0': 'Violation', '-1': 'Not Evaluated' };
export const HIT_REVISE: Record<string, string> = { '1': 'Corrected to Compliant', '0': 'Corrected to Violation', '-1': 'Not Corrected' };

/** A code's meaning from one of the tables above; a code the table lacks is named as such. */
export const inWords = (meanings: Record<string, string>, code: unknown, what: string): string =>
	meanings[String(code)] ?? `Unknown ${what} ${String(code)}`;

/**
 * An item as the list gives it (Get Many, the trigger's events), with its type and status in words
 * where the codes came along, and its previous status in words where a status change carries one.
 */
export function itemInWords(entry: IDataObject): IDataObject {
	const item: IDataObject = { ...entry };
	if (isSet(entry.taskType)) item.taskTypeText = inWords(ITEM_TYPE_TEXT, entry.taskType, 'type');
	if (isSet(entry.taskStatus)) item.taskStatusText = inWords(ITEM_STATUS, entry.taskStatus, 'status');
	if (isSet(entry.previousStatus) && isSet(entry.taskStatus)) item.previousStatusText = inWords(ITEM_STATUS, entry.previousStatus, 'status');
	return item;
}
