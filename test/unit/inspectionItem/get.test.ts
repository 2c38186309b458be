/** Inspection Item → Get: the detail and the scores of one item as one output item (§5.5). */
import { ITEM_ID, refusal, run } from './run';

const DETAIL = {
	title: 'Greeting missing',
	agentIsNull: false,
	qualityItem: { callId: '1635410113-99', taskType: 2 },
	qualityItemRuleHit: [
		{ id: 12345, callId: '1635410113-99', ruleId: '967510375224315904', ruleName: 'Greeting', valid: 0, type: 10, revise: -1, reviseId: 5 },
		{ id: '1623924502743000002', ruleId: '967510375224316001', ruleName: 'Long silence', valid: 1, type: 11, revise: 1 },
		{ id: '1623924502743000003', ruleId: '967510375224316002', ruleName: 'Odd', valid: 7, type: 99 },
	],
};
const SCORES = { resultCode: '0409000', manuallyScore: 90, automaticScore: 77, ruleGroupId: 'groupid_1', ruleGroupName: 'Service' };

describe('Inspection Item → Get', () => {
	it('reads the detail (qualityItemId) and the scores (qualityId), ids as text, and gives one item with the meanings in words', async () => {
		const { calls, output } = await run('get', { itemId: ITEM_ID }, { queryQualityItemDetail: () => DETAIL, queryQualityItemResult: () => SCORES });
		expect(calls.map((call) => [call.name, JSON.stringify(call.body)])).toEqual([
			['queryQualityItemDetail', `{"qualityItemId":"${ITEM_ID}"}`],
			['queryQualityItemResult', `{"qualityId":"${ITEM_ID}"}`],
		]);
		expect(output).toHaveLength(1);
		const item = output[0];
		expect(item).toMatchObject({
			id: ITEM_ID,
			title: 'Greeting missing',
			agentIsNull: false,
			callId: '1635410113-99',
			taskType: '2',
			taskTypeText: 'Appeal',
			violatedRules: ['Greeting'],
			ruleTypes: ['Dialogue', 'Silence', 'Unknown rule type 99'],
			scores: { manuallyScore: 90, automaticScore: 77, ruleGroupId: 'groupid_1', ruleGroupName: 'Service' },
		});
		expect(item.ruleHits).toEqual([
			{ ...DETAIL.qualityItemRuleHit[0], id: '12345', reviseId: '5', validText: 'Violation', typeText: 'Dialogue', reviseText: 'Not Corrected' },
			{ ...DETAIL.qualityItemRuleHit[1], validText: 'Compliant', typeText: 'Silence', reviseText: 'Corrected to Compliant' },
			{ ...DETAIL.qualityItemRuleHit[2], validText: 'Unknown verdict 7', typeText: 'Unknown rule type 99', reviseText: 'Unknown' },
		]);
	});

	it('an item without rule hits still gives one item', async () => {
		const { output } = await run('get', { itemId: ITEM_ID }, { queryQualityItemDetail: () => ({}), queryQualityItemResult: () => ({}) });
		expect(output).toEqual([
			{ id: ITEM_ID, title: null, agentIsNull: null, callId: null, taskType: null, taskTypeText: 'Unknown', ruleHits: [], violatedRules: [], ruleTypes: [], scores: {} },
		]);
	});

	it('refuses an item ID that is not an id, or a number beyond 2^53', () => {
		expect(refusal('get', { itemId: 'abc' }).field.name).toBe('itemId');
		expect(refusal('get', { itemId: 16239245027420000001 }).message).toMatch(/"Item ID" \(itemId\).*pass it as text/);
	});
});
