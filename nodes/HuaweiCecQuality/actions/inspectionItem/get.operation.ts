/**
 * Get → qualityitem/queryQualityItemDetail and queryQualityItemResult: one inspection item's rule hits
 * with their meanings in words, and its scores, as one output item.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { idText } from '../../helpers/json';
import type { ItemContext, ItemWork, Operation } from '../common';
import { operatorUserId } from '../fields';
import { RULE_TYPE_TEXT } from '../ruleCorrection';
import { HIT_REVISE, HIT_VALID, ITEM_TYPE_TEXT, inWords, itemId, readItemId } from './item';

/** A code in words; 'Unknown' where the answer left it out. */
const codeInWords = (meanings: Record<string, string>, code: unknown, what: string): string =>
	idText(code) === undefined ? 'Unknown' : inWords(meanings, code, what);

/** A rule hit with its ids as text and `valid`, `type` and `revise` in words. */
function ruleHitOf(hit: IDataObject): IDataObject {
	const shaped: IDataObject = { ...hit };
	for (const key of ['id', 'ruleId', 'reviseId', 'appealId', 'ruleGroupId']) {
		const text = idText(hit[key]);
		if (text !== undefined) shaped[key] = text;
	}
	shaped.validText = codeInWords(HIT_VALID, hit.valid, 'verdict');
	shaped.typeText = codeInWords(RULE_TYPE_TEXT, hit.type, 'rule type');
	shaped.reviseText = codeInWords(HIT_REVISE, hit.revise, 'correction');
	return shaped;
}

/**
 * The output: the item's id, title and call, its rule hits (each with its meanings in words), the
 * names of the rules it violated, the rule types it hit, and its scores.
 */
export function shapeItem(id: string, detail: IDataObject, scores: IDataObject): IDataObject {
	const qualityItem = (typeof detail.qualityItem === 'object' && detail.qualityItem !== null ? detail.qualityItem : {}) as IDataObject;
	const hits = (Array.isArray(detail.qualityItemRuleHit) ? (detail.qualityItemRuleHit as IDataObject[]) : []).map(ruleHitOf);
	const { resultCode, resultDesc, ...score } = scores;
	return {
		id,
		title: detail.title ?? null,
		agentIsNull: detail.agentIsNull ?? null,
		callId: idText(qualityItem.callId) ?? null,
		taskType: idText(qualityItem.taskType) ?? null,
		taskTypeText: codeInWords(ITEM_TYPE_TEXT, qualityItem.taskType, 'type'),
		ruleHits: hits,
		violatedRules: hits.filter((hit) => hit.validText === 'Violation').map((hit) => String(hit.ruleName ?? hit.ruleId ?? '')),
		ruleTypes: [...new Set(hits.map((hit) => String(hit.typeText)))],
		scores: score,
	};
}

export const get: Operation = {
	name: 'Get',
	action: 'Get an inspection item',
	summary:
		'Returns one inspection item (by ID): its call, rule hits with verdict, rule type and correction in words, the violated rules, the rule types hit, and its manual and automatic scores',
	properties: [operatorUserId, itemId],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
		const id = readItemId(this, itemIndex);
		return async (api) => [shapeItem(id, await api.itemDetail(operator, id), await api.itemScores(operator, id))];
	},
};
