/**
 * What the engine tests of Speech to Text share: Transcribe's and Get Text's parameters, the mock's
 * transcription texts, the archives on the wire and in the outputs (n8n binary data), and readers of
 * the getTextByTaskId answers in the mock's log.
 */
import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { CecMock, CecMockLogEntry } from '../../mock/cecMock';
import { entriesOfKind } from '../fixtures';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unzipArchive } = require('../../mock/zip') as { unzipArchive: (archive: Buffer) => { name: string; text: string }[] };

export { unzipArchive };

export type Language = 'zh_CN' | 'en_US';

/** The text the mock transcribes every recording of a language to (test/mock/routes/speechToText.js). */
const LINES: Record<Language, string[]> = {
	zh_CN: ['坐席：您好，请问有什么可以帮您？', '客户：我想查询一下我的账单。', '坐席：好的，请稍等。'],
	en_US: ['Agent: Hello, how can I help you?', 'Customer: I would like to check my bill.', 'Agent: Sure, one moment please.'],
};
export const textOf = (language: Language): string => `${LINES[language].join('\n')}\n`;

/** The mock's task ids: 20 digits. */
export const TASK_ID = /^\d{20}$/;
export const DAY_MS = 24 * 3600 * 1000;
/** The mock's business failure code of the openapi family (HTTP 200). */
export const FAILURE_CODE = '1010001';
export const OK = { resultCode: '1010200', resultDesc: 'success' };

/** Transcribe reading the recording from the item (as inspectionParameters does), language fixed unless overridden. */
export function transcribeParameters(options: INodeParameters = {}, overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'speechToText',
		operation: 'transcribe',
		language: 'zh_CN',
		voiceFilePath: '={{ $json.voiceFilePath }}',
		agentId: '={{ $json.agentId }}',
		beginTime: '={{ $json.beginTime }}',
		endTime: '={{ $json.endTime }}',
		options,
		...overrides,
	};
}

/** Transcribe's Options with Wait for Text on, short polls (the first poll comes one interval after the start). */
export const waitForText = (extra: INodeParameters = {}): INodeParameters => ({
	waitForText: true,
	pollIntervalSeconds: 1,
	maxWaitSeconds: 30,
	...extra,
});

/** Get Text with task and language from the item's `taskId` and `language`. */
export function getTextParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'speechToText',
		operation: 'getText',
		taskId: '={{ $json.taskId }}',
		language: '={{ $json.language }}',
		options: {},
		...overrides,
	};
}

/** The exact getTextByTaskId body text for a task. */
export const textRequestBody = (taskId: string, language: Language): string => JSON.stringify({ taskId, language });

/** The parsed answer of a log entry. */
export const answerOf = (entry: CecMockLogEntry): IDataObject => JSON.parse(entry.response) as IDataObject;

/** The task ids voice2Text handed out, by the agentId of the request (agent 1000+i is item i). */
export function taskIdsByAgent(mock: CecMock): Map<number, string> {
	return new Map(
		entriesOfKind(mock, 'voice2Text')
			.filter((entry) => entry.status === 200)
			.map((entry) => [(entry.body as { agentId: number }).agentId, String(answerOf(entry).taskId)]),
	);
}

/** The Base64 archives getTextByTaskId answered, by taskId (answers without one are left out). */
export function archivesOnTheWire(mock: CecMock): Map<string, string> {
	const archives = new Map<string, string>();
	for (const entry of entriesOfKind(mock, 'getTextByTaskId')) {
		if (entry.status !== 200) continue;
		const bytesZip = answerOf(entry).bytesZip;
		if (typeof bytesZip === 'string' && bytesZip !== '') archives.set((entry.body as { taskId: string }).taskId, bytesZip);
	}
	return archives;
}

/**
 * The output item's binary data in `property` and its bytes. The harness's n8n-core has no binary data
 * manager set up, so prepareBinaryData keeps the file in the item, Base64 in `data` (n8n's in-memory mode).
 */
export function fileOfItem(item: INodeExecutionData, property: string): { binary: IBinaryData; bytes: Buffer } {
	const binary = item.binary?.[property];
	if (binary === undefined) throw new Error(`the output item has no binary field "${property}" (it has ${Object.keys(item.binary ?? {}).join(', ') || 'none'})`);
	if (binary.id !== undefined) throw new Error(`binary data stored by reference (${binary.id}); the harness expects it in the item`);
	return { binary, bytes: Buffer.from(binary.data, 'base64') };
}

/**
 * The checks of one text output: binary data in `property`, application/zip named <taskId>.zip, bytes
 * exactly the archive the mock answered, holding <taskId>.txt with the language's text; and the json
 * without the archive (no bytesZip, no Base64 of it anywhere).
 */
export function expectTextFile(mock: CecMock, item: INodeExecutionData, taskId: string, language: Language, property = 'data'): void {
	const onTheWire = archivesOnTheWire(mock).get(taskId);
	expect(onTheWire).toEqual(expect.any(String));
	const { binary, bytes } = fileOfItem(item, property);
	expect(Object.keys(item.binary ?? {})).toEqual([property]);
	expect(binary).toMatchObject({ mimeType: 'application/zip', fileName: `${taskId}.zip`, fileExtension: 'zip' });
	expect(bytes.equals(Buffer.from(onTheWire!, 'base64'))).toBe(true);
	expect(unzipArchive(bytes)).toEqual([{ name: `${taskId}.txt`, text: textOf(language) }]);
	expect(item.json).not.toHaveProperty('bytesZip');
	expect(item.json.fileName).toBe(`${taskId}.zip`);
	expect(JSON.stringify(item.json)).not.toContain(onTheWire!.slice(0, 40));
}
