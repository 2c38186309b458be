/**
 * Speech to Text → Transcribe through n8n-core against the strict mock over real HTTP: voice2Text's
 * bodies on the wire (qualityInspect's, byte for byte, wall-clock times in the chosen time zone), the
 * outputs paired in input order, and "Wait for Text": polls of getTextByTaskId until the text, handed
 * over as n8n binary data (application/zip, <taskId>.zip) and never as Base64 in the json; a bounded wait
 * that times out naming the taskId; voice2Text never resent after a failure that may have started it
 * (reads of the text are); continue-on-fail with one error item per failed input. Timing is asserted as
 * counts and order, never as durations.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CecMock } from '../../mock/cecMock';
import {
	entriesOfKind,
	expectedInspectionBody,
	expectNoSecrets,
	expectPairedInOrder,
	inspectionParameters,
	makeInspectionItems,
	range,
	runAgainst,
	shuffledLatency,
	startMock,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import type { RunNodeResult } from '../harness';
import { errorText, expectErrorItemShape, expectErrorOutputItems } from '../shared/continueOnFail';
import { useMock } from '../shared/mock';
import {
	answerOf,
	expectTextFile,
	FAILURE_CODE,
	OK,
	TASK_ID,
	taskIdsByAgent,
	textRequestBody,
	transcribeParameters,
	waitForText,
	type Language,
} from '../shared/speechToText';

jest.setTimeout(TEST_TIMEOUT_MS);

/** The documented qualityInspect example (cec-quality-api.md §3), which voice2Text takes as well (§5.4). */
const DOCUMENTED_RECORDING = { agentId: 1118, voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3', beginTime: '2021-02-01 09:51:07', endTime: '2021-02-01 09:57:57' };
const DOCUMENTED_BODY =
	'{"language":"zh_CN","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1118\\\\0951044.V3","agentId":1118,"beginTime":"2021-02-01 09:51:07","endTime":"2021-02-01 09:57:57"}';

const rawBodies = (mock: CecMock, kind: 'voice2Text' | 'qualityInspect' | 'getTextByTaskId') => entriesOfKind(mock, kind).map((entry) => entry.rawBody);
const contextOf = (result: RunNodeResult) => (result.error as unknown as { context?: IDataObject } | undefined)?.context;
/** The mock's state of a task (its polls so far); the mock keeps tasks across tests, its log is emptied before each. */
const taskState = (mock: CecMock, taskId: string) => mock.speechTasks().find((task) => task.taskId === taskId);
/** The one task voice2Text started in this test. */
const onlyTaskId = (mock: CecMock): string => {
	const started = entriesOfKind(mock, 'voice2Text').filter((entry) => entry.status === 200);
	expect(started).toHaveLength(1);
	return String(answerOf(started[0]).taskId);
};

describe('Transcribe through n8n-core', () => {
	const mock = useMock({}, { zeroLatency: true });

	describe('voice2Text bodies on the wire', () => {
		it("the documented example byte for byte, and for every item exactly qualityInspect's body for the same fields", async () => {
			const items: IDataObject[] = [
				DOCUMENTED_RECORDING,
				// A string agent id, and instants with offsets: converted to the workflow's zone (Asia/Shanghai).
				{ agentId: '1119', voiceFilePath: 'Y:\\27\\0\\20210201\\1119\\1002001.V3', beginTime: '2021-02-01T02:02:00Z', endTime: '2021-02-01T10:05:30+08:00' },
				...makeInspectionItems(3),
			];
			const transcribed = await runAgainst(mock, { parameters: transcribeParameters({ concurrency: 1 }), items });
			const inspected = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 1 }), items });
			expect(transcribed.error).toBeUndefined();
			expect(inspected.error).toBeUndefined();

			const sent = rawBodies(mock, 'voice2Text');
			expect(sent).toEqual([
				DOCUMENTED_BODY,
				'{"language":"zh_CN","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1119\\\\1002001.V3","agentId":1119,"beginTime":"2021-02-01 10:02:00","endTime":"2021-02-01 10:05:30"}',
				...makeInspectionItems(3).map((item) => expectedInspectionBody(item)),
			]);
			expect(sent).toEqual(rawBodies(mock, 'qualityInspect'));
			// No operator header: an openapi API.
			for (const entry of entriesOfKind(mock, 'voice2Text')) expect(entry.headers['x-userid']).toBeUndefined();
		});

		it('the chosen Time Zone: an instant is sent as wall-clock time there, a time without offset as written; as qualityInspect', async () => {
			const items = [{ agentId: 1118, voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3', beginTime: '2021-02-01T08:51:07Z', endTime: '2021-02-01 09:57:57' }];
			const options = { timeZone: 'Europe/Berlin' };
			const transcribed = await runAgainst(mock, { parameters: transcribeParameters(options, { language: 'en_US' }), items });
			const inspected = await runAgainst(mock, { parameters: inspectionParameters(options, 'en_US'), items });
			expect(transcribed.error).toBeUndefined();
			expect(inspected.error).toBeUndefined();

			expect(rawBodies(mock, 'voice2Text')).toEqual([
				'{"language":"en_US","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1118\\\\0951044.V3","agentId":1118,"beginTime":"2021-02-01 09:51:07","endTime":"2021-02-01 09:57:57"}',
			]);
			expect(rawBodies(mock, 'voice2Text')).toEqual(rawBodies(mock, 'qualityInspect'));
		});

		it('auto-mapped: the same bodies as the fields give, the item\'s other fields ignored', async () => {
			const items = makeInspectionItems(4);
			const mapped = await runAgainst(mock, {
				parameters: { resource: 'speechToText', operation: 'transcribe', dataMode: 'autoMapInputData', options: { concurrency: 1 } },
				items: items.map((item) => ({ ...item, language: 'en_US', crmTicket: 'T-1' })),
			});
			expect(mapped.error).toBeUndefined();
			expect(rawBodies(mock, 'voice2Text')).toEqual(items.map((item) => expectedInspectionBody(item, 'en_US')));
			expectPairedInOrder(mapped.outputs[0], range(4));
		});
	});

	describe('outputs without Wait for Text', () => {
		it('each output is the voice2Text answer for its own item, in input order under shuffled latencies; no text is fetched', async () => {
			mock.setLatency(shuffledLatency(80));
			const items = makeInspectionItems(8);
			const result = await runAgainst(mock, { parameters: transcribeParameters({ concurrency: 4 }), items });
			expect(result.error).toBeUndefined();

			const [output] = result.outputs;
			expectPairedInOrder(output, range(8));
			const answers = new Map(entriesOfKind(mock, 'voice2Text').map((entry) => [(entry.body as { agentId: number }).agentId, answerOf(entry)]));
			expect(output.map((item) => item.json)).toEqual(range(8).map((i) => answers.get(1000 + i)));
			expect(output[0].json).toEqual({ ...OK, taskId: expect.stringMatching(TASK_ID), duration: '60' });
			expect(new Set(output.map((item) => item.json.taskId)).size).toBe(8);
			for (const item of output) expect(item.binary).toBeUndefined();
			expect(entriesOfKind(mock, 'getTextByTaskId')).toEqual([]);
			expect(mock.counters.maxInFlight).toBeLessThanOrEqual(4);
		});

		it('an invalid item 2 of 4 fails the run naming item and field; nothing is sent', async () => {
			const items: IDataObject[] = makeInspectionItems(4);
			items[2] = { ...items[2], endTime: '2021-01-31 00:00:00' };
			const result = await runAgainst(mock, { parameters: transcribeParameters(), items });

			expect(result.error?.message).toMatch(/^Invalid "End Time" \(endTime\).*must not be before Begin Time.*\[item 2\]$/);
			expect(result.error?.description).toMatch(/No request was sent for this item/);
			expect(result.outputs).toEqual([]);
			expect(mock.counters.businessRequests).toBe(0);
		});
	});
});

/* ================================================================== Transcribe + Wait for Text */

describe('Transcribe with Wait for Text', () => {
	/** The mock's default: the first poll of each task finds no text, the second finds it. */
	const mock = useMock({}, { zeroLatency: true });

	it.each([
		['Max Wait (Seconds)', { maxWaitSeconds: 0 }, {}, /^Invalid "Max Wait \(Seconds\)" \(options\.maxWaitSeconds\)/],
		['Poll Interval (Seconds)', { pollIntervalSeconds: 0 }, {}, /^Invalid "Poll Interval \(Seconds\)" \(options\.pollIntervalSeconds\)/],
		['Put Output File in Field', {}, { binaryPropertyName: ' ' }, /^Invalid "Put Output File in Field" \(binaryPropertyName\).*must name the binary field/],
	])('an invalid %s is refused before anything is started, naming the field and the item', async (_field, options, overrides, message) => {
		const result = await runAgainst(mock, { parameters: transcribeParameters(waitForText(options), overrides), items: makeInspectionItems(2) });

		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/\[item 0\]$/);
		expect(mock.log).toEqual([]);
	});

	it('polls getTextByTaskId until the text is there: the ZIP as binary data in the named field, the json without it, started once', async () => {
		const result = await runAgainst(mock, {
			parameters: transcribeParameters(waitForText(), { binaryPropertyName: 'transcript' }),
			items: [DOCUMENTED_RECORDING],
		});
		expect(result.error).toBeUndefined();

		expect(rawBodies(mock, 'voice2Text')).toEqual([DOCUMENTED_BODY]);
		const taskId = onlyTaskId(mock);
		const polls = entriesOfKind(mock, 'getTextByTaskId');
		// The first poll finds no text (an empty bytesZip), the second the archive; each asks for the task in its language.
		expect(polls.map((entry) => entry.rawBody)).toEqual([textRequestBody(taskId, 'zh_CN'), textRequestBody(taskId, 'zh_CN')]);
		expect(answerOf(polls[0])).toEqual({ ...OK, bytesZip: '' });
		expect(answerOf(polls[1]).bytesZip).toEqual(expect.stringMatching(/^UEsDB/));
		// The create comes first, each poll after it; nothing else is sent.
		expect(mock.log.filter((entry) => entry.kind !== 'token').map((entry) => entry.kind)).toEqual(['voice2Text', 'getTextByTaskId', 'getTextByTaskId']);
		expect(taskState(mock, taskId)).toMatchObject({ language: 'zh_CN', voiceFilePath: DOCUMENTED_RECORDING.voiceFilePath, polls: 2 });

		const [output] = result.outputs;
		expectPairedInOrder(output, [0]);
		expect(output[0].json).toEqual({ ...OK, taskId, duration: '60', fileName: `${taskId}.zip` });
		expectTextFile(mock, output[0], taskId, 'zh_CN', 'transcript');
		expectNoSecrets(mock, { outputs: result.outputs, error: result.error });
	});

	it('English: polls in en_US, the English text, in the default field "data"', async () => {
		const result = await runAgainst(mock, { parameters: transcribeParameters(waitForText(), { language: 'en_US' }), items: makeInspectionItems(1) });
		expect(result.error).toBeUndefined();

		const taskId = onlyTaskId(mock);
		expect(rawBodies(mock, 'getTextByTaskId').every((body) => body === textRequestBody(taskId, 'en_US'))).toBe(true);
		expectTextFile(mock, result.outputs[0][0], taskId, 'en_US', 'data');
	});

	it('several items with Concurrency 2: at most 2 requests in flight, each started once, each output its own text, in input order', async () => {
		mock.setLatency(40);
		const languages: Language[] = ['zh_CN', 'en_US', 'en_US', 'zh_CN', 'en_US', 'zh_CN'];
		const items = makeInspectionItems(6).map((item, i) => ({ ...item, language: languages[i] }));
		const result = await runAgainst(mock, {
			parameters: transcribeParameters(waitForText({ concurrency: 2 }), { language: '={{ $json.language }}' }),
			items,
		});
		expect(result.error).toBeUndefined();

		expect(mock.counters.maxInFlight).toBe(2);
		expect(mock.counters.byKind.voice2Text).toBe(6);
		const taskIds = taskIdsByAgent(mock);
		expect(taskIds.size).toBe(6);
		const [output] = result.outputs;
		expectPairedInOrder(output, range(6));
		output.forEach((item, i) => {
			const taskId = taskIds.get(1000 + i)!;
			expect(item.json).toEqual({ ...OK, taskId, duration: '60', fileName: `${taskId}.zip` });
			expectTextFile(mock, item, taskId, languages[i]);
		});
		// Every poll is for a started task, in that task's language.
		const agentOf = new Map([...taskIds].map(([agentId, taskId]) => [taskId, agentId]));
		const polls = entriesOfKind(mock, 'getTextByTaskId').map((entry) => entry.body as { taskId: string; language: Language });
		expect(polls.map(({ taskId, language }) => languages[(agentOf.get(taskId) ?? NaN) - 1000] === language)).toEqual(polls.map(() => true));
		expectNoSecrets(mock, result.outputs);
	});

	describe('a text request that fails (FAIL31 in the path): the wait ends with an error naming the taskId', () => {
		const failing = () => {
			const items = makeInspectionItems(1);
			items[0].voiceFilePath = 'Y:\\27\\0\\20210201\\1000\\FAIL31\\0000000.V3';
			return items;
		};

		it('stop: message and context name the taskId, and say it is not started again', async () => {
			const result = await runAgainst(mock, { parameters: transcribeParameters(waitForText()), items: failing() });

			const taskId = onlyTaskId(mock);
			expect(result.error?.message).toBe(
				`Transcription ${taskId} was started, but waiting for its text failed: CEC getTextByTaskId (speech-to-text task ${taskId}) failed: resultCode ${FAILURE_CODE} (speech to text failed for task ${taskId} (status 31))`,
			);
			expect(result.error?.description).toMatch(new RegExp(`taskId ${taskId}.*not started again.*Get Text`));
			expect(contextOf(result)?.taskId).toBe(taskId);
			// A business failure is final: not polled again, not started again.
			expect(entriesOfKind(mock, 'getTextByTaskId')).toHaveLength(2);
			expect(mock.counters.byKind.voice2Text).toBe(1);
			expectNoSecrets(mock, { outputs: result.outputs, error: result.error });
		});
	});

	describe('continue on fail: one error item per failed input, in place', () => {
		// Item 0's voice2Text gets an HTTP 500 (not resent), item 1 is invalid (never sent), item 2's text fails.
		const mixedItems = (): IDataObject[] => {
			const items: IDataObject[] = makeInspectionItems(5);
			items[1] = { ...items[1], agentId: 'not-an-agent' };
			items[2] = { ...items[2], voiceFilePath: 'Y:\\27\\0\\20210201\\1002\\FAIL31\\0000002.V3' };
			return items;
		};
		const run = async (continueOnFail: 'continueRegularOutput' | 'continueErrorOutput') => {
			mock.inject({ kind: 'voice2Text', status: 500, body: '{"resultCode":"1010500","resultDesc":"busy db"}' });
			return await runAgainst(mock, { parameters: transcribeParameters(waitForText({ concurrency: 1 })), items: mixedItems(), continueOnFail });
		};
		const expectSentOnce = () => {
			// Item 0 once (its 500 not resent), items 2, 3 and 4 once each; item 1 never.
			expect(entriesOfKind(mock, 'voice2Text').map((entry) => [(entry.body as { agentId: number }).agentId, entry.status])).toEqual([
				[1000, 500],
				[1002, 200],
				[1003, 200],
				[1004, 200],
			]);
		};

		it('continueRegularOutput: {error, details} items at 0, 1 and 2; texts at 3 and 4', async () => {
			const result = await run('continueRegularOutput');
			expect(result.error).toBeUndefined();

			expect(result.outputs).toHaveLength(1);
			const [out] = result.outputs;
			expectPairedInOrder(out, range(5));
			for (const i of [0, 1, 2]) {
				expectErrorItemShape(out[i]);
				expect(out[i].binary).toBeUndefined();
			}
			expect(errorText(out[0])).toBe('CEC voice2Text failed with HTTP 500 (resultCode 1010500: busy db)');
			expect(out[0].json.details).toMatchObject({ itemIndex: 0, httpCode: '500', resultCode: '1010500' });
			expect((out[0].json.details as IDataObject).description).toMatch(/may or may not have taken effect/);
			expect(errorText(out[1])).toMatch(/^Invalid "Agent ID" \(agentId\): got "not-an-agent".*\[item 1\]$/);
			const taskIds = taskIdsByAgent(mock);
			expect(errorText(out[2])).toMatch(new RegExp(`^Transcription ${taskIds.get(1002)} was started, but waiting for its text failed: .*status 31`));
			expect(out[2].json.details).toMatchObject({ itemIndex: 2, taskId: taskIds.get(1002) });
			for (const i of [3, 4]) expectTextFile(mock, out[i], taskIds.get(1000 + i)!, 'zh_CN');
			expectSentOnce();
			expectNoSecrets(mock, result.outputs);
		});

		it('continueErrorOutput: the failed items on the error output, the texts on main', async () => {
			const result = await run('continueErrorOutput');
			expect(result.error).toBeUndefined();

			expect(result.outputs).toHaveLength(2);
			const [main, errors] = result.outputs;
			expectPairedInOrder(main, [3, 4]);
			const taskIds = taskIdsByAgent(mock);
			main.forEach((item, i) => expectTextFile(mock, item, taskIds.get(1003 + i)!, 'zh_CN'));
			expectPairedInOrder(errors, [0, 1, 2]);
			expectErrorOutputItems(errors, mixedItems());
			expect(errorText(errors[2])).toContain(taskIds.get(1002)!);
			expectSentOnce();
			expectNoSecrets(mock, result.outputs);
		});
	});

	describe('voice2Text is never resent when it may have started a transcription', () => {
		it.each([
			['no answer within the timeout', 'hang' as const, /^CEC voice2Text: no answer within 2000 ms$/],
			['a connection reset after it was processed', 'reset' as const, /^CEC voice2Text: the connection failed before an answer arrived/],
		])('%s: one request (the server did start the task), an error saying it may have taken effect, no polls', async (_case, action, message) => {
			mock.inject({ kind: 'voice2Text', action, afterProcessing: true });
			const tasksBefore = mock.speechTasks().length;
			const result = await runAgainst(mock, {
				parameters: transcribeParameters(waitForText({ timeout: 2000, maxRetries: 3 })),
				items: makeInspectionItems(1),
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();

			const [item] = result.outputs[0];
			expectErrorItemShape(item);
			expect(errorText(item)).toMatch(message);
			expect((item.json.details as IDataObject).description).toMatch(/may or may not have taken effect.*not resent/);
			expect(entriesOfKind(mock, 'voice2Text')).toHaveLength(1);
			expect(mock.speechTasks()).toHaveLength(tasksBefore + 1);
			expect(entriesOfKind(mock, 'getTextByTaskId')).toEqual([]);
		});

		it('an HTTP 500: one request, even with retries allowed', async () => {
			mock.inject({ kind: 'voice2Text', status: 500, headers: { 'Retry-After': '0' }, body: '{"resultCode":"1010500","resultDesc":"boom"}' });
			const result = await runAgainst(mock, { parameters: transcribeParameters(waitForText({ maxRetries: 3 })), items: makeInspectionItems(1) });

			expect(result.error?.message).toBe('CEC voice2Text failed with HTTP 500 (resultCode 1010500: boom)');
			expect(entriesOfKind(mock, 'voice2Text').map((entry) => entry.status)).toEqual([500]);
			expect(entriesOfKind(mock, 'getTextByTaskId')).toEqual([]);
		});

		it('a success answer without a taskId: an error saying so, no text request with an empty id, not started again', async () => {
			mock.inject({ kind: 'voice2Text', status: 200, body: '{"resultCode":"1010200","resultDesc":"success","duration":"60"}' });
			const result = await runAgainst(mock, { parameters: transcribeParameters(waitForText()), items: makeInspectionItems(1), continueOnFail: true });
			expect(result.error).toBeUndefined();

			const [item] = result.outputs[0];
			expectErrorItemShape(item);
			expect(errorText(item)).toBe('CEC voice2Text answered success without a taskId, so its text cannot be fetched');
			expect((item.json.details as IDataObject).description).toMatch(/not started again/);
			expect(entriesOfKind(mock, 'voice2Text')).toHaveLength(1);
			expect(entriesOfKind(mock, 'getTextByTaskId')).toEqual([]);
		});

		it('an HTTP 503 (the server says it did not process it) is sent again after Retry-After: still exactly one task', async () => {
			mock.inject({ kind: 'voice2Text', status: 503, headers: { 'Retry-After': '0' }, body: '{"resultCode":"0503000"}' });
			const tasksBefore = mock.speechTasks().length;
			const result = await runAgainst(mock, { parameters: transcribeParameters(waitForText()), items: makeInspectionItems(1) });
			expect(result.error).toBeUndefined();

			expect(entriesOfKind(mock, 'voice2Text').map((entry) => entry.status)).toEqual([503, 200]);
			expect(mock.speechTasks()).toHaveLength(tasksBefore + 1);
			expectTextFile(mock, result.outputs[0][0], onlyTaskId(mock), 'zh_CN');
		});
	});

	describe('reads of the text are resent (they change nothing); the transcription is not started again', () => {
		it('an HTTP 500 on a poll: the poll is sent again and the text arrives', async () => {
			mock.inject({ kind: 'getTextByTaskId', status: 500, headers: { 'Retry-After': '0' }, body: '{"resultCode":"1010500","resultDesc":"boom"}' });
			const result = await runAgainst(mock, { parameters: transcribeParameters(waitForText()), items: makeInspectionItems(1) });
			expect(result.error).toBeUndefined();

			const taskId = onlyTaskId(mock);
			// The 500 was not processed; then the first real poll (not ready), then the text.
			expect(entriesOfKind(mock, 'getTextByTaskId').map((entry) => entry.status)).toEqual([500, 200, 200]);
			expect(taskState(mock, taskId)?.polls).toBe(2);
			expectTextFile(mock, result.outputs[0][0], taskId, 'zh_CN');
		});

		it('a poll without an answer within the timeout is sent again', async () => {
			mock.inject({ kind: 'getTextByTaskId', action: 'hang', afterProcessing: true });
			const result = await runAgainst(mock, { parameters: transcribeParameters(waitForText({ timeout: 2000 })), items: makeInspectionItems(1) });
			expect(result.error).toBeUndefined();

			const taskId = onlyTaskId(mock);
			// The hung poll was processed (not ready) but unanswered; its resend finds the text.
			expect(entriesOfKind(mock, 'getTextByTaskId').map((entry) => entry.status)).toEqual([0, 200]);
			expect(mock.counters.byKind.voice2Text).toBe(1);
			expectTextFile(mock, result.outputs[0][0], taskId, 'zh_CN');
		});

		it('with no retries left, a failed poll ends the wait with the taskId; voice2Text is not sent again', async () => {
			mock.inject({ kind: 'getTextByTaskId', status: 500, body: '{"resultCode":"1010500","resultDesc":"boom"}' });
			const result = await runAgainst(mock, {
				parameters: transcribeParameters(waitForText({ maxRetries: 0 })),
				items: makeInspectionItems(1),
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();

			const taskId = onlyTaskId(mock);
			const [item] = result.outputs[0];
			expect(errorText(item)).toBe(
				`Transcription ${taskId} was started, but waiting for its text failed: CEC getTextByTaskId (speech-to-text task ${taskId}) failed with HTTP 500 (resultCode 1010500: boom)`,
			);
			expect(item.json.details).toMatchObject({ itemIndex: 0, taskId });
			expect(entriesOfKind(mock, 'getTextByTaskId').map((entry) => entry.status)).toEqual([500]);
			expect(mock.counters.byKind.voice2Text).toBe(1);
		});
	});
});

describe('Transcribe with Wait for Text, a text that never comes', () => {
	let never: CecMock;
	beforeAll(async () => {
		never = await startMock({ speechToText: { notReadyPolls: 1_000_000 } });
	});
	afterAll(async () => {
		await never.close();
	});
	beforeEach(() => never.resetLog());

	const run = async (continueOnFail: false | 'continueRegularOutput', options: INodeParameters = {}) =>
		await runAgainst(never, {
			parameters: transcribeParameters({ waitForText: true, maxWaitSeconds: 1, ...options }),
			items: makeInspectionItems(1),
			continueOnFail,
		});
	/** Every poll (the interval is cut short by the limit) found no text; the task was started once. */
	const expectStartedOnceNoText = (taskId: string) => {
		const polls = entriesOfKind(never, 'getTextByTaskId');
		expect(polls.length).toBeGreaterThanOrEqual(1);
		for (const entry of polls) {
			expect(entry.rawBody).toBe(textRequestBody(taskId, 'zh_CN'));
			expect(answerOf(entry)).toEqual({ ...OK, bytesZip: '' });
		}
		expect(never.counters.byKind.voice2Text).toBe(1);
		expect(taskState(never, taskId)?.polls).toBe(polls.length);
	};

	it('stop: the bounded wait times out with an error naming the taskId (message and context)', async () => {
		const result = await run(false);

		const taskId = onlyTaskId(never);
		expect(result.error?.message).toBe(`Transcription ${taskId} was started, but its text was not ready within 1 s`);
		expect(result.error?.description).toBe(
			`The transcription was started (taskId ${taskId}) and is not started again: use Get Text with this task ID later.`,
		);
		expect(contextOf(result)?.taskId).toBe(taskId);
		expect(result.outputs).toEqual([]);
		expectStartedOnceNoText(taskId);
		expectNoSecrets(never, result.error);
	});

	it('continue (regular output): an error item with details.taskId, no binary data', async () => {
		const result = await run('continueRegularOutput', { pollIntervalSeconds: 1, maxWaitSeconds: 2 });
		expect(result.error).toBeUndefined();

		const taskId = onlyTaskId(never);
		const [item] = result.outputs[0];
		expectErrorItemShape(item);
		expect(item.binary).toBeUndefined();
		expect(errorText(item)).toBe(`Transcription ${taskId} was started, but its text was not ready within 2 s`);
		expect(item.json.details).toMatchObject({ itemIndex: 0, taskId });
		expectStartedOnceNoText(taskId);
	});
});
