/**
 * Inspection Item → Correct Rule Result through n8n-core against the strict mock: modifyQualityItemResult
 * with the item id and the rule id as JSON strings, the type and the verdict as numbers, in the documented
 * key order; the corrected hit seen in the mock; under continue-on-fail a wrong item type, a rule the item
 * did not hit, an unknown item, a group, and an unsafe-number rule id (not sent) each give their own item.
 */
import { entriesOfKind, expectNoSecrets, expectPairedInOrder, OPERATOR_ID, runAgainst, TEST_TIMEOUT_MS } from '../fixtures';
import { expectErrorItemShape } from '../shared/continueOnFail';
import { useMock } from '../shared/mock';
import { expectOperatorOnEveryRequest, expectRawBodies, FAILURE_CODE, itemOperation, itemState, jsonOf, OK } from '../shared/inspectionItem';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

const GREETING = '967510375224315904';
const SILENCE = '967510375224316001';

const correctParameters = (extra: Record<string, unknown> = {}) =>
	itemOperation('correctRuleResult', {
		itemId: '={{ $json.id }}',
		itemType: '={{ $json.type }}',
		ruleId: '={{ $json.rule }}',
		verdict: '={{ $json.verdict }}',
		comment: '={{ $json.comment }}',
		...extra,
	});

describe('Inspection Item → Correct Rule Result', () => {
	const mock = useMock();
	const seed = () =>
		mock.addItems([
			{ type: 'appeal', hits: [{ ruleId: GREETING, ruleName: 'Greeting', valid: 0 }, { ruleId: SILENCE, ruleName: 'Silence', valid: 1, type: 11 }] },
			{ type: 'problem', hits: [{ ruleId: GREETING, ruleName: 'Greeting', valid: 0 }] },
		]);

	it('corrects an appeal\'s and a problem\'s verdicts: the documented body, one item each, the hits corrected in the mock', async () => {
		const [appeal, problem] = seed();
		const result = await runAgainst(mock, {
			parameters: correctParameters(),
			items: [
				{ id: appeal.id, type: 'appeal', rule: GREETING, verdict: 'compliant', comment: 'greeted after all' },
				{ id: problem.id, type: 'problem', rule: GREETING, verdict: 'violation', comment: '' },
			],
		});
		expect(result.error).toBeUndefined();
		expectRawBodies(mock, 'modifyQualityItemResult', [
			`{"isGroup":false,"qualityItemId":"${appeal.id}","qualityItemType":2,"ruleInfo":{"reviseId":"${GREETING}","revise":1,"description":"greeted after all"}}`,
			`{"isGroup":false,"qualityItemId":"${problem.id}","qualityItemType":1,"ruleInfo":{"reviseId":"${GREETING}","revise":0,"description":""}}`,
		]);
		expectOperatorOnEveryRequest(mock);
		expectPairedInOrder(result.outputs[0], [0, 1]);
		expect(jsonOf(result.outputs[0])).toEqual([
			{ id: appeal.id, ruleId: GREETING, ...OK },
			{ id: problem.id, ruleId: GREETING, ...OK },
		]);
		const appealNow = itemState(mock, appeal.id);
		expect(appealNow.corrections).toEqual([{ reviseId: GREETING, revise: 1, description: 'greeted after all' }]);
		expect(appealNow.hits.map((hit) => [hit.ruleId, hit.revise, hit.description])).toEqual([
			[GREETING, 1, 'greeted after all'],
			[SILENCE, -1, ''],
		]);
		// Correcting a verdict changes neither the item's status nor its decisions.
		expect(appealNow).toMatchObject({ status: 21, decisions: [] });
		expect(itemState(mock, problem.id).corrections).toEqual([{ reviseId: GREETING, revise: 0, description: '' }]);
		expectNoSecrets(mock, result.outputs);
	});

	it('the rule id from Get\'s ruleHits[].ruleId corrects that hit (Get → Correct Rule Result chained)', async () => {
		const [appeal] = seed();
		const got = await runAgainst(mock, { parameters: itemOperation('get', { itemId: appeal.id }), items: [{}] });
		expect(got.error).toBeUndefined();
		const silence = (got.outputs[0][0].json.ruleHits as Array<{ ruleId: string; ruleName: string }>).find((hit) => hit.ruleName === 'Silence');
		mock.resetLog();
		const result = await runAgainst(mock, {
			parameters: correctParameters({ itemId: '={{ $json.id }}', ruleId: '={{ $json.ruleHits[1].ruleId }}' }),
			items: [{ ...got.outputs[0][0].json, type: 'appeal', verdict: 'violation', comment: 'too long' }],
		});
		expect(result.error).toBeUndefined();
		expect(entriesOfKind(mock, 'modifyQualityItemResult').map((entry) => entry.headers['x-userid'])).toEqual([OPERATOR_ID]);
		expect(itemState(mock, appeal.id).corrections).toEqual([{ reviseId: silence?.ruleId, revise: 0, description: 'too long' }]);
	});

	it('continue-on-fail: a wrong type, a rule not hit, an unknown item, a group and an unsafe-number rule id each give one error item; the valid one corrected', async () => {
		const [appeal, problem] = seed();
		const unknown = '1623924502742999999';
		const result = await runAgainst(mock, {
			parameters: correctParameters({ isGroup: '={{ $json.group ?? false }}' }),
			items: [
				{ id: appeal.id, type: 'problem', rule: GREETING, verdict: 'compliant', comment: '' }, // 0: the item is an appeal
				{ id: appeal.id, type: 'appeal', rule: '967510375224399999', verdict: 'compliant', comment: '' }, // 1: not a hit of it
				{ id: unknown, type: 'problem', rule: GREETING, verdict: 'compliant', comment: '' }, // 2: no such item
				{ id: problem.id, type: 'problem', rule: GREETING, verdict: 'compliant', comment: '', group: true }, // 3: a single call
				{ id: problem.id, type: 'problem', rule: 967510375224315904 * 1000, verdict: 'compliant', comment: '' }, // 4: not sent
				{ id: problem.id, type: 'problem', rule: GREETING, verdict: 'compliant', comment: 'ok' }, // 5: valid
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.outputs[0];
		expectPairedInOrder(out, [0, 1, 2, 3, 4, 5]);
		for (const failed of out.slice(0, 5)) expectErrorItemShape(failed);
		const refused = (id: string, reason: string) => `CEC modifyQualityItemResult (inspection item ${id}) failed: resultCode ${FAILURE_CODE} (${reason})`;
		expect(out[0].json.error).toBe(refused(appeal.id, `item ${appeal.id} is of type 2, not 1`));
		expect(out[1].json.error).toBe(refused(appeal.id, `item ${appeal.id} has no rule hit 967510375224399999`));
		expect(out[2].json.error).toBe(refused(unknown, `no inspection item ${unknown}`));
		expect(out[3].json.error).toBe(refused(problem.id, `item ${problem.id} is a single call, not a group`));
		expect(out[4].json.error).toMatch(/^Invalid "Rule ID" \(ruleId\): .*pass it as text.*\[item 4\]$/);
		expect(out[5].json).toEqual({ id: problem.id, ruleId: GREETING, ...OK });
		expect(out.slice(0, 5).map((item) => (item.json.details as { itemIndex: number }).itemIndex)).toEqual([0, 1, 2, 3, 4]);

		expectRawBodies(mock, 'modifyQualityItemResult', [
			`{"isGroup":false,"qualityItemId":"${appeal.id}","qualityItemType":1,"ruleInfo":{"reviseId":"${GREETING}","revise":1,"description":""}}`,
			`{"isGroup":false,"qualityItemId":"${appeal.id}","qualityItemType":2,"ruleInfo":{"reviseId":"967510375224399999","revise":1,"description":""}}`,
			`{"isGroup":false,"qualityItemId":"${unknown}","qualityItemType":1,"ruleInfo":{"reviseId":"${GREETING}","revise":1,"description":""}}`,
			`{"isGroup":true,"qualityItemId":"${problem.id}","qualityItemType":1,"ruleInfo":{"reviseId":"${GREETING}","revise":1,"description":""}}`,
			`{"isGroup":false,"qualityItemId":"${problem.id}","qualityItemType":1,"ruleInfo":{"reviseId":"${GREETING}","revise":1,"description":"ok"}}`,
		]);
		expect(itemState(mock, appeal.id).corrections).toEqual([]);
		expect(itemState(mock, problem.id).corrections).toEqual([{ reviseId: GREETING, revise: 1, description: 'ok' }]);
	});
});
