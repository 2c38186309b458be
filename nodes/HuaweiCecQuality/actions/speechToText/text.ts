/**
 * What Transcribe and Get Text share: the transcription's task id, the binary field the text goes to,
 * and fetching the text — a ZIP archive, handed to the workflow as n8n binary data (API notes §5.4).
 */
import { NodeApiError, type IBinaryKeyData, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { InvalidFieldError, toText } from '../../helpers/validation';
import type { CecApi } from '../../transport/api';
import { withFile } from '../common';
import { fieldOf, readIdText, requiredTextProperty } from '../fields';

const MAX_TASK_ID = 128;
const MAX_PROPERTY_NAME = 256;
const ZIP = 'application/zip';
/** getTextByTaskId serves only tasks created in the last three days (API notes §5.4). */
const TEXT_KEPT_DAYS = 3;

export const taskId = requiredTextProperty({
	displayName: 'Task ID',
	name: 'taskId',
	placeholder: '20210201095107000123',
	description: `The taskId that Transcribe returned (a task created within the last ${TEXT_KEPT_DAYS} days). Keep it as text.`,
});

export function readTaskId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readIdText(fieldOf(taskId), ctx.getNodeParameter(taskId.name, itemIndex), MAX_TASK_ID);
}

export const binaryProperty: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the output binary field to put the ZIP archive with the text in',
	description: 'The text arrives as a ZIP archive (&lt;taskId&gt;.zip); n8n\'s Compression node unpacks it',
};

export function readBinaryProperty(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter(binaryProperty.name, itemIndex, binaryProperty.default) as unknown;
	if (typeof value === 'string' && value.trim() === '') {
		throw new InvalidFieldError(fieldOf(binaryProperty), value, 'must name the binary field to put the file in, e.g. data');
	}
	return toText(fieldOf(binaryProperty), value, MAX_PROPERTY_NAME);
}

/** The text's archive when the answer has one; undefined while the text is not ready. */
function archiveOf(answer: IDataObject): string | undefined {
	return typeof answer.bytesZip === 'string' && answer.bytesZip.trim() !== '' ? answer.bytesZip : undefined;
}

/** A failure of getTextByTaskId says what the server keeps: a task older than three days is refused. */
function withAgeHint(error: unknown): unknown {
	if (error instanceof NodeApiError && error.context.resultCode !== undefined) {
		error.description = `${error.description ?? ''} getTextByTaskId serves only tasks created within the last ${TEXT_KEPT_DAYS} days: an older task ID is refused.`.trim();
	}
	return error;
}

/** The text of a task as an output item with the archive as binary data, or undefined while not ready. */
export async function fetchText(
	ctx: IExecuteFunctions,
	api: CecApi,
	task: { taskId: string; language: string },
	property: string,
	json: IDataObject,
): Promise<IDataObject | undefined> {
	const answer = await api.transcriptionText(task.taskId, task.language).catch((error: unknown) => Promise.reject(withAgeHint(error)));
	const archive = archiveOf(answer);
	if (archive === undefined) return undefined;
	const fileName = `${task.taskId}.zip`;
	const binary: IBinaryKeyData = { [property]: await ctx.helpers.prepareBinaryData(Buffer.from(archive, 'base64'), fileName, ZIP) };
	const { bytesZip, ...rest } = answer;
	return withFile({ ...json, ...rest, taskId: task.taskId, fileName }, binary);
}
