/**
 * Tests of the CEC mock's intelligent-inspection results (spec §5.1): the calls qualityInspect submits
 * (or a test seeds), their inspection status over time, and the three read APIs
 * appraisecall/credit, appraisecall/detail and appraisecall/details.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as path from 'path';
import { startCecMock, type CecMockCall, type CecMockOptions } from '../../mock/cecMock';
import type { MockClient } from '../../mock/cecMockClient';
import { useMocks } from './startMock';

const DOCUMENTED_INSPECT_BODY = {
	language: 'zh_CN',
	voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3',
	agentId: 1118,
	beginTime: '2021-02-01 09:51:07',
	endTime: '2021-02-01 09:57:57',
};
// The official "calls and their inspection status" example request, byte for byte (staff_id null included).
const OFFICIAL_DETAILS_BODY = '{"limit": 10,"page": 1,"call_types": [0, 2],"staff_id": null,"upload_from": 1621333149,"upload_to": 1623925149,"status": [2]}';
const FAST: CecMockOptions = { inspection: { inspectingAfterMs: 80, doneAfterMs: 200 } };
const NOW_S = () => Math.floor(Date.now() / 1000);

const start = useMocks();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A details request listing every status and call type uploaded in the last hour (or the given window). */
function listBody(extra: Record<string, unknown> = {}) {
	return {
		page: 1,
		limit: 100,
		call_types: [0, 2],
		status: [0, 1, 2, 3, 9, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40],
		upload_from: NOW_S() - 3600,
		upload_to: NOW_S() + 60,
		...extra,
	};
}
async function listed(client: MockClient, extra: Record<string, unknown> = {}) {
	const answer = await client.call('appraiseCallDetails', listBody(extra));
	expect(answer.status).toBe(200);
	return answer.json as { paging: { total: number; page: number; limit: number }; data: { call_group_id: string; calls: Record<string, any>[] }[] };
}
const uuidsOf = (page: { data: { calls: Record<string, any>[] }[] }): string[] => page.data.flatMap((group) => group.calls.map((call) => call.call_uuid as string));

async function submit(client: MockClient, body: Record<string, unknown> = DOCUMENTED_INSPECT_BODY): Promise<string> {
	const answer = await client.call('qualityInspect', body);
	expect(answer.status).toBe(200);
	return answer.json.call_uuid;
}

describe('qualityInspect creates a call whose status moves on with the clock', () => {
	it('records the call from the request: staff_id, call_time, duration, file_name, call_type', async () => {
		const { mock, client } = await start();
		const before = NOW_S();
		const callUuid = await submit(client);

		const [call] = mock.calls();
		expect(call).toMatchObject({
			call_uuid: callUuid,
			call_id: callUuid,
			staff_id: '1118',
			call_time: Date.UTC(2021, 1, 1, 9, 51, 7) / 1000,
			duration: 410,
			file_name: '0951044.V3',
			call_type: 0,
			status: 0,
			source: 'qualityInspect',
			pass: false,
		});
		expect(call.upload_time).toBeGreaterThanOrEqual(before);
	});

	it('reads the wall-clock times in the tenant zone given by tenantUtcOffsetMinutes', async () => {
		const { mock, client } = await start({ tenantUtcOffsetMinutes: 480 });
		await submit(client);
		expect(mock.calls()[0].call_time).toBe(Date.UTC(2021, 1, 1, 1, 51, 7) / 1000);
	});

	it('goes 0 waiting → 1 inspecting → 2 done after the configured delays', async () => {
		const { client } = await start({ inspection: { inspectingAfterMs: 250, doneAfterMs: 600 } });
		const callUuid = await submit(client);
		const statusNow = async () => (await listed(client)).data[0].calls[0].status;

		expect(await statusNow()).toBe(0);
		await sleep(350);
		expect(await statusNow()).toBe(1);
		await sleep(350);
		expect(await statusNow()).toBe(2);
		expect(uuidsOf(await listed(client))).toEqual([callUuid]);
	});

	it('moves the other default out of the way when only one delay is given, and rejects a reversed pair', async () => {
		const { mock } = await start({ inspection: { doneAfterMs: 0 } });
		mock.addCalls([{ call_uuid: 'now' }]);
		expect(mock.calls()[0].statusTimeline).toEqual([{ atMs: 0, status: 0 }, { atMs: 0, status: 1 }, { atMs: 0, status: 2 }]);
		expect(mock.calls()[0].status).toBe(2);
		const late = await start({ inspection: { inspectingAfterMs: 1000 } });
		late.mock.addCalls([{ call_uuid: 'later' }]);
		expect(late.mock.calls()[0].statusTimeline.map((step) => step.atMs)).toEqual([0, 1000, 1000]);
		await expect(startCecMock({ inspection: { inspectingAfterMs: 500, doneAfterMs: 100 } })).rejects.toThrow(TypeError);
	});

	it('defaults to 200 ms / 600 ms', async () => {
		const { client } = await start();
		await submit(client);
		const statusNow = async () => (await listed(client)).data[0].calls[0].status;
		expect(await statusNow()).toBe(0);
		await sleep(350);
		expect(await statusNow()).toBe(1);
		await sleep(350);
		expect(await statusNow()).toBe(2);
	});

	it('ends in the failure status of a FAIL marker: no credit, no detail, listed with the status', async () => {
		const { client } = await start(FAST);
		const failing = await submit(client, { ...DOCUMENTED_INSPECT_BODY, voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\FAIL39\\x.V3' });
		const nineFailing = await submit(client, { ...DOCUMENTED_INSPECT_BODY, voiceFilePath: 'Y:\\FAIL9.V3' });
		// FAIL41 is no failure status: no marker.
		const notAMarker = await submit(client, { ...DOCUMENTED_INSPECT_BODY, voiceFilePath: 'Y:\\FAIL41.V3' });
		await sleep(250);

		const statuses = Object.fromEntries((await listed(client)).data.map((group) => [group.calls[0].call_uuid, group.calls[0].status]));
		expect(statuses).toEqual({ [failing]: 39, [nineFailing]: 9, [notAMarker]: 2 });
		expect((await listed(client, { status: [9, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40] })).paging.total).toBe(2);
		expect((await client.call('appraiseCallCredit', { call_uuid: failing })).json).toEqual([]);
		const detail = await client.call('appraiseCallDetail', { call_uuid: failing });
		expect(detail.status).toBe(200);
		expect(detail.json).toEqual({ resultCode: '1010001', resultDesc: expect.stringContaining('status 39') });
	});
});

describe('appraisecall/credit', () => {
	it('answers [] while the inspection runs and for an unknown call, then one result shaped like the documented example', async () => {
		const { mock, client } = await start(FAST);
		const callUuid = await submit(client);

		const early = await client.call('appraiseCallCredit', { call_uuid: callUuid });
		expect(early.status).toBe(200);
		expect(early.text).toBe('[]');
		expect((await client.call('appraiseCallCredit', { call_uuid: 'no-such-call' })).json).toEqual([]);
		await sleep(250);

		const done = await client.call('appraiseCallCredit', { call_uuid: callUuid });
		expect(Array.isArray(done.json)).toBe(true);
		expect(done.json).toHaveLength(1);
		const [result] = done.json;
		expect(Object.keys(result)).toEqual(['create_time', 'credit']);
		expect(result.create_time).toBeGreaterThanOrEqual(mock.calls()[0].upload_time);
		expect(result.credit.length).toBeGreaterThanOrEqual(2);
		for (const group of result.credit) {
			expect(typeof group.score).toBe('number');
			expect(group.setting).toEqual({
				group_id: expect.any(String), group_name: expect.any(String), ignore_sensitive: expect.any(Number), description: expect.any(String),
			});
			expect([0, 1]).toContain(group.setting.ignore_sensitive);
			for (const list of ['rules', 'silence_rule', 'speed_rule']) expect(Array.isArray(group[list])).toBe(true);
			for (const rule of [...group.rules, ...group.speed_rule]) {
				expect(rule).toEqual({
					valid: expect.any(Boolean), score: expect.any(Number), invalid_segment: expect.any(Array),
					revise_id: expect.any(String), revise: -1, setting: { rule_id: expect.stringMatching(/^\d{18}$/), rule_name: expect.any(String) },
				});
			}
			for (const silence of group.silence_rule) {
				expect(silence).toMatchObject({ name: expect.any(String), setting: { silence_id: expect.any(String), name: expect.any(String) } });
			}
		}
		// The documented example's rule id, quoted by default.
		expect(done.text).toContain('"rule_id":"967510375224315904"');
		expect(mock.counters.byKind.appraiseCallCredit).toBe(3);
	});

	it('a call without PASS violates at least one rule with a deduction and the violating stretch; a PASS call none', async () => {
		const { client } = await start(FAST);
		const violating = await submit(client);
		const passing = await submit(client, { ...DOCUMENTED_INSPECT_BODY, voiceFilePath: 'Y:\\27\\PASS\\0951045.V3' });
		await sleep(250);

		const rulesOf = async (callUuid: string) => {
			const [result] = (await client.call('appraiseCallCredit', { call_uuid: callUuid })).json;
			return result.credit.flatMap((group: Record<string, any[]>) => Object.entries(group).filter(([key]) => key === 'rules' || key.endsWith('_rule')).flatMap(([, list]) => list));
		};
		const violations = (await rulesOf(violating)).filter((rule: { valid: boolean }) => !rule.valid);
		expect(violations.length).toBeGreaterThanOrEqual(1);
		for (const rule of violations) {
			expect(rule.score).toBeLessThan(0);
			expect(rule.invalid_segment).toEqual([{ start_time: expect.any(Number), end_time: expect.any(Number), call_id: violating }]);
		}
		expect((await rulesOf(passing)).every((rule: { valid: boolean; score: number }) => rule.valid && rule.score === 0)).toBe(true);
	});

	it('unquotedIds writes the 18-digit rule ids as bare number literals that lose precision in JSON.parse', async () => {
		const { client } = await start({ ...FAST, unquotedIds: true });
		const callUuid = await submit(client);
		await sleep(250);
		const answer = await client.call('appraiseCallCredit', { call_uuid: callUuid });
		expect(answer.text).toContain('"rule_id":967510375224315904');
		expect(answer.text).not.toMatch(/"rule_id":"/);
		expect(String(answer.json[0].credit[0].rules[0].setting.rule_id)).not.toBe('967510375224315904');
	});

	it.each<[string, unknown, string]>([
		['a missing call_uuid', {}, 'missing field call_uuid'],
		['an empty call_uuid', { call_uuid: '' }, 'call_uuid'],
		['a numeric call_uuid', { call_uuid: 12 }, 'call_uuid'],
		['an extra field', { call_uuid: 'x', page: 1 }, 'unknown field page'],
		['an array body', [{ call_uuid: 'x' }], 'body'],
	])('rejects %s with 400 (credit and detail alike)', async (_label, body, reason) => {
		const { client } = await start();
		for (const kind of ['appraiseCallCredit', 'appraiseCallDetail'] as const) {
			const answer = await client.call(kind, body);
			expect(answer.status).toBe(400);
			expect(answer.json.resultDesc).toContain(reason);
		}
	});
});

describe('appraisecall/detail', () => {
	it('answers a failure resultCode (HTTP 200, no transcript) before done and for an unknown call', async () => {
		const { mock, client } = await start(FAST);
		const callUuid = await submit(client);
		for (const uuid of [callUuid, 'no-such-call']) {
			const answer = await client.call('appraiseCallDetail', { call_uuid: uuid });
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({ resultCode: '1010001', resultDesc: expect.stringMatching(/^no inspection detail/) });
		}
		expect(mock.counters.byKind.appraiseCallDetail).toBe(0);
		expect(mock.log[mock.log.length - 1].reason).toContain('unknown call_uuid');
	});

	it('answers the transcript and speech figures of a done call, segments in call order', async () => {
		const { client } = await start(FAST);
		const callUuid = await submit(client);
		await sleep(250);
		const answer = await client.call('appraiseCallDetail', { call_uuid: callUuid });

		expect(answer.status).toBe(200);
		const detail = answer.json;
		expect(detail).toMatchObject({
			call_id: callUuid,
			call_time: Date.UTC(2021, 1, 1, 9, 51, 7) / 1000,
			file_name: '0951044.V3',
			duration: 410,
			left_channel: 'Agent',
			right_channel: 'Customer',
		});
		for (const key of ['left_speed', 'right_speed', 'left_speech_ratio', 'right_speech_ratio', 'left_silence_time', 'right_silence_time']) {
			expect(typeof detail[key]).toBe('number');
		}
		expect(detail.resultCode).toBeUndefined();
		const segments = detail.segments as { segment_id: number; speaker: number; start_time: number; end_time: number; asr_text: string; status: number }[];
		expect(segments.length).toBeGreaterThanOrEqual(4);
		segments.forEach((segment, index) => {
			expect(Object.keys(segment).sort()).toEqual(['asr_text', 'end_time', 'segment_id', 'speaker', 'start_time', 'status']);
			expect(segment.segment_id).toBe(index + 1);
			expect(segment.speaker).toBe(index % 2);
			expect(segment.end_time).toBeGreaterThan(segment.start_time);
			if (index > 0) expect(segment.start_time).toBeGreaterThanOrEqual(segments[index - 1].end_time);
			expect(segment.asr_text.length).toBeGreaterThan(0);
		});
		expect(segments[segments.length - 1].end_time).toBeLessThanOrEqual(410 * 1000);
	});

	it('transcribes in the language of the request', async () => {
		const { client } = await start(FAST);
		const callUuid = await submit(client, { ...DOCUMENTED_INSPECT_BODY, language: 'en_US' });
		await sleep(250);
		const { segments } = (await client.call('appraiseCallDetail', { call_uuid: callUuid })).json;
		expect(segments[0].asr_text).toMatch(/^Hello/);
	});
});

describe('appraisecall/details: validation', () => {
	it('accepts the official example byte for byte (staff_id null) and needs x-UserId', async () => {
		const { client } = await start();
		const answer = await client.call('appraiseCallDetails', OFFICIAL_DETAILS_BODY);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ paging: { total: 0, page: 1, limit: 10 }, data: [] });

		const withoutOperator = await client.call('appraiseCallDetails', OFFICIAL_DETAILS_BODY, { operator: null });
		expect(withoutOperator.status).toBe(400);
		expect(withoutOperator.json.resultDesc).toContain('x-UserId');
	});

	const valid = JSON.parse(OFFICIAL_DETAILS_BODY);
	const { status: _status, ...withoutStatus } = valid;
	const { upload_to: _uploadTo, ...withoutUploadTo } = valid;
	it.each<[string, unknown, string]>([
		['page 0', { ...valid, page: 0 }, 'page'],
		['page as a string', { ...valid, page: '1' }, 'page'],
		['a fractional page', { ...valid, page: 1.5 }, 'page'],
		['limit 0', { ...valid, limit: 0 }, 'limit'],
		['limit 101', { ...valid, limit: 101 }, 'limit'],
		['limit as a string', { ...valid, limit: '10' }, 'limit'],
		['empty call_types', { ...valid, call_types: [] }, 'call_types'],
		['call_types [1]', { ...valid, call_types: [1] }, 'call_types[0]'],
		['call_types as strings', { ...valid, call_types: ['0'] }, 'call_types[0]'],
		['call_types as a number', { ...valid, call_types: 0 }, 'call_types'],
		['a missing status', withoutStatus, 'missing field status'],
		['empty status', { ...valid, status: [] }, 'status'],
		['status 4', { ...valid, status: [2, 4] }, 'status[1]'],
		['a missing upload_to', withoutUploadTo, 'missing field upload_to'],
		['upload_from in milliseconds', { ...valid, upload_from: 1621333149000 }, 'milliseconds'],
		['upload_from as a string', { ...valid, upload_from: '1621333149' }, 'upload_from'],
		['upload_to before upload_from', { ...valid, upload_to: 1621333148 }, 'upload_to must not be before upload_from'],
		['call_to before call_from', { ...valid, call_from: 1621333149, call_to: 1621333148 }, 'call_to'],
		['staff_id as a number', { ...valid, staff_id: 1118 }, 'staff_id'],
		['keyword as an array', { ...valid, keyword: ['退款'] }, 'keyword'],
		['a negative duration_min', { ...valid, duration_min: -1 }, 'duration_min'],
		['duration_max below duration_min', { ...valid, duration_min: 60, duration_max: 30 }, 'duration_max'],
		['an unknown field', { ...valid, staffId: '1' }, 'unknown field staffId'],
		['a body that is not JSON', '{"page":', 'JSON'],
	])('rejects %s with 400 naming %s', async (_label, body, reason) => {
		const { mock, client } = await start();
		const answer = await client.call('appraiseCallDetails', body);
		expect(answer.status).toBe(400);
		expect(answer.json.resultCode).toBe('0400001');
		expect(answer.json.resultDesc).toContain(reason);
		expect(mock.counters.byKind.appraiseCallDetails).toBe(0);
	});
});

describe('appraisecall/details: listing, filters and paging over seeded calls', () => {
	const base = 1_700_000_000;
	const seeds = [
		{ call_uuid: 'c-05', upload_time: base + 5, status: 2, staff_id: '2001', staff_name: '张三', duration: 30, call_time: base - 100 },
		{ call_uuid: 'c-01', upload_time: base + 1, status: 2, staff_id: '2002', staff_name: '李四', duration: 300, call_time: base - 500 },
		{ call_uuid: 'c-03b', upload_time: base + 3, status: 1, staff_id: '2001', staff_name: '张三', duration: 90, call_time: base - 300 },
		{ call_uuid: 'c-03a', upload_time: base + 3, status: 39, staff_id: '2003', staff_name: '王五', duration: 45, call_time: base - 300, call_type: 2 as const },
		{ call_uuid: 'c-09', upload_time: base + 9, status: 0, staff_id: '2002', staff_name: '李四', duration: 600, call_time: base - 50 },
	];
	const all = { upload_from: base, upload_to: base + 100 };

	async function seeded() {
		const started = await start();
		started.mock.addCalls(seeds);
		return started;
	}

	it('lists the calls sorted by upload_time then call_uuid, one group per call, with the documented fields', async () => {
		const { client } = await seeded();
		const page = await listed(client, all);
		expect(page.paging).toEqual({ total: 5, page: 1, limit: 100 });
		expect(uuidsOf(page)).toEqual(['c-01', 'c-03a', 'c-03b', 'c-05', 'c-09']);
		for (const group of page.data) {
			expect(group.calls).toHaveLength(1);
			expect(group.call_group_id).toBe(group.calls[0].call_uuid);
		}
		const done = page.data[0].calls[0];
		expect(done).toMatchObject({
			call_uuid: 'c-01', call_id: 'c-01', call_time: base - 500, call_type: 0, upload_time: base + 1, duration: 300,
			file_name: 'c-01.V3', staff_id: '2002', staff_name: '李四', status: 2, left_channel: 'Agent', right_channel: 'Customer',
		});
		for (const key of ['left_speed', 'right_speed', 'left_speech_ratio', 'right_speech_ratio']) expect(typeof done[key]).toBe('number');
		// Speech figures only once done.
		expect(page.data[4].calls[0].left_speed).toBeUndefined();
	});

	it('pages with page and limit, total counting every match', async () => {
		const { client } = await seeded();
		const pages = [];
		for (let page = 1; page <= 3; page += 1) pages.push(await listed(client, { ...all, page, limit: 2 }));
		expect(pages.map((p) => p.paging.total)).toEqual([5, 5, 5]);
		expect(pages.map(uuidsOf)).toEqual([['c-01', 'c-03a'], ['c-03b', 'c-05'], ['c-09']]);
		expect(uuidsOf(await listed(client, { ...all, page: 4, limit: 2 }))).toEqual([]);
	});

	it('a call added after a listing is in the next one, in upload order (the sorted list is not kept stale)', async () => {
		const { mock, client } = await seeded();
		expect(uuidsOf(await listed(client, all))).toEqual(['c-01', 'c-03a', 'c-03b', 'c-05', 'c-09']);
		mock.addCalls([{ call_uuid: 'c-04', upload_time: base + 4, status: 2 }]);
		expect(uuidsOf(await listed(client, all))).toEqual(['c-01', 'c-03a', 'c-03b', 'c-04', 'c-05', 'c-09']);
		// The window's bounds still cut at the right calls, the new one included.
		expect(uuidsOf(await listed(client, { upload_from: base + 4, upload_to: base + 5 }))).toEqual(['c-04', 'c-05']);
		const submitted = await submit(client);
		expect(uuidsOf(await listed(client))).toContain(submitted);
	});

	it.each<[string, Record<string, unknown>, string[]]>([
		['status', { status: [2] }, ['c-01', 'c-05']],
		['final failures', { status: [9, 39] }, ['c-03a']],
		['call_types', { call_types: [2] }, ['c-03a']],
		['the upload window (inclusive)', { upload_from: base + 3, upload_to: base + 5 }, ['c-03a', 'c-03b', 'c-05']],
		['the call window', { call_from: base - 300, call_to: base - 100 }, ['c-03a', 'c-03b', 'c-05']],
		['staff_id', { staff_id: '2001' }, ['c-03b', 'c-05']],
		['staff_name (substring)', { staff_name: '李' }, ['c-01', 'c-09']],
		['duration_min/max', { duration_min: 45, duration_max: 300 }, ['c-01', 'c-03a', 'c-03b']],
		['keyword (in the transcript of done calls)', { keyword: '账单' }, ['c-01', 'c-05']],
		['a keyword nobody said', { keyword: 'xyzzy' }, []],
		['null filters (= absent)', { staff_id: null, keyword: null, call_from: null }, ['c-01', 'c-03a', 'c-03b', 'c-05', 'c-09']],
	])('filters by %s', async (_label, filter, expected) => {
		const { client } = await seeded();
		const page = await listed(client, { ...all, ...filter });
		expect(uuidsOf(page)).toEqual(expected);
		expect(page.paging.total).toBe(expected.length);
	});
});

describe('seeding calls', () => {
	it('statusTimeline: a call uploaded before one poll finishes after it', async () => {
		const { mock, client } = await start();
		const uploaded = NOW_S() - 30;
		mock.addCalls([{ call_uuid: 'late', upload_time: uploaded, statusTimeline: [{ atMs: 0, status: 1 }, { atMs: 300, status: 2 }] }]);
		const window = { upload_from: uploaded - 1, upload_to: uploaded + 1 };

		const firstPoll = await listed(client, { ...window, status: [2] });
		expect(firstPoll.paging.total).toBe(0);
		expect((await listed(client, { ...window, status: [1] })).paging.total).toBe(1);
		await sleep(350);
		expect(uuidsOf(await listed(client, { ...window, status: [2] }))).toEqual(['late']);
		expect((await client.call('appraiseCallCredit', { call_uuid: 'late' })).json).toHaveLength(1);
	});

	it('setCallStatus: an inspecting call finishes when the test says, not at a time fixed in advance', async () => {
		const { mock, client } = await start();
		const uploaded = NOW_S() - 30;
		mock.addCalls([{ call_uuid: 'held', upload_time: uploaded, statusTimeline: [{ atMs: 0, status: 1 }, { atMs: 600_000, status: 2 }] }]);
		const window = { upload_from: uploaded - 1, upload_to: uploaded + 1 };
		expect((await listed(client, { ...window, status: [1] })).paging.total).toBe(1);

		const changed = mock.setCallStatus({ call_uuid: 'held', status: 2 });
		expect(changed.status).toBe(2);
		// The step already passed stays; the one planned for later is dropped.
		expect(changed.statusTimeline.map((step) => step.status)).toEqual([1, 2]);
		expect(uuidsOf(await listed(client, { ...window, status: [2] }))).toEqual(['held']);
		expect((await client.call('appraiseCallCredit', { call_uuid: 'held' })).json).toHaveLength(1);

		expect(() => mock.setCallStatus({ call_uuid: 'nobody', status: 2 })).toThrow(TypeError);
		expect(() => mock.setCallStatus({ call_uuid: 'held', status: 7 })).toThrow(/status must be one of/);
	});

	it('N calls appear between two polls', async () => {
		const { mock, client } = await start();
		expect((await listed(client)).paging.total).toBe(0);
		const added = mock.addCalls(Array.from({ length: 7 }, () => ({ status: 2 })));
		expect(added).toHaveLength(7);
		expect((await listed(client, { status: [2] })).paging.total).toBe(7);
	});

	it('a seeded call without status follows the inspection timeline and honours the markers', async () => {
		const { mock } = await start(FAST);
		mock.addCalls([{ call_uuid: 'fail', file_name: 'FAIL40.V3' }, { call_uuid: 'pass', voiceFilePath: 'Z:\\PASS\\a.V3' }]);
		expect(mock.calls().map((call) => call.status)).toEqual([0, 0]);
		await sleep(250);
		const byUuid = Object.fromEntries(mock.calls().map((call) => [call.call_uuid, call]));
		expect(byUuid.fail.status).toBe(40);
		expect(byUuid.pass).toMatchObject({ status: 2, pass: true, file_name: 'a.V3' });
	});

	it.each<[string, unknown, RegExp]>([
		['an unknown field', [{ callUuid: 'x' }], /unknown call field/],
		['a status that does not exist', [{ status: 4 }], /status/],
		['both status and statusTimeline', [{ status: 2, statusTimeline: [{ atMs: 0, status: 2 }] }], /not both/],
		['a malformed statusTimeline', [{ statusTimeline: [{ atMs: -1, status: 2 }] }], /statusTimeline/],
		['upload_time in milliseconds', [{ upload_time: Date.now() * 1000 }], /upload_time/],
		['a repeated call_uuid', [{ call_uuid: 'a' }, { call_uuid: 'a' }], /repeat/],
		['not an array', { call_uuid: 'a' }, /array/],
	])('addCalls rejects %s with a TypeError and adds nothing', async (_label, seeds, message) => {
		const { mock } = await start();
		expect(() => mock.addCalls(seeds as never)).toThrow(message);
		expect(mock.calls()).toEqual([]);
	});

	it('rejects a call_uuid that exists already', async () => {
		const { mock } = await start();
		mock.addCalls([{ call_uuid: 'a' }]);
		expect(() => mock.addCalls([{ call_uuid: 'a' }])).toThrow(/exists/);
	});

	it('/__mock/calls adds (array or {calls}) and lists calls; bad seeds answer 400', async () => {
		const { mock } = await start({ controlEndpoints: true });
		const post = (body: unknown) => fetch(`${mock.url}/__mock/calls`, { method: 'POST', body: JSON.stringify(body) });

		const added = await post([{ call_uuid: 'a', status: 2 }]);
		expect(added.status).toBe(200);
		expect(((await added.json()) as { calls: CecMockCall[] }).calls[0]).toMatchObject({ call_uuid: 'a', status: 2, source: 'seeded' });
		expect((await post({ calls: [{ call_uuid: 'b', status: 0 }] })).status).toBe(200);
		const bad = await post([{ status: 'done' }]);
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: string }).error).toContain('status');

		const listedCalls = (await (await fetch(`${mock.url}/__mock/calls`)).json()) as { calls: CecMockCall[] };
		expect(listedCalls.calls.map((call) => call.call_uuid).sort()).toEqual(['a', 'b']);
		expect(mock.log).toEqual([]);
	});
});

describe('CLI inspection flags', () => {
	const script = path.join(__dirname, '..', '..', 'mock', 'cecMock.js');
	const children: ChildProcessWithoutNullStreams[] = [];
	afterEach(() => {
		for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});

	it('--inspecting-after/--done-after set the timeline; a bad pair exits 2', async () => {
		const child = spawn(process.execPath, [script, '--port', '0', '--inspecting-after', '0', '--done-after', '0']);
		children.push(child);
		const url = await new Promise<string>((resolve, reject) => {
			let output = '';
			child.stdout.on('data', (chunk) => {
				output += chunk;
				if (output.includes('\n')) resolve(JSON.parse(output.split('\n')[0]).url);
			});
			child.on('exit', (code) => reject(new Error(`mock exited with ${code}`)));
		});
		const added = await fetch(`${url}/__mock/calls`, { method: 'POST', body: '[{"call_uuid":"x"}]' });
		expect(((await added.json()) as { calls: CecMockCall[] }).calls[0].status).toBe(2);
		child.kill('SIGTERM');

		const bad = spawn(process.execPath, [script, '--inspecting-after', '500', '--done-after', '100']);
		children.push(bad);
		let stderr = '';
		bad.stderr.on('data', (chunk) => (stderr += chunk));
		expect(await new Promise((resolve) => bad.once('exit', resolve))).toBe(2);
		expect(stderr).toContain('inspectingAfterMs');
	});
});
