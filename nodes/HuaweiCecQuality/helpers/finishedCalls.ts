/**
 * Which finished calls a poll emits: those not emitted before, remembered by call_uuid with their
 * upload time, so the memory forgets a call once its upload time has left the look-back window (it
 * can no longer be listed) and never holds more than a bound.
 */
import type { IDataObject } from 'n8n-workflow';

export interface TriggerMemory {
	/** call_uuid → upload time (epoch seconds) of every call already emitted or seeded */
	seen?: Record<string, number>;
	/** Set by the first poll, which only seeds the memory */
	started?: boolean;
	/**
	 * When the bound made the memory forget calls still inside the window: the latest upload time it
	 * forgot. A listed call uploaded at or before it counts as seen, so it is not emitted again.
	 */
	forgottenUpTo?: number;
}

export const MAX_REMEMBERED_CALLS = 20000;

const uploadTimeOf = (call: IDataObject, fallback: number): number => {
	const n = Number(call.upload_time);
	return Number.isFinite(n) ? (n > 1e11 ? Math.floor(n / 1000) : n) : fallback;
};

/**
 * The calls to emit (oldest upload first), and the memory updated in place. The first poll emits
 * nothing: what finished before the trigger was active is not news.
 */
export function takeNewCalls(memory: TriggerMemory, calls: IDataObject[], windowStart: number, now: number): IDataObject[] {
	const seen = (memory.seen ??= {});
	if (memory.forgottenUpTo !== undefined && memory.forgottenUpTo < windowStart) delete memory.forgottenUpTo;
	const horizon = memory.forgottenUpTo ?? -Infinity;
	const listed = new Set<string>();
	const fresh = calls
		.filter((call) => {
			const uuid = call.call_uuid;
			if (typeof uuid !== 'string' || uuid in seen || listed.has(uuid) || uploadTimeOf(call, now) <= horizon) return false;
			listed.add(uuid);
			return true;
		})
		.sort((a, b) => uploadTimeOf(a, now) - uploadTimeOf(b, now));
	for (const call of calls) {
		if (typeof call.call_uuid === 'string' && uploadTimeOf(call, now) > horizon) seen[call.call_uuid] = uploadTimeOf(call, now);
	}
	for (const [uuid, uploaded] of Object.entries(seen)) {
		if (uploaded < windowStart) delete seen[uuid];
	}
	const uuids = Object.keys(seen);
	if (uuids.length > MAX_REMEMBERED_CALLS) {
		const forgotten = uuids.sort((a, b) => seen[a] - seen[b]).slice(0, uuids.length - MAX_REMEMBERED_CALLS);
		memory.forgottenUpTo = Math.max(memory.forgottenUpTo ?? -Infinity, ...forgotten.map((uuid) => seen[uuid]));
		forgotten.forEach((uuid) => delete seen[uuid]);
	}
	if (!memory.started) {
		memory.started = true;
		return [];
	}
	return fresh;
}
