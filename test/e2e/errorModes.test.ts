/**
 * Every "On Error" mode in a REAL n8n, 2.x and 1.x (they route error items differently): a mix of
 * good items, invalid items (End Time before Begin Time) and an API failure (HTTP 500) gives exactly
 * one output per input, on the right output, paired; and a rejected AK/SK costs at most 2 token
 * requests per execution, whatever the item count and concurrency, with the same error for every item.
 * The engine-level twin is test/engine/router/errorModes.test.ts.
 */
import { LONG, MAJORS, describeFailure, expectOk, inspectionParameters, normalisePairedItem, usePackedPackage } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realN8n = require('../../scripts/lib/realN8n');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const ACCESS_KEY = 'test-ak';
const SECRET_KEY = 'test-sk-secret';
const NODE = 'Create Inspection';
const MIXED_ITEMS = 8;
const INVALID = [2, 5];
/** The first request (item 0, concurrency 1) is answered 500: a failed create, never resent. */
const API_FAILURE = 0;
const FAILED = [API_FAILURE, ...INVALID].sort();
const SUCCEEDED = Array.from({ length: MIXED_ITEMS }, (_, i) => i).filter((i) => !FAILED.includes(i));
const MANY_ITEMS = 30;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const pairedOf = (items: Any[]) => items.map((item) => normalisePairedItem(item.pairedItem));

type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
const MODES: OnError[] = ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'];

/** Start → Code (n recordings, item i has agentId 1000 + i; `invalid` end before they begin) → the node. */
function workflow(id: string, credentialId: string, onError: OnError, n: number, invalid: number[], concurrency: number): Any {
	const code = `const pad = (v, w = 2) => String(v).padStart(w, '0');
const invalid = ${JSON.stringify(invalid)};
return Array.from({ length: ${n} }, (_, i) => ({ json: {
  agentId: 1000 + i,
  voiceFilePath: 'Y:\\\\27\\\\0\\\\20210201\\\\' + (1000 + i) + '\\\\' + pad(i, 7) + '.V3',
  beginTime: '2021-02-01 09:' + pad(i % 50) + ':07',
  endTime: invalid.includes(i) ? '2021-02-01 08:00:00' : '2021-02-01 10:' + pad(i % 50) + ':07',
} }));`;
	return {
		id,
		name: `CEC error modes: ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-1`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: `${id}-2`, name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: code } },
			{
				id: `${id}-3`,
				name: NODE,
				type: 'n8n-nodes-huawei-cec-quality.huaweiCecQuality',
				typeVersion: 1,
				position: [440, 0],
				onError,
				parameters: inspectionParameters({ concurrency }),
				credentials: { huaweiCecApi: { id: credentialId, name: credentialId } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: NODE, type: 'main', index: 0 }]] },
		},
	};
}

const business = (log: Any[]) => log.filter((e: Any) => e.kind === 'qualityInspect');
const tokenRequests = (log: Any[]) => log.filter((e: Any) => e.kind === 'token');

jest.setTimeout(LONG);

const packedPackage = usePackedPackage();

describe.each(MAJORS)('real n8n %i.x: every On Error mode', (major) => {
	let n8n: Any;
	let mock: Any;

	beforeAll(async () => {
		n8n = await realN8n.createInstance({ major, tgz: packedPackage(), timezone: 'Asia/Shanghai', session: true });
		mock = await realN8n.startMockProcess({ ak: ACCESS_KEY, sk: SECRET_KEY });
		await n8n.importCredentials([
			realN8n.mockCredential(mock, { id: 'cecModesGood', name: 'cecModesGood', accessKey: ACCESS_KEY, secretKey: SECRET_KEY }),
			realN8n.mockCredential(mock, { id: 'cecModesWrongSk', name: 'cecModesWrongSk', accessKey: ACCESS_KEY, secretKey: `${SECRET_KEY}-wrong` }),
		]);
		const workflows = MODES.flatMap((mode, m) => [
			workflow(`cecModesMixed${m}`, 'cecModesGood', mode, MIXED_ITEMS, INVALID, 1),
			workflow(`cecModesWrongSk${m}`, 'cecModesWrongSk', mode, MANY_ITEMS, [], 10),
		]);
		await n8n.importWorkflow(workflows);
	});

	beforeEach(async () => await mock?.resetLog());

	afterAll(async () => {
		await mock?.stop();
		await n8n?.cleanup();
	});

	const expectInvalid = (text: string, i: number) =>
		expect(text).toMatch(new RegExp(`Invalid "End Time" \\(endTime\\).*\\[item ${i}\\]`));

	test('stop: the invalid item stops the workflow before anything is sent', async () => {
		const run = await n8n.execute('cecModesMixed0');
		expect(run.ok).toBe(false);
		const error = realN8n.executionError(run.execution, NODE);
		expectInvalid(String(error?.message), INVALID[0]);
		expect(business((await mock.getLog()).log)).toEqual([]);
	});

	test('continue (regular output): one output per input, in order, paired; errors in place', async () => {
		await mock.inject({ kind: 'qualityInspect', status: 500, body: '{"resultCode":"1010500","resultDesc":"boom"}', times: 1 });
		const run = await n8n.execute('cecModesMixed1');
		expectOk(run);
		const outputs = realN8n.nodeOutput(run.execution, NODE);
		expect(outputs).toHaveLength(1);
		const [items] = outputs;
		expect(pairedOf(items)).toEqual(range(MIXED_ITEMS).map((item) => ({ item })));
		for (const i of INVALID) expectInvalid(items[i].json.error, i);
		expect(items[API_FAILURE].json.error).toMatch(/qualityInspect failed with HTTP 500/);
		for (const i of FAILED) expect(items[i].json.details).toMatchObject({ itemIndex: i });
		for (const i of SUCCEEDED) expect(items[i].json.call_uuid).toEqual(expect.any(String));
		// The failed create was not resent; nothing was sent for the invalid items.
		const sent = business((await mock.getLog()).log).map((e: Any) => e.body.agentId - 1000);
		expect(sent).toEqual(range(MIXED_ITEMS).filter((i) => !INVALID.includes(i)));
	});

	test('continue (error output): successes on output 0, failures on output 1, each paired to its input', async () => {
		await mock.inject({ kind: 'qualityInspect', status: 500, body: '{"resultCode":"1010500","resultDesc":"boom"}', times: 1 });
		const run = await n8n.execute('cecModesMixed2');
		expectOk(run);
		const [success, failure] = realN8n.nodeOutput(run.execution, NODE);
		if (!failure) throw new Error(`no error output:\n${describeFailure(run)}`);
		expect(pairedOf(success)).toEqual(SUCCEEDED.map((item) => ({ item })));
		expect(pairedOf(failure)).toEqual(FAILED.map((item) => ({ item })));
		for (const item of success) expect(item.json.call_uuid).toEqual(expect.any(String));
		failure.forEach((item: Any, position: number) => {
			const i = FAILED[position];
			if (INVALID.includes(i)) expectInvalid(item.json.error, i);
			else expect(item.json.error).toMatch(/qualityInspect failed with HTTP 500/);
			expect(item.json.message).toEqual(expect.any(String));
			// n8n adds the input item's fields to an error-output item.
			expect(item.json.agentId).toBe(1000 + i);
		});
	});

	describe(`a rejected AK/SK, ${MANY_ITEMS} items at concurrency 10`, () => {
		const EXPECTED = /^Huawei CEC token exchange failed at POST .*tokenByAkSk: HTTP 401: the access key \(AK\) or secret key \(SK\) was rejected/;

		test.each(MODES.map((mode, m) => [mode, m] as const))('%s: at most 2 token requests, the same clear error for every item', async (mode, m) => {
			const run = await n8n.execute(`cecModesWrongSk${m}`);
			const { log } = await mock.getLog();
			expect(tokenRequests(log).length).toBeGreaterThanOrEqual(1);
			expect(tokenRequests(log).length).toBeLessThanOrEqual(2);
			expect(business(log)).toEqual([]);
			const texts = [run.stdout, run.stderr, JSON.stringify(run.execution?.data ?? null)];
			for (const text of texts) expect(text).not.toContain(`${SECRET_KEY}-wrong`);

			if (mode === 'stopWorkflow') {
				expect(run.ok).toBe(false);
				expect(String(realN8n.executionError(run.execution, NODE)?.message)).toMatch(EXPECTED);
				return;
			}
			expectOk(run);
			const outputs = realN8n.nodeOutput(run.execution, NODE);
			const errors = mode === 'continueErrorOutput' ? outputs[1] : outputs[0];
			if (mode === 'continueErrorOutput') expect(outputs[0]).toEqual([]);
			expect(pairedOf(errors)).toEqual(range(MANY_ITEMS).map((item) => ({ item })));
			const messages = [...new Set(errors.map((item: Any) => item.json.error))];
			expect(messages).toHaveLength(1);
			expect(messages[0]).toMatch(EXPECTED);
		});
	});
});
