/**
 * A review task's and a sampling plan's whole life in a REAL n8n, 2.x and 1.x, each as one workflow of
 * chained nodes (every id handed on by an expression), against the strict mock printing its ids unquoted:
 * - task: create → assign inspectors → activate now → get many → terminate → delete;
 * - plan: create → start → get many → stop → delete.
 * Every step shows in the mock's state; the 20-digit ids stay exact from wire to output to wire.
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

/** Start → the given steps in a row, each a node of the package. */
function chain(id: string, steps: Array<[string, Any]>): Any {
	const nodes: Any[] = [{ id: `${id}-0`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections: Any = {};
	let previous = 'Start';
	steps.forEach(([name, parameters], i) => {
		nodes.push({ id: `${id}-${i + 1}`, name, type: NODE_TYPE, typeVersion: 1, position: [220 * (i + 1), 0], credentials: CRED, parameters });
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
		['Terminate', { resource: 'reviewTask', operation: 'terminate', operatorUserId: OPERATOR, taskId: '={{ $json.id }}' }],
		['Delete', { resource: 'reviewTask', operation: 'delete', operatorUserId: OPERATOR, taskId: '={{ $json.qualityTaskId }}' }],
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
		['Stop Plan', { resource: 'samplingPlan', operation: 'stop', operatorUserId: OPERATOR, planId: '={{ $json.qiqtId }}', options: {} }],
		['Delete Plan', { resource: 'samplingPlan', operation: 'delete', operatorUserId: OPERATOR, planId: '={{ $json.qiqtId }}', options: {} }],
	]);

const outputOf = (run: Any, node: string) => realN8n.nodeOutput(run.execution, node)[0].map((item: Any) => item.json);
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
		await n8n.importWorkflow([taskWorkflow(), planWorkflow()]);
	});

	beforeEach(async () => await mock?.resetLog());

	afterAll(async () => {
		await mock?.stop();
		await n8n?.cleanup();
	});

	test('a review task: create → assign → activate → list → terminate → delete', async () => {
		const run = await n8n.execute('cecLifeTask');
		expectOk(run);
		const [created] = outputOf(run, 'Create Task');
		expect(created.qualityTaskId).toMatch(ID);
		const taskId = created.qualityTaskId;
		const [listed] = outputOf(run, 'List');
		// Listed after activation: in effect ("3"), the same id, exact.
		expect(listed).toMatchObject({ id: taskId, planName: 'e2e-task', status: '3' });
		for (const node of ['Assign', 'Activate', 'Terminate', 'Delete']) {
			expect(outputOf(run, node)).toEqual([expect.objectContaining({ qualityTaskId: taskId, resultCode: '0409000' })]);
		}

		const { log } = await mock.getLog();
		expect(kinds(log)).toEqual([
			'createQualityTask',
			'appointQualityTask',
			'takeEffectQualityTask',
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

	test('a sampling plan: create → start → list → stop → delete', async () => {
		const run = await n8n.execute('cecLifePlan');
		expectOk(run);
		const [created] = outputOf(run, 'Create Plan');
		expect(created.qiqtId).toMatch(ID);
		const planId = created.qiqtId;
		const [listed] = outputOf(run, 'List Plans');
		expect(listed).toMatchObject({ qiqtId: planId, qiqtName: 'e2e-plan', qiqtStatus: '2' });

		const { log } = await mock.getLog();
		expect(kinds(log)).toEqual([
			'addRegularQualityTask',
			'beginRegularQualityTask',
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
});
