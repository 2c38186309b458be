/**
 * The trigger benchmark's simulated tenant: a deterministic day of call uploads (seeded PRNG) and,
 * per call, when its inspection starts and when it ends in which final status.
 *  - Uploads follow a contact centre's day (busy 9–17, quiet at night, hourly weights below), as a
 *    Poisson count per minute, each at a uniform second of its minute.
 *  - Each call waits 0–60 s, then is inspected until it ends 1–30 minutes (uniform) after its upload;
 *    about 0.5% end 100–115 minutes after it instead, near the end of the trigger's default 120-minute
 *    look-back.
 *  - About 5% end in a final failure (9 or 31–40, uniform), the rest done (2).
 */
import type { CecMockCallSeed } from '../../test/mock/cecMock';

/** Relative upload rate per hour of the tenant's day, 00–23. */
const HOURLY_WEIGHTS = [0.2, 0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 0.6, 1.2, 1.8, 1.9, 1.8, 1.3, 1.5, 1.8, 1.9, 1.8, 1.5, 1.0, 0.8, 0.6, 0.5, 0.35, 0.25];
const WEIGHT_SUM = HOURLY_WEIGHTS.reduce((sum, w) => sum + w, 0);

export const FAILURE_SHARE = 0.05;
export const LATE_SHARE = 0.005;
const FAILURE_STATUSES = [9, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40];
const DONE = 2;
const MINUTE_MS = 60_000;

/** mulberry32: a small, fast, seeded PRNG giving floats in [0, 1). */
export function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Knuth's Poisson sampler: fine for the per-minute means here (well under 700). */
function poisson(random: () => number, mean: number): number {
	const limit = Math.exp(-mean);
	let count = 0;
	for (let p = random(); p > limit; p *= random()) count++;
	return count;
}

/** A version-4 UUID drawn from `random`: real call uuids are UUIDs, and their length sizes the static data. */
function uuidFrom(random: () => number): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
	hex[12] = '4';
	hex[16] = (8 + Math.floor(random() * 4)).toString(16);
	const h = hex.join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface SimulatedCall {
	callUuid: string;
	/** Epoch seconds. */
	uploadTime: number;
	/** Epoch ms when the inspection starts. */
	inspectingAtMs: number;
	/** Epoch ms when the inspection ends in `finalStatus`. */
	finalAtMs: number;
	finalStatus: number;
	late: boolean;
}

export interface DayOptions {
	callsPerDay: number;
	/** Epoch ms of the tenant's midnight that starts the day. */
	dayStartMs: number;
	/** Minutes of uploads before the day starts (so the first poll already has a full window). */
	preRollMinutes: number;
	/** Minutes of uploads from the day's start. */
	minutes: number;
	seed: number;
}

/**
 * Every call of the simulated period, by minute: `byMinute[i]` holds the calls uploaded in
 * [start + i min, start + (i + 1) min), start = dayStartMs − preRollMinutes.
 */
export function simulateUploads(opts: DayOptions): SimulatedCall[][] {
	const random = prng(opts.seed);
	const startMs = opts.dayStartMs - opts.preRollMinutes * MINUTE_MS;
	const byMinute: SimulatedCall[][] = [];
	for (let i = 0; i < opts.preRollMinutes + opts.minutes; i++) {
		const minuteStartMs = startMs + i * MINUTE_MS;
		const hour = new Date(minuteStartMs - opts.dayStartMs + 24 * 3600_000).getUTCHours();
		const mean = (opts.callsPerDay * HOURLY_WEIGHTS[hour]) / WEIGHT_SUM / 60;
		const calls: SimulatedCall[] = [];
		for (let n = poisson(random, mean); n > 0; n--) {
			const uploadTime = Math.floor(minuteStartMs / 1000) + Math.floor(random() * 60);
			const late = random() < LATE_SHARE;
			const inspectionS = late ? 100 * 60 + random() * 15 * 60 : 60 + random() * 29 * 60;
			const finalAtMs = uploadTime * 1000 + Math.round(inspectionS * 1000);
			const inspectingAtMs = Math.min(finalAtMs, uploadTime * 1000 + Math.round(random() * 60_000));
			const finalStatus = random() < FAILURE_SHARE ? FAILURE_STATUSES[Math.floor(random() * FAILURE_STATUSES.length)] : DONE;
			calls.push({ callUuid: uuidFrom(random), uploadTime, inspectingAtMs, finalAtMs, finalStatus, late });
		}
		byMinute.push(calls.sort((a, b) => a.uploadTime - b.uploadTime));
	}
	return byMinute;
}

/** The mock seed of a call added at `seededAtMs`: its timeline is relative to that moment. */
export function seedOf(call: SimulatedCall, seededAtMs: number): CecMockCallSeed {
	return {
		call_uuid: call.callUuid,
		upload_time: call.uploadTime,
		statusTimeline: [
			{ atMs: 0, status: 0 },
			{ atMs: Math.max(0, call.inspectingAtMs - seededAtMs), status: 1 },
			{ atMs: Math.max(0, call.finalAtMs - seededAtMs), status: call.finalStatus },
		],
	};
}
