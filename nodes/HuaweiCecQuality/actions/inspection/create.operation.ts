/**
 * Create Inspection → qualityInspect: submits one call recording for automatic inspection, and
 * optionally waits for its result (appraisecall/credit; a final failure seen in appraisecall/details
 * ends the wait early).
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { MAX_CALL_PAGE_SIZE, callsUploaded, type CallListFilter, type CecApi } from '../../transport/api';
import { RunStopped } from '../../transport/client';
import { FINAL_FAILURE_STATUSES, statusText } from '../../helpers/callStatus';
import { simplifyResult } from '../../helpers/inspectionResult';
import { timeZoneOption, type ItemContext, type ItemWork, type Operation } from '../common';
import { fieldOf, operatorOrDefault, operatorUserId, type CredentialDefaults } from '../fields';
import { pollUntil, readWaitSettings, waitOptions, type WaitSettings } from '../waiting';
import { readRecording, recordingProperties, resolveRecording, type Recording, type RecordingInput } from '../recording';

/** How far around the creation the call list is searched for the call (upload times are the server's). */
const UPLOAD_WINDOW_MARGIN_SECONDS = 600;
/** Slack around the call's own begin and end when it is looked up by call time. */
const CALL_WINDOW_MARGIN_SECONDS = 60;
const FAILURE_SEARCH_MAX_PAGES = 20;

const WAIT = waitOptions(
	{ option: 'Wait for Result', thing: 'the result', kept: 'the created call' },
	'waitForResult',
	'Whether to wait until CEC has inspected the call and output its result (passed, violated rules, scores) with the creation answer',
);

const waitOperator: INodeProperties = {
	...operatorUserId,
	required: false,
	description:
		'With Wait for Result: the 19-digit user ID (x-UserId) with which to look the call up in the call list, so that a failed inspection ends the wait at once. Keep it as text. Empty means the credential\'s Default Operator User ID; with neither, the wait ends only with a result or at Max Wait.',
};

const options: INodeProperties[] = [WAIT.maxWait, waitOperator, WAIT.pollInterval, timeZoneOption, WAIT.enabled];

/** The qualityInspect body, in the documented key order, from the UI's values. */
export function buildQualityInspectBody(input: RecordingInput, timeZone: string): IDataObject {
	return resolveRecording(input, timeZone).body;
}

/**
 * The wait's bounds, and the operator with which a failed inspection can be seen in the call list (the
 * option's, else the credential's default). Create itself needs no operator, so with neither there is
 * no error: the wait then sees only results.
 */
function readInspectionWait(
	ctx: IExecuteFunctions,
	itemIndex: number,
	defaults: CredentialDefaults,
): (WaitSettings & { operatorUserId?: string }) | undefined {
	const settings = readWaitSettings(ctx, itemIndex, WAIT);
	if (settings === undefined) return undefined;
	const operator = ctx.getNodeParameter(`options.${waitOperator.name}`, itemIndex, '') as unknown;
	return { ...settings, operatorUserId: operatorOrDefault(fieldOf(waitOperator, 'options'), operator, defaults) };
}

/**
 * The status of the call if the call list shows it in a final-failure state. The list is narrowed to
 * failures uploaded around the creation and made at the recording's own call time (a busy tenant at its
 * daily cap fails every call), and read to the end: its order is not documented.
 */
async function finalFailureOf(api: CecApi, uuid: string, createdAtMs: number, callWindow: Recording['callWindow'], operator: string): Promise<number | undefined> {
	const filter: CallListFilter = {
		...callsUploaded(
			FINAL_FAILURE_STATUSES,
			Math.floor(createdAtMs / 1000) - UPLOAD_WINDOW_MARGIN_SECONDS,
			Math.floor(Date.now() / 1000) + UPLOAD_WINDOW_MARGIN_SECONDS,
		),
		call_from: Math.max(0, callWindow.from - CALL_WINDOW_MARGIN_SECONDS),
		call_to: callWindow.to + CALL_WINDOW_MARGIN_SECONDS,
	};
	const calls = await api.listCalls(operator, filter, MAX_CALL_PAGE_SIZE * FAILURE_SEARCH_MAX_PAGES, MAX_CALL_PAGE_SIZE);
	const failed = calls.find((call) => call.call_uuid === uuid);
	return failed ? Number(failed.status) : undefined;
}

/**
 * Polls until the created call has a result. Every error from here on names the call_uuid: the call
 * exists, and it is never created again.
 */
async function waitForResult(
	itemApi: CecApi,
	creation: IDataObject,
	callWindow: Recording['callWindow'],
	settings: WaitSettings & { operatorUserId?: string },
	node: IExecuteFunctions['getNode'],
): Promise<IDataObject> {
	const uuid = String(creation.call_uuid ?? '');
	const createdAt = Date.now();
	const kept = `The inspection was created (call_uuid ${uuid}) and is not created again: use Get Result with this call_uuid later.`;
	const fail = (message: string, description: string) => {
		const error = new NodeOperationError(node(), message, { description });
		error.context.call_uuid = uuid;
		return error;
	};
	// A read that failed (after its own retries) ends the wait with the call_uuid in the error.
	const whileWaiting = (error: unknown): Error =>
		error instanceof RunStopped
			? error
			: fail(`Inspection of call ${uuid} was created, but waiting for its result failed: ${(error as Error).message}`, kept);
	const api = itemApi.mappingErrors(whileWaiting);
	return await pollUntil(
		settings,
		async () => {
			const answer = await api.inspectionResult(uuid);
			if (answer.length > 0) return { ...creation, ...simplifyResult(uuid, answer) };
			const status = settings.operatorUserId ? await finalFailureOf(api, uuid, createdAt, callWindow, settings.operatorUserId) : undefined;
			if (status !== undefined) {
				throw fail(`Inspection of call ${uuid} failed: status ${status} (${statusText(status)})`, `${kept} CEC reports that the inspection ended without a result.`);
			}
			return undefined;
		},
		() => fail(`Inspection of call ${uuid} was created, but it had no result within ${settings.maxWaitMs / 1000} s`, kept),
	);
}

export const create: Operation = {
	name: 'Create',
	action: 'Create an inspection task for a call recording',
	summary:
		'Submits a call recording for automatic inspection and returns its call_uuid; with Wait for Result, also the result (passed, violatedRules, totalScore, groups)',
	properties: recordingProperties,
	options,
	prepare(this: IExecuteFunctions, itemIndex: number, { defaults }: ItemContext): ItemWork {
		const { body, callWindow } = readRecording(this, itemIndex);
		const wait = readInspectionWait(this, itemIndex, defaults);
		return async (api) => {
			const creation = await api.inspect(body);
			return [wait ? await waitForResult(api, creation, callWindow, wait, () => this.getNode()) : creation];
		};
	},
};
