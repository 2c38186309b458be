/**
 * Where the calls of a run or a poll queue before they are sent: the node's sliding window (slots in
 * item order, spaced starts, an optional rate limit, a shared pause while the API is busy) and the
 * trigger's one call at a time.
 */
import { sleep } from 'n8n-workflow';

import type { SendWindow } from './client';
import { Slots } from './slots';

/** Below 1, so the spacing never holds back a full window: the slots stay the limit. */
const SPREAD_FRACTION = 0.9;
const LATENCY_SAMPLES_PER_LANE = 2;

/**
 * Spaces request starts: for the rate limit, and across the API's latency. Lanes that start together
 * would stay together (each answer's next send follows it at once), and n8n handles their answers and
 * sends one after another, so each wave would cost the latency plus the whole window's handling; sends
 * spaced by a fraction of the latency over the concurrency keep `concurrency` requests in flight. It
 * also holds every start while the API asked to wait.
 */
class SendGate {
	private nextStartAt = 0;
	private pausedUntil = 0;
	/** Latencies of the latest answers; the fastest of them is the latency spread over. */
	private readonly latencies: number[] = [];

	constructor(
		private readonly minIntervalMs: number,
		private readonly concurrency: number,
	) {}

	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	answered(latencyMs: number): void {
		this.latencies.push(latencyMs);
		if (this.latencies.length > LATENCY_SAMPLES_PER_LANE * this.concurrency) this.latencies.shift();
	}

	async beforeSend(): Promise<void> {
		for (;;) {
			const now = Date.now();
			const startAt = Math.max(now, this.pausedUntil, this.nextStartAt);
			if (startAt <= now) break;
			await sleep(startAt - now);
		}
		const spread = this.latencies.length > 0 ? (SPREAD_FRACTION * Math.min(...this.latencies)) / this.concurrency : 0;
		this.nextStartAt = Date.now() + Math.max(this.minIntervalMs, spread);
	}
}

/**
 * The sliding window: at most `concurrency` requests in flight, granted in the order asked (item
 * order), spaced by the gate. Without a stored token the first call goes alone and fetches it before
 * any other call is sent; a stored token is trusted: if it has expired, the 401s of the first window
 * share one exchange.
 */
export interface RequestWindowSettings {
	concurrency: number;
	/** 0: no limit */
	maxRequestsPerSecond: number;
	/** No stored token yet: the first call fetches it alone. */
	firstAlone: boolean;
	/** Without continue-on-fail the first failure stops the run: no further call is sent. */
	stopOnFailure: boolean;
	/** The run has stopped for another reason (an item failed outside its calls). */
	stopped: () => boolean;
}

export class RequestWindow implements SendWindow {
	private readonly slots: Slots;
	private readonly gate: SendGate;
	private halted = false;

	constructor(private readonly settings: RequestWindowSettings) {
		this.slots = new Slots(settings.firstAlone ? 1 : settings.concurrency);
		this.gate = new SendGate(rateInterval(settings.maxRequestsPerSecond), settings.concurrency);
	}

	async acquire(): Promise<boolean> {
		await this.slots.acquire();
		if (!this.halted && !this.settings.stopped()) return true;
		this.slots.release();
		return false;
	}

	async beforeSend(): Promise<void> {
		await this.gate.beforeSend();
	}

	release(failed: boolean): void {
		if (failed && this.settings.stopOnFailure) this.halted = true;
		this.slots.setCapacity(this.settings.concurrency);
		this.slots.release();
	}

	pauseFor(ms: number): void {
		this.gate.pauseFor(ms);
	}

	answered(latencyMs: number): void {
		this.gate.answered(latencyMs);
	}
}

function rateInterval(maxRequestsPerSecond: number): number {
	// A 5% margin keeps arrivals within the limit despite timer and network jitter on a loaded machine.
	return maxRequestsPerSecond > 0 ? (1000 / maxRequestsPerSecond) * 1.05 + 1 : 0;
}

/** One call at a time, no rate limit: a poll. */
export class SerialWindow implements SendWindow {
	private readonly slots = new Slots(1);
	private pausedUntil = 0;

	async acquire(): Promise<boolean> {
		await this.slots.acquire();
		return true;
	}

	async beforeSend(): Promise<void> {
		const wait = this.pausedUntil - Date.now();
		if (wait > 0) await sleep(wait);
	}

	release(): void {
		this.slots.release();
	}

	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	answered(): void {}
}

