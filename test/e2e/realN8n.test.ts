/**
 * End-to-end: the packed package installed the community way into a REAL n8n (2.41.1 on Node 24 and
 * 1.123.81 on Node 20), run headlessly with `n8n execute` against the strict CEC mock.
 *
 * Cold cache: scripts/install-n8n.sh installs both n8n versions first (several minutes each).
 * Env: CEC_E2E_N8N_MAJORS=2 (or 1) to run one version, CEC_E2E_SKIP_BUILD=1 to reuse dist/,
 * CEC_E2E_KEEP=1 to keep the n8n user folders, CEC_E2E_DEBUG=1 for harness logs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LONG, MAJORS, expectOk, fixture, normalisePairedItem, storedTexts, usePackedPackage } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realN8n = require('../../scripts/lib/realN8n');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const NODE_TYPE = 'n8n-nodes-huawei-cec-quality.huaweiCecQuality';
const ACCESS_KEY = 'test-ak';
const SECRET_KEY = 'test-sk-secret';
const OPERATOR_ID = '1611917095665261978';



/** The five calls made by the "Sample calls" Code node, and what must go over the wire for each. */
const INSPECTION_INPUT = [
	{ agentId: 1118, voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3', beginTime: '2021-02-01 09:51:07', endTime: '2021-02-01 09:57:57' },
	{ agentId: 1119, voiceFilePath: 'Y:\\27\\0\\20210201\\1119\\1002001.V3', beginTime: '2021-02-01 10:02:00', endTime: '2021-02-01 10:05:30' },
	{ agentId: 1120, voiceFilePath: 'Y:\\27\\0\\20210201\\1120\\1010101.V3', beginTime: '2021-02-01 10:10:10', endTime: '2021-02-01 10:20:00' },
	{ agentId: 1121, voiceFilePath: 'Y:\\27\\0\\20210201\\1121\\1130000.V3', beginTime: '2021-02-01 11:30:00', endTime: '2021-02-01 11:31:15' },
	// Given as UTC ISO times: converted to the workflow time zone (Asia/Shanghai, +08:00) before sending.
	{ agentId: 1122, voiceFilePath: 'Y:\\27\\0\\20210201\\1122\\1200000.V3', beginTime: '2021-02-01 12:00:00', endTime: '2021-02-01 12:09:59' },
];
const expectedInspectBody = (call: (typeof INSPECTION_INPUT)[number]) => ({
	language: 'zh_CN',
	voiceFilePath: call.voiceFilePath,
	agentId: call.agentId,
	beginTime: call.beginTime,
	endTime: call.endTime,
});



jest.setTimeout(LONG);

const packedPackage = usePackedPackage();

describe.each(MAJORS)('real n8n %i.x with the packed package', (major) => {
	let n8n: Any;
	let mock: Any;
	const runs: Any[] = [];

	const counters = async () => (await mock.getLog()).counters;
	/**
	 * `cli: true` starts its own `n8n execute` process; otherwise the run goes through the instance's
	 * execute session. The token tests alternate the two, so the token is stored and reused across processes.
	 */
	const execute = async (workflowId: string, { cli = false } = {}) => {
		const run = await n8n.execute(workflowId, { cli });
		runs.push(run);
		return run;
	};

	beforeAll(async () => {
		n8n = await realN8n.createInstance({ major, tgz: packedPackage(), timezone: 'Asia/Shanghai', session: true });
		mock = await realN8n.startMockProcess({ ak: ACCESS_KEY, sk: SECRET_KEY });
		await n8n.importCredentials([
			realN8n.mockCredential(mock, { id: 'cecMockCred01', name: 'Huawei CEC (local mock)', accessKey: ACCESS_KEY, secretKey: SECRET_KEY }),
		]);
		await n8n.importWorkflow(fixture('inspection.workflow.json'));
		await n8n.importWorkflow(fixture('review-task.workflow.json'));
	});

	afterAll(async () => {
		await mock?.stop();
		await n8n?.cleanup();
	});

	test('the community package is installed where n8n looks for it', () => {
		expect(n8n.version).toBe(realN8n.VERSIONS[major]);
		const dir = path.join(n8n.folder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-huawei-cec-quality');
		expect(fs.existsSync(path.join(dir, 'package.json'))).toBe(true);
		const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(fs.existsSync(path.join(dir, file))).toBe(true);
		}
	});

	test('Create Inspection over 5 items (n8n execute CLI): one output item per input item, in order, one token exchange', async () => {
		const run = await execute('cecE2eInspection', { cli: true });
		expect(`${run.stdout}${run.stderr}`).not.toMatch(/Unrecognized node type|Unknown node type/i);
		expectOk(run);

		// The node type was loaded from the community folder and ran.
		const stored = run.execution.workflowData.nodes.find((n: Any) => n.name === 'Create Inspection');
		expect(stored.type).toBe(NODE_TYPE);
		expect(realN8n.nodeRuns(run.execution, 'Create Inspection')).toHaveLength(1);

		const branches = realN8n.nodeOutput(run.execution, 'Create Inspection');
		expect(branches).toHaveLength(1);
		const items = branches[0];
		expect(items).toHaveLength(INSPECTION_INPUT.length);

		const { log, counters: c } = await mock.getLog();
		expect(c.tokenExchanges).toBe(1);
		expect(c.tokenRequests).toBe(1);
		expect(c.unauthorized).toBe(0);
		expect(c.byKind.qualityInspect).toBe(INSPECTION_INPUT.length);

		const tokenEntry = log.find((e: Any) => e.kind === 'token');
		expect(tokenEntry.body).toEqual({ app_key: ACCESS_KEY, app_secret: SECRET_KEY });
		const token = JSON.parse(tokenEntry.response).AccessToken;

		const inspects = log.filter((e: Any) => e.kind === 'qualityInspect');
		expect(inspects).toHaveLength(INSPECTION_INPUT.length);
		for (const entry of inspects) {
			expect(entry.status).toBe(200);
			expect(entry.headers.authorization).toBe(`Bearer ${token}`);
			expect(entry.headers['x-app-key']).toBe(ACCESS_KEY);
			expect(entry.headers['x-userid']).toBeUndefined();
		}

		INSPECTION_INPUT.forEach((call, i) => {
			const entry = inspects.find((e: Any) => e.body?.agentId === call.agentId);
			expect(entry).toBeDefined();
			// Exact wire format: agentId a JSON number, times as wall-clock strings, the path sent as is.
			expect(entry.body).toEqual(expectedInspectBody(call));
			expect(entry.rawBody).toContain(`"agentId":${call.agentId}`);
			const response = JSON.parse(entry.response);

			const item = items[i];
			expect(item.error).toBeUndefined();
			expect(typeof item.json.call_uuid).toBe('string');
			expect(item.json.call_uuid).toBe(response.call_uuid);
			expect(normalisePairedItem(item.pairedItem)).toEqual({ item: i });
		});
	});

	test('Create Review Task returns the 20-digit qualityTaskId as an exact string; the token is reused', async () => {
		const before = await counters();
		const run = await execute('cecE2eReviewTask');
		expectOk(run);

		const after = await mock.getLog();
		expect(after.counters.tokenExchanges - before.tokenExchanges).toBe(0);
		expect(after.counters.tokenRequests - before.tokenRequests).toBe(0);
		expect(after.counters.unauthorized - before.unauthorized).toBe(0);

		const entries = after.log.filter((e: Any) => e.kind === 'createQualityTask');
		expect(entries).toHaveLength(1);
		const entry = entries[0];
		expect(entry.status).toBe(200);
		expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
		expect(entry.headers['x-app-key']).toBe(ACCESS_KEY);
		expect(entry.token).toBe(after.issuedTokens[0]);

		const { customColumns, ...body } = entry.body;
		expect(customColumns ?? null).toBeNull();
		expect(body).toEqual({
			currentRole: 'qualityDirector',
			startTimeMillis: 1683808058,
			endTimeMillis: 1683894458,
			fixedColumns: {
				qualityType: 1,
				qualityNum: '100',
				interactionType: 2,
				maxNum: '10',
				qualityCondition: 0,
				scoreStart: '10',
				scoreEnd: '120',
				...(entry.body.fixedColumns.staffIds !== undefined ? { staffIds: [] } : {}),
			},
			qualityTask: { planName: 'e2e weekly sample' },
		});
		expect(entry.rawBody).toMatch(/"qualityNum":"100"/);
		expect(entry.rawBody).toMatch(/"qualityType":1[,}]/);

		const taskId = /"qualityTaskId":"?(\d+)"?/.exec(entry.response)![1];
		expect(taskId).toMatch(/^\d{20}$/);
		expect(after.createdTaskIds).toEqual([taskId]);

		const items = realN8n.nodeOutput(run.execution, 'Create Review Task')[0];
		expect(items).toHaveLength(1);
		expect(items[0].json.qualityTaskId).toBe(taskId);
		expect(normalisePairedItem(items[0].pairedItem)).toEqual({ item: 0 });
	});

	test('a second execution of the 5-item workflow (another n8n execute process) makes no new token exchange', async () => {
		const before = await counters();
		const run = await execute('cecE2eInspection', { cli: true });
		expectOk(run);
		const after = await counters();
		expect(after.tokenExchanges - before.tokenExchanges).toBe(0);
		expect(after.byKind.qualityInspect - before.byKind.qualityInspect).toBe(INSPECTION_INPUT.length);
		expect(realN8n.nodeOutput(run.execution, 'Create Inspection')[0]).toHaveLength(INSPECTION_INPUT.length);
	});

	test('after the tokens expire: one 401, one new exchange, and success', async () => {
		const before = await mock.getLog();
		await mock.expireTokens();
		const run = await execute('cecE2eReviewTask');
		expectOk(run);
		const after = await mock.getLog();
		expect(after.counters.unauthorized - before.counters.unauthorized).toBe(1);
		expect(after.counters.tokenExchanges - before.counters.tokenExchanges).toBe(1);
		expect(after.counters.tokenRequests - before.counters.tokenRequests).toBe(1);

		const newEntries = after.log.slice(before.log.length);
		expect(newEntries.map((e: Any) => `${e.kind}:${e.status}`)).toEqual([
			'createQualityTask:401',
			'token:200',
			'createQualityTask:200',
		]);
		const newToken = after.issuedTokens[after.issuedTokens.length - 1];
		expect(newEntries[0].token).toBe(before.issuedTokens[before.issuedTokens.length - 1]);
		expect(newEntries[2].token).toBe(newToken);

		const items = realN8n.nodeOutput(run.execution, 'Create Review Task')[0];
		expect(items[0].json.qualityTaskId).toBe(after.createdTaskIds[after.createdTaskIds.length - 1]);
	});

	test('a business failure (HTTP 500) fails the execution (n8n execute exits non-zero) with a readable error, and is not resent', async () => {
		const before = await mock.getLog();
		await mock.inject({
			kind: 'createQualityTask',
			status: 500,
			times: 1,
			body: JSON.stringify({ resultCode: '0500001', resultDesc: 'e2e injected failure' }),
		});
		const run = await execute('cecE2eReviewTask', { cli: true });
		expect(run.ok).toBe(false);
		expect(run.exitCode).not.toBe(0);
		expect(run.execution).not.toBeNull();
		expect(run.execution.status).toBe('error');
		const error = realN8n.executionError(run.execution, 'Create Review Task') ?? realN8n.executionError(run.execution);
		expect(error).toBeDefined();
		expect(`${error.message} ${error.description ?? ''}`).toMatch(/500/);
		// The API's own resultCode/resultDesc must reach the user. (n8n 1.x's NodeApiError drops the axios
		// error it wraps — its `cause` class field resets the native cause — so the node needs another
		// way to see the response body there.)
		expect(`${error.message} ${error.description ?? ''}`).toMatch(/e2e injected failure|0500001/);
		// Creating is not idempotent: the failed call must not have been sent again.
		const after = await mock.getLog();
		const newEntries = after.log.slice(before.log.length);
		expect(newEntries.map((e: Any) => `${e.kind}:${e.status}`)).toEqual(['createQualityTask:500']);
	});

	test('neither the secret key nor any issued token is stored in executions, the DB or the logs', async () => {
		const { issuedTokens } = await mock.getLog();
		expect(issuedTokens.length).toBeGreaterThanOrEqual(2);
		const secrets = [SECRET_KEY, ...issuedTokens];

		const haystack = await storedTexts(n8n, runs);
		for (const secret of secrets) expect(haystack.includes(secret)).toBe(false);
	});
});
