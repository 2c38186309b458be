/**
 * The inspection loop in a REAL n8n, 2.x and 1.x, with the packed package, against the strict mock
 * (inspections finish 2.5 s after they are submitted):
 * - Get Result of a finished call, simplified;
 * - Create with Wait for Result: a result that appears after a few polls, and an inspection that fails
 *   (status 39), which ends the wait early with the call_uuid in the error; the create sent once each;
 * - Get Many across several pages, with a total (123) that is not a multiple of the page size (50);
 * - the trigger over four polls (each `n8n start` runs one poll when it activates the workflow): new
 *   calls appear between polls, a call uploaded before a poll finishes after it (the mock finishes it
 *   on the test's word, after that poll), none is emitted twice,
 *   none is missed. (Fetch Test Event needs the editor: `n8n execute` cannot start at a trigger; the
 *   engine tests run it through n8n-core's PollContext in manual mode.)
 */
import { LONG, MAJORS, describeFailure, expectOk, inspectionParameters, normalisePairedItem, usePackedPackage } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realN8n = require('../../scripts/lib/realN8n');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const OPERATOR = '1611917095665261978';
const CRED = { huaweiCecApi: { id: 'cecLoopCred', name: 'cecLoopCred' } };
const NODE_TYPE = 'n8n-nodes-huawei-cec-quality.huaweiCecQuality';
const TRIGGER_TYPE = 'n8n-nodes-huawei-cec-quality.huaweiCecQualityTrigger';
const DONE_AFTER_MS = 2500;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Start → Code (the given items) → one node. */
function chain(id: string, items: Any[], node: Any): Any {
	return {
		id,
		name: `CEC loop: ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-1`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-2`,
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
			},
			{ id: `${id}-3`, name: 'CEC', type: NODE_TYPE, typeVersion: 1, position: [440, 0], credentials: CRED, ...node },
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'CEC', type: 'main', index: 0 }]] },
		},
	};
}

/** The trigger → a NoOp; polled only when a workflow is activated (the schedule is once a year). */
function triggerWorkflow(id: string, active: boolean): Any {
	return {
		id,
		name: `CEC loop: ${id}`,
		active,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-1`,
				name: 'Inspection finished',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				credentials: CRED,
				parameters: {
					pollTimes: { item: [{ mode: 'custom', cronExpression: '0 0 0 1 1 *' }] },
					event: 'finished',
					operatorUserId: OPERATOR,
					lookBackMinutes: 60,
					includeResult: true,
				},
			},
			{ id: `${id}-2`, name: 'Got it', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { 'Inspection finished': { main: [[{ node: 'Got it', type: 'main', index: 0 }]] } },
	};
}

const recording = (agentId: number, marker = '') => ({
	agentId,
	voiceFilePath: `Y:\\27\\0\\20210201\\${agentId}\\${marker}0951044.V3`,
	beginTime: '2021-02-01 09:51:07',
	endTime: '2021-02-01 09:57:57',
});
const kinds = (log: Any[], kind: string) => log.filter((e: Any) => e.kind === kind);

jest.setTimeout(LONG);

const packedPackage = usePackedPackage();

describe.each(MAJORS)('real n8n %i.x: the inspection loop', (major) => {
	let n8n: Any;
	let mock: Any;
	/** Calls seeded for Get Result and Get Many, uploaded an hour ago. */
	const windowStart = nowSeconds() - 3600;
	const seeded = range(123).map((i) => ({
		call_uuid: `6a1c0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
		upload_time: windowStart + 60 + i,
		status: i % 5 === 0 ? 39 : 2,
		voiceFilePath: i % 2 === 0 ? `Y:\\seed\\PASS${i}.V3` : `Y:\\seed\\${i}.V3`,
	}));

	beforeAll(async () => {
		n8n = await realN8n.createInstance({ major, tgz: packedPackage(), timezone: 'Asia/Shanghai', session: true });
		mock = await realN8n.startMockProcess({ extraArgs: ['--inspecting-after', '300', '--done-after', String(DONE_AFTER_MS), '--tenant-utc-offset', '480'] });
		await mock.addCalls(seeded);
		await n8n.importCredentials([realN8n.mockCredential(mock, { id: 'cecLoopCred', name: 'cecLoopCred' })]);
		await n8n.importWorkflow([
			chain('cecLoopResult', [{ callUuid: seeded[1].call_uuid }, { callUuid: seeded[2].call_uuid }], {
				parameters: { resource: 'inspection', operation: 'getResult', callUuid: '={{ $json.callUuid }}', options: {} },
			}),
			chain('cecLoopWait', [recording(1200), recording(1201, 'FAIL39\\')], {
				onError: 'continueRegularOutput',
				parameters: inspectionParameters({ waitForResult: true, pollIntervalSeconds: 1, maxWaitSeconds: 60, operatorUserId: OPERATOR }),
			}),
			chain('cecLoopMany', [{}], {
				parameters: {
					resource: 'inspection',
					operation: 'getMany',
					operatorUserId: OPERATOR,
					uploadedFrom: new Date(windowStart * 1000).toISOString(),
					uploadedTo: new Date((windowStart + 600) * 1000).toISOString(),
					returnAll: true,
					filters: {},
					options: {},
				},
			}),
		]);
	});

	beforeEach(async () => await mock?.resetLog());

	afterAll(async () => {
		await mock?.stop();
		await n8n?.cleanup();
	});

	test('Get Result: one simplified item per call, paired, rule ids exact', async () => {
		const run = await n8n.execute('cecLoopResult');
		expectOk(run);
		const [items] = realN8n.nodeOutput(run.execution, 'CEC');
		expect(items.map((item: Any) => normalisePairedItem(item.pairedItem))).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toMatchObject({ call_uuid: seeded[1].call_uuid, passed: false });
		expect(items[0].json.violatedRules.length).toBeGreaterThan(0);
		expect(items[1].json).toMatchObject({ call_uuid: seeded[2].call_uuid, passed: true, violatedRules: [] });
		const ids = items[0].json.groups.flatMap((group: Any) => group.rules.map((rule: Any) => rule.id));
		for (const id of ids) expect(id).toMatch(/^\d{18}$/);
	});

	test('Create with Wait for Result: a result after a few polls; a failed inspection ends the wait with its call_uuid', async () => {
		const run = await n8n.execute('cecLoopWait');
		expectOk(run);
		const [items] = realN8n.nodeOutput(run.execution, 'CEC');
		expect(items.map((item: Any) => normalisePairedItem(item.pairedItem))).toEqual([{ item: 0 }, { item: 1 }]);
		const { log } = await mock.getLog();
		const created = kinds(log, 'qualityInspect');
		// Each recording was submitted exactly once, whatever happened while waiting.
		expect(created.map((e: Any) => e.body.agentId).sort()).toEqual([1200, 1201]);
		const uuidOf = (agentId: number) => JSON.parse(created.find((e: Any) => e.body.agentId === agentId).response).call_uuid;

		expect(items[0].json).toMatchObject({ resultCode: '1010200', call_uuid: uuidOf(1200), passed: false });
		expect(items[0].json.groups.length).toBeGreaterThan(0);
		const polls = kinds(log, 'appraiseCallCredit').filter((e: Any) => e.body.call_uuid === uuidOf(1200));
		expect(polls.length).toBeGreaterThanOrEqual(2);

		expect(items[1].json.error).toContain(`Inspection of call ${uuidOf(1201)} failed: status 39`);
		expect(items[1].json.details.call_uuid).toBe(uuidOf(1201));
		expect(items[1].json.details.description).toMatch(/is not created again/);
	});

	test('Get Many: 123 calls over three pages of 50', async () => {
		const run = await n8n.execute('cecLoopMany');
		expectOk(run);
		const [items] = realN8n.nodeOutput(run.execution, 'CEC');
		expect(items.map((item: Any) => item.json.call_uuid)).toEqual(seeded.map((call) => call.call_uuid));
		for (const item of items) expect(normalisePairedItem(item.pairedItem)).toEqual({ item: 0 });
		const pages = kinds((await mock.getLog()).log, 'appraiseCallDetails').map((e: Any) => [e.body.page, e.body.limit]);
		expect(pages).toEqual([
			[1, 50],
			[2, 50],
			[3, 50],
		]);
	});

	test('the trigger over four polls: every finished call emitted once, none missed', async () => {
		const id = 'cecLoopTrigger';
		// Only the calls of this test are in its window: the seeded ones are an hour old.
		const fresh = (name: string, extra: Any = {}) => ({
			call_uuid: `7b2d0000-0000-4000-8000-${name.padEnd(12, '0')}`,
			upload_time: nowSeconds() - 5,
			...extra,
		});
		const before = fresh('a', { status: 2 });
		await mock.addCalls([before]);
		await n8n.importWorkflow([{ ...triggerWorkflow(id, true), nodes: triggerWorkflow(id, true).nodes.map((n: Any) => (n.type === TRIGGER_TYPE ? { ...n, parameters: { ...n.parameters, lookBackMinutes: 5 } } : n)) }]);
		await n8n.activateWorkflow(id);

		let executionsSeen = 0;
		/** One poll: start n8n (activating the workflow polls once), wait for the poll and its execution, stop. */
		const poll = async (expectExecution: boolean) => {
			const pollsBefore = kinds((await mock.getLog()).log, 'appraiseCallDetails').length;
			const editor = await n8n.startEditor({ port: await realN8n.freePort() });
			try {
				const deadline = Date.now() + 60_000;
				for (;;) {
					const polled = kinds((await mock.getLog()).log, 'appraiseCallDetails').length > pollsBefore;
					const executions = (await n8n.executions({ workflowId: id })).filter((e: Any) => e.status === 'success');
					if (polled && (!expectExecution || executions.length > executionsSeen)) break;
					if (Date.now() > deadline) throw new Error(`no poll within 60 s:\n${editor.output().slice(-3000)}`);
					await sleep(250);
				}
			} finally {
				await editor.stop();
			}
			const executions = (await n8n.executions({ workflowId: id })).filter((e: Any) => e.status === 'success');
			const emitted = executions.slice(executionsSeen).map((e: Any) => realN8n.nodeOutput(e, 'Inspection finished')[0].map((item: Any) => item.json));
			executionsSeen = executions.length;
			return emitted.flat();
		};

		// Poll 1 only learns what had finished before the trigger was active.
		expect(await poll(false)).toEqual([]);

		// Between polls: b finishes at once; c is uploaded now but still inspecting at poll 2 (it finishes
		// only when told to, after poll 2, however long that poll's n8n start takes).
		const b = fresh('b', { status: 2 });
		const c = fresh('c', { status: 1 });
		await mock.addCalls([b, c]);
		const second = await poll(true);
		expect(second.map((call: Any) => call.call_uuid)).toEqual([b.call_uuid]);
		expect(second[0].result).toMatchObject({ call_uuid: b.call_uuid, passed: expect.any(Boolean) });

		// c finishes after poll 2; d fails meanwhile: poll 3 catches both, and nothing twice.
		await mock.setCallStatus(c.call_uuid, 2);
		const d = fresh('d', { status: 39 });
		await mock.addCalls([d]);
		const third = await poll(true);
		expect(third.map((call: Any) => call.call_uuid).sort()).toEqual([c.call_uuid, d.call_uuid].sort());
		expect(third.find((call: Any) => call.call_uuid === d.call_uuid)?.status).toBe(39);

		// Nothing new: poll 4 emits nothing.
		expect(await poll(false)).toEqual([]);
		expect(executionsSeen).toBe(2);
	});

	test('no secret in any execution or log', async () => {
		const executions = await n8n.executions();
		const text = JSON.stringify(executions.map((e: Any) => e.data));
		expect(text).not.toContain('test-sk-secret');
		const { issuedTokens } = await mock.getLog();
		for (const token of issuedTokens) expect(text).not.toContain(token);
		if (!executions.length) throw new Error(describeFailure({}));
	});
});
