/**
 * Input Data Mode "Auto-Map Input Data" in a REAL n8n, 2.x and 1.x: Create Inspection reads each item's
 * language, voiceFilePath, agentId, beginTime and endTime by those names (other fields ignored), and
 * Create Review Task reads the documented createQualityTask body with the operator id at a named field.
 * Exactly the documented bodies go over the wire, one output per input in order and paired; an invalid
 * input field gives an error naming the field and the item, and nothing is sent for that item.
 * Two `n8n execute` runs per n8n line: one workflow whose branches hold every case that finishes (each
 * branch its own agent ids or plan names, so the mock's log tells them apart), and the stop case.
 * The engine-level twins are the auto-mapped cases of test/engine/inspection/create.test.ts and
 * test/engine/reviewTask/create.test.ts.
 */
import { LONG, MAJORS, describeFailure, expectOk, normalisePairedItem, usePackedPackage } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realN8n = require('../../scripts/lib/realN8n');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const ACCESS_KEY = 'test-ak';
const SECRET_KEY = 'test-sk-secret';
/** The documented 19-digit operator id (x-UserId), above Number.MAX_SAFE_INTEGER. */
const OPERATOR_ID = '1611917095665261978';
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const pairedOf = (items: Any[]) => items.map((item) => normalisePairedItem(item.pairedItem));
const asPaired = (indexes: number[]) => indexes.map((item) => ({ item }));

type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

/* ------------------------------------------------------------------ Create Inspection */

/** Recording i of a branch: agent `base` + i, so a request body names its branch and item. */
const inspectionCall = (base: number, i: number) => ({
	language: i % 2 === 0 ? 'zh_CN' : 'en_US',
	voiceFilePath: `Y:\\27\\0\\20210201\\${base + i}\\${pad(i, 7)}.V3`,
	agentId: base + i,
	beginTime: `2021-02-01 09:${pad(i)}:07`,
	endTime: `2021-02-01 10:${pad(i)}:07`,
});

/** The exact qualityInspect body text for recording i, keys in the documented order. */
const expectedInspectionBody = (base: number) => (i: number) => JSON.stringify(inspectionCall(base, i));

const INSPECTIONS = 10;
const GOOD_BASE = 1000;

/**
 * Recording i as a CRM would post it: its fields in another order among fields the node must ignore
 * (one of them an `options.timeZone`). The last one carries a numeric-string agent id and UTC instants,
 * which the node coerces and converts to the instance's time zone (Asia/Shanghai): the same body.
 */
function inspectionItem(i: number): Any {
	const { language, voiceFilePath, agentId, beginTime, endTime } = inspectionCall(GOOD_BASE, i);
	const item: Any = { crmTicket: `T-${i}`, endTime, beginTime, agentId, voiceFilePath, language, customer: { name: `customer ${i}` }, options: { timeZone: 'UTC' } };
	if (i === INSPECTIONS - 1) {
		Object.assign(item, { agentId: ` ${agentId} `, beginTime: `2021-02-01T01:${pad(i)}:07Z`, endTime: `2021-02-01T02:${pad(i)}:07.000Z` });
	}
	return item;
}

const BAD_INSPECTIONS = 6;
const AGENT_TEXT = 1;
const END_BEFORE_BEGIN = 3;
const NO_LANGUAGE = 4;
const BAD = [AGENT_TEXT, END_BEFORE_BEGIN, NO_LANGUAGE];
const GOOD = range(BAD_INSPECTIONS).filter((i) => !BAD.includes(i));
/** Agent id bases of the branches with bad items, by On Error mode. */
const BASE: Record<OnError, number> = { continueRegularOutput: 2000, continueErrorOutput: 3000, stopWorkflow: 4000 };

function badInspectionItem(base: number, i: number): Any {
	const item: Any = { crmTicket: `T-${i}`, ...inspectionCall(base, i) };
	if (i === AGENT_TEXT) item.agentId = 'agent-7';
	if (i === END_BEFORE_BEGIN) item.endTime = '2021-02-01 08:00:00';
	if (i === NO_LANGUAGE) delete item.language;
	return item;
}

/** Each bad item's error (message and description, as the node words them). */
const BAD_ERRORS: Record<number, { message: RegExp; description: RegExp }> = {
	[AGENT_TEXT]: {
		message: /^Invalid input field "agentId": got "agent-7"; must be a whole number from 0 to 2147483647 \[item 1\]$/,
		description: /^Input field "agentId" of item 1: must be a whole number from 0 to 2147483647\. No request was sent for this item\.$/,
	},
	[END_BEFORE_BEGIN]: {
		message: /^Invalid input field "endTime": got "2021-02-01 08:00:00"; must not be before beginTime \(.+\) \[item 3\]$/,
		description: /^Input field "endTime" of item 3: must not be before beginTime \(.+\)\. No request was sent for this item\.$/,
	},
	[NO_LANGUAGE]: {
		message: /^Invalid input field "language": got nothing; must be one of "zh_CN", "en_US" \[item 4\]$/,
		description: /^Input field "language" of item 4: must be one of "zh_CN", "en_US"\. No request was sent for this item\.$/,
	},
};

function expectBadInspection(message: unknown, description: unknown, i: number): void {
	expect(message).toMatch(BAD_ERRORS[i].message);
	expect(description).toMatch(BAD_ERRORS[i].description);
}

/* ------------------------------------------------------------------ Create Review Task */

/** The documented createQualityTask body of task i: key order and wire types as documented. */
const documentedTaskBody = (plan: string, i: number) => ({
	customColumns: null,
	currentRole: 'qualityDirector',
	startTimeMillis: 1683808058,
	endTimeMillis: 1683894458,
	fixedColumns: { maxNum: '10', qualityCondition: 0, qualityNum: String(10 + i), qualityType: 1, scoreStart: '10', scoreEnd: '120', staffIds: [], interactionType: 0 },
	qualityTask: { planName: `${plan}-${i}` },
});

const TASKS = 4;

/**
 * Task i as a CRM posts it, the operator at the default field: task 0 exactly the documented body;
 * task 1 its keys (and fixedColumns' keys) in reverse, with a field the node ignores; task 2 the
 * counts and scores as numbers, without customColumns; task 3 a customColumns object (sent as null).
 */
function taskItem(i: number): Any {
	const body: Any = documentedTaskBody('plan', i);
	if (i === 1) {
		const reversed = (o: Any) => Object.fromEntries(Object.entries(o).reverse());
		return { crmTicket: 'T-1', ...reversed({ ...body, fixedColumns: reversed(body.fixedColumns) }), operatorUserId: OPERATOR_ID };
	}
	if (i === 2) {
		const { customColumns: _none, ...rest } = body;
		return { operatorUserId: OPERATOR_ID, ...rest, fixedColumns: { ...body.fixedColumns, maxNum: 10, qualityNum: 12, scoreStart: 10, scoreEnd: 120 } };
	}
	if (i === 3) return { operatorUserId: OPERATOR_ID, ...body, customColumns: { note: 'ignored' } };
	return { operatorUserId: OPERATOR_ID, ...body };
}

/** The operator at crm.owner.userId (an unrelated operatorUserId beside it); tasks 0 and 1 invalid. */
const OPERATOR_AS_NUMBER = 0;
const QUALITY_TYPE_4 = 1;
const BAD_TASKS = [OPERATOR_AS_NUMBER, QUALITY_TYPE_4];
const GOOD_TASKS = [2, 3];
const OPERATOR_FIELD = 'crm.owner.userId';

function badTaskItem(i: number): Any {
	const body: Any = documentedTaskBody('bad', i);
	// As a JSON number above 2^53 the id has already been rounded (to 1611917095665262000).
	const userId = i === OPERATOR_AS_NUMBER ? Number(OPERATOR_ID) : OPERATOR_ID;
	if (i === QUALITY_TYPE_4) body.fixedColumns = { ...body.fixedColumns, qualityType: 4 };
	return { operatorUserId: '42', crm: { owner: { userId } }, ...body };
}

/* ------------------------------------------------------------------ workflows */

interface Branch {
	node: string;
	items: Any[];
	parameters: Any;
	onError: OnError;
}

/** Start → per branch, Code (the branch's items, as JSON) → the node. */
function workflow(id: string, branches: Branch[]): Any {
	const nodes: Any[] = [{ id: `${id}-0`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections: Any = { Start: { main: [[]] } };
	branches.forEach(({ node, items, parameters, onError }, b) => {
		const code = `Items for ${node}`;
		nodes.push(
			{ id: `${id}-${b}a`, name: code, type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, b * 200], parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` } },
			{
				id: `${id}-${b}b`,
				name: node,
				type: 'n8n-nodes-huawei-cec-quality.huaweiCecQuality',
				typeVersion: 1,
				position: [440, b * 200],
				onError,
				parameters,
				credentials: { huaweiCecApi: { id: 'cecAutoMap', name: 'cecAutoMap' } },
			},
		);
		connections.Start.main[0].push({ node: code, type: 'main', index: 0 });
		connections[code] = { main: [[{ node, type: 'main', index: 0 }]] };
	});
	return { id, name: `CEC auto-map: ${id}`, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

const autoMappedInspection = (options: Any = {}) => ({ resource: 'inspection', operation: 'create', dataMode: 'autoMapInputData', options });
const autoMappedReviewTask = (extra: Any = {}) => ({ resource: 'reviewTask', operation: 'create', dataMode: 'autoMapInputData', ...extra });
const badInspections = (mode: OnError): Branch => ({
	node: `Create Inspection (${mode})`,
	items: range(BAD_INSPECTIONS).map((i) => badInspectionItem(BASE[mode], i)),
	parameters: autoMappedInspection({ concurrency: 3 }),
	onError: mode,
});

const INSPECTIONS_NODE = 'Create Inspection';
const TASKS_NODE = 'Create Review Task';
const BAD_TASKS_NODE = 'Create Review Task (continueErrorOutput)';
const REGULAR = badInspections('continueRegularOutput');
const ERROR_OUTPUT = badInspections('continueErrorOutput');
const STOP = badInspections('stopWorkflow');

const WORKFLOWS = [
	workflow('cecAutoMap', [
		{ node: INSPECTIONS_NODE, items: range(INSPECTIONS).map(inspectionItem), parameters: autoMappedInspection({ concurrency: 3 }), onError: 'stopWorkflow' },
		REGULAR,
		ERROR_OUTPUT,
		{ node: TASKS_NODE, items: range(TASKS).map(taskItem), parameters: autoMappedReviewTask({ operatorUserIdField: 'operatorUserId', options: { concurrency: 2 } }), onError: 'stopWorkflow' },
		{ node: BAD_TASKS_NODE, items: range(TASKS).map(badTaskItem), parameters: autoMappedReviewTask({ operatorUserIdField: OPERATOR_FIELD }), onError: 'continueErrorOutput' },
	]),
	workflow('cecAutoMapStop', [STOP]),
];

const ofKind = (log: Any[], kind: string) => log.filter((e: Any) => e.kind === kind);
/** The items (index in their branch) whose qualityInspect was sent, of the branch with agent ids `base` + i. */
const sentItems = (log: Any[], base: number) =>
	ofKind(log, 'qualityInspect')
		.map((e: Any) => e.body.agentId - base)
		.filter((i: number) => i >= 0 && i < 1000)
		.sort((a: number, b: number) => a - b);
const inspectionsOf = (log: Any[], base: number) => ofKind(log, 'qualityInspect').filter((e: Any) => e.body.agentId >= base && e.body.agentId < base + 1000);
const tasksOf = (log: Any[], plan: string) => ofKind(log, 'createQualityTask').filter((e: Any) => e.body.qualityTask.planName.startsWith(`${plan}-`));

jest.setTimeout(LONG);

const packedPackage = usePackedPackage();

describe.each(MAJORS)('real n8n %i.x: Auto-Map Input Data', (major) => {
	let n8n: Any;
	let mock: Any;

	beforeAll(async () => {
		n8n = await realN8n.createInstance({ major, tgz: packedPackage(), timezone: 'Asia/Shanghai', session: true });
		mock = await realN8n.startMockProcess({ ak: ACCESS_KEY, sk: SECRET_KEY });
		await n8n.importCredentials([realN8n.mockCredential(mock, { id: 'cecAutoMap', name: 'cecAutoMap', accessKey: ACCESS_KEY, secretKey: SECRET_KEY })]);
		await n8n.importWorkflow(WORKFLOWS);
	});

	afterAll(async () => {
		await mock?.stop();
		await n8n?.cleanup();
	});

	test('Create Inspection, stop: the first invalid item fails the execution naming the input field and the item; nothing is sent', async () => {
		await mock.resetLog();
		const run = await n8n.execute('cecAutoMapStop');
		expect(run.ok).toBe(false);
		const error = realN8n.executionError(run.execution, STOP.node);
		if (!error) throw new Error(`no node error:\n${describeFailure(run)}`);
		expectBadInspection(error.message, error.description, AGENT_TEXT);
		expect(realN8n.executionError(run.execution)?.message).toMatch(BAD_ERRORS[AGENT_TEXT].message);
		expect(ofKind((await mock.getLog()).log, 'qualityInspect')).toEqual([]);
	});

	describe('one execution, a branch per case', () => {
		let run: Any;
		let log: Any[];
		const outputOf = (node: string) => {
			expectOk(run);
			return realN8n.nodeOutput(run.execution, node);
		};

		beforeAll(async () => {
			await mock.resetLog();
			run = await n8n.execute('cecAutoMap');
			log = (await mock.getLog()).log;
		});

		test(`Create Inspection, ${INSPECTIONS} items at concurrency 3: exactly the documented bodies, other fields ignored, one output per input in order, paired`, () => {
			const outputs = outputOf(INSPECTIONS_NODE);
			const sent = inspectionsOf(log, GOOD_BASE);
			expect(sent.map((e: Any) => e.status)).toEqual(range(INSPECTIONS).map(() => 200));
			// Each item created once, with exactly its five fields.
			expect(sent.map((e: Any) => e.rawBody).sort()).toEqual(range(INSPECTIONS).map(expectedInspectionBody(GOOD_BASE)).sort());
			expect(sentItems(log, GOOD_BASE)).toEqual(range(INSPECTIONS));

			expect(outputs).toHaveLength(1);
			const [items] = outputs;
			expect(pairedOf(items)).toEqual(asPaired(range(INSPECTIONS)));
			// Output i is the answer to item i's request.
			items.forEach((item: Any, i: number) => {
				const entry = sent.find((e: Any) => e.body.agentId === GOOD_BASE + i);
				expect(item.json.call_uuid).toBe(JSON.parse(entry.response).call_uuid);
			});
		});

		test('Create Inspection, continue (regular output): errors in place naming the input field and the item; the good items created', () => {
			const outputs = outputOf(REGULAR.node);
			expect(outputs).toHaveLength(1);
			const [items] = outputs;
			expect(pairedOf(items)).toEqual(asPaired(range(BAD_INSPECTIONS)));
			for (const i of BAD) {
				expect(Object.keys(items[i].json).sort()).toEqual(['details', 'error']);
				expect(items[i].json.details.itemIndex).toBe(i);
				expectBadInspection(items[i].json.error, items[i].json.details.description, i);
			}
			for (const i of GOOD) expect(items[i].json.call_uuid).toEqual(expect.any(String));
			// Nothing was sent for the bad items.
			const base = BASE.continueRegularOutput;
			expect(sentItems(log, base)).toEqual(GOOD);
			expect(inspectionsOf(log, base).map((e: Any) => e.rawBody).sort()).toEqual(GOOD.map(expectedInspectionBody(base)).sort());
		});

		test('Create Inspection, continue (error output): good items on output 0, bad ones on output 1, each paired to its input', () => {
			const [success, failure] = outputOf(ERROR_OUTPUT.node);
			if (!failure) throw new Error(`no error output:\n${describeFailure(run)}`);
			expect(pairedOf(success)).toEqual(asPaired(GOOD));
			expect(pairedOf(failure)).toEqual(asPaired(BAD));
			for (const item of success) expect(item.json.call_uuid).toEqual(expect.any(String));
			failure.forEach((item: Any, position: number) => {
				const i = BAD[position];
				expectBadInspection(item.json.error, item.json.message, i);
				// n8n adds the input item's fields to an error-output item.
				expect(item.json.crmTicket).toBe(`T-${i}`);
				expect(item.json.agentId).toBe(ERROR_OUTPUT.items[i].agentId);
			});
			expect(sentItems(log, BASE.continueErrorOutput)).toEqual(GOOD);
		});

		test(`Create Review Task, ${TASKS} items holding the documented body: exactly that body, in the documented order, x-UserId from the operator field`, () => {
			const outputs = outputOf(TASKS_NODE);
			const sent = tasksOf(log, 'plan');
			expect(sent.map((e: Any) => e.status)).toEqual(range(TASKS).map(() => 200));
			for (const entry of sent) expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
			const expected = range(TASKS).map((i) => JSON.stringify(documentedTaskBody('plan', i)));
			// Spelled out once, so the order of keys is checked against the documentation, not only against itself.
			expect(expected[0]).toBe(
				'{"customColumns":null,"currentRole":"qualityDirector","startTimeMillis":1683808058,"endTimeMillis":1683894458,'
					+ '"fixedColumns":{"maxNum":"10","qualityCondition":0,"qualityNum":"10","qualityType":1,"scoreStart":"10","scoreEnd":"120","staffIds":[],"interactionType":0},'
					+ '"qualityTask":{"planName":"plan-0"}}',
			);
			expect(sent.map((e: Any) => e.rawBody).sort()).toEqual(expected.sort());

			expect(outputs).toHaveLength(1);
			const [items] = outputs;
			expect(pairedOf(items)).toEqual(asPaired(range(TASKS)));
			items.forEach((item: Any, i: number) => {
				const entry = sent.find((e: Any) => e.body.qualityTask.planName === `plan-${i}`);
				expect(item.json.qualityTaskId).toBe(JSON.parse(entry.response).qualityTaskId);
			});
		});

		test('Create Review Task, continue (error output), operator at a dotted path: an id given as a JSON number and qualityType 4 are refused; the others sent', () => {
			const [success, failure] = outputOf(BAD_TASKS_NODE);
			if (!failure) throw new Error(`no error output:\n${describeFailure(run)}`);
			expect(pairedOf(success)).toEqual(asPaired(GOOD_TASKS));
			expect(pairedOf(failure)).toEqual(asPaired(BAD_TASKS));
			expect(failure.map((item: Any) => item.json.error)).toEqual([
				expect.stringMatching(/^Invalid input field "crm\.owner\.userId": got 1611917095665262000; .*pass it as text.* \[item 0\]$/),
				'Invalid input field "fixedColumns.qualityType": got 4; must be one of 1, 2, 3 [item 1]',
			]);
			expect(failure.map((item: Any) => item.json.message)).toEqual([
				expect.stringMatching(/^Input field "crm\.owner\.userId" of item 0: .*pass it as text.*\. No request was sent for this item\.$/),
				'Input field "fixedColumns.qualityType" of item 1: must be one of 1, 2, 3. No request was sent for this item.',
			]);

			const sent = tasksOf(log, 'bad');
			expect(sent.map((e: Any) => e.body.qualityTask.planName).sort()).toEqual(GOOD_TASKS.map((i) => `bad-${i}`));
			// x-UserId from crm.owner.userId, not from the item's unrelated operatorUserId.
			for (const entry of sent) expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
			expect(sent.map((e: Any) => e.rawBody).sort()).toEqual(GOOD_TASKS.map((i) => JSON.stringify(documentedTaskBody('bad', i))).sort());
		});
	});
});
