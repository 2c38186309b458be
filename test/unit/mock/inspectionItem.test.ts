/**
 * Tests of the CEC mock's inspection items and appeals (spec §5.5, test/mock/routes/inspectionItem.js):
 * each API's body rules, and the state a seeded item keeps — a decided appeal is closed, a correction
 * and a reassignment are recorded.
 */
import { MOCK_OPERATOR_ID } from '../../mock/cecMockClient';
import { useMocks } from './startMock';

const start = useMocks();

const NOW_S = () => Math.floor(Date.now() / 1000);
const SUPERVISOR = '1600226476732482999';
const listBody = (extra: Record<string, unknown> = {}) => ({ startTimeMillis: NOW_S() - 3600, endTimeMillis: NOW_S() + 60, page: 1, rows: 100, ...extra });

function expectSuccess(answer: { status: number; json: any }) {
	expect(answer.status).toBe(200);
	expect(answer.json).toMatchObject({ resultCode: '0409000', resultDesc: '操作成功' });
}
function expectFailure(answer: { status: number; json: any }, reason: string) {
	expect(answer.status).toBe(200);
	expect(answer.json.resultCode).toBe('0409001');
	expect(answer.json.resultDesc).toContain(reason);
}

describe('queryQualityItem', () => {
	it('lists seeded items in their createTime window, oldest first, with type and status as codes and names', async () => {
		const { mock, client } = await start();
		const [old, appeal, problem] = mock.addItems([
			{ type: 'problem', createTime: NOW_S() - 7200 },
			{ type: 'appeal', createTime: NOW_S() - 120, agentUserId: '1600226476732482001' },
			{ type: 'problem', createTime: NOW_S() - 60, agentUserId: '1600226476732482002' },
		]);
		const answer = await client.call('queryQualityItem', listBody());
		expectSuccess(answer);
		expect(answer.json).toMatchObject({ total: 2, pages: 1 });
		expect(answer.json.data.map((entry: { id: string }) => entry.id)).toEqual([appeal.id, problem.id]);
		expect(answer.json.data[0]).toMatchObject({ taskType: '2', taskTypeName: '申诉', taskStatus: 21, taskStatusName: '审核中', callId: appeal.callId });
		expect(answer.json.data[1]).toMatchObject({ taskType: '1', taskStatus: 24 });
		expect(answer.text).not.toContain(old.id);
	});

	it('filters by type, status, agent and inspector, and pages by rows', async () => {
		const { mock, client } = await start();
		const items = mock.addItems([
			{ type: 'appeal', agentUserId: '11', inspectorUserId: '21' },
			{ type: 'appeal', agentUserId: '12', inspectorUserId: '21', status: 22 },
			{ type: 'problem', agentUserId: '11', inspectorUserId: '22' },
		]);
		const ids = async (columns: Record<string, unknown>, paging = {}) =>
			((await client.call('queryQualityItem', listBody({ fixedColumns: columns, ...paging }))).json.data as { id: string }[]).map((entry) => entry.id);
		expect(await ids({ taskType: '2' })).toEqual([items[0].id, items[1].id]);
		expect(await ids({ taskStatus: 22 })).toEqual([items[1].id]);
		expect(await ids({ agentUserIds: ['11'] })).toEqual([items[0].id, items[2].id]);
		expect(await ids({ qualityUserIds: ['22'] })).toEqual([items[2].id]);
		expect(await ids({}, { page: 2, rows: 2 })).toEqual([items[2].id]);
		const paged = await client.call('queryQualityItem', listBody({ rows: 2 }));
		expect(paged.json).toMatchObject({ total: 3, pages: 2 });
	});

	it('rejects a missing window, a reversed window, a numeric taskType, a string taskStatus and rows above 1,000,000', async () => {
		const { client } = await start();
		const rejected = [
			[{ page: 1, rows: 10 }, 'startTimeMillis'],
			[listBody({ startTimeMillis: NOW_S(), endTimeMillis: NOW_S() - 10 }), 'endTimeMillis'],
			[listBody({ fixedColumns: { taskType: 2 } }), 'taskType'],
			[listBody({ fixedColumns: { taskStatus: '21' } }), 'taskStatus'],
			[listBody({ fixedColumns: { taskStatus: 23 } }), 'taskStatus'],
			[listBody({ rows: 1000001 }), 'rows'],
		] as const;
		for (const [body, field] of rejected) {
			const answer = await client.call('queryQualityItem', body);
			expect({ field, status: answer.status }).toEqual({ field, status: 400 });
			expect(answer.json.resultDesc).toContain(field);
		}
	});
});

describe('queryQualityItemDetail and queryQualityItemResult', () => {
	it('answer an item\'s rule hits (reviseId = the rule id) and its scores; an unknown item is a failure', async () => {
		const { mock, client } = await start();
		const [item] = mock.addItems([{ type: 'appeal', callId: 'call-7', hits: [{ ruleId: '967510375224315904', ruleName: 'Greeting', type: 10 }, { type: 60 }], automaticScore: 81 }]);
		const detail = await client.call('queryQualityItemDetail', { qualityItemId: item.id });
		expectSuccess(detail);
		expect(detail.json).toMatchObject({ agentIsNull: false, qualityItem: { callId: 'call-7', taskType: 2 } });
		expect(detail.json.qualityItemRuleHit).toHaveLength(2);
		expect(detail.json.qualityItemRuleHit[0]).toMatchObject({ ruleId: '967510375224315904', reviseId: '967510375224315904', ruleName: 'Greeting', type: 10, valid: 0, revise: -1, callId: 'call-7' });
		expect(detail.json.qualityItemRuleHit[1]).toMatchObject({ type: 60 });
		const result = await client.call('queryQualityItemResult', { qualityId: item.id });
		expectSuccess(result);
		expect(result.json).toMatchObject({ automaticScore: 81, manuallyScore: 0, ruleGroupName: '业务场景1' });
		expectFailure(await client.call('queryQualityItemDetail', { qualityItemId: '1623924502742999999' }), 'no inspection item');
	});

	it('take the id as a JSON string of digits only (the ruling on ids): a bare number is refused, it loses precision', async () => {
		const { mock, client } = await start();
		const [item] = mock.addItems([{}]);
		expectSuccess(await client.call('queryQualityItemDetail', `{"qualityItemId":"${item.id}"}`));
		const numeric = await client.call('queryQualityItemDetail', `{"qualityItemId":${item.id}}`);
		expect(numeric.status).toBe(400);
		expect(numeric.json.resultDesc).toContain('precision');
		for (const bad of [{}, { qualityItemId: 'abc' }, { qualityItemId: item.id, extra: 1 }]) {
			expect((await client.call('queryQualityItemDetail', bad)).status).toBe(400);
		}
		expect((await client.call('queryQualityItemResult', { qualityItemId: item.id })).status).toBe(400);
	});
});

describe('appealItem', () => {
	it('approve closes an appeal, with the comment (`coment`) and the operator recorded; deciding it again is refused', async () => {
		const { mock, client } = await start();
		const [appeal] = mock.addItems([{ type: 'appeal', callId: 'call-1' }]);
		const body = { auditOperation: 'pass', taskInfoId: appeal.id, callId: 'call-1', coment: 'Agent was right', role: 'qualityDirector' };
		expectSuccess(await client.call('appealItem', body, { operator: SUPERVISOR }));
		expect(mock.items()[0]).toMatchObject({ status: 22, decisions: [{ auditOperation: 'pass', comment: 'Agent was right', role: 'qualityDirector', by: SUPERVISOR }] });
		expectFailure(await client.call('appealItem', { ...body, auditOperation: 'back' }), 'closed');
		expect(mock.items()[0].decisions).toHaveLength(1);
	});

	it('assign hands an appeal to the assignee and keeps it open; a later reject closes it', async () => {
		const { mock, client } = await start();
		const [appeal] = mock.addItems([{ type: 'appeal' }]);
		expectSuccess(await client.call('appealItem', { auditOperation: 'assign', taskInfoId: appeal.id, assignee: SUPERVISOR }));
		expect(mock.items()[0]).toMatchObject({ status: 24, handlerUserId: SUPERVISOR });
		expectSuccess(await client.call('appealItem', { auditOperation: 'back', taskInfoId: appeal.id, coment: '' }));
		expect(mock.items()[0].status).toBe(22);
	});

	it('refuses a problem item, another call\'s callId, and an unknown item; rejects a bad operation, the correct spelling `comment`, and assign without an assignee', async () => {
		const { mock, client } = await start();
		const [appeal, problem] = mock.addItems([{ type: 'appeal', callId: 'call-1' }, { type: 'problem' }]);
		expectFailure(await client.call('appealItem', { auditOperation: 'pass', taskInfoId: problem.id }), 'not an appeal');
		expectFailure(await client.call('appealItem', { auditOperation: 'pass', taskInfoId: appeal.id, callId: 'call-2' }), 'call-1');
		expectFailure(await client.call('appealItem', { auditOperation: 'pass', taskInfoId: '1623924502742999999' }), 'no inspection item');
		const rejected = [
			[{ auditOperation: 'approve', taskInfoId: appeal.id }, 'auditOperation'],
			[{ auditOperation: 'pass', taskInfoId: appeal.id, comment: 'x' }, 'comment'],
			[{ auditOperation: 'assign', taskInfoId: appeal.id }, 'assignee'],
			[{ auditOperation: 'pass', taskInfoId: appeal.id, role: 'boss' }, 'role'],
			[{ auditOperation: 'pass' }, 'taskInfoId'],
		] as const;
		for (const [body, field] of rejected) {
			const answer = await client.call('appealItem', body);
			expect({ field, status: answer.status }).toEqual({ field, status: 400 });
			expect(answer.json.resultDesc).toContain(field);
		}
		expect(mock.items().map((item) => item.status)).toEqual([21, 24]);
	});

	it('needs the x-UserId header', async () => {
		const { mock, client } = await start();
		const [appeal] = mock.addItems([{ type: 'appeal' }]);
		const answer = await client.call('appealItem', { auditOperation: 'pass', taskInfoId: appeal.id }, { operator: null });
		expect(answer.status).toBe(400);
		expect(answer.json.resultDesc).toContain('x-UserId');
		expect(mock.items()[0].status).toBe(21);
	});
});

describe('modifyQualityItemResult', () => {
	it('changes a hit\'s verdict by its reviseId and records the correction; the item type must match', async () => {
		const { mock, client } = await start();
		const [item] = mock.addItems([{ type: 'problem', hits: [{ ruleId: '967510375224315905' }] }]);
		const body = { isGroup: false, qualityItemId: item.id, qualityItemType: 1, ruleInfo: { reviseId: '967510375224315905', revise: 1, description: 'Greeting was given' } };
		expectSuccess(await client.call('modifyQualityItemResult', body));
		expect(mock.items()[0].hits[0]).toMatchObject({ revise: 1, description: 'Greeting was given' });
		expect(mock.items()[0].corrections).toEqual([{ reviseId: '967510375224315905', revise: 1, description: 'Greeting was given' }]);
		expectFailure(await client.call('modifyQualityItemResult', { ...body, qualityItemType: 2 }), 'type');
		expectFailure(await client.call('modifyQualityItemResult', { ...body, ruleInfo: { ...body.ruleInfo, reviseId: '1' } }), 'no rule hit');
		expect((await client.call('modifyQualityItemResult', { ...body, ruleInfo: { reviseId: '967510375224315905', revise: 2 } })).status).toBe(400);
		expect((await client.call('modifyQualityItemResult', { ...body, qualityItemType: '1' })).status).toBe(400);
	});
});

describe('reassginQualityTask (sic)', () => {
	it('hands an item to a new handler and records it; a closed item is refused; item and handler are required', async () => {
		const { mock, client } = await start();
		const [open, closed] = mock.addItems([{ type: 'problem' }, { type: 'appeal', status: 22 }]);
		expectSuccess(await client.call('reassginQualityTask', { handler: SUPERVISOR, qualityTaskInfoId: open.id, role: 'qualityGroupLeader' }));
		expect(mock.items()[0]).toMatchObject({ handlerUserId: SUPERVISOR, reassignments: [{ handler: SUPERVISOR, role: 'qualityGroupLeader', by: MOCK_OPERATOR_ID }] });
		expectFailure(await client.call('reassginQualityTask', { handler: SUPERVISOR, qualityTaskInfoId: closed.id }), 'closed');
		for (const body of [{ handler: SUPERVISOR }, { qualityTaskInfoId: open.id }, { handler: 'boss', qualityTaskInfoId: open.id }]) {
			expect((await client.call('reassginQualityTask', body)).status).toBe(400);
		}
	});
});

describe('seeding items', () => {
	it('POST /__mock/items seeds, GET lists; a bad seed is a 400 naming the problem and adds nothing', async () => {
		const { mock } = await start({ controlEndpoints: true });
		const post = (body: unknown) => fetch(`${mock.url}/__mock/items`, { method: 'POST', body: JSON.stringify(body) });
		const added = await post({ items: [{ type: 'appeal' }] });
		expect(added.status).toBe(200);
		const { items } = (await added.json()) as { items: { id: string; type: string }[] };
		expect(items).toMatchObject([{ type: 'appeal' }]);
		const bad = await post({ items: [{ type: 'appeal' }, { type: 'question' }] });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: string }).error).toContain('"problem" or "appeal"');
		const listed = (await (await fetch(`${mock.url}/__mock/items`)).json()) as { items: { id: string }[] };
		expect(listed.items.map((item) => item.id)).toEqual([items[0].id]);
	});
});
