/**
 * The credential's Default Operator User ID and Default Role through n8n-core against the strict mock:
 * an operation (or the trigger) that leaves its own field empty sends the credential's; its own field
 * overrides it; with neither, or with a default that is not an id, the run fails before anything is
 * sent. Parameters are given as n8n stores them: a field left at its default is absent.
 */
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { credentialsFor, entriesOfKind, makeReviewTaskItems, OPERATOR_ID, reviewTaskParameters, runAgainst, TEST_TIMEOUT_MS } from './fixtures';
import { pollTrigger } from './harness';
import { useMock } from './shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS);

const OTHER_OPERATOR = '1611917095665261979';

/** `parameters` without the named ones: as n8n stores a workflow whose fields were left at their defaults. */
function without(parameters: INodeParameters, ...names: string[]): INodeParameters {
	return Object.fromEntries(Object.entries(parameters).filter(([name]) => !names.includes(name)));
}

/** Create Review Task with neither Operator User ID nor Current Role stored. */
const relyingOnCredential = (extra: INodeParameters = {}) => ({ ...without(reviewTaskParameters(), 'operatorUserId', 'currentRole'), ...extra });
const planGetMany = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'samplingPlan', operation: 'getMany', returnAll: true, options: {}, ...extra });

const mock = useMock();

/** Every request but the token exchange, in arrival order. */
const apiEntries = () => mock.log.filter((entry) => entry.kind !== 'token');
const sentOperators = () => apiEntries().map((entry) => entry.headers['x-userid']);
const sentRoles = () => apiEntries().map((entry) => (entry.body as { currentRole?: string }).currentRole);

describe('Default Operator User ID', () => {
	it('an operation whose Operator User ID is left empty sends the credential\'s as x-UserId, for every item', async () => {
		const result = await runAgainst(mock, {
			parameters: relyingOnCredential(),
			items: makeReviewTaskItems(3),
			credentials: credentialsFor(mock, { defaultOperatorUserId: OPERATOR_ID }),
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(3);
		expect(sentOperators()).toEqual([OPERATOR_ID, OPERATOR_ID, OPERATOR_ID]);
	});

	it('the operation\'s own Operator User ID overrides the credential\'s', async () => {
		const result = await runAgainst(mock, {
			parameters: planGetMany({ operatorUserId: OTHER_OPERATOR }),
			items: [{}],
			credentials: credentialsFor(mock, { defaultOperatorUserId: OPERATOR_ID }),
		});
		expect(result.error).toBeUndefined();
		expect(sentOperators()).toEqual([OTHER_OPERATOR]);
	});

	it('an expression that gives nothing for one item: that item uses the credential\'s, the others their own', async () => {
		const items = makeReviewTaskItems(2).map((item, i) => (i === 1 ? { ...item, operatorUserId: '' } : { ...item, operatorUserId: OTHER_OPERATOR }));
		const result = await runAgainst(mock, {
			parameters: reviewTaskParameters(),
			items,
			credentials: credentialsFor(mock, { defaultOperatorUserId: OPERATOR_ID }),
		});
		expect(result.error).toBeUndefined();
		const byPlan = Object.fromEntries(apiEntries().map((entry) => [(entry.body as { qualityTask: { planName: string } }).qualityTask.planName, entry.headers['x-userid']]));
		expect(byPlan).toEqual({ 'plan-0': OTHER_OPERATOR, 'plan-1': OPERATOR_ID });
	});

	it('auto-mapped input whose item has no operator field uses the credential\'s', async () => {
		const [item] = makeReviewTaskItems(1);
		const result = await runAgainst(mock, {
			parameters: { resource: 'reviewTask', operation: 'create', dataMode: 'autoMapInputData' },
			items: [{ currentRole: 'qualityInspector', fixedColumns: { qualityType: 1, qualityNum: '10', interactionType: 0 }, qualityTask: { planName: item.planName } }],
			credentials: credentialsFor(mock, { defaultOperatorUserId: OPERATOR_ID }),
		});
		expect(result.error).toBeUndefined();
		expect(sentOperators()).toEqual([OPERATOR_ID]);
		expect(sentRoles()).toEqual(['qualityInspector']);
	});

	it('neither given: a NodeOperationError naming the field, the item and both places to set it; nothing is sent', async () => {
		const result = await runAgainst(mock, { parameters: relyingOnCredential(), items: makeReviewTaskItems(2), credentials: credentialsFor(mock) });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/^Invalid "Operator User ID" \(operatorUserId\): got an empty string; .*set it here, or set "Default Operator User ID" in the Huawei Cloud CEC API credential \[item 0\]$/);
		expect(result.error?.description).toMatch(/^Field "Operator User ID" \(operatorUserId\) of item 0: .*No request was sent for this item\.$/);
		expect(mock.log).toEqual([]);
	});

	it('a default that is not an id: an error naming the credential\'s field, nothing sent', async () => {
		const result = await runAgainst(mock, {
			parameters: relyingOnCredential(),
			items: makeReviewTaskItems(1),
			credentials: credentialsFor(mock, { defaultOperatorUserId: 'admin' }),
		});
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/^Invalid credential field "Default Operator User ID" \(defaultOperatorUserId\): got "admin"; must be a numeric id of 1 to 20 digits/);
		expect(result.error?.description).toMatch(/^The credential field "Default Operator User ID" \(defaultOperatorUserId\), used for item 0: /);
		expect(mock.log).toEqual([]);
	});

	it('a default that is not an id is not used, so not refused, where the operation sets its own', async () => {
		const result = await runAgainst(mock, {
			parameters: planGetMany({ operatorUserId: OTHER_OPERATOR }),
			items: [{}],
			credentials: credentialsFor(mock, { defaultOperatorUserId: 'admin' }),
		});
		expect(result.error).toBeUndefined();
		expect(sentOperators()).toEqual([OTHER_OPERATOR]);
	});

	it('the credential is read once per run, however many items rely on it', async () => {
		const result = await runAgainst(mock, {
			parameters: relyingOnCredential(),
			items: makeReviewTaskItems(5),
			credentials: credentialsFor(mock, { defaultOperatorUserId: OPERATOR_ID }),
		});
		expect(result.error).toBeUndefined();
		expect(result.store.nodeReads).toBe(1);
	});
});

describe('Default Role', () => {
	const run = async (parameters: INodeParameters, credentials: Record<string, unknown>) => {
		const result = await runAgainst(mock, { parameters, items: makeReviewTaskItems(1), credentials: credentialsFor(mock, credentials) });
		expect(result.error).toBeUndefined();
		return sentRoles();
	};

	it('an existing workflow (operator set, Current Role left at its old default) with a credential saved before the defaults: unchanged, qualityDirector', async () => {
		expect(await run(without(reviewTaskParameters(), 'currentRole'), {})).toEqual(['qualityDirector']);
		expect(sentOperators()).toEqual([OPERATOR_ID]);
	});

	it('Current Role left empty takes the credential\'s Default Role', async () => {
		expect(await run(relyingOnCredential(), { defaultOperatorUserId: OPERATOR_ID, defaultRole: 'qualityInspector' })).toEqual(['qualityInspector']);
	});

	it('a role set on the operation overrides the credential\'s', async () => {
		expect(await run(reviewTaskParameters(), { defaultRole: 'qualityInspector' })).toEqual(['qualityDirector']);
		mock.resetLog();
		expect(await run({ ...reviewTaskParameters(), currentRole: 'tableStaff' }, { defaultRole: 'qualityInspector' })).toEqual(['tableStaff']);
	});

	it('a Default Role that is not a role: an error naming the credential\'s field, nothing sent', async () => {
		const result = await runAgainst(mock, {
			parameters: without(reviewTaskParameters(), 'currentRole'),
			items: makeReviewTaskItems(1),
			credentials: credentialsFor(mock, { defaultRole: 'admin' }),
		});
		expect(result.error?.message).toMatch(/^Invalid credential field "Default Role" \(defaultRole\): got "admin"; must be one of "qualityDirector"/);
		expect(mock.log).toEqual([]);
	});
});

describe('the trigger', () => {
	const triggerParameters: INodeParameters = { event: 'done', lookBackMinutes: 60 };

	it('with its Operator User ID left empty, lists the calls with the credential\'s default', async () => {
		mock.addCalls([{ status: 2 }]);
		const result = await pollTrigger({ parameters: triggerParameters, credentials: credentialsFor(mock, { defaultOperatorUserId: OPERATOR_ID }), mode: 'manual' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const listed = entriesOfKind(mock, 'appraiseCallDetails');
		expect(listed.length).toBeGreaterThan(0);
		expect(listed.every((entry) => entry.headers['x-userid'] === OPERATOR_ID)).toBe(true);
	});

	it('its own Operator User ID overrides the credential\'s', async () => {
		const result = await pollTrigger({
			parameters: { ...triggerParameters, operatorUserId: OTHER_OPERATOR },
			credentials: credentialsFor(mock, { defaultOperatorUserId: OPERATOR_ID }),
			mode: 'manual',
		});
		expect(result.error).toBeUndefined();
		const listed = entriesOfKind(mock, 'appraiseCallDetails');
		expect(listed.length).toBeGreaterThan(0);
		expect(listed.every((entry) => entry.headers['x-userid'] === OTHER_OPERATOR)).toBe(true);
	});

	it('a default that is not an id: an error naming the credential\'s field, nothing sent', async () => {
		const result = await pollTrigger({ parameters: triggerParameters, credentials: credentialsFor(mock, { defaultOperatorUserId: '12ab' }) });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(/Invalid credential field "Default Operator User ID" \(defaultOperatorUserId\): got "12ab"/);
		expect(mock.log).toEqual([]);
	});
});
