/** Get Text → openapi/getTextByTaskId: the text of a transcription, as a ZIP archive in binary data. */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { ItemWork, Operation } from '../common';
import { fieldOf } from '../fields';
import { language, readLanguage } from '../recording';
import { binaryProperty, fetchText, readBinaryProperty, readTaskId, taskId } from './text';

const textLanguage = { ...language, description: 'Language of the recording, as given to Transcribe' };

export const getText: Operation = {
	name: 'Get Text',
	action: 'Get the text of a transcription',
	summary:
		'Returns the text of a transcription (by the taskId that Transcribe returned) as a ZIP archive in binary data (<taskId>.zip), with the taskId and the result code; an error while the text is not ready',
	properties: [taskId, textLanguage, binaryProperty],
	prepare(this: IExecuteFunctions, itemIndex: number): ItemWork {
		const task = { taskId: readTaskId(this, itemIndex), language: readLanguage(this.getNodeParameter(textLanguage.name, itemIndex), fieldOf(textLanguage)) };
		const property = readBinaryProperty(this, itemIndex);
		return async (api) => {
			const text = await fetchText(this, api, task, property, {});
			if (text === undefined) {
				throw new NodeOperationError(this.getNode(), `The text of transcription ${task.taskId} is not ready yet`, {
					description: 'Speech to text takes a while. Try again later, or use Transcribe with "Wait for Text".',
				});
			}
			return [text];
		};
	},
};
