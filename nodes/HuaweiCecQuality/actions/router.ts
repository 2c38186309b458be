/**
 * The item loop: validates every item before anything is sent, then runs each item's work (one call,
 * or several: pages, polls) with its calls going out through a sliding window (concurrency, optional
 * rate limit, shared pause while the API is busy). Outputs come in input order, each paired with its
 * input item; a failed item gives exactly one error item (under continue-on-fail) in its place.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { callSettingsFor } from '../transport';
import { CecApi } from '../transport/api';
import { CecClient, RunStopped } from '../transport/client';
import { RequestWindow } from '../transport/sendWindow';
import { credentialUrlProblem } from '../helpers/urls';
import { InvalidFieldError, fieldLabel } from '../helpers/validation';
import { fileOf, prepareItem, type ItemWork, type Resource } from './common';
import { credentialDefaultsOf } from './fields';
import { readRunSettings, type RunSettings } from './runOptions';
import { RESOURCES } from './resources';

const resources: Record<string, Resource> = Object.fromEntries(RESOURCES.map((r) => [r.option.value, r]));

interface PendingWork {
	itemIndex: number;
	work: ItemWork;
}

type ItemError = NodeApiError | NodeOperationError;

/** Where the invalid value was, for item `itemIndex`. */
function whereOf(error: InvalidFieldError, itemIndex: number): string {
	if (error.field.fromInput) return `Input field "${error.field.name}" of item ${itemIndex}`;
	if (error.field.inCredential) return `The ${fieldLabel(error.field)}, used for item ${itemIndex}`;
	return `Field ${fieldLabel(error.field)} of item ${itemIndex}`;
}

function itemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof InvalidFieldError) {
		return new NodeOperationError(ctx.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: `${whereOf(error, itemIndex)}: ${error.expected}. No request was sent for this item.`,
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
	for (const key of ['call_uuid', 'taskId', 'resultCode', 'resultDesc']) {
		if (error.context[key] !== undefined) details[key] = error.context[key] as string;
	}
	return { json: { error: error.message, details }, pairedItem };
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
	/** Per input item, its output items (or its one error item). */
	const results: INodeExecutionData[][] = Array.from({ length: items.length }, () => []);

	let settings: RunSettings;
	try {
		settings = readRunSettings(this);
	} catch (error) {
		throw itemError(this, error, 0);
	}

	// Read once, before the items: their operator and role may be the credential's defaults.
	const callSettings = await callSettingsFor(this, settings.timeout);
	const defaults = credentialDefaultsOf(callSettings.credentials.data ?? {});
	const pending: PendingWork[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			pending.push({ itemIndex, work: prepareItem(this, operation, itemIndex, defaults) });
		} catch (error) {
			const failure = itemError(this, error, itemIndex);
			if (!continueOnFail) throw failure;
			results[itemIndex] = [errorItem(failure, itemIndex, toErrorOutput)];
		}
	}
	if (pending.length === 0) return [results.flat()];

	const urlProblem = credentialUrlProblem(callSettings.credentials.data ?? {});
	if (urlProblem !== undefined) {
		for (const { itemIndex } of pending) {
			const failure = new NodeOperationError(this.getNode(), urlProblem, {
				itemIndex,
				description: 'Nothing was sent. Correct the URL in the credential.',
			});
			if (!continueOnFail) throw failure;
			results[itemIndex] = [errorItem(failure, itemIndex, toErrorOutput)];
		}
		return [results.flat()];
	}
	let firstFailure: ItemError | undefined;
	const window = new RequestWindow({
		concurrency: settings.concurrency,
		maxRequestsPerSecond: settings.maxRequestsPerSecond,
		firstAlone: callSettings.tokenCell.token === '',
		stopOnFailure: !continueOnFail,
		stopped: () => firstFailure !== undefined,
	});
	const client = new CecClient(this, callSettings, window, settings.maxRetries);

	// Every item's work starts now; the window lets `concurrency` of their calls out at a time, in item order.
	await Promise.all(
		pending.map(async ({ itemIndex, work }) => {
			try {
				const outputs = await work(new CecApi(async (call) => await client.call(call, itemIndex)));
				const pairedItem = { item: itemIndex };
				results[itemIndex] = outputs.map((json) => {
					const binary = fileOf(json);
					return binary ? { json, binary, pairedItem } : { json, pairedItem };
				});
			} catch (error) {
				if (error instanceof RunStopped) return;
				const failure = itemError(this, error, itemIndex);
				if (!continueOnFail) firstFailure ??= failure;
				results[itemIndex] = [errorItem(failure, itemIndex, toErrorOutput)];
			}
		}),
	);

	if (firstFailure) throw firstFailure;
	return [results.flat()];
}
