/**
 * Tests of the CEC mock's manual review tasks (spec §5.2) and scheduled sampling plans (§5.3): each
 * API's own body rules, and the state that lets a test create → assign → activate → list → review →
 * terminate → delete and see every step.
 */
import type { CecMock } from '../../mock/cecMock';
import { MOCK_OPERATOR_ID, type MockClient } from '../../mock/cecMockClient';
import { useMocks } from './startMock';

// Documented examples (spec §4, §5.2, §5.3), byte for byte where the test sends them as text.
const DOCUMENTED_TASK_BODY =
	'{"customColumns":null,"currentRole":"qualityDirector","startTimeMillis":1683808058,"endTimeMillis":1683894458,"fixedColumns":{"maxNum":"10","qualityCondition":0,"qualityNum":"100","qualityType":1,"scoreStart":"10","scoreEnd":"120","staffIds":[],"interactionType":2},"qualityTask":{"planName":"234"}}';
const DOCUMENTED_APPOINT_BODY = '{"qualityTaskId":954645333549048833,"setCountsType":1,"isTakeEffect":0,"setCounts":[{"personID":"1600226476732482572","count":2}]}';
const DOCUMENTED_TERMINATE_BODY = '{"qualityTaskId":"16239241148860783173"}';
const DOCUMENTED_DELETE_BODY = '{"qualityTaskId":"16239245027406915901"}';
const DOCUMENTED_PLAN_UPDATE_BODY =
	'{"qiqtId":"16925871657096773608","qiqtName":"changetest082103","currentRole":"qualityDirector","cronStructure":{"qiqtCycleType":"1","qiqtStartTime":1692171720,"qiqtEndType":"2","qiqtTotalTimes":1,"qiqtEndTime":1692258120},"extractionRange":{"currentRole":"qualityDirector","customColumns":null,"fixedColumns":{"durationStart":1,"durationEnd":"100","interactionType":0,"maxNum":"10","qualityCondition":2,"qualityNum":"100","qualityType":1,"staffIds":[],"scoreStart":"0","scoreEnd":"100"}},"appointQuality":{"setCountsType":0,"setCounts":[{"personID":"1679888547924121791","count":0}]}}';
const COMPLETE_ANSWER = '{"resultCode": 0409000, "resultDesc": "操作成功"}';
const INSPECTOR_A = '1600226476732482572';
const INSPECTOR_B = '1600226476732482573';
const TASK = JSON.parse(DOCUMENTED_TASK_BODY);
const PLAN_UPDATE = JSON.parse(DOCUMENTED_PLAN_UPDATE_BODY);
const { qiqtId: _qiqtId, ...PLAN_ADD } = PLAN_UPDATE;
const NOW_S = () => Math.floor(Date.now() / 1000);

const start = useMocks();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** n done text calls inside the documented task's call window, agents 3001/3002 alternately. */
function seedDocumentedWindow(mock: CecMock, n: number) {
	return mock.addCalls(Array.from({ length: n }, (_, i) => ({
		call_uuid: `call-${String(i).padStart(2, '0')}`,
		upload_time: 1683900000 + i,
		call_time: 1683808058 + 60 * i,
		call_type: 2 as const,
		duration: 30 + i,
		staff_id: i % 2 === 0 ? '3001' : '3002',
		status: 2,
	})));
}

async function createTask(client: MockClient, body: unknown = DOCUMENTED_TASK_BODY): Promise<string> {
	const answer = await client.call('createQualityTask', body);
	expect(answer.status).toBe(200);
	return answer.json.qualityTaskId;
}

function queryBody(extra: Record<string, unknown> = {}) {
	return { currentRole: 'qualityDirector', userId: MOCK_OPERATOR_ID, startTimeMillis: NOW_S() - 600, endTimeMillis: NOW_S() + 600, page: 1, rows: 100, ...extra };
}
async function query(client: MockClient, extra: Record<string, unknown> = {}) {
	const answer = await client.call('queryQualityTask', queryBody(extra));
	expect(answer.status).toBe(200);
	return answer.json as { resultCode: number; returnCode: string; total: number; data: Record<string, any>[] };
}
async function taskCalls(client: MockClient, planCode: string, columns: Record<string, unknown> = {}, paging = { page: 1, rows: 100 }) {
	const answer = await client.call('callsQualityTask', { currentRole: 'qualityDirector', ...paging, fixedColumns: { planCode, ...columns } });
	expect(answer.status).toBe(200);
	return answer.json as { resultCode: string; total: number; data: Record<string, any>[] };
}
const appoint = (client: MockClient, qualityTaskId: string, isTakeEffect = 0, setCounts = [{ personID: INSPECTOR_A, count: 4 }, { personID: INSPECTOR_B, count: 4 }]) =>
	client.call('appointQualityTask', { qualityTaskId, setCountsType: 1, isTakeEffect, setCounts });
const takeEffect = (client: MockClient, qualityTaskId: string, type = '1', reserveTime = '') =>
	client.call('takeEffectQualityTask', { type, qualityTaskId, reserveTime });

function expectSuccess(answer: { status: number; json: any }, code = '0409000') {
	expect(answer.status).toBe(200);
	expect(answer.json).toMatchObject({ resultCode: code, resultDesc: '操作成功' });
}
function expectFailure(answer: { status: number; json: any }, code = '0409001', reason?: string) {
	expect(answer.status).toBe(200);
	expect(answer.json.resultCode).toBe(code);
	if (reason) expect(answer.json.resultDesc).toContain(reason);
}

describe('review task lifecycle', () => {
	it('create → list → assign → activate → review → terminate → delete, each step visible', async () => {
		const { mock, client } = await start();
		seedDocumentedWindow(mock, 12);

		// Create: the documented example samples 10 (maxNum) of the 12 matching done text calls.
		const id = await createTask(client);
		expect(id).toBe('16239245027406915901');
		let listing = await query(client);
		expect(listing).toMatchObject({ resultCode: 0, returnCode: '0409000', resultDesc: '操作成功', total: 1 });
		const row = listing.data[0];
		expect(row).toMatchObject({
			id, planName: '234', status: '0', creatOperator: MOCK_OPERATOR_ID, callStart: 1683808058, callEnd: 1683894458,
			inspectTotalCount: 12, inspectFinishedCount: 10, reviewTotalCount: 0, reviewFinishedCount: 0,
			effectiveDate: '', reviewingOfficer: '', interactionType: '2',
		});
		expect(row.planCode).toMatch(/^QT\d{12}$/);
		expect(Object.keys(row).sort()).toEqual([
			'callEnd', 'callStart', 'creatOperator', 'createTime', 'effectiveDate', 'id', 'inspectFinishedCount', 'inspectTotalCount',
			'interactionType', 'planCode', 'planName', 'reviewFinishedCount', 'reviewTotalCount', 'reviewingOfficer', 'reviewingOfficerName', 'status',
		]);
		const planCode: string = row.planCode;
		let calls = await taskCalls(client, planCode);
		expect(calls.total).toBe(12);
		expect(calls.data.map((item) => item.inspectStatus)).toEqual([...Array(10).fill('0'), '-1', '-1']);
		expect(calls.data[0]).toMatchObject({
			inspector: '', inspectorName: '', is_group: false, setting: { staffId: '3001', staff_name: 'Agent 3001' },
			calls: [{ call_id: 'call-00', call_uuid: 'call-00', call_type: 2, duration: 30, call_time: 1683808058, upload_time: 1683900000, inspectStatus: '0' }],
		});
		expect(calls.data[0].id).toMatch(/^\d{19}$/);

		// Assign: 4 + 4 of the 10 sampled calls.
		expectSuccess(await appoint(client, id));
		listing = await query(client);
		expect(listing.data[0]).toMatchObject({ status: '1', reviewTotalCount: 8, reviewingOfficer: `${INSPECTOR_A},${INSPECTOR_B}` });
		expect(listing.data[0].reviewingOfficerName).toMatch(/.+,.+/);
		expect((await taskCalls(client, planCode, { inspector: INSPECTOR_A })).total).toBe(4);
		expect((await taskCalls(client, planCode, { showReviewingOfficer: true })).total).toBe(8);
		expect((await taskCalls(client, planCode, { reviewingStates: '2' })).total).toBe(0); // not in effect yet

		// Activate now.
		expectSuccess(await takeEffect(client, id));
		listing = await query(client);
		expect(listing.data[0].status).toBe('3');
		expect(listing.data[0].effectiveDate).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		expect((await taskCalls(client, planCode, { inspectStatus: '1' })).total).toBe(10);
		calls = await taskCalls(client, planCode, { reviewingStates: '2' });
		expect(calls.total).toBe(8);

		// Review one call.
		const item = calls.data[0];
		const completion = { isGroup: false, callId: item.calls[0].call_id, callGroupId: item.calls[0].call_uuid, qualityTaskCallId: item.id };
		const completed = await client.call('completeQualityTask', completion);
		expect(completed.status).toBe(200);
		expect(completed.text).toBe(COMPLETE_ANSWER);
		expect(completed.json).toBeUndefined(); // not valid JSON, as documented
		expectFailure(await client.call('completeQualityTask', completion), '0409001', 'reviewed already');
		expect((await taskCalls(client, planCode, { reviewingStates: '3' })).data.map((i) => i.id)).toEqual([item.id]);
		expect((await query(client)).data[0].reviewFinishedCount).toBe(1);
		expect(mock.tasks()[0].calls.find((c) => c.qualityTaskCallId === item.id)).toMatchObject({ reviewed: true, reviewingState: '3' });

		// Terminate: every later change fails.
		expectSuccess(await client.call('terminateQualityTask', { qualityTaskId: id }));
		expect((await query(client)).data[0].status).toBe('4');
		expectFailure(await client.call('terminateQualityTask', { qualityTaskId: id }), '0409001', 'terminated');
		expectFailure(await appoint(client, id), '0409001', 'terminated');
		expectFailure(await takeEffect(client, id), '0409001', 'terminated');
		const other = calls.data[1];
		expectFailure(await client.call('completeQualityTask', { isGroup: false, callId: other.calls[0].call_id, callGroupId: other.calls[0].call_uuid, qualityTaskCallId: other.id }), '0409001', 'terminated');

		// Delete (the documented delete example names this very id).
		expectSuccess(await client.call('deleteQualityTask', DOCUMENTED_DELETE_BODY));
		expect((await query(client)).total).toBe(0);
		expect(mock.tasks()).toEqual([]);
		expectFailure(await client.call('deleteQualityTask', DOCUMENTED_DELETE_BODY), '0409001', 'no review task');
		expect(mock.createdTaskIds).toEqual([id]);
		expect(mock.counters.byKind).toMatchObject({
			createQualityTask: 1, appointQualityTask: 1, takeEffectQualityTask: 1, completeQualityTask: 1, terminateQualityTask: 1, deleteQualityTask: 1,
		});
	});

	it('appointQualityTask with isTakeEffect 1 assigns and activates at once', async () => {
		const { mock, client } = await start();
		seedDocumentedWindow(mock, 3);
		const id = await createTask(client);
		expectSuccess(await appoint(client, id, 1, [{ personID: INSPECTOR_A, count: 2 }]));
		const [task] = mock.tasks();
		expect(task).toMatchObject({ status: '3', inspectors: [{ personID: INSPECTOR_A, count: 2 }], activation: { type: '1', via: 'appointQualityTask' } });
		expect(task.calls.map((c) => c.reviewingState)).toEqual(['2', '2', '-1']);
	});

	it('takeEffect type "2": scheduled until reserveTime (epoch-ms or wall clock, recorded), then in effect', async () => {
		const { mock, client } = await start({ tenantUtcOffsetMinutes: 480 });
		const soon = await createTask(client);
		const later = await createTask(client);
		const past = await createTask(client);

		// Due in 2 s: the checks before it takes effect need that long at most, even on a loaded machine.
		const dueAtMs = Date.now() + 2000;
		expectSuccess(await takeEffect(client, soon, '2', String(dueAtMs)));
		const tomorrow = new Date(Date.now() + 86400_000 + 480 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
		expectSuccess(await takeEffect(client, later, '2', tomorrow));
		expectSuccess(await takeEffect(client, past, '2', '2021-02-01 09:51:07'));

		const byId = () => Object.fromEntries(mock.tasks().map((task) => [task.id, task]));
		expect(byId()[soon]).toMatchObject({ status: '2', activation: { type: '2', reserveTimeFormat: 'epochMillis' } });
		expect(byId()[later]).toMatchObject({ status: '2', activation: { reserveTime: tomorrow, reserveTimeFormat: 'wallClock' } });
		expect(byId()[past].status).toBe('3');
		expect(byId()[past].activation?.effectiveAtMs).toBe(Date.UTC(2021, 1, 1, 1, 51, 7));
		expect((await query(client, { fixedColumns: { status: '2' } })).data.map((task) => task.id)).toEqual([soon, later]);
		await sleep(Math.max(0, dueAtMs - Date.now()) + 50);
		expect(byId()[soon].status).toBe('3');
		expect(byId()[later].status).toBe('2');
	});

	it('updateQualityTask replaces name and criteria, re-samples and keeps the inspectors', async () => {
		const { mock, client } = await start();
		seedDocumentedWindow(mock, 6);
		const id = await createTask(client);
		expectSuccess(await appoint(client, id, 0, [{ personID: INSPECTOR_A, count: 10 }]));

		const update = { ...TASK, qualityTask: { id, planName: '复核任务二' }, fixedColumns: { ...TASK.fixedColumns, qualityType: 2, qualityNum: '1', staffIds: ['3002'] } };
		expectSuccess(await client.call('updateQualityTask', update));
		const [task] = mock.tasks();
		expect(task).toMatchObject({ planName: '复核任务二', updates: 1, inspectors: [{ personID: INSPECTOR_A, count: 10 }] });
		// Agent 3002 only, one call per agent.
		expect(task.calls.map((c) => [c.call_uuid, c.sampled, c.inspector])).toEqual([['call-01', true, INSPECTOR_A], ['call-03', false, ''], ['call-05', false, '']]);
		expectFailure(await client.call('updateQualityTask', { ...update, qualityTask: { id: '16239245027406915999', planName: 'x' } }), '0409001', 'no review task');
	});

	it('samples per agent by percentage (qualityType 3) and by machine score', async () => {
		const { mock, client } = await start();
		seedDocumentedWindow(mock, 5); // 3001: 3 calls, 3002: 2 calls, all violating rules (score 96)
		mock.addCalls([{ call_uuid: 'pass-1', call_type: 2, call_time: 1683808058, upload_time: 1683900100, staff_id: '3003', status: 2, pass: true }]);
		await createTask(client, { ...TASK, fixedColumns: { ...TASK.fixedColumns, qualityType: 3, qualityNum: '50', maxNum: '0' } });
		await createTask(client, { ...TASK, fixedColumns: { ...TASK.fixedColumns, scoreStart: '97', scoreEnd: '100' } });
		const [byPercent, byScore] = mock.tasks();
		expect(byPercent.calls.filter((c) => c.sampled).map((c) => c.call_uuid)).toEqual(['call-00', 'call-01', 'call-02', 'pass-1']);
		expect(byScore.calls.map((c) => c.call_uuid)).toEqual(['pass-1']);
	});
});

describe('review task APIs: body rules', () => {
	it('createQualityTask stores the task and the operator; ids above 2^53 can be written unquoted', async () => {
		const { mock, client } = await start({ unquotedIds: true });
		const created = await client.call('createQualityTask', DOCUMENTED_TASK_BODY, { operator: '42' });
		expect(created.text).toMatch(/^\{"qualityTaskId":16239245027406915901,/);
		const listing = await client.call('queryQualityTask', queryBody());
		expect(listing.text).toContain('"id":16239245027406915901');
		expect(mock.tasks()[0]).toMatchObject({ id: '16239245027406915901', creatOperator: '42', status: '0' });
	});

	it('appointQualityTask rejects the documented example, whose id is a JSON number, and accepts it quoted', async () => {
		const { client } = await start();
		const numeric = await client.call('appointQualityTask', DOCUMENTED_APPOINT_BODY);
		expect(numeric.status).toBe(400);
		expect(numeric.json.resultDesc).toContain('qualityTaskId');
		expect(numeric.json.resultDesc).toContain('precision');

		const quoted = DOCUMENTED_APPOINT_BODY.replace('954645333549048833', '"954645333549048833"');
		expectFailure(await client.call('appointQualityTask', quoted), '0409001', 'no review task with id 954645333549048833');
		const id = await createTask(client);
		expectSuccess(await client.call('appointQualityTask', quoted.replace('954645333549048833', id)));
	});

	const appointBody = { qualityTaskId: '16239245027406915901', setCountsType: 1, isTakeEffect: 0, setCounts: [{ personID: INSPECTOR_A, count: 2 }] };
	it.each<[string, unknown, string]>([
		['setCountsType 2', { ...appointBody, setCountsType: 2 }, 'setCountsType'],
		['setCountsType "1"', { ...appointBody, setCountsType: '1' }, 'setCountsType'],
		['isTakeEffect 2', { ...appointBody, isTakeEffect: 2 }, 'isTakeEffect'],
		['isTakeEffect true', { ...appointBody, isTakeEffect: true }, 'isTakeEffect'],
		['a numeric personID', { ...appointBody, setCounts: [{ personID: 1600226476732482572, count: 2 }] }, 'setCounts[0].personID'],
		['a personID that is not digits', { ...appointBody, setCounts: [{ personID: 'alice', count: 2 }] }, 'setCounts[0].personID'],
		['a 9-digit count', { ...appointBody, setCounts: [{ personID: INSPECTOR_A, count: 123456789 }] }, 'setCounts[0].count'],
		['a count as a string', { ...appointBody, setCounts: [{ personID: INSPECTOR_A, count: '2' }] }, 'setCounts[0].count'],
		['a missing count', { ...appointBody, setCounts: [{ personID: INSPECTOR_A }] }, 'missing field setCounts[0].count'],
		['no inspectors', { ...appointBody, setCounts: [] }, 'setCounts'],
		['an unknown field', { ...appointBody, planCode: 'x' }, 'unknown field planCode'],
	])('appointQualityTask rejects %s with 400', async (_label, body, reason) => {
		const { client } = await start();
		await createTask(client);
		const answer = await client.call('appointQualityTask', body);
		expect(answer.status).toBe(400);
		expect(answer.json.resultDesc).toContain(reason);
	});

	it.each<[string, Record<string, unknown>, string]>([
		['type 1 as a number', { type: 1, reserveTime: '' }, 'type'],
		['type "3"', { type: '3', reserveTime: '' }, 'type'],
		['type "2" without reserveTime', { type: '2' }, 'reserveTime is required'],
		['type "2" with an empty reserveTime', { type: '2', reserveTime: '' }, 'reserveTime is required'],
		['type "2" with epoch seconds', { type: '2', reserveTime: '1700000000' }, 'reserveTime must be'],
		['type "2" with an ISO time', { type: '2', reserveTime: '2030-01-01T10:00:00' }, 'reserveTime must be'],
		['type "2" with an impossible date', { type: '2', reserveTime: '2030-02-30 10:00:00' }, 'reserveTime must be'],
		['a reserveTime number', { type: '2', reserveTime: 1893456000000 }, 'reserveTime'],
		['a numeric qualityTaskId', { type: '1', reserveTime: '', qualityTaskId: 16239245027406915901 }, 'precision'],
	])('takeEffectQualityTask rejects %s with 400', async (_label, fields, reason) => {
		const { client } = await start();
		const id = await createTask(client);
		const answer = await client.call('takeEffectQualityTask', { qualityTaskId: id, ...fields });
		expect(answer.status).toBe(400);
		expect(answer.json.resultDesc).toContain(reason);
	});

	it('takeEffectQualityTask accepts the documented type "1" with reserveTime "" and without reserveTime', async () => {
		const { mock, client } = await start();
		const first = await createTask(client);
		const second = await createTask(client);
		expectSuccess(await client.call('takeEffectQualityTask', `{"type":"1","qualityTaskId":"${first}","reserveTime":""}`));
		expectSuccess(await client.call('takeEffectQualityTask', { type: '1', qualityTaskId: second }));
		expect(mock.tasks().map((task) => task.status)).toEqual(['3', '3']);
		expectFailure(await takeEffect(client, '123'), '0409001', 'no review task');
	});

	it('terminate/delete accept the documented examples and fail with 0409001 for an unknown id', async () => {
		const { client } = await start();
		expectFailure(await client.call('terminateQualityTask', DOCUMENTED_TERMINATE_BODY), '0409001', '16239241148860783173');
		expectFailure(await client.call('deleteQualityTask', DOCUMENTED_DELETE_BODY), '0409001', '16239245027406915901');
		for (const kind of ['terminateQualityTask', 'deleteQualityTask'] as const) {
			for (const [body, reason] of [
				['{"qualityTaskId":16239241148860783173}', 'precision'],
				['{"qualityTaskId":"1623924114886078317a"}', 'qualityTaskId'],
				['{"qualityTaskId":"162392411488607831731"}', 'qualityTaskId'],
				['{}', 'missing field qualityTaskId'],
				['{"qualityTaskId":"1","force":true}', 'unknown field force'],
			]) {
				const answer = await client.call(kind, body);
				expect({ kind, body, status: answer.status }).toEqual({ kind, body, status: 400 });
				expect(answer.json.resultDesc).toContain(reason);
			}
			expect((await client.call(kind, DOCUMENTED_DELETE_BODY, { operator: null })).json.resultDesc).toContain('x-UserId');
		}
	});

	const { qualityTask: _qualityTask, ...taskWithoutName } = TASK;
	const updateBody = { ...TASK, qualityTask: { id: '16239245027406915901', planName: '234' } };
	const { qualityCondition: _qc, ...columnsWithoutCondition } = TASK.fixedColumns;
	it.each<[string, unknown, string]>([
		['no qualityTask.id', TASK, 'missing field qualityTask.id'],
		['a numeric qualityTask.id', { ...TASK, qualityTask: { id: 16239245027406915901, planName: '234' } }, 'precision'],
		['no qualityTask', taskWithoutName, 'missing field qualityTask'],
		['no qualityCondition (required here)', { ...updateBody, fixedColumns: columnsWithoutCondition }, 'missing field fixedColumns.qualityCondition'],
		['qualityNum as a number', { ...updateBody, fixedColumns: { ...TASK.fixedColumns, qualityNum: 100 } }, 'fixedColumns.qualityNum'],
		['startTimeMillis in milliseconds', { ...updateBody, startTimeMillis: 1683808058000 }, 'milliseconds'],
	])('updateQualityTask rejects %s with 400', async (_label, body, reason) => {
		const { client } = await start();
		await createTask(client);
		const answer = await client.call('updateQualityTask', body);
		expect(answer.status).toBe(400);
		expect(answer.json.resultDesc).toContain(reason);
	});
});

describe('queryQualityTask', () => {
	it('filters by creation window, plan name, status, creator and reviewer; pages with page/rows', async () => {
		const { mock, client } = await start();
		seedDocumentedWindow(mock, 2);
		const names = ['质检A', '质检B', '复核C', '质检D'];
		const ids = [];
		for (const name of names) ids.push(await createTask(client, { ...TASK, qualityTask: { planName: name } }));
		expectSuccess(await appoint(client, ids[1], 0, [{ personID: INSPECTOR_B, count: 1 }]));
		await client.call('createQualityTask', { ...TASK, qualityTask: { planName: '他人的任务' } }, { operator: '77' });

		expect((await query(client)).total).toBe(5);
		expect((await query(client, { fixedColumns: { planName: '质检' } })).data.map((t) => t.planName)).toEqual(['质检A', '质检B', '质检D']);
		expect((await query(client, { fixedColumns: { status: '1' } })).data.map((t) => t.id)).toEqual([ids[1]]);
		expect((await query(client, { fixedColumns: { creatOperator: '77' } })).data.map((t) => t.planName)).toEqual(['他人的任务']);
		expect((await query(client, { fixedColumns: { reviewingOfficer: INSPECTOR_B } })).data.map((t) => t.id)).toEqual([ids[1]]);
		expect((await query(client, { fixedColumns: { fileName: 'call-01' } })).total).toBe(5);
		expect((await query(client, { fixedColumns: { fileName: 'nope' } })).total).toBe(0);
		expect((await query(client, { startTimeMillis: NOW_S() + 60, endTimeMillis: NOW_S() + 120 })).total).toBe(0);
		expect((await query(client, { callStartTimeMillis: 1683808000, callEndTimeMillis: 1683900000 })).total).toBe(5);
		expect((await query(client, { callStartTimeMillis: 1683808059 })).total).toBe(0);

		const page2 = await query(client, { page: 2, rows: 2 });
		expect(page2.total).toBe(5);
		expect(page2.data.map((t) => t.planName)).toEqual(['复核C', '质检D']);
	});

	const { startTimeMillis: _start, ...withoutStart } = queryBody();
	const { currentRole: _role, ...withoutRole } = queryBody();
	it.each<[string, unknown, string]>([
		['a missing startTimeMillis', withoutStart, 'missing field startTimeMillis'],
		['a missing currentRole', withoutRole, 'missing field currentRole'],
		['startTimeMillis in milliseconds', queryBody({ startTimeMillis: Date.now() - 1000, endTimeMillis: Date.now() }), 'milliseconds'],
		['a window ending before it starts', queryBody({ startTimeMillis: 1683808058, endTimeMillis: 1683808057 }), 'endTimeMillis'],
		['page 0', queryBody({ page: 0 }), 'page'],
		['rows 101', queryBody({ rows: 101 }), 'rows'],
		['rows as a string', queryBody({ rows: '10' }), 'rows'],
		['a numeric userId', queryBody({ userId: 1611917095665261978 }), 'userId'],
		['fixedColumns.status as a number', queryBody({ fixedColumns: { status: 1 } }), 'fixedColumns.status'],
		['a 33-character planName filter', queryBody({ fixedColumns: { planName: 'x'.repeat(33) } }), 'fixedColumns.planName'],
		['an unknown filter', queryBody({ fixedColumns: { planId: 'x' } }), 'unknown field fixedColumns.planId'],
		['an unknown field', queryBody({ size: 10 }), 'unknown field size'],
	])('rejects %s with 400', async (_label, body, reason) => {
		const { client } = await start();
		const answer = await client.call('queryQualityTask', body);
		expect(answer.status).toBe(400);
		expect(answer.json.resultDesc).toContain(reason);
	});
});

describe('callsQualityTask and completeQualityTask: body rules', () => {
	it('an unknown planCode fails with 0409001 (the task id is not its planCode)', async () => {
		const { client } = await start();
		const id = await createTask(client);
		const answer = await client.call('callsQualityTask', { currentRole: 'qualityDirector', page: 1, rows: 10, fixedColumns: { planCode: id } });
		expectFailure(answer, '0409001', 'planCode');
	});

	it('filters by staff, file name, duration and pages', async () => {
		const { mock, client } = await start();
		seedDocumentedWindow(mock, 6);
		await createTask(client);
		const planCode = mock.tasks()[0].planCode;
		expect((await taskCalls(client, planCode, { staff: '3002' })).data.map((i) => i.calls[0].call_uuid)).toEqual(['call-01', 'call-03', 'call-05']);
		expect((await taskCalls(client, planCode, { fileName: 'call-04' })).total).toBe(1);
		expect((await taskCalls(client, planCode, { durationFrom: 32, durationTo: '33' })).data.map((i) => i.calls[0].duration)).toEqual([32, 33]);
		const page = await taskCalls(client, planCode, {}, { page: 2, rows: 4 });
		expect(page.total).toBe(6);
		expect(page.data.map((i) => i.calls[0].call_uuid)).toEqual(['call-04', 'call-05']);
	});

	const callsBody = { currentRole: 'qualityDirector', page: 1, rows: 10, fixedColumns: { planCode: 'QT202305110001' } };
	it.each<[string, unknown, string]>([
		['a missing planCode', { ...callsBody, fixedColumns: {} }, 'missing field fixedColumns.planCode'],
		['a missing fixedColumns', { currentRole: 'qualityDirector', page: 1, rows: 10 }, 'missing field fixedColumns'],
		['inspectStatus -1 as a number', { ...callsBody, fixedColumns: { planCode: 'x', inspectStatus: -1 } }, 'fixedColumns.inspectStatus'],
		['inspectStatus "2"', { ...callsBody, fixedColumns: { planCode: 'x', inspectStatus: '2' } }, 'fixedColumns.inspectStatus'],
		['reviewingStates "1"', { ...callsBody, fixedColumns: { planCode: 'x', reviewingStates: '1' } }, 'fixedColumns.reviewingStates'],
		['showReviewingOfficer "true"', { ...callsBody, fixedColumns: { planCode: 'x', showReviewingOfficer: 'true' } }, 'fixedColumns.showReviewingOfficer'],
		['durationFrom "abc"', { ...callsBody, fixedColumns: { planCode: 'x', durationFrom: 'abc' } }, 'fixedColumns.durationFrom'],
		['durationTo below durationFrom', { ...callsBody, fixedColumns: { planCode: 'x', durationFrom: 60, durationTo: 30 } }, 'fixedColumns.durationTo'],
		['rows 0', { ...callsBody, rows: 0 }, 'rows'],
		['an unknown filter', { ...callsBody, fixedColumns: { planCode: 'x', status: '1' } }, 'unknown field fixedColumns.status'],
	])('callsQualityTask rejects %s with 400', async (_label, body, reason) => {
		const { client } = await start();
		const answer = await client.call('callsQualityTask', body);
		expect(answer.status).toBe(400);
		expect(answer.json.resultDesc).toContain(reason);
	});

	const completeBody = { isGroup: false, callId: 'call-00', callGroupId: 'call-00', qualityTaskCallId: '1623924502741000001' };
	it.each<[string, unknown, string]>([
		['isGroup as a string', { ...completeBody, isGroup: 'false' }, 'isGroup'],
		['a numeric qualityTaskCallId', { ...completeBody, qualityTaskCallId: 1623924502741000001 }, 'precision'],
		['a numeric callId', { ...completeBody, callId: 5 }, 'callId'],
		['a missing callGroupId', { isGroup: false, callId: 'a', qualityTaskCallId: '1' }, 'missing field callGroupId'],
	])('completeQualityTask rejects %s with 400', async (_label, body, reason) => {
		const { client } = await start();
		const answer = await client.call('completeQualityTask', body);
		expect(answer.status).toBe(400);
		expect(answer.json.resultDesc).toContain(reason);
	});

	it('completeQualityTask fails (0409001, valid JSON) for an unknown call, the wrong callId or isGroup, and before the task is in effect', async () => {
		const { mock, client } = await start();
		seedDocumentedWindow(mock, 2);
		const id = await createTask(client);
		await appoint(client, id);
		const item = mock.tasks()[0].calls[0];
		const body = { isGroup: false, callId: item.call_uuid, callGroupId: item.callGroupId, qualityTaskCallId: item.qualityTaskCallId };
		expectFailure(await client.call('completeQualityTask', { ...body, qualityTaskCallId: '1' }), '0409001', 'no sampled call');
		expectFailure(await client.call('completeQualityTask', { ...body, callId: 'call-01' }), '0409001', 'callId');
		expectFailure(await client.call('completeQualityTask', { ...body, isGroup: true }), '0409001', 'isGroup');
		expectFailure(await client.call('completeQualityTask', body), '0409001', 'not in effect');
		await takeEffect(client, id);
		expect((await client.call('completeQualityTask', body)).text).toBe(COMPLETE_ANSWER);
	});
});

describe('scheduled sampling plans', () => {
	it('add answers exactly like the documented example; update, begin, stop, query and delete each show their step', async () => {
		const { mock, client } = await start();
		const added = await client.call('addRegularQualityTask', PLAN_ADD);
		expect(added.status).toBe(200);
		expect(added.text).toBe('{"resultCode":"0408000","objId":"16625163654676154791","resultDesc":"操作成功"}');
		const planId: string = added.json.objId;
		expect(mock.createdPlanIds).toEqual([planId]);

		const listPlans = async () => {
			const answer = await client.call('queryRegularQualityTask', { page: 1, rows: 10 });
			expect(answer.status).toBe(200);
			expect(answer.json).toMatchObject({ resultCode: '0408000', resultDesc: '操作成功' });
			return answer.json as { total: number; list: Record<string, any>[] };
		};
		expect(await listPlans()).toEqual({
			resultCode: '0408000', resultDesc: '操作成功', total: 1,
			list: [{
				qiqtId: planId, qiqtName: 'changetest082103', qiqtStatus: '1', qiqtCycleType: '1',
				nextExecutionTimeStr: '', qiqtExecutionTimes: 0, qiqtTotalTimes: 1, interactionType: '0',
			}],
		});

		// The documented update names a plan this mock does not have; with ours it succeeds.
		expectFailure(await client.call('updateRegularQualityTask', DOCUMENTED_PLAN_UPDATE_BODY), '0408001', '16925871657096773608');
		const updated = await client.call('updateRegularQualityTask', { ...PLAN_UPDATE, qiqtId: planId, qiqtName: 'renamed' });
		expect(updated.json).toEqual({ resultCode: '0408000', objId: planId, resultDesc: '操作成功' });
		expect((await listPlans()).list[0].qiqtName).toBe('renamed');

		expectSuccess(await client.call('beginRegularQualityTask', { regularQualityTaskId: planId }), '0408000');
		expect((await listPlans()).list[0].qiqtStatus).toBe('2');
		expectFailure(await client.call('beginRegularQualityTask', { regularQualityTaskId: planId }), '0408001', 'running already');
		expectSuccess(await client.call('stopRegularQualityTask', { regularQualityTaskId: planId }), '0408000');
		expect((await listPlans()).list[0].qiqtStatus).toBe('1');
		expectFailure(await client.call('stopRegularQualityTask', { regularQualityTaskId: planId }), '0408001', 'stopped already');

		expectSuccess(await client.call('deleteRegularQualityTask', { regularQualityTaskId: planId }), '0408000');
		expect(await listPlans()).toMatchObject({ total: 0, list: [] });
		expectFailure(await client.call('deleteRegularQualityTask', { regularQualityTaskId: planId }), '0408001', 'no sampling plan');
		expect(mock.plans()).toEqual([]);
	});

	it('a running plan shows its next execution on the tenant wall clock; pages with page/rows', async () => {
		const { mock, client } = await start({ tenantUtcOffsetMinutes: 480 });
		const startAt = NOW_S() + 3600;
		const cron = { qiqtCycleType: '2', qiqtStartTime: startAt, qiqtEndType: '1', qiqtTotalTimes: '3' };
		const ids = [];
		for (let i = 0; i < 3; i += 1) ids.push((await client.call('addRegularQualityTask', { ...PLAN_ADD, qiqtName: `plan${i}`, cronStructure: cron })).json.objId);
		await client.call('beginRegularQualityTask', { regularQualityTaskId: ids[0] });

		const expected = new Date((startAt + 480 * 60) * 1000).toISOString().slice(0, 19).replace('T', ' ');
		expect(mock.plans()[0]).toMatchObject({ qiqtStatus: '2', nextExecutionTimeStr: expected, creatOperator: MOCK_OPERATOR_ID });
		const page2 = (await client.call('queryRegularQualityTask', { page: 2, rows: 2 })).json;
		expect(page2.total).toBe(3);
		expect(page2.list.map((plan: { qiqtName: string }) => plan.qiqtName)).toEqual(['plan2']);
		expect(page2.list[0].qiqtTotalTimes).toBe(3);
	});

	it('unquotedIds writes objId and qiqtId as bare 20-digit literals', async () => {
		const { client } = await start({ unquotedIds: true });
		expect((await client.call('addRegularQualityTask', PLAN_ADD)).text).toContain('"objId":16625163654676154791');
		expect((await client.call('queryRegularQualityTask', { page: 1, rows: 10 })).text).toContain('"qiqtId":16625163654676154791');
	});

	const withCron = (cron: Record<string, unknown>) => ({ ...PLAN_ADD, cronStructure: { ...PLAN_ADD.cronStructure, ...cron } });
	const withColumns = (columns: Record<string, unknown>) => ({
		...PLAN_ADD, extractionRange: { ...PLAN_ADD.extractionRange, fixedColumns: { ...PLAN_ADD.extractionRange.fixedColumns, ...columns } },
	});
	const withAppoint = (appoint: Record<string, unknown>) => ({ ...PLAN_ADD, appointQuality: { ...PLAN_ADD.appointQuality, ...appoint } });
	const { qiqtTotalTimes: _total, ...cronWithoutTotal } = PLAN_ADD.cronStructure;
	const { qiqtEndTime: _end, ...cronWithoutEnd } = PLAN_ADD.cronStructure;
	const { appointQuality: _appoint, ...withoutAppoint } = PLAN_ADD;
	it.each<[string, unknown, string]>([
		['qiqtCycleType as a number', withCron({ qiqtCycleType: 1 }), 'cronStructure.qiqtCycleType'],
		['qiqtCycleType "4"', withCron({ qiqtCycleType: '4' }), 'cronStructure.qiqtCycleType'],
		['qiqtStartTime in milliseconds', withCron({ qiqtStartTime: 1692171720000, qiqtEndTime: 1692258120000 }), 'milliseconds'],
		['qiqtEndType 2 without qiqtEndTime', { ...PLAN_ADD, cronStructure: cronWithoutEnd }, 'qiqtEndTime is required'],
		['qiqtEndType 1 without qiqtTotalTimes', { ...PLAN_ADD, cronStructure: { ...cronWithoutTotal, qiqtEndType: '1' } }, 'qiqtTotalTimes is required'],
		['qiqtTotalTimes 0', withCron({ qiqtTotalTimes: 0 }), 'cronStructure.qiqtTotalTimes'],
		['an end before the start', withCron({ qiqtEndTime: 1692171719 }), 'cronStructure.qiqtEndTime must not be before'],
		['setCountsType 1', withAppoint({ setCountsType: 1 }), 'appointQuality.setCountsType'],
		['percentages that do not sum to 100', withAppoint({ setCountsType: 2, setCounts: [{ personID: INSPECTOR_A, count: 60 }, { personID: INSPECTOR_B, count: 30 }] }), 'sum to 100'],
		['a numeric personID', withAppoint({ setCounts: [{ personID: 1679888547924121791, count: 0 }] }), 'appointQuality.setCounts[0].personID'],
		['durationStart "abc"', withColumns({ durationStart: 'abc' }), 'extractionRange.fixedColumns.durationStart'],
		['qualityNum as a number', withColumns({ qualityNum: 100 }), 'extractionRange.fixedColumns.qualityNum'],
		['a missing appointQuality', withoutAppoint, 'missing field appointQuality'],
		['a qiqtId on add', { ...PLAN_ADD, qiqtId: '1' }, 'unknown field qiqtId'],
		['an unknown field', { ...PLAN_ADD, qiqtStatus: '2' }, 'unknown field qiqtStatus'],
	])('addQualityTask (plan) rejects %s with 400', async (_label, body, reason) => {
		const { mock, client } = await start();
		const answer = await client.call('addRegularQualityTask', body);
		expect(answer.status).toBe(400);
		expect(answer.json.resultDesc).toContain(reason);
		expect(mock.createdPlanIds).toEqual([]);
	});

	it('accepts percentages summing to 100 and milliseconds as strings', async () => {
		const { client } = await start();
		const body = {
			...withColumns({ durationStart: '1000', durationEnd: 600000 }),
			appointQuality: { setCountsType: 2, setCounts: [{ personID: INSPECTOR_A, count: 70 }, { personID: INSPECTOR_B, count: 30 }] },
		};
		expect((await client.call('addRegularQualityTask', body)).json.resultCode).toBe('0408000');
	});

	it('update needs qiqtId as a digit string; begin/stop/delete need regularQualityTaskId as a digit string', async () => {
		const { client } = await start();
		const { qiqtId: _id, ...withoutId } = PLAN_UPDATE;
		expect((await client.call('updateRegularQualityTask', withoutId)).json.resultDesc).toContain('missing field qiqtId');
		expect((await client.call('updateRegularQualityTask', { ...PLAN_UPDATE, qiqtId: 16925871657096773608 })).json.resultDesc).toContain('precision');
		for (const kind of ['beginRegularQualityTask', 'stopRegularQualityTask', 'deleteRegularQualityTask'] as const) {
			const numeric = await client.call(kind, '{"regularQualityTaskId":16625163654676154791}');
			expect(numeric.status).toBe(400);
			expect(numeric.json.resultDesc).toContain('precision');
			expect((await client.call(kind, {})).json.resultDesc).toContain('missing field regularQualityTaskId');
			expectFailure(await client.call(kind, { regularQualityTaskId: '16625163654676154791' }), '0408001', 'no sampling plan');
			expect((await client.call(kind, { regularQualityTaskId: '1' }, { operator: null })).json.resultDesc).toContain('x-UserId');
		}
	});

	it.each<[string, unknown, string]>([
		['a missing rows', { page: 1 }, 'missing field rows'],
		['rows 101', { page: 1, rows: 101 }, 'rows'],
		['page "1"', { page: '1', rows: 10 }, 'page'],
		['an unknown field', { page: 1, rows: 10, qiqtName: 'x' }, 'unknown field qiqtName'],
	])('queryQualityTask (plans) rejects %s with 400', async (_label, body, reason) => {
		const { client } = await start();
		const answer = await client.call('queryRegularQualityTask', body);
		expect(answer.status).toBe(400);
		expect(answer.json.resultDesc).toContain(reason);
	});
});

describe('control endpoints for tasks and plans', () => {
	it('GET /__mock/tasks and /__mock/plans list the state; /__mock/log lists created ids', async () => {
		const { mock, client } = await start({ controlEndpoints: true });
		const id = await createTask(client);
		await client.call('addRegularQualityTask', PLAN_ADD);
		const tasks = (await (await fetch(`${mock.url}/__mock/tasks`)).json()) as { tasks: { id: string; status: string }[] };
		expect(tasks.tasks).toMatchObject([{ id, status: '0' }]);
		const plans = (await (await fetch(`${mock.url}/__mock/plans`)).json()) as { plans: { qiqtId: string }[] };
		expect(plans.plans).toMatchObject([{ qiqtId: '16625163654676154791' }]);
		const log = (await (await fetch(`${mock.url}/__mock/log`)).json()) as { createdTaskIds: string[]; createdPlanIds: string[] };
		expect(log).toMatchObject({ createdTaskIds: [id], createdPlanIds: ['16625163654676154791'] });
	});
});
