/** Inspection Item → Correct Rule Result: modifyQualityItemResult's body (§5.5), ids as text. */
import { ITEM_ID, OK, refusal, run } from './run';

const RULE_ID = '967510375224315904';
const BASE = { itemId: ITEM_ID, itemType: 'appeal', ruleId: RULE_ID, verdict: 'compliant', comment: 'Greeting was there', isGroup: false };

describe('Inspection Item → Correct Rule Result', () => {
	it('sends the documented body in its key order: item id and rule id as text, type and verdict as numbers', async () => {
		const { calls, output } = await run('correctRuleResult', BASE);
		expect(calls[0].name).toBe('modifyQualityItemResult');
		expect(JSON.stringify(calls[0].body)).toBe(
			`{"isGroup":false,"qualityItemId":"${ITEM_ID}","qualityItemType":2,"ruleInfo":{"reviseId":"${RULE_ID}","revise":1,"description":"Greeting was there"}}`,
		);
		expect(output).toEqual([{ id: ITEM_ID, ruleId: RULE_ID, ...OK }]);
	});

	it('a problem is type 1, a violation revise 0', async () => {
		const { calls } = await run('correctRuleResult', { ...BASE, itemType: 'problem', verdict: 'violation' });
		expect(calls[0].body).toMatchObject({ qualityItemType: 1, ruleInfo: { revise: 0 } });
	});

	it('refuses bad input naming the field', () => {
		expect(refusal('correctRuleResult', { ...BASE, itemType: 'complaint' }).field.name).toBe('itemType');
		expect(refusal('correctRuleResult', { ...BASE, ruleId: 967510375224315904 * 1000 }).field.name).toBe('ruleId');
		expect(refusal('correctRuleResult', { ...BASE, verdict: 'maybe' }).field.name).toBe('verdict');
		expect(refusal('correctRuleResult', { ...BASE, isGroup: 'yes' }).field.name).toBe('isGroup');
	});
});
