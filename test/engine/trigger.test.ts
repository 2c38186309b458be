/**
 * HuaweiCecQualityTrigger through n8n-core's PollContext and TriggersAndPollers against the strict
 * mock over real HTTP. The workflow's static data (the trigger's memory) goes from poll to poll as
 * n8n stores it: a JSON copy, saved only when the poll changed it. Calls appear between polls with
 * status timelines, so a call uploaded before a poll and finished after it must be caught later.
 */
import { NodeOperationError, type IDataObject, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import type { CecMock, CecMockCall, CecMockCallSeed } from '../mock/cecMock';
import {
	DETAILS_PATH,
	FINAL_FAILURE_STATUSES,
	OPERATOR_ID,
	SK,
	TEST_TIMEOUT_MS,
	credentialsFor,
	entriesOfKind,
	expectNoSecrets,
	runAgainst,
	startMock,
} from './fixtures';
import { ALL_STATUSES } from '../../nodes/HuaweiCecQuality/helpers/callStatus';
import { LATE_LISTING_SECONDS, MAX_REMEMBERED_CALLS, NOT_FINAL_STATUSES, callKey } from '../../nodes/HuaweiCecQuality/helpers/callHorizon';
import { pollTrigger, type CredentialStore, type PollTriggerResult } from './harness';
import { useMock } from './shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS);

const LOOK_BACK_MINUTES = 60;
const SEVEN_DAYS = 7 * 24 * 3600;

const triggerParameters = (extra: INodeParameters = {}): INodeParameters => ({
	event: 'done',
	operatorUserId: OPERATOR_ID,
	lookBackMinutes: LOOK_BACK_MINUTES,
	...extra,
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const uuidsOf = (items: INodeExecutionData[]) => items.map((item) => item.json.call_uuid);
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (generously bounded) until the mock reports the call in `status`. */
async function untilStatus(mock: CecMock, call: CecMockCall, status: number): Promise<void> {
	const giveUpAt = Date.now() + 15_000;
	for (;;) {
		if (mock.calls().find((c) => c.call_uuid === call.call_uuid)?.status === status) return;
		if (Date.now() > giveUpAt) throw new Error(`call ${call.call_uuid} never reached status ${status}`);
		await sleep(25);
	}
}

/** The call_uuids the mock listed in its answer to one appraisecall/details request. */
function listedIn(response: string): string[] {
	const answer = JSON.parse(response) as { data: Array<{ calls: Array<{ call_uuid: string }> }> };
	return answer.data.flatMap((group) => group.calls.map((call) => call.call_uuid));
}

/** A chain of polls of one active trigger: static data and the credential row carried over. */
class ActiveTrigger {
	staticData: IDataObject | undefined;
	store: CredentialStore | undefined;
	readonly results: PollTriggerResult[] = [];

	constructor(
		private readonly mock: CecMock,
		private readonly parameters: INodeParameters,
	) {}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollTriggerResult> {
		const result = await pollTrigger({
			parameters: this.parameters,
			credentials: credentialsFor(this.mock),
			store: this.store,
			staticData: this.staticData,
			mode,
		});
		this.store = result.store;
		this.staticData = result.staticData;
		this.results.push(result);
		expectNoSecrets(this.mock, { items: result.items, error: result.error && { message: result.error.message, description: (result.error as NodeOperationError).description } });
		return result;
	}

	/** Every call_uuid emitted by the trigger-mode polls so far, in emission order. */
	emitted(): unknown[] {
		return this.results.flatMap((result) => uuidsOf(result.items));
	}
}

describe('Huawei CEC Quality Trigger', () => {
	let mock: CecMock;

	beforeEach(async () => {
		mock = await startMock();
	});
	afterEach(async () => {
		await mock.close();
	});

	it('four polls: the first only seeds, then every newly finished call exactly once, late finishers caught', async () => {
		const now = nowSeconds();
		const [a, , c] = mock.addCalls([
			{ status: 2, upload_time: now - 300 }, // a: done before the trigger was active
			{ status: 39, upload_time: now - 250 }, // failed: never an event 'done'
			{ upload_time: now - 200, statusTimeline: [{ atMs: 0, status: 1 }, { atMs: 1000, status: 2 }] }, // c: finishes after poll 1
			{ status: 2, upload_time: now - 2 * 3600 }, // uploaded before the look-back window
		]);
		const trigger = new ActiveTrigger(mock, triggerParameters());

		// Poll 1: seeds the memory with what is already done, emits nothing.
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.response).toBeNull();
		expect(first.staticDataChanged).toBe(true);
		// It remembers the call not yet final (c), by a hash of its call_uuid, and no call_uuid itself.
		expect(first.nodeStaticData.pending).toEqual({ [callKey(c.call_uuid)]: Number(first.nodeStaticData.listedTo) - c.upload_time });
		expect(JSON.stringify(first.nodeStaticData)).not.toContain(a.call_uuid);
		// The seed lists the calls not yet final of the window, and every call of the last minutes.
		const seedLists = entriesOfKind(mock, 'appraiseCallDetails');
		expect(seedLists.map((entry) => (entry.body as IDataObject).status)).toEqual([ALL_STATUSES, NOT_FINAL_STATUSES, ALL_STATUSES]);
		expect(seedLists.flatMap((entry) => listedIn(entry.response))).toContain(c.call_uuid);

		// Between polls 1 and 2: c finishes; d arrives done; e arrives and is still inspecting at poll 2.
		await untilStatus(mock, c, 2);
		const [d, e] = mock.addCalls([
			{ status: 2 },
			{ statusTimeline: [{ atMs: 0, status: 0 }, { atMs: 300, status: 1 }, { atMs: 1500, status: 2 }] },
			{ status: 2, upload_time: nowSeconds() - 2 * 3600 }, // done, but uploaded outside the window
		]);
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		expect(uuidsOf(second.items)).toEqual([c.call_uuid, d.call_uuid]);
		// e was uploaded before poll 2 but not finished at it: remembered as not yet final.
		expect(second.nodeStaticData.pending).toEqual({ [callKey(e.call_uuid)]: Number(second.nodeStaticData.listedTo) - e.upload_time });

		// Between polls 2 and 3: e finishes; g arrives done.
		await untilStatus(mock, e, 2);
		const [g] = mock.addCalls([{ status: 2 }]);
		const third = await trigger.poll();
		expect(third.error).toBeUndefined();
		expect(uuidsOf(third.items)).toEqual([e.call_uuid, g.call_uuid]);

		// Poll 4: nothing new.
		const fourth = await trigger.poll();
		expect(fourth.error).toBeUndefined();
		expect(fourth.response).toBeNull();

		// None twice, none missed: exactly the calls that finished while the trigger was active.
		expect(trigger.emitted()).toEqual([c.call_uuid, d.call_uuid, e.call_uuid, g.call_uuid]);

		// The items: the call as listed, its status in words, no result unless asked for.
		for (const item of [...second.items, ...third.items]) {
			expect(item.json).toMatchObject({ status: 2, statusText: 'Done', call_type: 0 });
			expect(typeof item.json.upload_time).toBe('number');
			expect(item.json).not.toHaveProperty('result');
		}

		// A poll after the seed: one list request (a tenant this small fits a page), every status, from the
		// horizon (at least the late-listing margin before the last poll) to now, with x-UserId.
		const lists = entriesOfKind(mock, 'appraiseCallDetails').slice(seedLists.length);
		expect(lists).toHaveLength(3);
		for (const entry of lists) {
			const body = entry.body as IDataObject;
			expect(entry.path).toBe(DETAILS_PATH);
			expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
			expect(entry.reason).toBeUndefined();
			expect(body).toMatchObject({ page: 1, limit: 100, call_types: [0, 2], status: ALL_STATUSES });
			expect(Number(body.upload_to) - Number(body.upload_from)).toBeGreaterThanOrEqual(LATE_LISTING_SECONDS);
			expect(Number(body.upload_to) - Number(body.upload_from)).toBeLessThan(LOOK_BACK_MINUTES * 60);
			expect(Math.abs(Number(body.upload_to) - entry.startedAt / 1000)).toBeLessThan(60);
		}
		expect(mock.counters.tokenExchanges).toBe(1);
		expect(entriesOfKind(mock, 'appraiseCallCredit')).toEqual([]);
	});

	it("event 'failed' emits only final failures, with their status in words", async () => {
		const now = nowSeconds();
		mock.addCalls([
			{ status: 39, upload_time: now - 100 },
			{ status: 2, upload_time: now - 90 },
		]);
		const trigger = new ActiveTrigger(mock, triggerParameters({ event: 'failed' }));
		expect((await trigger.poll()).response).toBeNull();

		const [f9, f40] = mock.addCalls([
			{ status: 9, upload_time: now - 50 },
			{ voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\FAIL40\\x.V3', upload_time: now - 40, statusTimeline: [{ atMs: 0, status: 40 }] },
			{ status: 2, upload_time: now - 30 },
			{ status: 1, upload_time: now - 20 },
			{ status: 3, upload_time: now - 10 },
		]);
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		expect(second.items.map((item) => [item.json.call_uuid, item.json.status, item.json.statusText])).toEqual([
			[f9.call_uuid, 9, expect.stringMatching(/^Failed/)],
			[f40.call_uuid, 40, 'Invalid voice file'],
		]);
		// Calls 2 (done), 1 and 3 (not final): listed, never emitted for 'failed'.
		expect(second.items.every((item) => FINAL_FAILURE_STATUSES.includes(Number(item.json.status)))).toBe(true);
	});

	it("event 'finished' emits done and failed calls alike", async () => {
		const trigger = new ActiveTrigger(mock, triggerParameters({ event: 'finished' }));
		expect((await trigger.poll()).response).toBeNull();

		const now = nowSeconds();
		const [done, failed] = mock.addCalls([
			{ status: 2, upload_time: now - 20 },
			{ status: 31, upload_time: now - 10 },
			{ status: 0, upload_time: now - 5 },
		]);
		const second = await trigger.poll();
		expect(uuidsOf(second.items)).toEqual([done.call_uuid, failed.call_uuid]);
	});

	it('Include Result adds the simplified result to done calls only (what Get Result gives)', async () => {
		const trigger = new ActiveTrigger(mock, triggerParameters({ event: 'finished', includeResult: true }));
		expect((await trigger.poll()).response).toBeNull();
		expect(entriesOfKind(mock, 'appraiseCallCredit')).toEqual([]);

		const now = nowSeconds();
		const [violating, passing, failed] = mock.addCalls([
			{ status: 2, upload_time: now - 30 },
			{ status: 2, pass: true, upload_time: now - 20 },
			{ status: 39, upload_time: now - 10 },
		]);
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		expect(uuidsOf(second.items)).toEqual([violating.call_uuid, passing.call_uuid, failed.call_uuid]);
		const [v, p, f] = second.items.map((item) => item.json);
		expect(entriesOfKind(mock, 'appraiseCallCredit').map((e) => (e.body as IDataObject).call_uuid)).toEqual([
			violating.call_uuid,
			passing.call_uuid,
		]);
		expect(v.result).toMatchObject({ call_uuid: violating.call_uuid, passed: false, violatedRules: ['对话规则测试', '服务禁语'] });
		expect(p.result).toMatchObject({ call_uuid: passing.call_uuid, passed: true, violatedRules: [], totalScore: 200 });
		expect(f).not.toHaveProperty('result');
		// A poll sends one request at a time.
		expect(mock.counters.maxInFlight).toBe(1);

		const viaNode = await runAgainst(mock, {
			parameters: { resource: 'inspection', operation: 'getResult', callUuid: violating.call_uuid },
			items: [{}],
		});
		expect(v.result).toEqual(viaNode.outputs[0][0].json);
	});

	describe('Fetch Test Event (manual)', () => {
		it('returns the most recent finished call and leaves the memory as it was', async () => {
			const now = nowSeconds();
			const [, , b] = mock.addCalls([
				{ status: 2, upload_time: now - 2 * 24 * 3600 },
				{ status: 2, upload_time: now - 600 },
				{ status: 2, upload_time: now - 300 },
				{ status: 39, upload_time: now - 100 },
				{ status: 1, upload_time: now - 10 },
			]);
			const trigger = new ActiveTrigger(mock, triggerParameters());
			await trigger.poll();
			const remembered = structuredClone(trigger.staticData);

			const manual = await trigger.poll('manual');
			expect(manual.error).toBeUndefined();
			expect(uuidsOf(manual.items)).toEqual([b.call_uuid]);
			expect(manual.items[0].json).toMatchObject({ status: 2, statusText: 'Done' });
			expect(manual.staticDataChanged).toBe(false);
			expect(trigger.staticData).toEqual(remembered);

			// A second test fetch gives the same call again: it is a sample, not an event.
			const again = await trigger.poll('manual');
			expect(uuidsOf(again.items)).toEqual([b.call_uuid]);

			// The active trigger still emits only what is new.
			const [n] = mock.addCalls([{ status: 2 }]);
			const next = await trigger.poll();
			expect(uuidsOf(next.items)).toEqual([n.call_uuid]);
		});

		it('looks back further than the look-back window, creates no memory, and honours event and Include Result', async () => {
			const now = nowSeconds();
			const [old] = mock.addCalls([{ status: 2, upload_time: now - 2 * 24 * 3600 }]);

			const onlyOld = await pollTrigger({ parameters: triggerParameters(), credentials: credentialsFor(mock), mode: 'manual' });
			expect(onlyOld.error).toBeUndefined();
			expect(uuidsOf(onlyOld.items)).toEqual([old.call_uuid]);
			expect(onlyOld.staticDataChanged).toBe(false);
			expect(onlyOld.nodeStaticData).toEqual({});
			// One page of the look-back window, which has none, then one page of seven days.
			const lists = entriesOfKind(mock, 'appraiseCallDetails').map((entry) => entry.body as IDataObject);
			expect(lists.map((body) => Number(body.upload_to) - Number(body.upload_from))).toEqual([LOOK_BACK_MINUTES * 60, SEVEN_DAYS]);
			expect(lists.map((body) => [body.page, body.limit])).toEqual([[1, 100], [1, 100]]);

			const [failed] = mock.addCalls([{ status: 35, upload_time: now - 60 }]);
			const finished = await pollTrigger({
				parameters: triggerParameters({ event: 'finished' }),
				credentials: credentialsFor(mock),
				mode: 'manual',
			});
			expect(uuidsOf(finished.items)).toEqual([failed.call_uuid]);

			const withResult = await pollTrigger({
				parameters: triggerParameters({ includeResult: true }),
				credentials: credentialsFor(mock),
				mode: 'manual',
			});
			expect(uuidsOf(withResult.items)).toEqual([old.call_uuid]);
			expect(withResult.items[0].json.result).toMatchObject({ call_uuid: old.call_uuid, passed: false });
		});

		it('with no finished call at all: nothing (null), nothing remembered', async () => {
			mock.addCalls([{ status: 1 }]);
			const result = await pollTrigger({ parameters: triggerParameters(), credentials: credentialsFor(mock), mode: 'manual' });
			expect(result.error).toBeUndefined();
			expect(result.response).toBeNull();
			expect(result.staticDataChanged).toBe(false);
		});
	});

	describe('refused parameters: a NodeOperationError naming the field, nothing sent', () => {
		it.each([
			['letters', '12ab'],
			['too long', '1'.repeat(21)],
			['a number beyond 2^53', 1611917095665261978],
		])('Operator User ID: %s', async (_what, operatorUserId) => {
			const result = await pollTrigger({
				parameters: triggerParameters({ operatorUserId: operatorUserId as string }),
				credentials: credentialsFor(mock),
			});

			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(/Invalid "Operator User ID" \(operatorUserId\)/);
			expect(result.error?.message).toMatch(/keep long ids as text/);
			expect(result.response).toBeNull();
			expect(mock.log).toEqual([]);
		});

		it('Operator User ID empty, and no Default Operator User ID in the credential', async () => {
			const result = await pollTrigger({ parameters: triggerParameters({ operatorUserId: '' }), credentials: credentialsFor(mock) });

			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(
				/Invalid "Operator User ID" \(operatorUserId\): got an empty string; .*set it here, or set "Default Operator User ID" in the Huawei Cloud CEC API credential/,
			);
			expect(result.response).toBeNull();
			expect(mock.log).toEqual([]);
		});

		it('Look Back (Minutes) shorter than the time between two polls (Poll Times)', async () => {
			const result = await pollTrigger({
				parameters: triggerParameters({ lookBackMinutes: 30, pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] } }),
				credentials: credentialsFor(mock),
			});

			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(
				/Invalid "Look Back \(Minutes\)" \(lookBackMinutes\): got 30; must be at least the time between two polls \(60 minutes, from "Poll Times"\)/,
			);
			expect(mock.log).toEqual([]);

			const everyMinute = await pollTrigger({
				parameters: triggerParameters({ lookBackMinutes: 30, pollTimes: { item: [{ mode: 'everyMinute' }] } }),
				credentials: credentialsFor(mock),
			});
			expect(everyMinute.error).toBeUndefined();
		});

		it('Look Back (Minutes) of 0', async () => {
			const result = await pollTrigger({ parameters: triggerParameters({ lookBackMinutes: 0 }), credentials: credentialsFor(mock) });

			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(/Invalid "Look Back \(Minutes\)" \(lookBackMinutes\)/);
			expect(mock.log).toEqual([]);
		});
	});

	it('a poll that fails changes no memory: the calls it would have emitted come with the next poll; no secret in its error', async () => {
		const trigger = new ActiveTrigger(mock, triggerParameters({ includeResult: true }));
		await trigger.poll();
		const seeded = structuredClone(trigger.staticData);
		const [d] = mock.addCalls([{ status: 2 }]);

		// The result read fails after the list was read (a gateway that echoes the secret in its answer).
		mock.inject({ kind: 'appraiseCallCredit', status: 400, body: JSON.stringify({ resultCode: '1010400', resultDesc: `bad key ${SK}` }) });
		const failing = await trigger.poll();
		expect(failing.error?.message).toMatch(new RegExp(`^CEC appraisecall/credit \\(call ${d.call_uuid}\\) failed with HTTP 400`));
		expect(failing.error?.message).not.toContain(SK);
		expect(failing.staticDataChanged).toBe(false);
		expect(trigger.staticData).toEqual(seeded);

		const next = await trigger.poll();
		expect(next.error).toBeUndefined();
		expect(uuidsOf(next.items)).toEqual([d.call_uuid]);
		expect(next.items[0].json.result).toMatchObject({ call_uuid: d.call_uuid });
		expect((await trigger.poll()).response).toBeNull();
	});

	it('no secret in any output: items, results, stored static data', async () => {
		const seeds: CecMockCallSeed[] = [{ status: 2 }, { status: 2, pass: true }, { status: 40 }];
		const trigger = new ActiveTrigger(mock, triggerParameters({ event: 'finished', includeResult: true }));
		await trigger.poll();
		mock.addCalls(seeds);
		const second = await trigger.poll();
		const manual = await trigger.poll('manual');

		expect(second.items).toHaveLength(3);
		expect(manual.items).toHaveLength(1);
		expect(mock.issuedTokens).toHaveLength(1);
		expectNoSecrets(mock, { second: second.items, manual: manual.items, staticData: trigger.staticData });
	});
});

describe('Huawei CEC Quality Trigger with more calls than it remembers', () => {
	const mock = useMock({}, { resetLog: false });

	// More final calls in the late-listing margin than the memory holds: the ones it had to forget while
	// they are still listed must not come back as new at a later poll.
	it('cap + 1 final calls in the last minutes: the first poll seeds, later polls emit none of them, the memory stays bounded', async () => {
		const count = MAX_REMEMBERED_CALLS + 1;
		const newest = nowSeconds() - 10;
		const calls = mock.addCalls(Array.from({ length: count }, (_, i) => ({ status: 2, upload_time: newest - (i % 200) })));
		const trigger = new ActiveTrigger(mock, triggerParameters());

		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.response).toBeNull();
		expect(Object.keys(first.nodeStaticData.final as IDataObject).length).toBeLessThanOrEqual(MAX_REMEMBERED_CALLS);
		const second = await trigger.poll();
		const third = await trigger.poll();
		expect(second.error).toBeUndefined();
		expect(third.error).toBeUndefined();
		expect({ second: uuidsOf(second.items), third: uuidsOf(third.items), calls: calls.length }).toEqual({ second: [], third: [], calls: count });
		expect(Object.keys(third.nodeStaticData.final as IDataObject).length).toBeLessThanOrEqual(MAX_REMEMBERED_CALLS);
	}, 120_000);
});
