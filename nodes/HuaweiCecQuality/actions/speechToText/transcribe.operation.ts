/**
 * Transcribe → openapi/voice2Text: starts a transcript of a recording (no scoring), and optionally waits
 * for its text (getTextByTaskId), handed over as a ZIP archive in binary data. voice2Text starts billable
 * work: it is never sent again after a timeout (its endpoint is not safe to resend).
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { CecApi } from '../../transport/api';
import { RunStopped } from '../../transport/client';
import { timeZoneOption, type ItemWork, type Operation } from '../common';
import { readRecording, recordingProperties } from '../recording';
import { pollUntil, readWaitSettings, waitOptions, type WaitSettings } from '../waiting';
import { binaryProperty, fetchText, readBinaryProperty } from './text';

const WAIT = waitOptions(
	{ option: 'Wait for Text', thing: 'the text', kept: 'the task ID' },
	'waitForText',
	'Whether to wait until the text is ready and output it as a ZIP archive in binary data, with the task ID',
);

const fileField = {
	...binaryProperty,
	description: 'With Wait for Text: the text arrives as a ZIP archive (&lt;taskId&gt;.zip); n8n\'s Compression node unpacks it',
};

/** Polls for the text of the started task. Every error from here on names the taskId: the task exists. */
async function waitForText(
	ctx: IExecuteFunctions,
	itemApi: CecApi,
	started: IDataObject,
	language: string,
	property: string,
	settings: WaitSettings,
): Promise<IDataObject> {
	const taskId = String(started.taskId ?? '');
	if (taskId.trim() === '') {
		// Without a taskId there is nothing to poll for: never send getTextByTaskId with an empty id.
		throw new NodeOperationError(ctx.getNode(), 'CEC voice2Text answered success without a taskId, so its text cannot be fetched', {
			description: 'The transcription may have been started; it is not started again. Check in CEC before running this item again.',
		});
	}
	const kept = `The transcription was started (taskId ${taskId}) and is not started again: use Get Text with this task ID later.`;
	const fail = (message: string) => {
		const error = new NodeOperationError(ctx.getNode(), message, { description: kept });
		error.context.taskId = taskId;
		return error;
	};
	const api = itemApi.mappingErrors((error) =>
		error instanceof RunStopped ? error : fail(`Transcription ${taskId} was started, but waiting for its text failed: ${(error as Error).message}`),
	);
	return await pollUntil(
		settings,
		async () => await fetchText(ctx, api, { taskId, language }, property, started),
		() => fail(`Transcription ${taskId} was started, but its text was not ready within ${settings.maxWaitMs / 1000} s`),
	);
}

export const transcribe: Operation = {
	name: 'Transcribe',
	action: 'Transcribe a call recording',
	summary:
		'Starts a transcript of a call recording (without scoring) and returns its taskId and duration; with Wait for Text, also the text as a ZIP archive in binary data (<taskId>.zip)',
	properties: [...recordingProperties, fileField],
	options: [WAIT.maxWait, WAIT.pollInterval, timeZoneOption, WAIT.enabled],
	prepare(this: IExecuteFunctions, itemIndex: number): ItemWork {
		const { body } = readRecording(this, itemIndex);
		const wait = readWaitSettings(this, itemIndex, WAIT);
		const property = wait ? readBinaryProperty(this, itemIndex) : undefined;
		return async (api) => {
			const started = await api.transcribe(body);
			if (!wait || property === undefined) return [started];
			return [await waitForText(this, api, started, String(body.language), property, wait)];
		};
	},
};
