/**
 * What a correction of a rule verdict asks for, declared once: review tasks (modifyResultQualityTask)
 * and inspection items (modifyQualityItemResult) correct a rule the same way, with their own ids.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidFieldError, toChoice } from '../helpers/validation';
import { fieldOf, offered, optionsProperty, readId, requiredTextProperty, type ChoiceOf } from './fields';

/** A rule's type in words: a rule hit's `type`, modifyResultQualityTask's `ruleType` (API notes §5.5). */
export const RULE_TYPE_TEXT: Record<string, string> = {
	'10': 'Dialogue',
	'11': 'Silence',
	'12': 'Speech Speed',
	'13': 'Interruption',
	'60': 'Sensitive Word',
	'70': 'Manual Rule',
};

export const ruleId = requiredTextProperty({
	displayName: 'Rule ID',
	name: 'ruleId',
	placeholder: '967510375224315904',
	description:
		'ID of the rule whose verdict is corrected: setting.rule_id in Inspection → Get Result (Simplify off), or ruleHits[].ruleId of Inspection Item → Get. Keep it as text.',
});

export const verdict = optionsProperty(
	{ displayName: 'Corrected Verdict', name: 'verdict', default: 'compliant' },
	[
		{ name: 'Compliant', value: 'compliant', description: 'The call did not break the rule (sent as revise 1)' },
		{ name: 'Violation', value: 'violation', description: 'The call broke the rule (sent as revise 0)' },
	],
);
/** Corrected Verdict → revise. */
const VERDICTS: Record<ChoiceOf<typeof verdict>, 0 | 1> = { compliant: 1, violation: 0 };

export const comment: INodeProperties = {
	displayName: 'Comment',
	name: 'comment',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	description: 'Why the verdict is corrected (sent as ruleInfo.description)',
};

export const isGroup: INodeProperties = {
	displayName: 'Is Group',
	name: 'isGroup',
	type: 'boolean',
	default: false,
	description: 'Whether the entry is a group of calls rather than a single call',
};

/** A correction as the API takes it: the rule id as text, the verdict as `revise` 1 or 0. */
export interface RuleCorrection {
	isGroup: boolean;
	reviseId: string;
	revise: number;
	description: string;
}

/** An item's correction fields, validated under their labels. */
export function readRuleCorrection(ctx: IExecuteFunctions, itemIndex: number): RuleCorrection {
	const read = (property: INodeProperties) => ctx.getNodeParameter(property.name, itemIndex, property.default) as unknown;
	const group = read(isGroup);
	if (typeof group !== 'boolean') throw new InvalidFieldError(fieldOf(isGroup), group, 'must be true or false');
	const reviseId = readId(fieldOf(ruleId), read(ruleId));
	const revise = VERDICTS[toChoice(fieldOf(verdict), read(verdict), offered(verdict))];
	const text = read(comment) ?? '';
	if (typeof text !== 'string') throw new InvalidFieldError(fieldOf(comment), text, 'must be text');
	return { isGroup: group, reviseId, revise, description: text };
}
