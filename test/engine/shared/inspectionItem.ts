/**
 * What the engine tests of the inspection-item operations and the trigger's item events share: the
 * operation's parameters, the raw bodies and headers on the wire, an item's state in the mock, and a
 * chain of trigger polls that carries the static data (the trigger's memory) as n8n stores it.
 */
import type { IDataObject, INodeExecutionData, INodeParameters, NodeOperationError } from 'n8n-workflow';

import type { CecMock, CecMockItem, CecMockLogEntry } from '../../mock/cecMock';
import { credentialsFor, entriesOfKind, expectNoSecrets, OPERATOR_ID } from '../fixtures';
import { pollTrigger, TRIGGER_NAME, type CredentialStore, type PollTriggerResult } from '../harness';

export const ITEM_PATH_PREFIX = '/apiaccess/CCSQM/rest/ccisqm/v1/qualityitem/';
/** The success answer of the qualityitem family. */
export const OK = { resultCode: '0409000', resultDesc: '操作成功' };
/** The mock's business failure code of the family (HTTP 200). */
export const FAILURE_CODE = '0409001';
/** The mock's ids of seeded items: 19 digits, above 2^53. */
export const ITEM_ID = /^\d{19}$/;
export const SUPERVISOR = '1600226476732482999';
export const HANDLER = '16002264767324825730';
export const SECOND_OPERATOR = '1611917095665261979';

/** Every request kind of the qualityitem family. */
export const ITEM_KINDS = [
	'queryQualityItem',
	'queryQualityItemDetail',
	'queryQualityItemResult',
	'modifyQualityItemResult',
	'appealItem',
	'reassginQualityTask',
] as const;

/** Parameters of an Inspection Item operation, the operator id set unless overridden. */
export function itemOperation(operation: string, parameters: INodeParameters = {}): INodeParameters {
	return { resource: 'inspectionItem', operation, operatorUserId: OPERATOR_ID, ...parameters };
}

export const jsonOf = (items: INodeExecutionData[]) => items.map((item) => item.json);
export const rawBodies = (mock: CecMock, kind: CecMockLogEntry['kind']) => entriesOfKind(mock, kind).map((entry) => entry.rawBody);

/**
 * The raw bodies of one kind are exactly `expected`, whatever their arrival order: a run sends up to five
 * items' calls at once, over separate connections, so the order they reach the mock is not fixed.
 */
export function expectRawBodies(mock: CecMock, kind: CecMockLogEntry['kind'], expected: string[]): void {
	expect([...rawBodies(mock, kind)].sort()).toEqual([...expected].sort());
}

/** The log entries of the qualityitem family, in arrival order. */
export function itemEntries(mock: CecMock): CecMockLogEntry[] {
	return mock.log.filter((entry) => (ITEM_KINDS as readonly string[]).includes(entry.kind));
}

/** Every request of the family went to its path with `operator` as x-UserId, and none was rejected as malformed. */
export function expectOperatorOnEveryRequest(mock: CecMock, operator = OPERATOR_ID): void {
	const sent = itemEntries(mock);
	expect(sent.length).toBeGreaterThan(0);
	for (const entry of sent) {
		expect(entry.path).toBe(`${ITEM_PATH_PREFIX}${entry.kind}`);
		expect(entry.headers['x-userid']).toBe(operator);
		expect(entry.status).toBe(200);
	}
	// Nothing but the family's requests (and the token) went out.
	expect(mock.log.filter((entry) => entry.kind !== 'token')).toHaveLength(sent.length);
}

/** The mock's item `id` now (throws when there is none). */
export function itemState(mock: CecMock, id: string): CecMockItem {
	const item = mock.items().find((candidate) => candidate.id === id);
	if (!item) throw new Error(`the mock holds no item ${id}`);
	return item;
}

/* ------------------------------------------------------------------ the trigger's item events */

export const LOOK_BACK_MINUTES = 60;

export const itemTriggerParameters = (event: string, extra: INodeParameters = {}): INodeParameters => ({
	event,
	operatorUserId: OPERATOR_ID,
	lookBackMinutes: LOOK_BACK_MINUTES,
	...extra,
});

export const idsOf = (items: INodeExecutionData[]) => items.map((item) => item.json.id);

/** A chain of polls of one trigger: static data and the credential row carried over (as trigger.test.ts does for calls). */
export class ItemTrigger {
	staticData: IDataObject | undefined;
	store: CredentialStore | undefined;
	readonly results: PollTriggerResult[] = [];

	constructor(
		private readonly mock: CecMock,
		private readonly parameters: INodeParameters,
	) {}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollTriggerResult> {
		const result = await pollTrigger({
			parameters: this.parameters,
			credentials: credentialsFor(this.mock),
			store: this.store,
			staticData: this.staticData,
			mode,
		});
		this.store = result.store;
		this.staticData = result.staticData;
		this.results.push(result);
		expectNoSecrets(this.mock, {
			items: result.items,
			staticData: result.staticData,
			error: result.error && { message: result.error.message, description: (result.error as NodeOperationError).description },
		});
		return result;
	}

	/** Every item id emitted by the trigger-mode polls so far, in emission order. */
	emitted(): unknown[] {
		return this.results.flatMap((result) => idsOf(result.items));
	}

	/** The ids the trigger remembers now. */
	remembered(): string[] {
		const memory = (this.staticData?.[`node:${TRIGGER_NAME}`] ?? {}) as { items?: Record<string, unknown> };
		return Object.keys(memory.items ?? {});
	}
}
