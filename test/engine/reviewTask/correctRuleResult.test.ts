/**
 * Review Task → Correct Rule Result through n8n-core against the strict mock: corrections of sampled
 * calls recorded in the task, ids exact (the mock prints them unquoted), and under continue-on-fail a
 * refused rule, an unsafe-number task id (not sent) and a call outside the task each give their own item.
 */
import { entriesOfKind, expectPairedInOrder, makeReviewTaskItems, reviewTaskOperation, reviewTaskParameters, runAgainst, TEST_TIMEOUT_MS, addDoneCalls } from '../fixtures';
import { useMock } from '../shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

const DIALOGUE_RULE = '967510375224315904';
const SERVICE_RULE = '967510375224315907';

describe('Correct Rule Result', () => {
	const mock = useMock({ unquotedIds: true });

	async function sampledTask() {
		addDoneCalls(mock, 3);
		const created = await runAgainst(mock, { parameters: reviewTaskParameters(), items: makeReviewTaskItems(1) });
		expect(created.error).toBeUndefined();
		const taskId = created.outputs[0][0].json.qualityTaskId as string;
		const task = mock.tasks().find((candidate) => candidate.id === taskId);
		const sampled = (task?.calls ?? []).filter((call) => call.sampled).map((call) => call.call_uuid);
		expect(sampled.length).toBeGreaterThanOrEqual(2);
		mock.resetLog();
		return { taskId, sampled };
	}

	it('corrects rule verdicts of sampled calls: one item each, recorded in the task, the wire as documented', async () => {
		const { taskId, sampled } = await sampledTask();
		const result = await runAgainst(mock, {
			parameters: reviewTaskOperation('correctRuleResult', {
				taskId: '={{ $json.taskId }}',
				callUuid: '={{ $json.uuid }}',
				ruleId: '={{ $json.rule }}',
				ruleType: 10,
				verdict: '={{ $json.verdict }}',
				comment: '={{ $json.comment }}',
			}),
			items: [
				{ taskId, uuid: sampled[0], rule: DIALOGUE_RULE, verdict: 'compliant', comment: 'greeted after all' },
				{ taskId, uuid: sampled[1], rule: SERVICE_RULE, verdict: 'violation', comment: '' },
			],
		});
		expect(result.error).toBeUndefined();
		const out = result.outputs[0];
		expectPairedInOrder(out, [0, 1]);
		expect(out.map((item) => item.json)).toEqual([
			{ qualityTaskId: taskId, call_uuid: sampled[0], ruleId: DIALOGUE_RULE, resultCode: '0409000', resultDesc: '操作成功' },
			{ qualityTaskId: taskId, call_uuid: sampled[1], ruleId: SERVICE_RULE, resultCode: '0409000', resultDesc: '操作成功' },
		]);
		expect(entriesOfKind(mock, 'modifyResultQualityTask').map((entry) => entry.rawBody)).toEqual([
			`{"isGroup":false,"ruleType":10,"taskId":"${taskId}","uuid":"${sampled[0]}","ruleInfo":{"description":"greeted after all","revise":1,"reviseId":"${DIALOGUE_RULE}"}}`,
			`{"isGroup":false,"ruleType":10,"taskId":"${taskId}","uuid":"${sampled[1]}","ruleInfo":{"description":"","revise":0,"reviseId":"${SERVICE_RULE}"}}`,
		]);
		expect(mock.tasks().find((task) => task.id === taskId)?.corrections).toEqual([
			{ uuid: sampled[0], ruleType: 10, reviseId: DIALOGUE_RULE, revise: 1, description: 'greeted after all', isGroup: false },
			{ uuid: sampled[1], ruleType: 10, reviseId: SERVICE_RULE, revise: 0, description: '', isGroup: false },
		]);
	});

	it('continue-on-fail: a rule the call has no result for, an unsafe-number task id and a call outside the task each give their own item', async () => {
		const { taskId, sampled } = await sampledTask();
		const result = await runAgainst(mock, {
			parameters: reviewTaskOperation('correctRuleResult', {
				taskId: '={{ $json.taskId }}',
				callUuid: '={{ $json.uuid }}',
				ruleId: '={{ $json.rule }}',
				verdict: 'compliant',
			}),
			items: [
				{ taskId, uuid: sampled[0], rule: '967510375224399999' },
				{ taskId: 16239245027406915901, uuid: sampled[0], rule: DIALOGUE_RULE },
				{ taskId, uuid: '00000000-0000-4000-8000-000000000000', rule: DIALOGUE_RULE },
				{ taskId, uuid: sampled[0], rule: DIALOGUE_RULE },
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.outputs[0];
		expectPairedInOrder(out, [0, 1, 2, 3]);
		expect(out[0].json.details).toMatchObject({ resultCode: '0409001' });
		expect(out[1].json.error).toMatch(/"Task ID" \(taskId\).*pass it as text.*\[item 1\]/);
		expect(out[2].json.details).toMatchObject({ resultCode: '0409001' });
		expect(out[3].json).toMatchObject({ qualityTaskId: taskId, resultCode: '0409000' });
		expect(entriesOfKind(mock, 'modifyResultQualityTask')).toHaveLength(3);
		expect(mock.tasks().find((task) => task.id === taskId)?.corrections).toHaveLength(1);
	});
});
