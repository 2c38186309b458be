/**
 * Proves the engine harness itself: our node runs through n8n-core's WorkflowExecute against the
 * strict CEC mock, with n8n's expression engine, item pairing, error outputs and n8n's own
 * preAuthentication / 401-refresh logic driven by TestCredentialsHelper.
 */
import type { ICredentialType, IHttpRequestHelper, INode } from 'n8n-workflow';

import { startCecMock, type CecMock } from '../mock/cecMock';
import { inspectionParameters } from './fixtures';
import { CredentialStore, TestCredentialsHelper, runNode } from './harness';

const SECRET = 'test-sk-secret';

const calls = [
	{ agentId: 1118, voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3', beginTime: '2021-02-01 09:51:07', endTime: '2021-02-01 09:57:57' },
	{ agentId: 1119, voiceFilePath: 'Y:\\27\\0\\20210201\\1119\\1002001.V3', beginTime: '2021-02-01 10:02:00', endTime: '2021-02-01 10:05:30' },
];

const parameters = inspectionParameters();

describe('engine harness: our node through n8n-core', () => {
	let mock: CecMock;
	let credentials: Record<string, unknown>;
	const allLogs: string[] = [];

	beforeAll(async () => {
		mock = await startCecMock({ port: 0, accessKey: 'test-ak', secretKey: SECRET });
		credentials = { baseUrl: mock.url, tokenUrl: mock.tokenUrl, accessKey: 'test-ak', secretKey: SECRET };
	});
	afterAll(async () => {
		await mock.close();
	});
	beforeEach(() => mock.resetLog());

	const run = async (opts: Partial<Parameters<typeof runNode>[0]>) => {
		const result = await runNode({ parameters, items: calls, credentials, timezone: 'Asia/Shanghai', ...opts });
		allLogs.push(...result.logs);
		return result;
	};

	let store: CredentialStore;

	it('resolves per-item expressions, exchanges the token once and stores it', async () => {
		const result = await run({});
		store = result.store;

		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(2);
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		const sent = mock.log.filter((entry) => entry.kind === 'qualityInspect');
		expect(sent.map((entry) => entry.status)).toEqual([200, 200]);
		expect(sent.map((entry) => (entry.body as { agentId: number }).agentId)).toEqual([1118, 1119]);

		expect(mock.counters.tokenExchanges).toBe(1);
		expect(store.preAuthenticationCalls).toBe(1);
		expect(store.updates).toBe(1);
		expect(store.read().accessToken).toBe(mock.issuedTokens[0]);
		expect(store.read().secretKey).toBe(SECRET); // the row keeps its other fields
	});

	it('reuses the stored token in a later run', async () => {
		const result = await run({ store });
		expect(result.error).toBeUndefined();
		expect(mock.counters.tokenRequests).toBe(0);
		expect(store.preAuthenticationCalls).toBe(1);
	});

	it('on a 401, n8n-core refreshes through preAuthentication and resends once', async () => {
		mock.expireTokens();
		const result = await run({ store, items: [calls[0]] });

		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(1);
		expect(mock.counters.unauthorized).toBe(1);
		expect(mock.counters.tokenExchanges).toBe(1);
		expect(mock.counters.byKind.qualityInspect).toBe(1);
		expect(store.preAuthenticationCalls).toBe(2);
		expect(store.read().accessToken).toBe(mock.issuedTokens[1]);
	});

	it('routes a failing item to the error output with continueErrorOutput', async () => {
		const items = [calls[0], { ...calls[1], agentId: 'not-an-agent' }];
		const result = await run({ store, items, continueOnFail: 'continueErrorOutput' });

		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(2);
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.outputs[1].map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(result.outputs[1][0].json.error).toBeDefined();
	});

	it('fails the run with the node error when continue-on-fail is off', async () => {
		const result = await run({ store, items: [{ ...calls[0], agentId: 'not-an-agent' }] });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/Agent ID/);
		expect(result.outputs).toEqual([]);
	});

	it("captured n8n's logs and never logged a secret or a token", () => {
		expect(allLogs.some((line) => line.includes('Workflow execution started'))).toBe(true);
		for (const secret of [SECRET, ...mock.issuedTokens]) {
			expect(allLogs.filter((line) => line.includes(secret))).toEqual([]);
		}
	});
});

describe('TestCredentialsHelper follows the CLI preAuthentication rules', () => {
	// A stub credential type: the token exchange is counted, not sent.
	let exchanges = 0;
	const stubType: ICredentialType = {
		name: 'stubApi',
		displayName: 'Stub',
		properties: [
			{ displayName: 'Key', name: 'key', type: 'string', default: '' },
			{ displayName: 'Token', name: 'token', type: 'hidden', typeOptions: { expirable: true }, default: '' },
		],
		preAuthentication: async () => ({ token: `t${++exchanges}` }),
		authenticate: { type: 'generic', properties: { headers: { 'X-Token': '={{$credentials.token}}' } } },
	};
	const node = { name: 'n', credentials: { stubApi: { id: '1', name: 'stub' } } } as unknown as INode;
	const helpers = { helpers: { httpRequest: jest.fn() } } as unknown as IHttpRequestHelper;

	it('exchanges only when the token is empty or reported expired, and persists the result', async () => {
		const store = new CredentialStore({ key: '={{ "expr" }}' });
		const helper = new TestCredentialsHelper({ stubApi: stubType }, store);
		const read = async () => await helper.getDecrypted({} as never, { id: '1', name: 'stub' }, 'stubApi', 'manual');

		const first = await read();
		expect(first.token).toBe(''); // default applied on read, as n8n does
		expect(await helper.preAuthentication(helpers, first, 'stubApi', node, false)).toMatchObject({ token: 't1' });
		expect(store.read()).toEqual({ key: '={{ "expr" }}', token: 't1' });

		expect(await helper.preAuthentication(helpers, await read(), 'stubApi', node, false)).toBeUndefined();
		expect(await helper.preAuthentication(helpers, await read(), 'stubApi', node, true)).toMatchObject({ token: 't2' });
		expect([store.preAuthenticationCalls, store.updates, exchanges]).toEqual([2, 2, 2]);
	});
});
