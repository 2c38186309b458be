/**
 * Review tasks end to end through n8n-core against the strict mock: the lifecycle create → update →
 * assign → activate (at a time, then now) → get many → get calls → complete call → terminate → delete,
 * each step checked in the mock's state; 20-digit ids exact at every step (the mock prints them unquoted);
 * x-UserId on every request. The steps share one task, so they stay together in this file.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	addDoneCalls,
	entriesOfKind,
	makeReviewTaskItems,
	OPERATOR_ID,
	reviewTaskEntries,
	reviewTaskOperation,
	reviewTaskParameters,
	runAgainst,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { useMock } from '../shared/mock';
import { getManyParameters, HOUR, INSPECTOR_A, INSPECTOR_B, isoIn, TASK_ID } from '../shared/reviewTask';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

describe('review task lifecycle through n8n-core', () => {
	const mock = useMock({ unquotedIds: true }, { resetLog: false });
	let taskId: string;

	beforeAll(async () => {
		addDoneCalls(mock, 6);
	});

	/** One run on one item; fails the test on a run error; the output's json items. */
	async function step(parameters: INodeParameters, item: IDataObject = {}): Promise<IDataObject[]> {
		const result = await runAgainst(mock, { parameters, items: [item] });
		expect(result.error).toBeUndefined();
		return result.outputs[0].map((output) => output.json);
	}
	const task = () => mock.tasks().find((candidate) => candidate.id === taskId);

	it('1. Create: the task id comes back as a 20-digit string, exact although printed unquoted', async () => {
		const [created] = await step(reviewTaskParameters(), makeReviewTaskItems(1)[0]);
		taskId = created.qualityTaskId as string;
		expect(taskId).toMatch(TASK_ID);
		expect(taskId).toBe(mock.createdTaskIds[0]);
		expect(entriesOfKind(mock, 'createQualityTask')[0].response).toContain(`"qualityTaskId":${taskId}`); // unquoted
		expect(task()?.status).toBe('0');
		expect(task()?.calls).toHaveLength(6);
	});

	it('2. Update: renames it and sends qualityTask.id as a string', async () => {
		const parameters = {
			...reviewTaskParameters({ qualityCondition: 1, maxNum: 5 }),
			operation: 'update',
			taskId: '={{ $json.qualityTaskId }}',
			planName: 'renamed',
		};
		const [updated] = await step(parameters, { qualityTaskId: taskId, operatorUserId: OPERATOR_ID, qualityNum: 10 });
		expect(updated).toMatchObject({ qualityTaskId: taskId, resultCode: '0409000' });
		expect(task()).toMatchObject({ planName: 'renamed', updates: 1 });
		expect(task()?.fixedColumns).toMatchObject({ qualityCondition: 1, maxNum: '5' });
		expect(entriesOfKind(mock, 'updateQualityTask')[0].rawBody).toContain(`"qualityTask":{"id":"${taskId}","planName":"renamed"}`);
		expect(task()?.calls.filter((call) => call.sampled)).toHaveLength(5);
	});

	it('3. Assign Inspectors: two inspectors with their counts, not activated', async () => {
		const [assigned] = await step(
			reviewTaskOperation('assignInspectors', {
				taskId: '={{ $json.qualityTaskId }}',
				inspectors: { inspector: [{ personId: INSPECTOR_A, count: 2 }, { personId: INSPECTOR_B, count: 3 }] },
				activate: false,
			}),
			{ qualityTaskId: taskId },
		);
		expect(assigned).toMatchObject({ qualityTaskId: taskId, resultCode: '0409000' });
		expect(entriesOfKind(mock, 'appointQualityTask')[0].rawBody).toBe(
			`{"qualityTaskId":"${taskId}","setCountsType":1,"isTakeEffect":0,"setCounts":[{"personID":"${INSPECTOR_A}","count":2},{"personID":"${INSPECTOR_B}","count":3}]}`,
		);
		expect(task()?.inspectors).toEqual([
			{ personID: INSPECTOR_A, count: 2 },
			{ personID: INSPECTOR_B, count: 3 },
		]);
		expect(task()?.calls.map((call) => call.inspector).filter(Boolean)).toEqual([INSPECTOR_A, INSPECTOR_A, INSPECTOR_B, INSPECTOR_B, INSPECTOR_B]);
		expect(task()?.status).toBe('1');
	});

	it('4. Activate at a time: scheduled, reserveTime sent as the tenant wall clock', async () => {
		const at = isoIn(HOUR);
		await step(reviewTaskOperation('activate', { taskId, when: 'atTime', reserveTime: at }));
		expect(task()?.status).toBe('2');
		expect(task()?.activation).toMatchObject({ type: '2', reserveTimeFormat: 'wallClock', effectiveAtMs: Date.parse(at) });
		expect(JSON.parse(entriesOfKind(mock, 'takeEffectQualityTask')[0].rawBody)).toEqual({
			type: '2',
			qualityTaskId: taskId,
			reserveTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});
	});

	it('5. Get Many shows it scheduled; Activate now puts it in effect; Get Many shows the change', async () => {
		const [before] = await step(getManyParameters({ returnAll: true }));
		expect(before).toMatchObject({ id: taskId, planName: 'renamed', status: '2' });

		await step(reviewTaskOperation('activate', { taskId, when: 'now' }));
		expect(entriesOfKind(mock, 'takeEffectQualityTask')[1].rawBody).toBe(`{"type":"1","qualityTaskId":"${taskId}","reserveTime":""}`);
		expect(task()?.status).toBe('3');

		const after = await step(getManyParameters({ returnAll: true, filters: { status: '3' } }));
		expect(after).toHaveLength(1);
		expect(after[0]).toMatchObject({ id: taskId, status: '3', reviewTotalCount: 5 });
		const query = entriesOfKind(mock, 'queryQualityTask');
		expect(query.at(-1)?.body).toMatchObject({ userId: OPERATOR_ID, page: 1, rows: 100, fixedColumns: { status: '3' } });
	});

	let entries: IDataObject[] = [];

	it('6. Get Calls by the planCode from Get Many: one item per call, ids exact', async () => {
		const [listed] = await step(getManyParameters({ returnAll: true }));
		entries = await step(
			reviewTaskOperation('getCalls', { currentRole: 'qualityInspector', planCode: '={{ $json.planCode }}', returnAll: true, filters: { inspectStatus: '1' } }),
			listed,
		);
		expect(entries).toHaveLength(5);
		const sampled = task()?.calls.filter((call) => call.sampled) ?? [];
		expect(entries.map((entry) => entry.id)).toEqual(sampled.map((call) => call.qualityTaskCallId));
		expect(entries.every((entry) => typeof entry.id === 'string' && (entry.id as string).length === 19)).toBe(true);
		expect(entriesOfKind(mock, 'callsQualityTask')[0].body).toEqual({
			currentRole: 'qualityInspector',
			page: 1,
			rows: 100,
			fixedColumns: { planCode: listed.planCode, inspectStatus: '1' },
		});
	});

	it('7. Complete Call marks the first call reviewed; its unquoted 0409000 answer is a success', async () => {
		const first = entries[0] as { id: string; calls: { call_id: string; call_uuid: string }[] };
		const [done] = await step(
			reviewTaskOperation('completeCall', {
				qualityTaskCallId: '={{ $json.id }}',
				callId: '={{ $json.calls[0].call_id }}',
				callGroupId: '={{ $json.calls[0].call_uuid }}',
				isGroup: false,
			}),
			first,
		);
		expect(done).toEqual({ qualityTaskCallId: first.id, resultCode: '0409000', resultDesc: '操作成功' });
		const call = task()?.calls.find((candidate) => candidate.qualityTaskCallId === first.id);
		expect(call).toMatchObject({ reviewed: true, reviewingState: '3' });
		const [listed] = await step(getManyParameters({ returnAll: true }));
		expect(listed.reviewFinishedCount).toBe(1);
	});

	it('8. Terminate, then 9. Delete', async () => {
		expect(await step(reviewTaskOperation('terminate', { taskId }))).toEqual([{ terminated: true, id: taskId }]);
		expect(task()).toMatchObject({ status: '4', terminated: true });
		// Chained as a workflow would: Delete reads the id from Terminate's output.
		expect(await step(reviewTaskOperation('delete', { taskId: '={{ $json.id }}' }), { terminated: true, id: taskId })).toEqual([{ deleted: true, id: taskId }]);
		expect(task()).toBeUndefined();
		expect(entriesOfKind(mock, 'deleteQualityTask')[0].rawBody).toBe(`{"qualityTaskId":"${taskId}"}`);
	});

	it('sent x-UserId = the operator on every request, and every request took effect', () => {
		const sent = reviewTaskEntries(mock);
		expect(sent.map((entry) => entry.kind)).toEqual([
			'createQualityTask',
			'updateQualityTask',
			'appointQualityTask',
			'takeEffectQualityTask',
			'queryQualityTask',
			'takeEffectQualityTask',
			'queryQualityTask',
			'queryQualityTask',
			'callsQualityTask',
			'completeQualityTask',
			'queryQualityTask',
			'terminateQualityTask',
			'deleteQualityTask',
		]);
		for (const entry of sent) {
			expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
			expect(entry.status).toBe(200);
			expect(entry.reason).toBeUndefined();
		}
		// The task id travelled as a JSON string wherever it was sent.
		for (const entry of sent.filter((e) => /qualityTaskId|"id"/.test(e.rawBody) && e.kind !== 'completeQualityTask')) {
			expect(entry.rawBody).toContain(`"${taskId}"`);
		}
	});
});
