/**
 * A review task's and a sampling plan's whole life in a REAL n8n, 2.x and 1.x, each as one workflow of
 * chained nodes (every id handed on by an expression), against the strict mock printing its ids unquoted:
 * - task: create → assign inspectors → activate now → get many → get → terminate → delete;
 * - plan: create → start → get many → get → stop → delete;
 * - appeal: list appeals → get → correct a rule verdict → decide → list closed ones; a problem reassigned;
 * - speech to text: transcribe and wait for the text → n8n's Compression node unpacks the ZIP → Extract
 *   From File reads it; and Get Text, not ready at first, ready at the next try.
 * Every step shows in the mock's state; the 19- and 20-digit ids stay exact from wire to output to wire.
 */
import { LONG, MAJORS, expectOk, usePackedPackage } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realN8n = require('../../scripts/lib/realN8n');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const OPERATOR = '1611917095665261978';
const INSPECTOR = '1600226476732482572';
const CRED = { huaweiCecApi: { id: 'cecLifeCred', name: 'cecLifeCred' } };
const NODE_TYPE = 'n8n-nodes-huawei-cec-quality.huaweiCecQuality';
const ID = /^\d{20}$/;

/** A step of n8n's own (not the package's): its type and version, and node settings besides parameters. */
interface OtherNode {
	type?: string;
	typeVersion?: number;
	settings?: Any;
}

/** Start → the given steps in a row, each a node of the package unless it says otherwise. */
function chain(id: string, steps: Array<[string, Any] | [string, Any, OtherNode]>): Any {
	const nodes: Any[] = [{ id: `${id}-0`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections: Any = {};
	let previous = 'Start';
	steps.forEach(([name, parameters, other = {}], i) => {
		const own = other.type === undefined ? { credentials: CRED } : {};
		nodes.push({ id: `${id}-${i + 1}`, name, type: other.type ?? NODE_TYPE, typeVersion: other.typeVersion ?? 1, position: [220 * (i + 1), 0], ...own, ...other.settings, parameters });
		connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
		previous = name;
	});
	return { id, name: `CEC lifecycle: ${id}`, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

const hourAround = () => ({
	createdFrom: new Date(Date.now() - 3600_000).toISOString(),
	createdTo: new Date(Date.now() + 3600_000).toISOString(),
});

const taskWorkflow = () =>
	chain('cecLifeTask', [
		[
			'Create Task',
			{
				resource: 'reviewTask',
				operation: 'create',
				operatorUserId: OPERATOR,
				currentRole: 'qualityDirector',
				planName: 'e2e-task',
				interactionType: 0,
				qualityType: 1,
				qualityNum: 10,
				additionalFields: {},
				options: {},
			},
		],
		[
			'Assign',
			{
				resource: 'reviewTask',
				operation: 'assignInspectors',
				operatorUserId: OPERATOR,
				taskId: '={{ $json.qualityTaskId }}',
				inspectors: { inspector: [{ personId: INSPECTOR, count: 2 }] },
				activate: false,
			},
		],
		['Activate', { resource: 'reviewTask', operation: 'activate', operatorUserId: OPERATOR, taskId: '={{ $json.qualityTaskId }}', when: 'now' }],
		[
			'List',
			{ resource: 'reviewTask', operation: 'getMany', operatorUserId: OPERATOR, currentRole: 'qualityDirector', ...hourAround(), returnAll: true },
		],
		['Get Task', { resource: 'reviewTask', operation: 'get', operatorUserId: OPERATOR, currentRole: 'qualityDirector', taskId: '={{ $json.id }}' }],
		['Terminate', { resource: 'reviewTask', operation: 'terminate', operatorUserId: OPERATOR, taskId: '={{ $json.id }}' }],
		['Delete', { resource: 'reviewTask', operation: 'delete', operatorUserId: OPERATOR, taskId: '={{ $json.id }}' }],
	]);

const planWorkflow = () =>
	chain('cecLifePlan', [
		[
			'Create Plan',
			{
				resource: 'samplingPlan',
				operation: 'create',
				operatorUserId: OPERATOR,
				currentRole: 'qualityDirector',
				planName: 'e2e-plan',
				cycleType: '2',
				startTime: '2026-12-07T09:00:00',
				endType: '1',
				totalRuns: 4,
				assignment: 0,
				inspectorIds: [INSPECTOR],
				interactionType: 0,
				qualityType: 1,
				qualityNum: 20,
				additionalFields: { durationStart: 30, durationEnd: 600 },
				options: {},
			},
		],
		['Start Plan', { resource: 'samplingPlan', operation: 'start', operatorUserId: OPERATOR, planId: '={{ $json.qiqtId }}', options: {} }],
		['List Plans', { resource: 'samplingPlan', operation: 'getMany', operatorUserId: OPERATOR, returnAll: true, options: {} }],
		['Get Plan', { resource: 'samplingPlan', operation: 'get', operatorUserId: OPERATOR, planId: '={{ $json.qiqtId }}', options: {} }],
		['Stop Plan', { resource: 'samplingPlan', operation: 'stop', operatorUserId: OPERATOR, planId: '={{ $json.qiqtId }}', options: {} }],
		['Delete Plan', { resource: 'samplingPlan', operation: 'delete', operatorUserId: OPERATOR, planId: '={{ $json.id }}', options: {} }],
	]);

const SUPERVISOR = '1600226476732482999';
const HANDLER = '1600226476732482573';
const RULE = '967510375224315904';

const appealWorkflow = () =>
	chain('cecLifeAppeal', [
		[
			'List Appeals',
			{ resource: 'inspectionItem', operation: 'getMany', operatorUserId: SUPERVISOR, returnAll: true, filters: { itemType: 'appeal', status: 21 }, options: {} },
		],
		['Get', { resource: 'inspectionItem', operation: 'get', operatorUserId: SUPERVISOR, itemId: '={{ $json.id }}' }],
		[
			'Correct',
			{
				resource: 'inspectionItem',
				operation: 'correctRuleResult',
				operatorUserId: SUPERVISOR,
				itemId: '={{ $json.id }}',
				itemType: 'appeal',
				ruleId: '={{ $json.ruleHits[0].ruleId }}',
				verdict: 'compliant',
				comment: 'The greeting was there',
			},
		],
		[
			'Decide',
			{
				resource: 'inspectionItem',
				operation: 'decideAppeal',
				operatorUserId: SUPERVISOR,
				itemId: '={{ $("Get").item.json.id }}',
				callId: '={{ $("Get").item.json.callId }}',
				decision: 'approve',
				comment: '=Upheld: {{ $("Get").item.json.title }}',
				currentRole: 'qualityDirector',
			},
		],
		[
			'List Closed',
			{ resource: 'inspectionItem', operation: 'getMany', operatorUserId: SUPERVISOR, returnAll: true, filters: { itemType: 'appeal', status: 22 }, options: {} },
			{ settings: { executeOnce: true } },
		],
	]);

const reassignWorkflow = () =>
	chain('cecLifeReassign', [
		['List Problems', { resource: 'inspectionItem', operation: 'getMany', operatorUserId: SUPERVISOR, returnAll: true, filters: { itemType: 'problem' }, options: {} }],
		['Reassign', { resource: 'inspectionItem', operation: 'reassign', operatorUserId: SUPERVISOR, itemId: '={{ $json.id }}', handler: HANDLER, currentRole: 'qualityGroupLeader' }],
	]);

const RECORDING = { language: 'en_US', voiceFilePath: '/obs/calls/2026/12/07/call-42.wav', agentId: 1118, beginTime: '2026-12-07 09:00:00', endTime: '2026-12-07 09:04:10' };
const UNZIP: OtherNode = { type: 'n8n-nodes-base.compression', typeVersion: 1.1 };
const READ_TEXT: OtherNode = { type: 'n8n-nodes-base.extractFromFile', typeVersion: 1 };

const transcribeWorkflow = () =>
	chain('cecLifeSpeech', [
		[
			'Transcribe',
			{ resource: 'speechToText', operation: 'transcribe', ...RECORDING, binaryPropertyName: 'archive', options: { waitForText: true, pollIntervalSeconds: 1, maxWaitSeconds: 30 } },
		],
		['Unzip', { operation: 'decompress', binaryPropertyName: 'archive', outputPrefix: 'file_' }, UNZIP],
		['Read Text', { operation: 'text', binaryPropertyName: 'file_0', destinationKey: 'text', options: {} }, READ_TEXT],
	]);

const getTextWorkflow = () =>
	chain('cecLifeGetText', [
		['Start Transcript', { resource: 'speechToText', operation: 'transcribe', ...RECORDING, options: {} }],
		[
			'Too Soon',
			{ resource: 'speechToText', operation: 'getText', taskId: '={{ $json.taskId }}', language: 'en_US', binaryPropertyName: 'data' },
			{ settings: { onError: 'continueRegularOutput' } },
		],
		['Get Text', { resource: 'speechToText', operation: 'getText', taskId: '={{ $("Start Transcript").item.json.taskId }}', language: 'en_US', binaryPropertyName: 'data' }],
		['Unzip Text', { operation: 'decompress', binaryPropertyName: 'data', outputPrefix: 'file_' }, UNZIP],
		['Read', { operation: 'text', binaryPropertyName: 'file_0', destinationKey: 'text', options: {} }, READ_TEXT],
	]);

const outputOf = (run: Any, node: string) => realN8n.nodeOutput(run.execution, node)[0].map((item: Any) => item.json);
const countsOf = (list: string[]) => list.reduce((counts: Record<string, number>, kind) => ({ ...counts, [kind]: (counts[kind] ?? 0) + 1 }), {});
const kinds = (log: Any[]) => log.map((e: Any) => e.kind).filter((k: string) => k !== 'token');

jest.setTimeout(LONG);

const packedPackage = usePackedPackage();

describe.each(MAJORS)('real n8n %i.x: review task and sampling plan lifecycles', (major) => {
	let n8n: Any;
	let mock: Any;

	beforeAll(async () => {
		n8n = await realN8n.createInstance({ major, tgz: packedPackage(), timezone: 'Asia/Shanghai', session: true });
		mock = await realN8n.startMockProcess({ extraArgs: ['--unquoted-ids', '--tenant-utc-offset', '480'] });
		await n8n.importCredentials([realN8n.mockCredential(mock, { id: 'cecLifeCred', name: 'cecLifeCred' })]);
		await n8n.importWorkflow([taskWorkflow(), planWorkflow(), appealWorkflow(), reassignWorkflow(), transcribeWorkflow(), getTextWorkflow()]);
	});

	beforeEach(async () => await mock?.resetLog());

	afterAll(async () => {
		await mock?.stop();
		await n8n?.cleanup();
	});

	test('a review task: create → assign → activate → list → get → terminate → delete', async () => {
		const run = await n8n.execute('cecLifeTask');
		expectOk(run);
		const [created] = outputOf(run, 'Create Task');
		expect(created.qualityTaskId).toMatch(ID);
		const taskId = created.qualityTaskId;
		const [listed] = outputOf(run, 'List');
		// Listed after activation: in effect ("3"), the same id, exact.
		expect(listed).toMatchObject({ id: taskId, planName: 'e2e-task', status: '3' });
		expect(outputOf(run, 'Get Task')).toEqual([listed]);
		for (const node of ['Assign', 'Activate']) {
			expect(outputOf(run, node)).toEqual([expect.objectContaining({ qualityTaskId: taskId, resultCode: '0409000' })]);
		}
		// n8n's convention for such actions: what was done, and to which task.
		expect(outputOf(run, 'Terminate')).toEqual([{ terminated: true, id: taskId }]);
		expect(outputOf(run, 'Delete')).toEqual([{ deleted: true, id: taskId }]);

		const { log } = await mock.getLog();
		expect(kinds(log)).toEqual([
			'createQualityTask',
			'appointQualityTask',
			'takeEffectQualityTask',
			'queryQualityTask',
			'queryQualityTask',
			'terminateQualityTask',
			'deleteQualityTask',
		]);
		for (const entry of log.filter((e: Any) => e.kind !== 'token')) {
			expect(entry.status).toBe(200);
			expect(entry.headers['x-userid']).toBe(OPERATOR);
		}
		// The id the mock printed unquoted went back as a JSON string, digit for digit.
		for (const kind of ['appointQualityTask', 'takeEffectQualityTask', 'terminateQualityTask', 'deleteQualityTask']) {
			expect(log.find((e: Any) => e.kind === kind).rawBody).toContain(`"qualityTaskId":"${taskId}"`);
		}
		const { tasks } = (await (await fetch(`${mock.url}/__mock/tasks`)).json()) as Any;
		expect(tasks.find((task: Any) => task.id === taskId)).toBeUndefined();
	});

	test('a sampling plan: create → start → list → get → stop → delete', async () => {
		const run = await n8n.execute('cecLifePlan');
		expectOk(run);
		const [created] = outputOf(run, 'Create Plan');
		expect(created.qiqtId).toMatch(ID);
		const planId = created.qiqtId;
		const [listed] = outputOf(run, 'List Plans');
		expect(listed).toMatchObject({ qiqtId: planId, qiqtName: 'e2e-plan', qiqtStatus: '2' });
		expect(outputOf(run, 'Get Plan')).toEqual([listed]);
		expect(outputOf(run, 'Stop Plan')).toEqual([{ stopped: true, id: planId }]);
		expect(outputOf(run, 'Delete Plan')).toEqual([{ deleted: true, id: planId }]);

		const { log } = await mock.getLog();
		expect(kinds(log)).toEqual([
			'addRegularQualityTask',
			'beginRegularQualityTask',
			'queryRegularQualityTask',
			'queryRegularQualityTask',
			'stopRegularQualityTask',
			'deleteRegularQualityTask',
		]);
		const added = log.find((e: Any) => e.kind === 'addRegularQualityTask');
		// Durations entered in seconds travel in milliseconds; the schedule as documented.
		expect(added.body.extractionRange.fixedColumns).toMatchObject({ durationStart: 30000, durationEnd: 600000 });
		expect(added.body.cronStructure).toMatchObject({ qiqtCycleType: '2', qiqtEndType: '1', qiqtTotalTimes: 4 });
		for (const kind of ['beginRegularQualityTask', 'stopRegularQualityTask', 'deleteRegularQualityTask']) {
			expect(log.find((e: Any) => e.kind === kind).rawBody).toBe(`{"regularQualityTaskId":"${planId}"}`);
		}
		const { plans } = (await (await fetch(`${mock.url}/__mock/plans`)).json()) as Any;
		expect(plans).toEqual([]);
	});
	test('an appeal: list → get → correct the verdict → approve → list the closed ones; a problem reassigned', async () => {
		const nowS = Math.floor(Date.now() / 1000);
		const seed = [
			{ type: 'appeal', callId: 'call-a', title: 'Greeting missed?', createTime: nowS - 600, hits: [{ ruleId: RULE, ruleName: 'Greeting' }] },
			{ type: 'appeal', callId: 'call-b', title: 'Rude word?', createTime: nowS - 300, hits: [{ ruleId: '967510375224315907', ruleName: 'Forbidden words', type: 60 }] },
			{ type: 'problem', callId: 'call-c', createTime: nowS - 200 },
		];
		const { items: seeded } = await mock.control('POST', '/__mock/items', { items: seed });
		const [appealA, appealB, problem] = seeded;

		const run = await n8n.execute('cecLifeAppeal');
		expectOk(run);
		expect(outputOf(run, 'List Appeals').map((item: Any) => [item.id, item.taskStatusText])).toEqual([
			[appealA.id, 'Reviewing'],
			[appealB.id, 'Reviewing'],
		]);
		expect(outputOf(run, 'Get').map((item: Any) => [item.id, item.callId, item.violatedRules])).toEqual([
			[appealA.id, 'call-a', ['Greeting']],
			[appealB.id, 'call-b', ['Forbidden words']],
		]);
		expect(outputOf(run, 'Decide')).toEqual([
			expect.objectContaining({ resultCode: '0409000' }),
			expect.objectContaining({ resultCode: '0409000' }),
		]);
		expect(outputOf(run, 'List Closed').map((item: Any) => item.id)).toEqual([appealA.id, appealB.id]);

		const { log } = await mock.getLog();
		const sent = kinds(log);
		expect([sent[0], sent[sent.length - 1]]).toEqual(['queryQualityItem', 'queryQualityItem']);
		expect(countsOf(sent)).toEqual({ queryQualityItem: 2, queryQualityItemDetail: 2, queryQualityItemResult: 2, modifyQualityItemResult: 2, appealItem: 2 });
		for (const entry of log.filter((e: Any) => e.kind !== 'token')) expect(entry.headers['x-userid']).toBe(SUPERVISOR);
		// The ids the mock printed unquoted went back as JSON strings, digit for digit; `coment` as the API spells it.
		expect(log.filter((e: Any) => e.kind === 'appealItem').map((e: Any) => e.rawBody)).toEqual([
			`{"auditOperation":"pass","taskInfoId":"${appealA.id}","callId":"call-a","coment":"Upheld: Greeting missed?","role":"qualityDirector"}`,
			`{"auditOperation":"pass","taskInfoId":"${appealB.id}","callId":"call-b","coment":"Upheld: Rude word?","role":"qualityDirector"}`,
		]);
		const { items } = await mock.control('GET', '/__mock/items');
		expect(items.map((item: Any) => [item.id, item.status, item.corrections.map((c: Any) => [c.reviseId, c.revise])])).toEqual([
			[appealA.id, 22, [[RULE, 1]]],
			[appealB.id, 22, [['967510375224315907', 1]]],
			[problem.id, 24, []],
		]);

		const reassigned = await n8n.execute('cecLifeReassign');
		expectOk(reassigned);
		expect(outputOf(reassigned, 'Reassign')).toEqual([expect.objectContaining({ id: problem.id, handler: HANDLER, resultCode: '0409000' })]);
		const after = (await mock.control('GET', '/__mock/items')).items;
		expect(after[2]).toMatchObject({ handlerUserId: HANDLER, reassignments: [{ handler: HANDLER, role: 'qualityGroupLeader', by: SUPERVISOR }] });
		expect((await mock.getLog()).log.find((e: Any) => e.kind === 'reassginQualityTask').rawBody).toBe(
			`{"handler":"${HANDLER}","qualityTaskInfoId":"${problem.id}","role":"qualityGroupLeader"}`,
		);
	});

	test('speech to text: transcribe and wait → Compression unpacks the ZIP → Extract From File reads the text', async () => {
		const run = await n8n.execute('cecLifeSpeech');
		expectOk(run);
		const [started] = realN8n.nodeOutput(run.execution, 'Transcribe')[0];
		expect(started.json).toMatchObject({ taskId: expect.stringMatching(/^\d{20}$/), duration: '60' });
		expect(started.binary.archive).toMatchObject({ mimeType: 'application/zip', fileName: `${started.json.taskId}.zip` });
		expect(JSON.stringify(started.json)).not.toMatch(/UEsDB/); // no Base64 ZIP in the json
		const [read] = outputOf(run, 'Read Text');
		expect(read.text).toContain('Agent: Hello, how can I help you?');
		const { log } = await mock.getLog();
		expect(kinds(log)).toEqual(['voice2Text', 'getTextByTaskId', 'getTextByTaskId']);
		expect(log.find((e: Any) => e.kind === 'voice2Text').rawBody).toBe(
			'{"language":"en_US","voiceFilePath":"/obs/calls/2026/12/07/call-42.wav","agentId":1118,"beginTime":"2026-12-07 09:00:00","endTime":"2026-12-07 09:04:10"}',
		);
		expect(log.some((e: Any) => e.headers['x-userid'] !== undefined)).toBe(false);
	});

	test('speech to text: Get Text too soon is an error naming the task; the next try has the text', async () => {
		const run = await n8n.execute('cecLifeGetText');
		expectOk(run);
		const [started] = outputOf(run, 'Start Transcript');
		const [tooSoon] = outputOf(run, 'Too Soon');
		expect(String(tooSoon.error)).toContain(`transcription ${started.taskId} is not ready yet`);
		const [text] = realN8n.nodeOutput(run.execution, 'Get Text')[0];
		expect(text.binary.data).toMatchObject({ mimeType: 'application/zip', fileName: `${started.taskId}.zip` });
		expect(outputOf(run, 'Read')[0].text).toContain('Customer: I would like to check my bill.');
	});
});
