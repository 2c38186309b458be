/**
 * HuaweiCecQualityTrigger's inspection-item events (New Appeal, New Problem Item, Appeal Status Changed)
 * through n8n-core's PollContext against the strict mock, the static data carried from poll to poll as
 * n8n stores it (see trigger.test.ts for the call events). Items are seeded between polls with
 * `mock.addItems`; appeals are decided between polls by running the node's Decide Appeal.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { CecMock, CecMockItem } from '../mock/cecMock';
import { credentialsFor, entriesOfKind, OPERATOR_ID, runAgainst, SK, startMock, TEST_TIMEOUT_MS } from './fixtures';
import { MAX_REMEMBERED_ITEMS } from '../../nodes/HuaweiCecQuality/helpers/itemEvents';
import { pollTrigger } from './harness';
import { useMock } from './shared/mock';
import { HANDLER, idsOf, itemOperation, itemState, ItemTrigger, itemTriggerParameters, LOOK_BACK_MINUTES } from './shared/inspectionItem';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

const ITEM_LIST_PATH = '/apiaccess/CCSQM/rest/ccisqm/v1/qualityitem/queryQualityItem';
const SEVEN_DAYS = 7 * 24 * 3600;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Runs the node's Decide Appeal on `appeal` (as a workflow between two polls would). */
async function decide(mock: CecMock, appeal: CecMockItem, decision: 'approve' | 'reject' | 'assign'): Promise<void> {
	const result = await runAgainst(mock, {
		parameters: itemOperation('decideAppeal', { itemId: appeal.id, callId: appeal.callId, decision, assignee: HANDLER, comment: `${decision}d` }),
		items: [{}],
	});
	expect(result.error).toBeUndefined();
}

/** Every queryQualityItem request of the polls: the documented body for `taskType`, the look-back window, the operator. */
function expectListRequests(mock: CecMock, taskType: '1' | '2', count: number): void {
	const lists = entriesOfKind(mock, 'queryQualityItem');
	expect(lists).toHaveLength(count);
	for (const entry of lists) {
		const body = entry.body as { startTimeMillis: number; endTimeMillis: number };
		expect(entry.path).toBe(ITEM_LIST_PATH);
		expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
		expect(entry.status).toBe(200);
		expect(entry.rawBody).toBe(
			`{"startTimeMillis":${body.startTimeMillis},"endTimeMillis":${body.endTimeMillis},"page":1,"rows":500,"fixedColumns":{"taskType":"${taskType}"}}`,
		);
		expect(body.endTimeMillis - body.startTimeMillis).toBe(LOOK_BACK_MINUTES * 60);
		expect(Math.abs(body.endTimeMillis - entry.startedAt / 1000)).toBeLessThan(60);
	}
}

const statusChanges = (items: INodeExecutionData[]) => items.map((item) => [item.json.id, item.json.previousStatus, item.json.taskStatus]);

describe('Huawei CEC Quality Trigger: inspection-item events', () => {
	let mock: CecMock;

	beforeEach(async () => {
		mock = await startMock();
	});
	afterEach(async () => {
		await mock.close();
	});

	it('New Appeal, four polls: the first only seeds; then each new appeal exactly once, in list order; problems and old appeals never', async () => {
		const now = nowSeconds();
		const [before, problem] = mock.addItems([
			{ type: 'appeal', createTime: now - 300 }, // there before the trigger was active
			{ type: 'problem', createTime: now - 200 },
			{ type: 'appeal', createTime: now - 2 * 3600 }, // created before the look-back window
		]);
		const trigger = new ItemTrigger(mock, itemTriggerParameters('newAppeal'));

		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.response).toBeNull();
		expect(first.staticDataChanged).toBe(true);
		expect(trigger.remembered()).toEqual([before.id]);

		// Between polls 1 and 2: two appeals and a problem arrive.
		const [b, , c] = mock.addItems([{ type: 'appeal', createTime: nowSeconds() - 20 }, { type: 'problem' }, { type: 'appeal' }]);
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		expect(idsOf(second.items)).toEqual([b.id, c.id]);

		// Between polls 2 and 3: b is decided (a status change is no new appeal), d arrives.
		await decide(mock, b, 'approve');
		const [d] = mock.addItems([{ type: 'appeal' }]);
		const third = await trigger.poll();
		expect(third.error).toBeUndefined();
		expect(idsOf(third.items)).toEqual([d.id]);

		const fourth = await trigger.poll();
		expect(fourth.error).toBeUndefined();
		expect(fourth.response).toBeNull();

		// None twice, none missed, no problem: exactly the appeals that arrived while the trigger was active.
		expect(trigger.emitted()).toEqual([b.id, c.id, d.id]);
		expect(trigger.remembered().sort()).toEqual([before.id, b.id, c.id, d.id].sort());
		for (const list of entriesOfKind(mock, 'queryQualityItem')) expect(list.response).not.toContain(problem.id);

		// The items: the list entries as the API gives them, ids as text.
		expect(second.items[0].json).toMatchObject({ id: b.id, taskType: '2', taskTypeName: '申诉', taskStatus: 21, taskTypeText: 'Appeal', taskStatusText: 'Reviewing', callId: b.callId, agentUserId: b.agentUserId });
		expect(third.items[0].json).not.toHaveProperty('previousStatus');
		expectListRequests(mock, '2', 4);
		// One token for all four polls (the node's Decide Appeal run has its own credential row).
		expect(trigger.store?.read().accessToken).toBe(mock.issuedTokens[0]);
	});

	it('New Problem Item: the first poll seeds, then each new problem once; appeals never', async () => {
		const [seen] = mock.addItems([{ type: 'problem', createTime: nowSeconds() - 60 }, { type: 'appeal' }]);
		const trigger = new ItemTrigger(mock, itemTriggerParameters('newProblem'));
		expect((await trigger.poll()).response).toBeNull();
		expect(trigger.remembered()).toEqual([seen.id]);

		const [p1, , p2] = mock.addItems([{ type: 'problem' }, { type: 'appeal' }, { type: 'problem', status: 27 }]);
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		expect(idsOf(second.items)).toEqual([p1.id, p2.id]);
		expect(second.items.map((item) => [item.json.taskType, item.json.taskStatus])).toEqual([
			['1', 24],
			['1', 27],
		]);
		expect(second.items.map((item) => [item.json.taskTypeText, item.json.taskStatusText])).toEqual([
			['Problem', 'Handling'],
			['Problem', 'Verifying'],
		]);

		const [p3] = mock.addItems([{ type: 'problem' }]);
		const third = await trigger.poll();
		expect(idsOf(third.items)).toEqual([p3.id]);
		expect((await trigger.poll()).response).toBeNull();
		expect(trigger.emitted()).toEqual([p1.id, p2.id, p3.id]);
		expectListRequests(mock, '1', 4);
	});

	it('Appeal Status Changed: emits an appeal once per change, with previousStatus, after it is decided; new appeals and problems are no change', async () => {
		const [a, b, c] = mock.addItems([{ type: 'appeal' }, { type: 'appeal' }, { type: 'appeal' }, { type: 'problem' }]);
		const trigger = new ItemTrigger(mock, itemTriggerParameters('appealStatusChanged'));
		expect((await trigger.poll()).response).toBeNull();
		expect(trigger.remembered().sort()).toEqual([a.id, b.id, c.id].sort());

		// Nothing decided yet; a new appeal arrives: no event.
		const [n] = mock.addItems([{ type: 'appeal' }]);
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		expect(second.response).toBeNull();

		// a approved (21 → 22, closed), b assigned (21 → 24, with the assignee).
		await decide(mock, a, 'approve');
		await decide(mock, b, 'assign');
		expect(itemState(mock, a.id).status).toBe(22);
		expect(itemState(mock, b.id)).toMatchObject({ status: 24, handlerUserId: HANDLER });
		const third = await trigger.poll();
		expect(third.error).toBeUndefined();
		expect(statusChanges(third.items)).toEqual([
			[a.id, '21', 22],
			[b.id, '21', 24],
		]);
		expect(third.items[0].json).toMatchObject({ taskType: '2', taskStatusName: '已关闭', callId: a.callId });
		// The codes in words, as Get Many gives them, and the previous status too.
		expect(third.items.map((item) => [item.json.taskStatusText, item.json.previousStatusText])).toEqual([
			['Closed', 'Reviewing'],
			['Handling', 'Reviewing'],
		]);

		// No change since: nothing, though a and b are still listed.
		const fourth = await trigger.poll();
		expect(fourth.response).toBeNull();
		expect(entriesOfKind(mock, 'queryQualityItem').at(-1)?.response).toContain(a.id);

		// b decided by its new handler's supervisor (24 → 22); n rejected (21 → 22); deciding a again is refused: no change.
		await decide(mock, b, 'approve');
		await decide(mock, n, 'reject');
		const refused = await runAgainst(mock, { parameters: itemOperation('decideAppeal', { itemId: a.id, callId: a.callId, decision: 'reject' }), items: [{}] });
		expect(refused.error?.message).toMatch(/is closed: it was decided already/);
		const fifth = await trigger.poll();
		expect(statusChanges(fifth.items)).toEqual([
			[b.id, '24', 22],
			[n.id, '21', 22],
		]);
		expect((await trigger.poll()).response).toBeNull();

		// Over six polls: each change once, c (never decided) never.
		const all = trigger.results.flatMap((result) => statusChanges(result.items));
		expect(all).toEqual([
			[a.id, '21', 22],
			[b.id, '21', 24],
			[b.id, '24', 22],
			[n.id, '21', 22],
		]);
		expect(trigger.emitted()).not.toContain(c.id);
		expectListRequests(mock, '2', 6);
	});

	it('more appeals in the window than a page (500): every page read, the new ones emitted once', async () => {
		const now = nowSeconds();
		mock.addItems(Array.from({ length: 501 }, (_, i) => ({ type: 'appeal' as const, createTime: now - 600 + i })));
		const trigger = new ItemTrigger(mock, itemTriggerParameters('newAppeal'));
		expect((await trigger.poll()).response).toBeNull();
		expect(trigger.remembered()).toHaveLength(501);

		const fresh = mock.addItems([{ type: 'appeal' }, { type: 'appeal' }]);
		const second = await trigger.poll();
		expect(idsOf(second.items)).toEqual(fresh.map((item) => item.id));
		expect(entriesOfKind(mock, 'queryQualityItem').map((entry) => (entry.body as IDataObject).page)).toEqual([1, 2, 1, 2]);
		expect((await trigger.poll()).response).toBeNull();
	});

	it('a poll that fails changes no memory: what it would have emitted comes with the next poll, once; no secret in its error', async () => {
		const trigger = new ItemTrigger(mock, itemTriggerParameters('newAppeal'));
		expect((await trigger.poll()).response).toBeNull();
		const seeded = structuredClone(trigger.staticData);
		const [fresh] = mock.addItems([{ type: 'appeal' }]);

		mock.inject({ kind: 'queryQualityItem', status: 400, body: JSON.stringify({ resultCode: '0409400', resultDesc: `bad key ${SK}` }) });
		const failing = await trigger.poll();
		expect(failing.error?.message).toMatch(/queryQualityItem failed with HTTP 400/);
		expect(failing.error?.message).not.toContain(SK);
		expect(failing.staticDataChanged).toBe(false);
		expect(trigger.staticData).toEqual(seeded);

		const next = await trigger.poll();
		expect(next.error).toBeUndefined();
		expect(idsOf(next.items)).toEqual([fresh.id]);
		expect((await trigger.poll()).response).toBeNull();
		expect(trigger.emitted()).toEqual([fresh.id]);
	});

	describe('Look Back, by event (left at its default)', () => {
		const windowOf = (entry: { body: unknown }) => {
			const body = entry.body as { startTimeMillis: number; endTimeMillis: number };
			return body.endTimeMillis - body.startTimeMillis;
		};

		it('Appeal Status Changed looks back a week: the decision on an appeal filed three days ago is caught', async () => {
			const [old] = mock.addItems([{ type: 'appeal', createTime: nowSeconds() - 3 * 24 * 3600 }]);
			const trigger = new ItemTrigger(mock, { event: 'appealStatusChanged', operatorUserId: OPERATOR_ID });
			expect((await trigger.poll()).response).toBeNull();
			expect(trigger.remembered()).toEqual([old.id]);
			await decide(mock, old, 'approve');
			const second = await trigger.poll();
			expect(second.error).toBeUndefined();
			expect(statusChanges(second.items)).toEqual([[old.id, '21', 22]]);
			expect(entriesOfKind(mock, 'queryQualityItem').map(windowOf)).toEqual([SEVEN_DAYS, SEVEN_DAYS]);
		});

		it('New Appeal and New Problem Item look back two hours, as the call events do', async () => {
			for (const event of ['newAppeal', 'newProblem']) {
				mock.resetLog();
				expect((await new ItemTrigger(mock, { event, operatorUserId: OPERATOR_ID }).poll()).error).toBeUndefined();
				expect(entriesOfKind(mock, 'queryQualityItem').map(windowOf)).toEqual([2 * 3600]);
			}
		});

		it('each event has its own bound: 30 days for Appeal Status Changed, 7 for the new items; beyond it nothing is sent', async () => {
			const refused = async (event: string, lookBackMinutes: number) =>
				(await pollTrigger({ parameters: itemTriggerParameters(event, { lookBackMinutes }), credentials: credentialsFor(mock) })).error?.message;
			expect(await refused('appealStatusChanged', 30 * 24 * 60 + 1)).toMatch(/^Invalid "Look Back \(Minutes\)" \(lookBackMinutes\): got 43201; must be .*43200/);
			expect(await refused('newAppeal', 7 * 24 * 60 + 1)).toMatch(/^Invalid "Look Back \(Minutes\)" \(lookBackMinutes\): got 10081; must be .*10080/);
			expect(entriesOfKind(mock, 'queryQualityItem')).toEqual([]);
			const allowed = await pollTrigger({ parameters: itemTriggerParameters('appealStatusChanged', { lookBackMinutes: 30 * 24 * 60 }), credentials: credentialsFor(mock) });
			expect(allowed.error).toBeUndefined();
			expect(entriesOfKind(mock, 'queryQualityItem').map(windowOf)).toEqual([30 * 24 * 3600]);
		});
	});

	describe('Fetch Test Event (manual)', () => {
		it('returns one listed item of the last seven days, reads one row, and leaves the memory as it was', async () => {
			const now = nowSeconds();
			const [oldest] = mock.addItems([
				{ type: 'appeal', createTime: now - 3 * 24 * 3600 },
				{ type: 'appeal', createTime: now - 60 },
				{ type: 'problem', createTime: now - 30 },
			]);
			const trigger = new ItemTrigger(mock, itemTriggerParameters('newAppeal'));
			await trigger.poll();
			const remembered = structuredClone(trigger.staticData);
			mock.resetLog();

			const manual = await trigger.poll('manual');
			expect(manual.error).toBeUndefined();
			// The mock lists oldest first, and the list carries no time the trigger reads: the first listed one.
			expect(idsOf(manual.items)).toEqual([oldest.id]);
			expect(manual.items[0].json).toMatchObject({ taskTypeText: 'Appeal', taskStatusText: 'Reviewing' });
			expect(manual.staticDataChanged).toBe(false);
			expect(trigger.staticData).toEqual(remembered);
			const [list] = entriesOfKind(mock, 'queryQualityItem');
			const body = list.body as { startTimeMillis: number; endTimeMillis: number; rows: number; page: number };
			expect(body.endTimeMillis - body.startTimeMillis).toBe(SEVEN_DAYS);
			expect(body).toMatchObject({ page: 1, rows: 1, fixedColumns: { taskType: '2' } });

			// The active trigger still emits only what is new.
			const [fresh] = mock.addItems([{ type: 'appeal' }]);
			expect(idsOf((await trigger.poll()).items)).toEqual([fresh.id]);
		});

		it('with no item of the event: nothing (null), nothing remembered', async () => {
			mock.addItems([{ type: 'problem' }]);
			const result = await pollTrigger({ parameters: itemTriggerParameters('appealStatusChanged'), credentials: credentialsFor(mock), mode: 'manual' });
			expect(result.error).toBeUndefined();
			expect(result.response).toBeNull();
			expect(result.staticDataChanged).toBe(false);
			expect(result.nodeStaticData).toEqual({});
		});
	});
});

describe('Huawei CEC Quality Trigger: more appeals in the window than it remembers', () => {
	const mock = useMock({}, { resetLog: false });

	// More appeals in the window than the memory's bound: an appeal the bound made it forget while still
	// listed must come back neither as new nor silently (losing its status change).
	it('cap + 1 appeals: no old appeal comes back as new, and the status change of the oldest is caught', async () => {
		const count = MAX_REMEMBERED_ITEMS + 1;
		const lookBackMinutes = Math.ceil((count + 600) / 60);
		const oldest = nowSeconds() - count - 300;
		const appeals = mock.addItems(Array.from({ length: count }, (_, i) => ({ type: 'appeal' as const, createTime: oldest + i, hits: [] })));
		const newAppeal = new ItemTrigger(mock, itemTriggerParameters('newAppeal', { lookBackMinutes }));
		const statusChanged = new ItemTrigger(mock, itemTriggerParameters('appealStatusChanged', { lookBackMinutes }));

		for (const trigger of [newAppeal, statusChanged]) {
			const first = await trigger.poll();
			expect(first.error).toBeUndefined();
			expect(first.response).toBeNull();
		}
		await decide(mock, appeals[0], 'approve');

		const second = { new: await newAppeal.poll(), changed: await statusChanged.poll() };
		const third = { new: await newAppeal.poll(), changed: await statusChanged.poll() };
		for (const result of [second.new, second.changed, third.new, third.changed]) expect(result.error).toBeUndefined();
		// Before the fix: { second: [appeals[0].id], third: [appeals[1].id], changed: [] } — a stream of old appeals as new, the change lost.
		expect({ second: idsOf(second.new.items), third: idsOf(third.new.items), changed: statusChanges([...second.changed.items, ...third.changed.items]) }).toEqual({
			second: [],
			third: [],
			changed: [[appeals[0].id, '21', 22]],
		});
	}, 180_000);
});
