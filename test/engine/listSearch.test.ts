/**
 * The resource locators' lists (methods/listSearch.ts) through n8n-core's LoadOptionsContext against
 * the strict mock: pages and their pagination token, the search filters, the operator they are read
 * as; and an operation fed a locator value or a plain string (as workflows saved before the locators
 * hold) sends the same id.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	credentialsFor,
	entriesOfKind,
	makeReviewTaskItems,
	OPERATOR_ID,
	planActionParameters,
	reviewTaskOperation,
	reviewTaskParameters,
	runAgainst,
	samplingPlanParameters,
	TEST_TIMEOUT_MS,
} from './fixtures';
import { listSearch } from './harness';
import { useMock } from './shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

const TASKS = 130; // more than one page of 100
const OTHER_OPERATOR = '1679888547924121791';
const DAY = 86_400;

describe('the lists of the resource locators', () => {
	const mock = useMock();
	const asDefault = () => credentialsFor(mock, { defaultOperatorUserId: OPERATOR_ID });
	let taskIds: string[];
	let planIds: string[];

	beforeAll(async () => {
		const tasks = await runAgainst(mock, { parameters: reviewTaskParameters({}, { concurrency: 10 }), items: makeReviewTaskItems(TASKS) });
		if (tasks.error) throw new Error(tasks.error.message);
		taskIds = tasks.outputs[0].map((item) => item.json.qualityTaskId as string);
		const plans = await runAgainst(mock, {
			parameters: samplingPlanParameters('create'),
			items: [0, 1, 2].map((i) => ({ operatorUserId: OPERATOR_ID, planName: `plan-${i}` })),
		});
		if (plans.error) throw new Error(plans.error.message);
		planIds = plans.outputs[0].map((item) => item.json.qiqtId as string);
		const now = Math.floor(Date.now() / 1000);
		mock.addCalls([
			{ call_uuid: 'aaaaaaaa-0000-4000-8000-000000000001', staff_name: 'Alice Wang', file_name: 'alice.V3', upload_time: now - 60, status: 2 },
			{ call_uuid: 'aaaaaaaa-0000-4000-8000-000000000002', staff_name: 'Bob Li', file_name: 'bob.V3', upload_time: now - 2 * DAY, status: 9 },
			{ call_uuid: 'aaaaaaaa-0000-4000-8000-000000000003', staff_name: 'Alice Wang', file_name: 'old.V3', upload_time: now - 5 * DAY, status: 2 },
		]);
		mock.addItems([
			{ id: '1623924502742000001', agentName: 'Alice Wang', type: 'problem', createTime: now - DAY },
			{ id: '1623924502742000002', agentName: 'Bob Li', type: 'appeal', createTime: now - 40 * DAY },
		]);
	});

	it('review tasks: a first page of 100 with a token, the next page of 30 without one, as the default operator', async () => {
		const first = await listSearch({ method: 'searchReviewTasks', credentials: asDefault() });
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		const second = await listSearch({ method: 'searchReviewTasks', credentials: asDefault(), paginationToken: first.paginationToken as string });
		expect(second.results).toHaveLength(30);
		expect(second.paginationToken).toBeUndefined();
		expect([...first.results, ...second.results].map((result) => result.value)).toEqual(mock.createdTaskIds);
		const nameById = new Map(taskIds.map((id, i) => [id, `plan-${i}`]));
		expect(first.results.every((result) => result.name.startsWith(`${nameById.get(result.value as string)} · `))).toBe(true);
		const sent = entriesOfKind(mock, 'queryQualityTask');
		expect(sent.map((entry) => (entry.body as IDataObject).page)).toEqual([1, 2]);
		expect(sent.every((entry) => entry.headers['x-userid'] === OPERATOR_ID && (entry.body as IDataObject).userId === OPERATOR_ID)).toBe(true);
		const body = sent[0].body as IDataObject;
		expect(body.endTimeMillis as number).toBeGreaterThan((body.startTimeMillis as number) + 89 * DAY);
	});

	it('review tasks: the search filters by plan name on the server', async () => {
		const found = await listSearch({ method: 'searchReviewTasks', credentials: asDefault(), filter: 'plan-12' });
		const expected = [12, ...Array.from({ length: 10 }, (_, i) => 120 + i)].map((i) => taskIds[i]);
		expect(found.results.map((result) => result.value).sort()).toEqual(expected.sort());
		expect(found.paginationToken).toBeUndefined();
		expect((entriesOfKind(mock, 'queryQualityTask')[0].body as IDataObject).fixedColumns).toEqual({ planName: 'plan-12' });
	});

	it('sampling plans: every plan with its name and status', async () => {
		const found = await listSearch({ method: 'searchSamplingPlans', credentials: asDefault() });
		expect(found.results.map((result) => result.value)).toEqual(planIds);
		expect(found.results[0].name).toMatch(/^plan-0 · (Stopped|Running)$/);
		expect(found.paginationToken).toBeUndefined();
	});

	it('calls: those uploaded in the last 3 days; the search filters by agent name', async () => {
		const recent = await listSearch({ method: 'searchCalls', credentials: asDefault() });
		expect(recent.results.map((result) => result.value).sort()).toEqual(['aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000002']);
		const alice = await listSearch({ method: 'searchCalls', credentials: asDefault(), filter: 'Alice' });
		expect(alice.results).toEqual([{ name: expect.stringMatching(/^alice\.V3 · Alice Wang · /), value: 'aaaaaaaa-0000-4000-8000-000000000001' }]);
		expect((entriesOfKind(mock, 'appraiseCallDetails')[1].body as IDataObject).staff_name).toBe('Alice');
	});

	it('inspection items: those created in the last 30 days', async () => {
		const found = await listSearch({ method: 'searchInspectionItems', credentials: asDefault() });
		expect(found.results.map((result) => result.value)).toEqual(['1623924502742000001']);
		expect(found.results[0].name).toContain('Alice Wang');
	});

	it("without a default operator, the node's own Operator User ID is used", async () => {
		const found = await listSearch({ method: 'searchSamplingPlans', credentials: credentialsFor(mock), parameters: { operatorUserId: OTHER_OPERATOR } });
		expect(found.results).toHaveLength(3);
		expect(entriesOfKind(mock, 'queryRegularQualityTask')[0].headers['x-userid']).toBe(OTHER_OPERATOR);
	});

	it('the default operator wins over the node\'s own', async () => {
		await listSearch({ method: 'searchSamplingPlans', credentials: asDefault(), parameters: { operatorUserId: OTHER_OPERATOR } });
		expect(entriesOfKind(mock, 'queryRegularQualityTask')[0].headers['x-userid']).toBe(OPERATOR_ID);
	});

	it('with neither (or only an expression on the node), a clear error and nothing sent', async () => {
		for (const parameters of [{}, { operatorUserId: '={{ $json.operatorUserId }}' }]) {
			await expect(listSearch({ method: 'searchReviewTasks', credentials: credentialsFor(mock), parameters })).rejects.toThrow(
				/set "Default Operator User ID" in the Huawei Cloud CEC API credential/,
			);
		}
		expect(mock.log.filter((entry) => entry.kind !== 'token')).toHaveLength(0);
	});

	it('a default operator that is not digits is an error naming the field', async () => {
		await expect(listSearch({ method: 'searchCalls', credentials: credentialsFor(mock, { defaultOperatorUserId: 'abc' }) })).rejects.toThrow(
			/"Default Operator User ID" \(defaultOperatorUserId\)/,
		);
		expect(mock.log.filter((entry) => entry.kind !== 'token')).toHaveLength(0);
	});

	it('an operation sends the same id from a locator value (From List, By ID) and from a plain string', async () => {
		const ids = taskIds.slice(5, 8);
		const values = [{ __rl: true, mode: 'list', value: ids[0] }, { __rl: true, mode: 'id', value: ids[1] }, ids[2]];
		for (const [i, taskId] of values.entries()) {
			const result = await runAgainst(mock, { parameters: reviewTaskOperation('terminate', { taskId }), items: [{}] });
			expect(result.error).toBeUndefined();
			expect(result.outputs[0][0].json).toMatchObject({ terminated: true, id: ids[i] });
		}
		expect(entriesOfKind(mock, 'terminateQualityTask').map((entry) => entry.rawBody)).toEqual(ids.map((id) => `{"qualityTaskId":"${id}"}`));
	});

	it('a plan id as a locator value reaches Start; a By ID value that is not digits is refused (n8n checks the mode\'s pattern), unsent', async () => {
		const ok = await runAgainst(mock, {
			parameters: planActionParameters('start', { operatorUserId: OPERATOR_ID, planId: { __rl: true, mode: 'list', value: planIds[1] } }),
			items: [{}],
		});
		expect(ok.error).toBeUndefined();
		expect(entriesOfKind(mock, 'beginRegularQualityTask').map((entry) => entry.rawBody)).toEqual([`{"regularQualityTaskId":"${planIds[1]}"}`]);
		const typed = { __rl: true, mode: 'id', value: 'plan-1' };
		await expect(runAgainst(mock, { parameters: planActionParameters('start', { operatorUserId: OPERATOR_ID, planId: typed }), items: [{}] })).rejects.toThrow(
			/Must be the digits of a sampling plan ID/,
		);
		// An expression is not checked by n8n before the run: the reader refuses it, naming the field.
		const mapped = { __rl: true, mode: 'id', value: '={{ "plan-" + 1 }}' };
		const bad = await runAgainst(mock, { parameters: planActionParameters('start', { operatorUserId: OPERATOR_ID, planId: mapped }), items: [{}] });
		expect(bad.error?.message).toMatch(/"Plan ID" \(planId\).*"plan-1"/);
		expect(entriesOfKind(mock, 'beginRegularQualityTask')).toHaveLength(1);
	});
});
