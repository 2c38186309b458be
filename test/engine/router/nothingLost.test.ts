/**
 * Nothing lost, nothing doubled: random batches of valid and invalid items, random faults on the
 * API's side and random concurrency, through n8n-core with continue-on-fail. Whatever happens,
 * every input item gets exactly one output item, in order and paired with it, and no recording is
 * submitted twice except where the API said it had not processed the request (401/429/503).
 */
import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { CecMockFault, CecMockLogEntry } from '../../mock/cecMock';
import type { OnError } from '../harness';
import { businessEntries, inspectionParameters, range, runAgainst, shuffledLatency, startMock } from '../fixtures';

const RUNS = 25;
const SEED = 20240611;
const MAX_RETRIES = 3;

/** Faults by arrival order of business requests; 'none' lets the request through. */
const FAULTS = {
	none: undefined,
	busy429: { status: 429, headers: { 'Retry-After': '0' } },
	busy503: { status: 503, headers: { 'Retry-After': '0' } },
	unauthorized: { status: 401, body: JSON.stringify({ resultCode: '0401001', resultDesc: 'unauthorized' }) },
	serverError: { status: 500, body: JSON.stringify({ resultCode: '0500001', resultDesc: 'busy database' }) },
	failureCode: { status: 200, body: JSON.stringify({ resultCode: '1010500', resultDesc: 'daily volume reached' }) },
	resetBefore: { action: 'reset' },
	resetAfter: { action: 'reset', afterProcessing: true },
} satisfies Record<string, CecMockFault | undefined>;
type FaultName = keyof typeof FAULTS;

/** Answers the API gives without processing the request: the only ones that may be followed by a resend. */
const RESENDABLE = new Set([401, 429, 503]);

/** Ways an item can be invalid while keeping its unique voiceFilePath (the key to the mock's log). */
const INVALID = {
	agentText: { agentId: 'agent-7' },
	agentNegative: { agentId: -1 },
	language: { language: 'fr_FR' },
	beginTime: { beginTime: '2021-02-30 09:00:00' },
	endBeforeBegin: { endTime: '2021-02-01 08:00:00' },
} satisfies Record<string, IDataObject>;
type InvalidName = keyof typeof INVALID;

interface Batch {
	items: Array<InvalidName | null>;
	faults: FaultName[];
	concurrency: number;
	onError: Extract<OnError, string>;
}

const batchArbitrary: fc.Arbitrary<Batch> = fc.record({
	items: fc.array(
		fc.oneof(
			{ weight: 4, arbitrary: fc.constant(null) },
			{ weight: 1, arbitrary: fc.constantFrom(...(Object.keys(INVALID) as InvalidName[])) },
		),
		{ minLength: 1, maxLength: 200, size: 'max' },
	),
	faults: fc.array(
		fc.oneof(
			{ weight: 6, arbitrary: fc.constant<FaultName>('none') },
			{ weight: 4, arbitrary: fc.constantFrom(...(Object.keys(FAULTS) as FaultName[]).filter((f) => f !== 'none')) },
		),
		{ maxLength: 120, size: 'max' },
	),
	concurrency: fc.integer({ min: 1, max: 10 }),
	onError: fc.constantFrom<Batch['onError']>('continueRegularOutput', 'continueErrorOutput'),
});

let batchNumber = 0;

function makeItems(batch: Batch): IDataObject[] {
	batchNumber++;
	return batch.items.map((invalid, i) => ({
		language: 'zh_CN',
		voiceFilePath: `Y:\\27\\0\\20210201\\1118\\b${batchNumber}-i${i}.V3`,
		agentId: 1118,
		beginTime: '2021-02-01 09:51:07',
		endTime: '2021-02-01 09:57:57',
		...(invalid ? INVALID[invalid] : {}),
	}));
}

const FAULT_KEYS = ['status', 'body', 'action', 'afterProcessing'] as const;
const faultName = (fault: CecMockFault): FaultName =>
	(Object.keys(FAULTS) as FaultName[]).find((name) => {
		const known = FAULTS[name] as CecMockFault | undefined;
		return known !== undefined && FAULT_KEYS.every((key) => known[key] === fault[key]);
	}) ?? 'none';

const isError = (item: INodeExecutionData) => 'error' in item.json;

/** The request was processed (the recording submitted), whatever the client saw. */
const processed = (entry: CecMockLogEntry) =>
	(entry.status === 200 && entry.fault === undefined) || (entry.fault?.action !== undefined && entry.fault.afterProcessing === true);

/**
 * Regular output: `{error, details}`. Error output: `{error, message}` with the input item's fields,
 * which n8n adds underneath.
 */
function expectErrorItem(output: INodeExecutionData, i: number, input: IDataObject, onError: Batch['onError']): string {
	if (onError === 'continueErrorOutput') {
		const { error, message, ...rest } = output.json;
		expect(typeof error).toBe('string');
		expect(rest).toEqual(input);
		return String(message);
	}
	const { error, details, ...rest } = output.json;
	expect(typeof error).toBe('string');
	expect((details as IDataObject).itemIndex).toBe(i);
	expect(rest).toEqual({});
	return String((details as IDataObject).description);
}

const seen = { errorOutputRuns: 0, faults: new Set<FaultName>(), invalid: 0, resends: 0 };

async function checkBatch(batch: Batch): Promise<void> {
	const items = makeItems(batch);
	const mock = await startMock();
	try {
		// Each request's fault is queued as the previous one arrives, so faults follow arrival order.
		const schedule = [...batch.faults];
		const queueNext = () => {
			const fault = FAULTS[schedule.shift() ?? 'none'];
			if (fault) mock.inject({ kind: 'qualityInspect', ...fault });
		};
		const jitter = shuffledLatency(2, batchNumber) as (entry: CecMockLogEntry) => number;
		queueNext();
		mock.setLatency((entry) => {
			queueNext();
			return jitter(entry);
		});

		const run = await runAgainst(mock, {
			parameters: { ...inspectionParameters({ concurrency: batch.concurrency, maxRetries: MAX_RETRIES }), language: '={{ $json.language }}' },
			items,
			continueOnFail: batch.onError,
		});
		expect(run.error).toBeUndefined();

		// One output per input, in input order, each paired with its input.
		const byItem = new Map<number, INodeExecutionData>();
		for (const [branch, output] of run.outputs.entries()) {
			const indices = output.map((item) => (item.pairedItem as { item: number }).item);
			expect(indices).toEqual([...indices].sort((a, b) => a - b));
			for (const item of output) {
				const index = (item.pairedItem as { item: number }).item;
				expect(byItem.has(index)).toBe(false);
				byItem.set(index, item);
				// continueErrorOutput: successes on main, errors on the error output.
				if (batch.onError === 'continueErrorOutput') expect(isError(item)).toBe(branch === 1);
			}
		}
		if (batch.onError === 'continueRegularOutput') expect(run.outputs).toHaveLength(1);
		else seen.errorOutputRuns++;
		expect([...byItem.keys()].sort((a, b) => a - b)).toEqual(range(items.length));

		// Every request belongs to a valid item of this batch.
		const indexOfPath = new Map(items.map((item, i) => [item.voiceFilePath as string, i]));
		const requests = new Map<number, CecMockLogEntry[]>();
		for (const entry of businessEntries(mock)) {
			const index = indexOfPath.get((entry.body as IDataObject).voiceFilePath as string);
			expect(index).toBeDefined();
			requests.set(index!, [...(requests.get(index!) ?? []), entry]);
			if (entry.fault) seen.faults.add(faultName(entry.fault));
		}

		for (const [i, invalid] of batch.items.entries()) {
			const output = byItem.get(i)!;
			const sent = (requests.get(i) ?? []).sort((a, b) => a.seq - b.seq);
			if (invalid) {
				seen.invalid++;
				expect(sent).toEqual([]);
				expect(expectErrorItem(output, i, items[i], batch.onError)).toMatch(/No request was sent/);
				continue;
			}
			expect(sent.length).toBeGreaterThan(0);
			// Resent only after an answer saying "not processed"; submitted at most once.
			for (const earlier of sent.slice(0, -1)) expect(RESENDABLE.has(earlier.status)).toBe(true);
			expect(sent.filter(processed).length).toBeLessThanOrEqual(1);
			if (sent.length > 1) seen.resends++;

			const last = sent[sent.length - 1];
			if (last.status === 200 && last.fault === undefined) {
				expect(output.json).toEqual(JSON.parse(last.response));
				expect(typeof output.json.call_uuid).toBe('string');
			} else {
				expectErrorItem(output, i, items[i], batch.onError);
			}
		}
	} finally {
		await mock.close();
	}
}

describe('nothing lost, nothing sent twice', () => {
	it(`holds for ${RUNS} random batches with random faults (seed ${SEED})`, async () => {
		await fc.assert(fc.asyncProperty(batchArbitrary, checkBatch), { seed: SEED, numRuns: RUNS, endOnFailure: true });
		// The generator really exercised what the property is about.
		expect(seen.errorOutputRuns).toBeGreaterThan(0);
		expect(seen.invalid).toBeGreaterThan(0);
		expect(seen.resends).toBeGreaterThan(0);
		expect([...seen.faults].sort()).toEqual((Object.keys(FAULTS) as FaultName[]).filter((f) => f !== 'none').sort());
	}, 120_000);
});
