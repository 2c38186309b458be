/**
 * Sends calls for the node and the trigger alike: each call waits for a slot of the caller's send
 * window, and is sent again only when that cannot do harm — after 429/503 (not processed), after a
 * 401 that survived a fresh token (not processed), and, for reads, after a timeout, a reset or a
 * 5xx. Anything that may have created something is never resent.
 */
import { sleep, type NodeApiError } from 'n8n-workflow';

import { sendCecCall, type CallSettings, type CecCall, type CecContext } from './index';

/** Rounds of retries for a call still rejected with 401 after a fresh token. */
export const UNAUTHORIZED_RETRY_ROUNDS = 2;
/** Base pause before such a round; the actual pause is 1 to 4 times this, at random. */
const UNAUTHORIZED_PAUSE_MS = 100;

/**
 * Where calls queue: the node's sliding window, or one call at a time for a poll. A call holds its
 * slot through its resends, so a resend goes before the calls queued behind it.
 */
export interface SendWindow {
	/** Resolves with a slot for this call, or with false when the run stops (nothing is sent). */
	acquire(): Promise<boolean>;
	/** Waits until a send may start (rate limit, a pause the API asked for). */
	beforeSend(): Promise<void>;
	/** Frees the slot; `failed` when the call ended in an error (a window may then stop the run). */
	release(failed: boolean): void;
	/** Holds every start for `ms`: the API asked to wait. */
	pauseFor(ms: number): void;
	/** A send was answered (or failed) after `latencyMs`. */
	answered(latencyMs: number): void;
}

/** Thrown into an item's work when the run stopped before its call was sent. */
export class RunStopped extends Error {
	constructor() {
		super('The run stopped before this call was sent');
		this.name = 'RunStopped';
	}
}

export class CecClient {
	constructor(
		private readonly ctx: CecContext,
		private readonly settings: CallSettings,
		private readonly window: SendWindow,
		private readonly maxRetries: number,
	) {}

	/** The call's answer (an object or an array, as its endpoint says); throws the item's NodeApiError. */
	async call(call: CecCall, itemIndex: number): Promise<unknown> {
		if (!(await this.window.acquire())) throw new RunStopped();
		let failed = true;
		try {
			const answer = await this.sendWithRetries(call, itemIndex);
			failed = false;
			return answer;
		} finally {
			this.window.release(failed);
		}
	}

	private async sendWithRetries(call: CecCall, itemIndex: number): Promise<unknown> {
		let unauthorizedRounds = 0;
		for (let retries = 0; ; ) {
			await this.window.beforeSend();
			const sentAt = Date.now();
			const outcome = await sendCecCall.call(this.ctx, call, this.settings, itemIndex);
			this.window.answered(Date.now() - sentAt);
			if (outcome.kind === 'ok') return outcome.data;
			if (outcome.kind === 'retryable' && retries < this.maxRetries) {
				retries++;
				this.window.pauseFor(outcome.waitMs);
				continue;
			}
			if (outcome.kind === 'unauthorized' && unauthorizedRounds < UNAUTHORIZED_RETRY_ROUNDS) {
				// Another worker's token refresh may have revoked ours: let the refreshes settle, then retry.
				unauthorizedRounds++;
				await sleep(UNAUTHORIZED_PAUSE_MS + Math.floor(Math.random() * UNAUTHORIZED_PAUSE_MS * 3));
				continue;
			}
			if (outcome.kind === 'retryable') noteRetries(outcome.error, retries);
			throw outcome.error;
		}
	}
}

function noteRetries(error: NodeApiError, retries: number): void {
	const times = retries === 1 ? '1 retry' : `${retries} retries`;
	error.description = `${error.description ?? ''} Gave up after ${times}.`.trim();
}
