/**
 * The call trigger's horizon against a simulated tenant: every call that becomes final (and listable)
 * while the trigger runs is emitted exactly once, whatever the upload times, inspection times and
 * listing delays within the documented bounds; the memory holds hashes, not call_uuids.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import {
	CallHorizon,
	FINAL_STATUSES,
	LATE_LISTING_SECONDS,
	NEW_UPLOAD_OVERLAP_SECONDS,
	NOT_FINAL_STATUSES,
	callKey,
	denseHorizonOf,
	type CallHorizonMemory,
	type Listing,
} from '../../../nodes/HuaweiCecQuality/helpers/callHorizon';
import { ALL_STATUSES } from '../../../nodes/HuaweiCecQuality/helpers/callStatus';

const LOOK_BACK = 120 * 60;
const POLL = 60;
const T0 = 1_800_000_000;

interface SimCall {
	uuid: string;
	upload: number;
	/** When the call first appears in the list (its upload time, or a little later). */
	listedAt: number;
	finalAt: number;
	finalStatus: number;
}

const statusAt = (call: SimCall, t: number) => (t >= call.finalAt ? call.finalStatus : t >= call.upload + 5 ? 1 : 0);

/** What appraisecall/details would answer at time t: every page of one listing, by upload time. */
function answer(calls: SimCall[], t: number, listing: Listing): IDataObject[] {
	return calls
		.filter((c) => c.listedAt <= t && c.upload >= listing.from && c.upload <= listing.to && listing.status.includes(statusAt(c, t)))
		.sort((a, b) => a.upload - b.upload)
		.map((c) => ({ call_uuid: c.uuid, upload_time: c.upload, status: statusAt(c, t) }));
}

class SimTrigger {
	memory: CallHorizonMemory = {};
	readonly emitted: string[] = [];
	readonly requests: Listing[][] = [];

	constructor(private readonly calls: SimCall[], private readonly emits = FINAL_STATUSES) {}

	poll(t: number): IDataObject[] {
		const horizon = new CallHorizon(this.memory, t, LOOK_BACK, this.emits);
		const sent: Listing[] = [];
		const send = (listing: Listing) => {
			sent.push(listing);
			expect(listing.from).toBeLessThanOrEqual(listing.to);
			const calls = answer(this.calls, t, listing);
			horizon.take(listing, listing.kind === 'count' ? [] : calls, calls.length);
		};
		horizon.listings().forEach(send);
		horizon.vanishedListings().forEach(send);
		const { emit, memory } = horizon.finish();
		this.memory = JSON.parse(JSON.stringify(memory)) as CallHorizonMemory;
		this.requests.push(sent);
		this.emitted.push(...emit.map((call) => String(call.call_uuid)));
		return emit;
	}
}

const call = (uuid: string, upload: number, finalAt: number, extra: Partial<SimCall> = {}): SimCall => ({
	uuid,
	upload,
	listedAt: upload,
	finalAt,
	finalStatus: 2,
	...extra,
});

describe('CallHorizon', () => {
	it('the first poll seeds (nothing emitted), then each call once as it becomes final, oldest upload first', () => {
		const calls = [
			call('done-before', T0 - 600, T0 - 300),
			call('pending-at-seed', T0 - 900, T0 + 90),
			call('new-a', T0 + 30, T0 + 170),
			call('new-b', T0 + 20, T0 + 150, { finalStatus: 39 }),
		];
		const trigger = new SimTrigger(calls);
		expect(trigger.poll(T0)).toEqual([]);
		expect(trigger.memory.pending).toEqual({ [callKey('pending-at-seed')]: 900 });
		expect(trigger.poll(T0 + 60)).toEqual([]);
		expect(trigger.poll(T0 + 120).map((c) => c.call_uuid)).toEqual(['pending-at-seed']);
		expect(trigger.poll(T0 + 180).map((c) => c.call_uuid)).toEqual(['new-b', 'new-a']);
		expect(trigger.poll(T0 + 240)).toEqual([]);
		expect(trigger.emitted).toEqual(['pending-at-seed', 'new-b', 'new-a']);
		expect(JSON.stringify(trigger.memory)).not.toMatch(/pending-at-seed|new-a|new-b|done-before/);
	});

	it('emits only the statuses asked for, and forgets the other final calls all the same', () => {
		const calls = [call('ok', T0 + 10, T0 + 100), call('bad', T0 + 20, T0 + 100, { finalStatus: 40 })];
		const trigger = new SimTrigger(calls, [40]);
		trigger.poll(T0);
		trigger.poll(T0 + 60);
		expect(Object.keys(trigger.memory.pending ?? {})).toHaveLength(2);
		trigger.poll(T0 + 120);
		expect(trigger.emitted).toEqual(['bad']);
		expect(trigger.memory.pending).toEqual({});
	});

	it('a call listed a few minutes after its upload time, already final, is still caught once', () => {
		const calls = [call('late-listed', T0 + 100, T0 + 110, { listedAt: T0 + 100 + LATE_LISTING_SECONDS - 10 })];
		const trigger = new SimTrigger(calls);
		for (let t = T0; t <= T0 + 1200; t += POLL) trigger.poll(t);
		expect(trigger.emitted).toEqual(['late-listed']);
	});

	it('at a high rate: new uploads in every status, the dense range by its final calls, the sparse tail by its pending ones', () => {
		// 2 uploads a second, inspections of 1–10 minutes, one call that takes 100 minutes.
		const calls: SimCall[] = [];
		for (let i = 0; i < 2 * 3600; i++) {
			const upload = T0 - 1800 + Math.floor(i / 2);
			calls.push(call(`c${i}`, upload, upload + 60 + ((i * 7919) % 540)));
		}
		calls.push(call('slow', T0 - 1700, T0 - 1700 + 100 * 60));
		const trigger = new SimTrigger(calls);
		for (let t = T0; t <= T0 + 90 * 60; t += POLL) trigger.poll(t);

		const expected = calls.filter((c) => c.finalAt > T0 && c.finalAt <= T0 + 90 * 60).map((c) => c.uuid);
		expect([...trigger.emitted].sort()).toEqual([...expected].sort());
		expect(trigger.emitted).toContain('slow');
		// Twenty minutes in: 'slow' is the tail, the ordinary inspections the dense range.
		const last = trigger.requests[20];
		expect(last.map((listing) => [listing.kind, listing.status])).toEqual([
			['all', ALL_STATUSES],
			['final', FINAL_STATUSES],
			['tailPending', NOT_FINAL_STATUSES],
		]);
		// The dense range reaches back about as far as the slowest ordinary inspection, not the look-back.
		const dense = last[1];
		expect(T0 + 20 * 60 - dense.from).toBeLessThan(12 * 60);
		expect(last[2]).toMatchObject({ from: T0 - 1700 });
	});

	it("takes over a release-0.1 memory: what it emitted stays emitted, what finished since comes once", () => {
		const calls = [call('emitted-before', T0 - 500, T0 - 400), call('finished-since', T0 - 300, T0 - 30), call('later', T0 - 200, T0 + 90)];
		const trigger = new SimTrigger(calls);
		trigger.memory = { started: true, seen: { 'emitted-before': T0 - 500 } };
		trigger.poll(T0);
		expect(trigger.emitted).toEqual(['finished-since']);
		expect(trigger.memory).not.toHaveProperty('seen');
		trigger.poll(T0 + 60);
		trigger.poll(T0 + 120);
		expect(trigger.emitted).toEqual(['finished-since', 'later']);
	});

	it('callKey: nine characters a call, none shared among 100,000 call_uuids', () => {
		const uuids = Array.from({ length: 100_000 }, (_, i) => `7b2d${i.toString(16).padStart(4, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`);
		const keys = new Set(uuids.map(callKey));
		expect(keys.size).toBe(uuids.length);
		expect([...keys].every((key) => /^[A-Za-z0-9_-]{9}$/.test(key))).toBe(true);
	});

	it('denseHorizonOf: back through the pending calls while each gap is worth one listing, and never after the late-listing margin', () => {
		const pending = { a: 990, b: 900, c: 800, d: 700, e: 620, f: 100 };
		// 1 upload a second: a gap of up to 100 s (one page of calls) joins, f's 520 s does not.
		expect(denseHorizonOf(pending, 1000, 0, 1)).toBe(620);
		expect(denseHorizonOf({ a: 990 }, 1000, 0, 1)).toBe(1000 - LATE_LISTING_SECONDS);
		expect(denseHorizonOf({}, 2000, 0, 1)).toBe(2000 - LATE_LISTING_SECONDS);
		// Rate unknown: every pending call; never before the window.
		expect(denseHorizonOf(pending, 1000, 0, undefined)).toBe(100);
		expect(denseHorizonOf(pending, 1000, 500, undefined)).toBe(500);
	});

	// Spread over hours the rate is low and every pending call is dense; in a burst of uploads the slow
	// inspections leave a tail.
	it.each([
		['spread over three hours', 3 * 3600, 0, 150],
		['in a ten-minute burst', 600, 1000, 2000],
	])('property: every call that becomes final while the trigger runs is emitted exactly once (uploads %s)', (_what, span, minCalls, maxCalls) => {
		const simCall = fc.record({
			upload: fc.integer({ min: T0 - (span > 3600 ? LOOK_BACK - POLL : 0), max: T0 + span }),
			inspection: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 600 }), weight: 20 }, { arbitrary: fc.integer({ min: 0, max: LOOK_BACK - 2 * POLL }), weight: 1 }),
			listingDelay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: NEW_UPLOAD_OVERLAP_SECONDS }), fc.integer({ min: 0, max: LATE_LISTING_SECONDS })),
			finalStatus: fc.constantFrom(...FINAL_STATUSES),
		});
		// Within the documented margins: listed late and still in progress only within the overlap.
		const inMargins = <T extends { inspection: number; listingDelay: number }>(spec: T): T =>
			spec.listingDelay <= NEW_UPLOAD_OVERLAP_SECONDS ? spec : { ...spec, inspection: Math.min(spec.inspection, spec.listingDelay) };
		fc.assert(
			fc.property(fc.array(simCall, { minLength: minCalls, maxLength: maxCalls }), (specs) => {
				const calls = specs.map(inMargins).map((spec, i) =>
					call(`u${i}`, spec.upload, spec.upload + spec.inspection, { listedAt: spec.upload + spec.listingDelay, finalStatus: spec.finalStatus }),
				);
				const trigger = new SimTrigger(calls);
				const end = T0 + span + LOOK_BACK;
				for (let t = T0; t <= end; t += POLL) trigger.poll(t);
				const expected = calls.filter((c) => Math.max(c.finalAt, c.listedAt) > T0).map((c) => c.uuid);
				expect([...trigger.emitted].sort()).toEqual([...expected].sort());
				if (minCalls > 0) expect(trigger.requests.flat().some((listing) => listing.kind === 'tailPending')).toBe(true);
			}),
			{ numRuns: minCalls > 0 ? 8 : 30, endOnFailure: minCalls > 0 },
		);
	});
});
