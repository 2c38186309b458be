/**
 * The call trigger's memory and what each poll lists, so that its cost follows the calls that may
 * still change, not the look-back window. appraisecall/details filters by status and upload time only
 * (no "finished since"), so a poll lists:
 *  - the new uploads, every status, from the last listing on;
 *  - the final calls of the dense range: from the horizon (the oldest upload time of a call not yet
 *    final, among the calls close enough together) up to the last listing;
 *  - the tail: the few older calls still not final, listed by their own (not final) statuses in one
 *    listing; those no longer listed there are then looked for among the final calls of their upload
 *    seconds.
 * It remembers the calls not yet final and the final calls of the dense range (to tell a call listed
 * late from one already emitted), each by a 53-bit hash of its call_uuid with its upload time.
 */
import type { IDataObject } from 'n8n-workflow';

import { ALL_STATUSES, DONE_STATUS, FINAL_FAILURE_STATUSES } from './callStatus';

export const FINAL_STATUSES = [DONE_STATUS, ...FINAL_FAILURE_STATUSES];
export const NOT_FINAL_STATUSES = ALL_STATUSES.filter((status) => !FINAL_STATUSES.includes(status));

/** Calls per page of the listings (the API's maximum `limit`, transport/api.ts). */
export const LISTING_PAGE_SIZE = 100;
/**
 * A call may appear in the list a little after its upload time (CEC's clock and ours differ). One that
 * is final by then is caught if it appears within LATE_LISTING_SECONDS (the dense range reaches back so
 * far); one still in progress, within NEW_UPLOAD_OVERLAP_SECONDS (the new uploads are listed from so
 * far back of the last listing).
 */
export const LATE_LISTING_SECONDS = 300;
export const NEW_UPLOAD_OVERLAP_SECONDS = 60;
/** The memory holds at most this many calls of each kind; beyond it, the oldest are forgotten. */
export const MAX_REMEMBERED_CALLS = 20000;
/** Weight of the latest poll's upload rate in the remembered one. */
const RATE_WEIGHT = 0.3;

export interface CallHorizonMemory {
	/** Epoch seconds up to which every upload has been listed. */
	listedTo?: number;
	/** Calls listed in a status not yet final: hash → seconds from its upload time to `listedTo`. */
	pending?: Record<string, number>;
	/** Final calls already seen, with an upload time of at least `knownFrom`: hash → seconds from its upload time to `listedTo`. */
	final?: Record<string, number>;
	/** `final` holds every final call seen with an upload time from here on: an unknown final call older than this is not new. */
	knownFrom?: number;
	/** Uploads per second, smoothed over polls: where listing a gap costs more than listing its calls apart. */
	rate?: number;
	/** The memory of releases before 0.2 (call_uuid → upload time of calls emitted), taken over by the first poll. */
	seen?: Record<string, number>;
	started?: boolean;
	forgottenUpTo?: number;
}

/** One appraisecall/details listing: its statuses and its upload range (both ends included). */
export interface Listing {
	/** 'count': only the total is wanted (a page of one). */
	kind: 'count' | 'seed' | 'all' | 'final' | 'tailPending' | 'vanished';
	status: number[];
	from: number;
	to: number;
}

/** base64url's digits: A–Z, a–z, 0–9, '-', '_' (by their character codes). */
const KEY_DIGITS = [[65, 26], [97, 26], [48, 10], [45, 1], [95, 1]]
	.flatMap(([first, count]) => Array.from({ length: count }, (_, i) => String.fromCharCode(first + i)))
	.join('');

/** cyrb53: a 53-bit string hash, as 9 base-64 digits (a call_uuid is 36 characters). */
export function callKey(uuid: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < uuid.length; i++) {
		const code = uuid.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	let hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
	let key = '';
	for (let digit = 0; digit < 9; digit++) {
		key += KEY_DIGITS[hash % 64];
		hash = Math.floor(hash / 64);
	}
	return key;
}

/**
 * Upload times as stored, seconds before `listedTo` (a few digits instead of ten), and back: the same
 * subtraction both ways.
 */
function beforeListedTo(listedTo: number, entries: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, listedTo - value]));
}

export function uploadTimeOf(call: IDataObject): number | undefined {
	const n = Number(call.upload_time);
	if (call.upload_time === undefined || call.upload_time === null || !Number.isFinite(n)) return undefined;
	return n > 1e11 ? Math.floor(n / 1000) : n;
}

/** Groups times into ranges, a gap of at most `maxGap` seconds joining two neighbours. */
function rangesOf(times: number[], maxGap: number): Array<[number, number]> {
	const ranges: Array<[number, number]> = [];
	for (const time of [...times].sort((a, b) => a - b)) {
		const last = ranges[ranges.length - 1];
		if (last !== undefined && time - last[1] <= maxGap) last[1] = time;
		else ranges.push([time, time]);
	}
	return ranges;
}

/** The longest gap between two calls still worth listing in one range rather than apart. */
function maxGapAt(rate: number | undefined): number {
	return rate === undefined || rate <= 0 ? Infinity : LISTING_PAGE_SIZE / rate;
}

/**
 * Where the dense range starts: counted back from `listedTo`, the oldest upload time of the pending calls
 * each within the longest worthwhile gap of the next, and at least LATE_LISTING_SECONDS back.
 */
export function denseHorizonOf(pending: Record<string, number>, listedTo: number, windowStart: number, rate: number | undefined): number {
	let horizon = listedTo - LATE_LISTING_SECONDS;
	let cursor = listedTo;
	const maxGap = maxGapAt(rate);
	for (const uploaded of Object.values(pending).sort((a, b) => b - a)) {
		if (uploaded >= cursor) continue;
		if (cursor - uploaded > maxGap) break;
		cursor = uploaded;
		horizon = Math.min(horizon, uploaded);
	}
	return Math.max(horizon, windowStart);
}

/** The `max` entries with the latest upload times, and the latest upload time of those left out. */
function newest(entries: Record<string, number>, max: number): { kept: Record<string, number>; droppedUpTo?: number } {
	const all = Object.entries(entries);
	if (all.length <= max) return { kept: entries };
	all.sort((a, b) => b[1] - a[1]);
	return { kept: Object.fromEntries(all.slice(0, max)), droppedUpTo: all[max][1] };
}

/**
 * One poll's plan and its result. Construct it on a copy of the memory, hand it each listing's calls
 * (`take`), then `finish`: the memory is the poll's to keep only once every listing succeeded.
 */
export class CallHorizon {
	private readonly pending: Record<string, number>;
	private readonly final: Record<string, number>;
	private readonly seeding: boolean;
	private readonly windowStart: number;
	private readonly listedTo: number;
	private readonly horizon: number;
	private readonly tail: Record<string, number> = {};
	private readonly tailStillPending = new Set<string>();
	private readonly emitted: IDataObject[] = [];
	private knownFrom: number;
	private rate: number | undefined;
	private newUploads: { count: number; seconds: number } | undefined;

	constructor(
		memory: CallHorizonMemory,
		private readonly now: number,
		lookBackSeconds: number,
		private readonly emits: number[],
	) {
		this.windowStart = now - lookBackSeconds;
		const migrating = memory.listedTo === undefined && (memory.started === true || memory.seen !== undefined);
		this.seeding = memory.listedTo === undefined && !migrating;
		const storedAt = memory.listedTo ?? now;
		this.pending = Object.fromEntries(
			Object.entries(beforeListedTo(storedAt, memory.pending ?? {})).filter(([, uploaded]) => uploaded >= this.windowStart),
		);
		this.final = beforeListedTo(storedAt, memory.final ?? {});
		if (migrating) {
			// Today's memory names the calls emitted in the window: list the window once, emit the rest.
			for (const [uuid, uploaded] of Object.entries(memory.seen ?? {})) this.final[callKey(uuid)] = uploaded;
			this.knownFrom = Math.max(this.windowStart, (memory.forgottenUpTo ?? -Infinity) + 1);
			this.listedTo = this.knownFrom;
		} else {
			this.knownFrom = memory.knownFrom ?? Math.max(this.windowStart, now - LATE_LISTING_SECONDS);
			this.listedTo = Math.min(now, Math.max(memory.listedTo ?? now, this.windowStart));
		}
		this.rate = memory.rate;
		this.horizon = denseHorizonOf(this.pending, this.listedTo, this.windowStart, this.rate);
		for (const [key, uploaded] of Object.entries(this.pending)) if (uploaded < this.horizon) this.tail[key] = uploaded;
	}

	/** The listings decided from the memory, in order. */
	listings(): Listing[] {
		if (this.seeding) {
			// What is final already is not news: the calls not yet final, the last LATE_LISTING_SECONDS in
			// every status (to know a call listed late later on), and how many uploads there are.
			const recent = Math.max(this.windowStart, this.now - LATE_LISTING_SECONDS);
			return [
				{ kind: 'count', status: ALL_STATUSES, from: this.windowStart, to: this.now },
				...(recent > this.windowStart ? [{ kind: 'seed' as const, status: NOT_FINAL_STATUSES, from: this.windowStart, to: recent - 1 }] : []),
				{ kind: 'seed', status: ALL_STATUSES, from: recent, to: this.now },
			];
		}
		const listings: Listing[] = [];
		// Split in two only where the range is known to hold more than a page (no rate yet: one listing).
		const denseCalls = (this.rate ?? 0) * (this.now - this.horizon);
		const newFrom = this.listedTo - NEW_UPLOAD_OVERLAP_SECONDS;
		if (denseCalls > LISTING_PAGE_SIZE && this.horizon < newFrom) {
			listings.push({ kind: 'all', status: ALL_STATUSES, from: newFrom, to: this.now });
			listings.push({ kind: 'final', status: FINAL_STATUSES, from: this.horizon, to: newFrom - 1 });
		} else {
			listings.push({ kind: 'all', status: ALL_STATUSES, from: this.horizon, to: this.now });
		}
		const tailTimes = Object.values(this.tail);
		if (tailTimes.length > 0) {
			listings.push({ kind: 'tailPending', status: NOT_FINAL_STATUSES, from: Math.min(...tailTimes), to: this.horizon - 1 });
		}
		return listings;
	}

	/** After the tail's listing: the final calls of the upload seconds of the tail calls it no longer lists. */
	vanishedListings(): Listing[] {
		const vanished = Object.entries(this.tail)
			.filter(([key]) => !this.tailStillPending.has(key) && key in this.pending)
			.map(([, uploaded]) => uploaded);
		return rangesOf(vanished, maxGapAt(this.rate)).map(([from, to]) => ({ kind: 'vanished' as const, status: FINAL_STATUSES, from, to }));
	}

	/** Folds in one listing's calls (or its total, for a count). */
	take(listing: Listing, calls: IDataObject[], total?: number): void {
		if (listing.kind === 'count') {
			if (total !== undefined) this.rate = total / Math.max(1, listing.to - listing.from + 1);
			return;
		}
		if (listing.kind === 'all') this.newUploads = { count: calls.length, seconds: listing.to - listing.from + 1 };
		for (const call of calls) {
			const uuid = call.call_uuid;
			const uploaded = uploadTimeOf(call);
			if (typeof uuid !== 'string' || uploaded === undefined) continue;
			const key = callKey(uuid);
			const status = Number(call.status);
			if (!FINAL_STATUSES.includes(status)) {
				if (!(key in this.final)) this.pending[key] = uploaded;
				if (listing.kind === 'tailPending') this.tailStillPending.add(key);
				continue;
			}
			const wasPending = key in this.pending;
			if (!wasPending && (key in this.final || uploaded < this.knownFrom)) continue;
			delete this.pending[key];
			this.final[key] = uploaded;
			if (this.emits.includes(status) && !this.seeding) this.emitted.push(call);
		}
	}

	/** The calls to emit (oldest upload first) and the memory to keep. */
	finish(): { emit: IDataObject[]; memory: CallHorizonMemory } {
		if (this.newUploads !== undefined && !this.seeding) {
			const observed = this.newUploads.count / this.newUploads.seconds;
			this.rate = this.rate === undefined ? observed : (1 - RATE_WEIGHT) * this.rate + RATE_WEIGHT * observed;
		}
		const { kept: pending } = newest(this.pending, MAX_REMEMBERED_CALLS);
		// The next poll lists final calls from its horizon on: older ones it can no longer mistake for new.
		const nextHorizon = denseHorizonOf(pending, this.now, this.windowStart, this.rate);
		let knownFrom = Math.max(this.knownFrom, nextHorizon);
		const { kept, droppedUpTo } = newest(this.final, MAX_REMEMBERED_CALLS);
		if (droppedUpTo !== undefined) knownFrom = Math.max(knownFrom, droppedUpTo + 1);
		const final = Object.fromEntries(Object.entries(kept).filter(([, uploaded]) => uploaded >= knownFrom));
		const memory: CallHorizonMemory = {
			listedTo: this.now,
			pending: beforeListedTo(this.now, pending),
			final: beforeListedTo(this.now, final),
			knownFrom,
			...(this.rate === undefined ? {} : { rate: Math.round(this.rate * 1e6) / 1e6 }),
		};
		const emit = [...this.emitted].sort((a, b) => (uploadTimeOf(a) ?? 0) - (uploadTimeOf(b) ?? 0));
		return { emit, memory };
	}
}
