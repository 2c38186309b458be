/**
 * The item loop: validates every item before anything is sent, then sends the calls through a
 * sliding window (concurrency, optional rate limit, shared pause while the API is busy), and
 * returns exactly one output item per input item, in input order, each paired with its input.
 */
import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, sendCecCall, type CallSettings, type CecCall } from '../transport';
import { cellFor } from '../helpers/tokenCell';
import { credentialUrlProblem } from '../helpers/urls';
import { InvalidFieldError, toInteger } from '../helpers/validation';
import { RUN_OPTION_DEFAULTS, type Resource } from './common';
import { inspection } from './inspection';
import { reviewTask } from './reviewTask';

const resources: Record<string, Resource> = { inspection, reviewTask };

/** Rounds of retries for items whose call was still rejected with 401 after a fresh token. */
export const UNAUTHORIZED_RETRY_ROUNDS = 2;
/** Base pause before such a round; the actual pause is 1 to 4 times this, at random. */
const UNAUTHORIZED_PAUSE_MS = 100;

interface RunSettings {
	concurrency: number;
	maxRequestsPerSecond: number;
	maxRetries: number;
	timeout: number;
}

interface PendingCall {
	itemIndex: number;
	call: CecCall;
}

type ItemError = NodeApiError | NodeOperationError;

const RUN_OPTION_LABELS: Record<keyof RunSettings, string> = {
	concurrency: 'Concurrency',
	maxRequestsPerSecond: 'Max Requests per Second',
	maxRetries: 'Max Retries When Busy',
	timeout: 'Timeout (Ms)',
};

function readRunSettings(ctx: IExecuteFunctions): RunSettings {
	const option = (name: keyof RunSettings, min: number, max: number) =>
		toInteger(
			{ displayName: RUN_OPTION_LABELS[name], name: `options.${name}` },
			ctx.getNodeParameter(`options.${name}`, 0, RUN_OPTION_DEFAULTS[name]),
			min,
			max,
		);
	return {
		concurrency: option('concurrency', 1, 100),
		maxRequestsPerSecond: option('maxRequestsPerSecond', 0, 100000),
		maxRetries: option('maxRetries', 0, 10),
		timeout: option('timeout', 1, 3600000),
	};
}

function itemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof InvalidFieldError) {
		return new NodeOperationError(ctx.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: `Field "${error.field.displayName}" (${error.field.name}) of item ${itemIndex}: ${error.expected}. No request was sent for this item.`,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The item that stands for a failed input item under continue-on-fail.
 * - Regular output: `{ error, details }`, the details to branch on (HTTP status, result code).
 * - Error output: `{ error, message }`, the only shape both n8n lines route there by its json and
 *   keep whole (1.x accepts no other keys; 2.x would replace the json of an item carrying an
 *   `error` property by `{ error }`). n8n adds the input item's fields to it.
 */
function errorItem(error: ItemError, itemIndex: number, toErrorOutput: boolean): INodeExecutionData {
	const pairedItem = { item: itemIndex };
	if (toErrorOutput) return { json: { error: error.message, message: error.description ?? error.message }, pairedItem };
	const details: IDataObject = { itemIndex };
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	for (const key of ['resultCode', 'resultDesc']) {
		if (error.context[key] !== undefined) details[key] = error.context[key] as string;
	}
	return { json: { error: error.message, details }, pairedItem };
}

/** Spaces request starts for the rate limit, and holds every start while the API asked to wait. */
class SendGate {
	private nextStartAt = 0;
	private pausedUntil = 0;

	constructor(private readonly minIntervalMs: number) {}

	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	async beforeSend(): Promise<void> {
		for (;;) {
			const now = Date.now();
			const startAt = Math.max(now, this.pausedUntil, this.nextStartAt);
			if (startAt <= now) break;
			await sleep(startAt - now);
		}
		if (this.minIntervalMs > 0) this.nextStartAt = Date.now() + this.minIntervalMs;
	}
}

/** Runs `work` over `tasks` with at most `limit` in flight; the first runs alone when `firstAlone`. */
async function slidingWindow<T>(
	tasks: T[],
	limit: number,
	firstAlone: boolean,
	shouldStop: () => boolean,
	work: (task: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < tasks.length && !shouldStop()) await work(tasks[next++]);
	};
	if (firstAlone && tasks.length > 0) await work(tasks[next++]);
	await Promise.all(Array.from({ length: Math.min(limit, tasks.length - next) }, lane));
}

function rateInterval(maxRequestsPerSecond: number): number {
	// A small margin keeps arrivals within the limit despite timer and network jitter.
	return maxRequestsPerSecond > 0 ? (1000 / maxRequestsPerSecond) * 1.02 + 1 : 0;
}

async function readCredentials(ctx: IExecuteFunctions): Promise<ICredentialsDecrypted> {
	const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	const data = await ctx.getCredentials(CREDENTIAL_TYPE);
	return { id: reference?.id ?? '', name: reference?.name ?? CREDENTIAL_TYPE, type: CREDENTIAL_TYPE, data };
}

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resourceName]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `Unsupported operation "${operationName}" of resource "${resourceName}"`);
	}
	const continueOnFail = this.continueOnFail();
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const results: INodeExecutionData[] = new Array(items.length);

	let settings: RunSettings;
	try {
		settings = readRunSettings(this);
	} catch (error) {
		throw itemError(this, error, 0);
	}

	const pending: PendingCall[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			pending.push({ itemIndex, call: operation.prepare.call(this, itemIndex) });
		} catch (error) {
			const failure = itemError(this, error, itemIndex);
			if (!continueOnFail) throw failure;
			results[itemIndex] = errorItem(failure, itemIndex, toErrorOutput);
		}
	}
	if (pending.length === 0) return [results];

	const credentials = await readCredentials(this);
	const urlProblem = credentialUrlProblem(credentials.data ?? {});
	if (urlProblem !== undefined) {
		for (const { itemIndex } of pending) {
			const failure = new NodeOperationError(this.getNode(), urlProblem, {
				itemIndex,
				description: 'Nothing was sent. Correct the URL in the credential.',
			});
			if (!continueOnFail) throw failure;
			results[itemIndex] = errorItem(failure, itemIndex, toErrorOutput);
		}
		return [results];
	}
	const callSettings: CallSettings = {
		timeoutMs: settings.timeout,
		credentials,
		tokenCell: cellFor(credentials.id, String(credentials.data?.accessToken ?? '')),
	};
	const gate = new SendGate(rateInterval(settings.maxRequestsPerSecond));
	let firstFailure: ItemError | undefined;
	const fail = (error: ItemError, itemIndex: number) => {
		if (!continueOnFail) firstFailure ??= error;
		results[itemIndex] = errorItem(error, itemIndex, toErrorOutput);
	};

	const send = async ({ itemIndex, call }: PendingCall, deferOnUnauthorized: PendingCall[] | undefined) => {
		for (let busyRetries = 0; ; busyRetries++) {
			await gate.beforeSend();
			const outcome = await sendCecCall.call(this, call, callSettings, itemIndex);
			if (outcome.kind === 'ok') {
				results[itemIndex] = { json: outcome.data, pairedItem: { item: itemIndex } };
				return;
			}
			if (outcome.kind === 'busy' && busyRetries < settings.maxRetries) {
				gate.pauseFor(outcome.waitMs);
				continue;
			}
			if (outcome.kind === 'unauthorized' && deferOnUnauthorized) {
				// Another worker's token refresh may have revoked ours: retry once the window is quiet.
				deferOnUnauthorized.push({ itemIndex, call });
				return;
			}
			if (outcome.kind === 'busy') {
				const retries = busyRetries === 1 ? '1 retry' : `${busyRetries} retries`;
				outcome.error.description = `${outcome.error.description ?? ''} Gave up after ${retries}.`.trim();
			}
			fail(outcome.error, itemIndex);
			return;
		}
	};

	let deferred: PendingCall[] = [];
	const stop = () => firstFailure !== undefined;
	// Without a stored token the first call goes alone and fetches it before any other call is sent.
	// A stored token is trusted: if it has expired, the 401s of the first window share one exchange.
	const firstAlone = callSettings.tokenCell.token === '';
	await slidingWindow(pending, settings.concurrency, firstAlone, stop, async (task) => await send(task, deferred));
	// A 401 means nothing was processed, so retrying is safe. Workers that refresh at the same moment
	// on a gateway that revokes older tokens can reject each other's new token a few times: each
	// round waits a short random time, so that the refreshes settle, then retries the rejected items.
	for (let round = 1; round <= UNAUTHORIZED_RETRY_ROUNDS && deferred.length > 0 && !stop(); round++) {
		const retrying = deferred.sort((a, b) => a.itemIndex - b.itemIndex);
		deferred = [];
		await sleep(UNAUTHORIZED_PAUSE_MS + Math.floor(Math.random() * UNAUTHORIZED_PAUSE_MS * 3));
		const next = round < UNAUTHORIZED_RETRY_ROUNDS ? deferred : undefined;
		await slidingWindow(retrying, settings.concurrency, true, stop, async (task) => await send(task, next));
	}

	if (firstFailure) throw firstFailure;
	return [results];
}
