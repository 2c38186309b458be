/**
 * Inspection Item → Get through n8n-core against the strict mock (ids printed unquoted): the detail and
 * the scores of each item as one output item with the codes in words, ids exact, and under
 * continue-on-fail an unknown item and an unsafe-number id (not sent) each give their own error item.
 */
import { entriesOfKind, expectNoSecrets, expectPairedInOrder, runAgainst, TEST_TIMEOUT_MS } from '../fixtures';
import { expectErrorItemShape } from '../shared/continueOnFail';
import { useMock } from '../shared/mock';
import { expectOperatorOnEveryRequest, expectRawBodies, FAILURE_CODE, itemOperation } from '../shared/inspectionItem';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

const GREETING = '967510375224315904';
const SILENCE = '967510375224316001';
const SENSITIVE = '967510375224316002';

describe('Inspection Item → Get', () => {
	const mock = useMock({ unquotedIds: true });

	const seedTwo = () =>
		mock.addItems([
			{
				type: 'appeal',
				callId: '1635410113-99',
				title: 'Greeting missing',
				hits: [
					{ ruleId: GREETING, ruleName: 'Greeting', valid: 0, type: 10 },
					{ ruleId: SILENCE, ruleName: 'Long silence', valid: 1, type: 11 },
					{ ruleId: SENSITIVE, ruleName: 'Sensitive words', valid: 0, type: 60 },
				],
				manualScore: 90,
				automaticScore: 64,
			},
			{ type: 'problem', callId: '1635410113-100', hits: [{ ruleId: GREETING, ruleName: 'Greeting', valid: -1, type: 70 }] },
		]);

	it('two items: detail (qualityItemId) and scores (qualityId) each, ids as JSON strings; one output item per input with hits in words', async () => {
		const [appeal, problem] = seedTwo();
		const result = await runAgainst(mock, { parameters: itemOperation('get', { itemId: '={{ $json.id }}' }), items: [{ id: appeal.id }, { id: problem.id }] });
		expect(result.error).toBeUndefined();
		expectRawBodies(mock, 'queryQualityItemDetail', [`{"qualityItemId":"${appeal.id}"}`, `{"qualityItemId":"${problem.id}"}`]);
		expectRawBodies(mock, 'queryQualityItemResult', [`{"qualityId":"${appeal.id}"}`, `{"qualityId":"${problem.id}"}`]);
		// The mock printed the hits' 19-digit ids as bare numbers; the output keeps their digits.
		const appealDetail = entriesOfKind(mock, 'queryQualityItemDetail').find((entry) => entry.rawBody.includes(appeal.id));
		expect(appealDetail?.response).toContain(`"id":${appeal.hits[0].id},`);
		expectOperatorOnEveryRequest(mock);

		const out = result.outputs[0];
		expectPairedInOrder(out, [0, 1]);
		const words = (valid: string, type: string, revise = 'Not Corrected') => ({ validText: valid, typeText: type, reviseText: revise });
		expect(out[0].json).toEqual({
			id: appeal.id,
			title: 'Greeting missing',
			agentIsNull: false,
			callId: '1635410113-99',
			taskType: '2',
			taskTypeText: 'Appeal',
			ruleHits: [
				{ ...appeal.hits[0], ...words('Violation', 'Dialogue') },
				{ ...appeal.hits[1], ...words('Compliant', 'Silence') },
				{ ...appeal.hits[2], ...words('Violation', 'Sensitive Word') },
			],
			violatedRules: ['Greeting', 'Sensitive words'],
			ruleTypes: ['Dialogue', 'Silence', 'Sensitive Word'],
			scores: { manuallyScore: 90, automaticScore: 64, ruleGroupId: 'groupid_cbe2', ruleGroupName: '业务场景1' },
		});
		expect(out[1].json).toMatchObject({
			id: problem.id,
			title: 'Problem on call 1635410113-100',
			callId: '1635410113-100',
			taskType: '1',
			taskTypeText: 'Problem',
			ruleHits: [{ ...problem.hits[0], ...words('Not Evaluated', 'Manual Rule') }],
			violatedRules: [],
			ruleTypes: ['Manual Rule'],
			scores: { manuallyScore: 0, automaticScore: 77 },
		});
		for (const hit of out[0].json.ruleHits as Array<Record<string, unknown>>) {
			expect(typeof hit.id).toBe('string');
			expect(hit.id).toMatch(/^\d{19}$/);
		}
		expectNoSecrets(mock, out);
	});

	it('after Correct Rule Result, Get shows the corrected hit (revise and description)', async () => {
		const [appeal] = seedTwo();
		const corrected = await runAgainst(mock, {
			parameters: itemOperation('correctRuleResult', { itemId: appeal.id, itemType: 'appeal', ruleId: GREETING, verdict: 'compliant', comment: 'greeted in the second sentence' }),
			items: [{}],
		});
		expect(corrected.error).toBeUndefined();
		const result = await runAgainst(mock, { parameters: itemOperation('get', { itemId: appeal.id }), items: [{}] });
		expect(result.error).toBeUndefined();
		const [greeting, silence] = result.outputs[0][0].json.ruleHits as Array<Record<string, unknown>>;
		expect(greeting).toMatchObject({ ruleId: GREETING, revise: 1, reviseText: 'Corrected to Compliant', description: 'greeted in the second sentence' });
		expect(silence).toMatchObject({ ruleId: SILENCE, revise: -1, reviseText: 'Not Corrected' });
	});

	it('continue-on-fail: an unknown item and a JS number above 2^53 (not sent) each give one error item; the others their item, in input order', async () => {
		const [appeal, problem] = seedTwo();
		const unknown = '1623924502742999999';
		const result = await runAgainst(mock, {
			parameters: itemOperation('get', { itemId: '={{ $json.id }}' }),
			items: [{ id: appeal.id }, { id: unknown }, { id: 1623924502788888888 }, { id: problem.id }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.outputs[0];
		expectPairedInOrder(out, [0, 1, 2, 3]);
		expect(out[0].json.id).toBe(appeal.id);
		expect(out[3].json.id).toBe(problem.id);
		expectErrorItemShape(out[1]);
		expect(out[1].json.error).toBe(`CEC queryQualityItemDetail (inspection item ${unknown}) failed: resultCode ${FAILURE_CODE} (no inspection item ${unknown})`);
		expect(out[1].json.details).toMatchObject({ itemIndex: 1, resultCode: FAILURE_CODE });
		expectErrorItemShape(out[2]);
		expect(out[2].json.error).toMatch(/^Invalid "Item ID" \(itemId\): got 1623924502788888800; .*pass it as text.*\[item 2\]$/);
		// The unknown item stopped at its detail: its scores were not asked for; the unsafe id was never sent.
		expectRawBodies(mock, 'queryQualityItemDetail', [
			`{"qualityItemId":"${appeal.id}"}`,
			`{"qualityItemId":"${unknown}"}`,
			`{"qualityItemId":"${problem.id}"}`,
		]);
		expectRawBodies(mock, 'queryQualityItemResult', [`{"qualityId":"${appeal.id}"}`, `{"qualityId":"${problem.id}"}`]);
		expect(mock.log.some((entry) => entry.rawBody.includes('162392450278888'))).toBe(false);
	});

	it('without continue-on-fail an unknown item fails the run with the API\'s reason', async () => {
		const result = await runAgainst(mock, { parameters: itemOperation('get', { itemId: '1623924502742999998' }), items: [{}] });
		expect(result.error?.message).toBe(`CEC queryQualityItemDetail (inspection item 1623924502742999998) failed: resultCode ${FAILURE_CODE} (no inspection item 1623924502742999998)`);
		expect(result.outputs).toEqual([]);
	});
});
