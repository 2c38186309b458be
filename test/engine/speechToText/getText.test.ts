/**
 * Speech to Text → Get Text through n8n-core against the strict mock over real HTTP: getTextByTaskId's
 * body on the wire, the text handed over as n8n binary data (application/zip, <taskId>.zip, the archive's
 * bytes exactly as answered) and never as Base64 in the json; a text not ready yet (empty or absent
 * bytesZip) as a clear error, without polling; a task older than three days, a language other than the
 * task's, an unknown task; reads resent after a server error or a timeout; continue-on-fail with one error
 * item per failed input; several items in input order under concurrency. No secret in any output.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CecMock } from '../../mock/cecMock';
import { entriesOfKind, expectNoSecrets, expectPairedInOrder, makeInspectionItems, range, runAgainst, shuffledLatency, TEST_TIMEOUT_MS } from '../fixtures';
import { errorText, expectErrorItemShape, expectErrorOutputItems } from '../shared/continueOnFail';
import { useMock } from '../shared/mock';
import {
	DAY_MS,
	expectTextFile,
	FAILURE_CODE,
	getTextParameters,
	OK,
	textRequestBody,
	transcribeParameters,
	type Language,
} from '../shared/speechToText';

jest.setTimeout(TEST_TIMEOUT_MS);

const AGE_HINT = 'getTextByTaskId serves only tasks created within the last 3 days: an older task ID is refused.';
/** A 20-digit task id the mock never handed out. */
const UNKNOWN_TASK = '99999999999999999999';

const rawBodies = (mock: CecMock) => entriesOfKind(mock, 'getTextByTaskId').map((entry) => entry.rawBody);
const statuses = (mock: CecMock) => entriesOfKind(mock, 'getTextByTaskId').map((entry) => entry.status);
const pollsOf = (mock: CecMock, taskId: string) => mock.speechTasks().find((task) => task.taskId === taskId)?.polls;

/** Seeds one task per language given (created `ageMs` ago) and returns Get Text's input items for them. */
function seed(mock: CecMock, languages: Language[], ageMs = 0, voiceFilePath?: string): Array<{ taskId: string; language: Language }> {
	return mock
		.addSpeechTasks(languages.map((language) => ({ language, ageMs, ...(voiceFilePath ? { voiceFilePath } : {}) })))
		.map((task) => ({ taskId: task.taskId, language: task.language as Language }));
}

describe('Get Text through n8n-core, texts ready at the first read', () => {
	const mock = useMock({ speechToText: { notReadyPolls: 0 } }, { zeroLatency: true });

	it("Transcribe, then Get Text with its taskIds: each task asked for in its language, each text in the named field as a ZIP", async () => {
		const languages: Language[] = ['en_US', 'zh_CN', 'en_US'];
		const transcribed = await runAgainst(mock, {
			parameters: transcribeParameters({}, { language: '={{ $json.language }}' }),
			items: makeInspectionItems(3).map((item, i) => ({ ...item, language: languages[i] })),
		});
		expect(transcribed.error).toBeUndefined();
		const items = transcribed.outputs[0].map((item, i) => ({ taskId: String(item.json.taskId), language: languages[i] }));
		mock.resetLog();

		const result = await runAgainst(mock, { parameters: getTextParameters({ binaryPropertyName: 'zip', options: { concurrency: 1 } }), items });
		expect(result.error).toBeUndefined();

		expect(rawBodies(mock)).toEqual(items.map(({ taskId, language }) => textRequestBody(taskId, language)));
		// Get Text reads once: no polling.
		expect(entriesOfKind(mock, 'getTextByTaskId')).toHaveLength(3);
		const [output] = result.outputs;
		expectPairedInOrder(output, range(3));
		output.forEach((item, i) => {
			const { taskId, language } = items[i];
			expect(item.json).toEqual({ ...OK, taskId, fileName: `${taskId}.zip` });
			expectTextFile(mock, item, taskId, language, 'zip');
		});
		expectNoSecrets(mock, result.outputs);
	});

	it('ten items with Concurrency 4 under shuffled latencies: each output is its own task\'s text, in input order', async () => {
		const items = seed(mock, ['zh_CN', 'en_US', 'en_US', 'zh_CN', 'zh_CN', 'en_US', 'zh_CN', 'en_US', 'zh_CN', 'en_US']);
		mock.setLatency(shuffledLatency(60));
		const result = await runAgainst(mock, { parameters: getTextParameters({ options: { concurrency: 4 } }), items });
		expect(result.error).toBeUndefined();

		expect(mock.counters.maxInFlight).toBeLessThanOrEqual(4);
		expect([...rawBodies(mock)].sort()).toEqual(items.map(({ taskId, language }) => textRequestBody(taskId, language)).sort());
		const [output] = result.outputs;
		expectPairedInOrder(output, range(10));
		output.forEach((item, i) => expectTextFile(mock, item, items[i].taskId, items[i].language));
	});

	describe('a task older than 3 days', () => {
		it('stop: refused by the server, and the error says that only tasks of the last 3 days are served; read once', async () => {
			const [old] = seed(mock, ['zh_CN'], 4 * DAY_MS);
			const result = await runAgainst(mock, { parameters: getTextParameters(), items: [old] });

			expect(result.error?.message).toBe(
				`CEC getTextByTaskId (speech-to-text task ${old.taskId}) failed: resultCode ${FAILURE_CODE} (task ${old.taskId} was created more than 3 days ago: its text is no longer kept)`,
			);
			expect(result.error?.description).toBe(`Success is resultCode 1010200. ${AGE_HINT}`);
			expect(result.outputs).toEqual([]);
			expect(statuses(mock)).toEqual([200]);
			expectNoSecrets(mock, result.error);
		});

		it('a task 2 days old is still served', async () => {
			const [recent] = seed(mock, ['en_US'], 2 * DAY_MS);
			const result = await runAgainst(mock, { parameters: getTextParameters(), items: [recent] });
			expect(result.error).toBeUndefined();
			expectTextFile(mock, result.outputs[0][0], recent.taskId, 'en_US');
		});
	});

	it('a language other than the task\'s is refused by the server; asked in its own language, the text comes', async () => {
		const [english] = seed(mock, ['en_US']);
		const wrong = await runAgainst(mock, { parameters: getTextParameters(), items: [{ ...english, language: 'zh_CN' }] });

		expect(wrong.error?.message).toBe(
			`CEC getTextByTaskId (speech-to-text task ${english.taskId}) failed: resultCode ${FAILURE_CODE} (task ${english.taskId} was transcribed in en_US, not zh_CN)`,
		);
		expect(rawBodies(mock)).toEqual([textRequestBody(english.taskId, 'zh_CN')]);
		expect(pollsOf(mock, english.taskId)).toBe(0);

		const right = await runAgainst(mock, { parameters: getTextParameters(), items: [english] });
		expect(right.error).toBeUndefined();
		expectTextFile(mock, right.outputs[0][0], english.taskId, 'en_US');
	});

	it('a task the server does not know is an error naming it', async () => {
		const result = await runAgainst(mock, { parameters: getTextParameters(), items: [{ taskId: UNKNOWN_TASK, language: 'zh_CN' }] });
		expect(result.error?.message).toBe(`CEC getTextByTaskId (speech-to-text task ${UNKNOWN_TASK}) failed: resultCode ${FAILURE_CODE} (no speech-to-text task ${UNKNOWN_TASK})`);
	});

	it.each([
		['a task id that is a number above 2^53', { taskId: 20210201095107000123, language: 'zh_CN' }, {}, /^Invalid "Task ID" \(taskId\).*pass it as text \[item 1\]$/],
		['an empty task id', { taskId: '', language: 'zh_CN' }, {}, /^Invalid "Task ID" \(taskId\).*\[item 1\]$/],
		['a language that is not offered', { taskId: UNKNOWN_TASK, language: 'fr_FR' }, {}, /^Invalid "Language" \(language\): got "fr_FR"; must be one of "zh_CN", "en_US" \[item 1\]$/],
		// (An empty one n8n itself refuses before the run: the parameter is required.)
		['a blank binary field name', { taskId: UNKNOWN_TASK, language: 'zh_CN' }, { binaryPropertyName: ' ' }, /^Invalid "Put Output File in Field" \(binaryPropertyName\): got only white space; must name the binary field.*\[item 0\]$/],
	])('%s is refused before anything is sent, naming the field and the item', async (_case, bad, overrides, message) => {
		const [good] = seed(mock, ['zh_CN']);
		const result = await runAgainst(mock, { parameters: getTextParameters(overrides), items: [good, bad] });

		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(/No request was sent for this item/);
		expect(mock.log).toEqual([]);
	});

	describe('continue on fail: one error item per failed input, in place', () => {
		// 0 and 6 are served; 1 is too old, 2 asked in the wrong language, 3 invalid (never sent), 4 unknown, 5's transcription failed.
		const mixedItems = (): IDataObject[] => {
			const [first, last] = seed(mock, ['zh_CN', 'en_US']);
			const [old] = seed(mock, ['zh_CN'], 4 * DAY_MS);
			const [english] = seed(mock, ['en_US']);
			const [failed] = seed(mock, ['zh_CN'], 0, 'Y:\\27\\0\\20210201\\1005\\FAIL31\\0000005.V3');
			return [first, old, { ...english, language: 'zh_CN' }, { taskId: '  ', language: 'zh_CN' }, { taskId: UNKNOWN_TASK, language: 'en_US' }, failed, last];
		};
		const expectedErrors = (items: IDataObject[]) => [
			`CEC getTextByTaskId (speech-to-text task ${items[1].taskId}) failed: resultCode ${FAILURE_CODE} (task ${items[1].taskId} was created more than 3 days ago: its text is no longer kept)`,
			`CEC getTextByTaskId (speech-to-text task ${items[2].taskId}) failed: resultCode ${FAILURE_CODE} (task ${items[2].taskId} was transcribed in en_US, not zh_CN)`,
			'Invalid "Task ID" (taskId): got only white space; must be text of 1 to 128 characters, without control characters [item 3]',
			`CEC getTextByTaskId (speech-to-text task ${UNKNOWN_TASK}) failed: resultCode ${FAILURE_CODE} (no speech-to-text task ${UNKNOWN_TASK})`,
			`CEC getTextByTaskId (speech-to-text task ${items[5].taskId}) failed: resultCode ${FAILURE_CODE} (speech to text failed for task ${items[5].taskId} (status 31))`,
		];

		it('continueRegularOutput: {error, details} items at 1 to 5, the texts at 0 and 6', async () => {
			const items = mixedItems();
			const result = await runAgainst(mock, { parameters: getTextParameters({ options: { concurrency: 3 } }), items, continueOnFail: 'continueRegularOutput' });
			expect(result.error).toBeUndefined();

			expect(result.outputs).toHaveLength(1);
			const [out] = result.outputs;
			expectPairedInOrder(out, range(7));
			const failed = [1, 2, 3, 4, 5];
			for (const i of failed) {
				expectErrorItemShape(out[i]);
				expect(out[i].binary).toBeUndefined();
			}
			expect(failed.map((i) => errorText(out[i]))).toEqual(expectedErrors(items));
			expect(out[1].json.details).toEqual({ itemIndex: 1, httpCode: '200', resultCode: FAILURE_CODE, resultDesc: expect.stringContaining('more than 3 days ago'), description: `Success is resultCode 1010200. ${AGE_HINT}` });
			expectTextFile(mock, out[0], String(items[0].taskId), 'zh_CN');
			expectTextFile(mock, out[6], String(items[6].taskId), 'en_US');
			// Every valid item read once; the invalid one never.
			expect(entriesOfKind(mock, 'getTextByTaskId').map((entry) => (entry.body as { taskId: string }).taskId).sort()).toEqual(
				[0, 1, 2, 4, 5, 6].map((i) => String(items[i].taskId)).sort(),
			);
			expectNoSecrets(mock, result.outputs);
		});

		it('continueErrorOutput: the failed items on the error output, the texts on main', async () => {
			const items = mixedItems();
			const result = await runAgainst(mock, { parameters: getTextParameters({ options: { concurrency: 3 } }), items, continueOnFail: 'continueErrorOutput' });
			expect(result.error).toBeUndefined();

			expect(result.outputs).toHaveLength(2);
			const [main, errors] = result.outputs;
			expectPairedInOrder(main, [0, 6]);
			expectTextFile(mock, main[0], String(items[0].taskId), 'zh_CN');
			expectTextFile(mock, main[1], String(items[6].taskId), 'en_US');
			expectPairedInOrder(errors, [1, 2, 3, 4, 5]);
			expectErrorOutputItems(errors, items);
			expect(errors.map(errorText)).toEqual(expectedErrors(items));
			expectNoSecrets(mock, result.outputs);
		});
	});

	describe('reads are resent after a failure that changed nothing', () => {
		it('an HTTP 500: sent again, the text arrives', async () => {
			const [task] = seed(mock, ['zh_CN']);
			mock.inject({ kind: 'getTextByTaskId', status: 500, headers: { 'Retry-After': '0' }, body: '{"resultCode":"1010500","resultDesc":"boom"}' });
			const result = await runAgainst(mock, { parameters: getTextParameters(), items: [task] });
			expect(result.error).toBeUndefined();

			expect(statuses(mock)).toEqual([500, 200]);
			expect(rawBodies(mock)).toEqual([textRequestBody(task.taskId, 'zh_CN'), textRequestBody(task.taskId, 'zh_CN')]);
			expectTextFile(mock, result.outputs[0][0], task.taskId, 'zh_CN');
		});

		it('no answer within the timeout: sent again, the text arrives', async () => {
			const [task] = seed(mock, ['en_US']);
			mock.inject({ kind: 'getTextByTaskId', action: 'hang', afterProcessing: true });
			const result = await runAgainst(mock, { parameters: getTextParameters({ options: { timeout: 2000 } }), items: [task] });
			expect(result.error).toBeUndefined();

			expect(statuses(mock)).toEqual([0, 200]);
			expect(pollsOf(mock, task.taskId)).toBe(2);
			expectTextFile(mock, result.outputs[0][0], task.taskId, 'en_US');
		});

		it('with no retries left: an error saying it is safe to run the item again', async () => {
			const [task] = seed(mock, ['zh_CN']);
			mock.inject({ kind: 'getTextByTaskId', status: 500, body: '{"resultCode":"1010500","resultDesc":"boom"}' });
			const result = await runAgainst(mock, { parameters: getTextParameters({ options: { maxRetries: 0 } }), items: [task], continueOnFail: true });
			expect(result.error).toBeUndefined();

			const [item] = result.outputs[0];
			expect(errorText(item)).toBe(`CEC getTextByTaskId (speech-to-text task ${task.taskId}) failed with HTTP 500 (resultCode 1010500: boom)`);
			expect(item.json.details).toMatchObject({ itemIndex: 0, httpCode: '500', resultCode: '1010500' });
			expect((item.json.details as IDataObject).description).toMatch(/safe to run this item again/);
			expect(statuses(mock)).toEqual([500]);
		});
	});
});

describe('Get Text on a text not ready yet', () => {
	/** The mock's default: the first read of each task finds no text. */
	const mock = useMock();

	it('stop: a clear error naming the task and pointing to Wait for Text; read once, not polled; the next run gets the text', async () => {
		const [task] = seed(mock, ['zh_CN']);
		const early = await runAgainst(mock, { parameters: getTextParameters(), items: [task] });

		expect(early.error?.message).toBe(`The text of transcription ${task.taskId} is not ready yet`);
		expect(early.error?.description).toBe('Speech to text takes a while. Try again later, or use Transcribe with "Wait for Text".');
		expect(early.outputs).toEqual([]);
		expect(entriesOfKind(mock, 'getTextByTaskId').map((entry) => entry.response)).toEqual(['{"resultCode":"1010200","resultDesc":"success","bytesZip":""}']);
		expect(pollsOf(mock, task.taskId)).toBe(1);

		mock.resetLog();
		const later = await runAgainst(mock, { parameters: getTextParameters(), items: [task] });
		expect(later.error).toBeUndefined();
		expect(pollsOf(mock, task.taskId)).toBe(2);
		expectTextFile(mock, later.outputs[0][0], task.taskId, 'zh_CN');
	});

	it.each([
		['absent', '{"resultCode":"1010200","resultDesc":"success"}'],
		['blank', '{"resultCode":"1010200","resultDesc":"success","bytesZip":"  "}'],
		['null', '{"resultCode":"1010200","resultDesc":"success","bytesZip":null}'],
	])('a success answer with bytesZip %s is "not ready" too', async (_case, body) => {
		mock.inject({ kind: 'getTextByTaskId', status: 200, body });
		const result = await runAgainst(mock, { parameters: getTextParameters(), items: [{ taskId: UNKNOWN_TASK, language: 'en_US' }] });
		expect(result.error?.message).toBe(`The text of transcription ${UNKNOWN_TASK} is not ready yet`);
		expect(entriesOfKind(mock, 'getTextByTaskId')).toHaveLength(1);
	});

	it('continue on fail: the not-ready item gives one error item in place, the ready ones their texts', async () => {
		const items = seed(mock, ['zh_CN', 'en_US', 'zh_CN']);
		// Items 0 and 2 were read once before: their texts are ready now; item 1's is not.
		await runAgainst(mock, { parameters: getTextParameters(), items: [items[0], items[2]], continueOnFail: true });
		mock.resetLog();

		const result = await runAgainst(mock, { parameters: getTextParameters(), items, continueOnFail: true });
		expect(result.error).toBeUndefined();

		const [out] = result.outputs;
		expectPairedInOrder(out, range(3));
		expectErrorItemShape(out[1]);
		expect(out[1].json).toEqual({
			error: `The text of transcription ${items[1].taskId} is not ready yet`,
			details: { itemIndex: 1, description: 'Speech to text takes a while. Try again later, or use Transcribe with "Wait for Text".' },
		});
		expectTextFile(mock, out[0], items[0].taskId, 'zh_CN');
		expectTextFile(mock, out[2], items[2].taskId, 'zh_CN');
		expect(entriesOfKind(mock, 'getTextByTaskId')).toHaveLength(3);
	});
});
