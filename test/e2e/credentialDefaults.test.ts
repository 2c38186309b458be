/**
 * The credential's Default Operator User ID and Default Role in a REAL n8n, 2.x and 1.x: a workflow whose
 * operations leave Operator User ID and Current Role out (as n8n stores fields left empty or at their
 * default) runs with the credential's operator as x-UserId and its role; one operation that sets its own
 * operator overrides it; a credential without a default fails the workflow before anything is sent.
 */
import { LONG, MAJORS, expectOk, usePackedPackage } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realN8n = require('../../scripts/lib/realN8n');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const OPERATOR = '1611917095665261978';
const OWN_OPERATOR = '1611917095665261979';
const NODE_TYPE = 'n8n-nodes-huawei-cec-quality.huaweiCecQuality';

/** Start → the given steps in a row, each a node of the package with the named credential. */
function chain(id: string, credential: string, steps: Array<[string, Any]>): Any {
	const nodes: Any[] = [{ id: `${id}-0`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections: Any = {};
	let previous = 'Start';
	steps.forEach(([name, parameters], i) => {
		nodes.push({ id: `${id}-${i + 1}`, name, type: NODE_TYPE, typeVersion: 1, position: [220 * (i + 1), 0], credentials: { huaweiCecApi: { id: credential, name: credential } }, parameters });
		connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
		previous = name;
	});
	return { id, name: `CEC defaults: ${id}`, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

const window = () => ({ createdFrom: new Date(Date.now() - 3600_000).toISOString(), createdTo: new Date(Date.now() + 3600_000).toISOString() });

/** No Operator User ID, no Current Role anywhere, except List Plans, which sets its own operator. */
const relyingWorkflow = (id: string, credential: string) =>
	chain(id, credential, [
		['Create Task', { resource: 'reviewTask', operation: 'create', planName: 'e2e-defaults', interactionType: 0, qualityType: 1, qualityNum: 10, additionalFields: {}, options: {} }],
		['List Tasks', { resource: 'reviewTask', operation: 'getMany', ...window(), returnAll: true }],
		['Delete Task', { resource: 'reviewTask', operation: 'delete', taskId: '={{ $json.id }}' }],
		['List Plans', { resource: 'samplingPlan', operation: 'getMany', operatorUserId: OWN_OPERATOR, returnAll: true, options: {} }],
	]);

const kindsAndOperators = (log: Any[]) => log.filter((e: Any) => e.kind !== 'token').map((e: Any) => [e.kind, e.headers['x-userid']]);

jest.setTimeout(LONG);

const packedPackage = usePackedPackage();

describe.each(MAJORS)('real n8n %i.x: the credential\'s default operator and role', (major) => {
	let n8n: Any;
	let mock: Any;

	beforeAll(async () => {
		n8n = await realN8n.createInstance({ major, tgz: packedPackage(), timezone: 'Asia/Shanghai', session: true });
		mock = await realN8n.startMockProcess({ extraArgs: ['--unquoted-ids', '--tenant-utc-offset', '480'] });
		await n8n.importCredentials([
			realN8n.mockCredential(mock, { id: 'cecDefaultsCred', name: 'cecDefaultsCred', defaultOperatorUserId: OPERATOR, defaultRole: 'qualityInspector' }),
			realN8n.mockCredential(mock, { id: 'cecNoDefaultsCred', name: 'cecNoDefaultsCred' }),
		]);
		await n8n.importWorkflow([relyingWorkflow('cecDefaultsWf', 'cecDefaultsCred'), relyingWorkflow('cecNoDefaultsWf', 'cecNoDefaultsCred')]);
	});

	beforeEach(async () => await mock?.resetLog());

	afterAll(async () => {
		await mock?.stop();
		await n8n?.cleanup();
	});

	test('operations that leave the operator and role empty use the credential\'s; a set operator overrides it', async () => {
		const run = await n8n.execute('cecDefaultsWf');
		expectOk(run);
		const { log } = await mock.getLog();
		expect(kindsAndOperators(log)).toEqual([
			['createQualityTask', OPERATOR],
			['queryQualityTask', OPERATOR],
			['deleteQualityTask', OPERATOR],
			['queryRegularQualityTask', OWN_OPERATOR],
		]);
		expect(log.find((e: Any) => e.kind === 'createQualityTask').body.currentRole).toBe('qualityInspector');
		expect(log.find((e: Any) => e.kind === 'queryQualityTask').body).toMatchObject({ currentRole: 'qualityInspector', userId: OPERATOR });
	});

	test('a credential without a default: the workflow fails naming the field, before anything is sent', async () => {
		const run = await n8n.execute('cecNoDefaultsWf');
		expect(run.ok).toBe(false);
		expect(JSON.stringify(run)).toMatch(/Operator User ID.{0,20}\(operatorUserId\).*set it here, or set .{0,4}Default Operator User ID/);
		const { log } = await mock.getLog();
		expect(log).toEqual([]);
	});
});
