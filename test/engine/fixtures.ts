/**
 * Shared helpers for engine tests: the mock's credentials, input items and node parameters for
 * both operations, a run wrapper, and readers of the mock's log. No assertions of their own
 * except `expectPairedInOrder`.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startCecMock, type CecMock, type CecMockLatency, type CecMockLogEntry, type CecMockOptions } from '../mock/cecMock';
import { runNode, type CredentialStore, type RunNodeOptions, type RunNodeResult } from './harness';

export const AK = 'test-ak';
export const SK = 'test-sk-secret';
/** The documented 19-digit operator id (x-UserId), above Number.MAX_SAFE_INTEGER. */
export const OPERATOR_ID = '1611917095665261978';
export const TIMEZONE = 'Asia/Shanghai';
export const TOKEN_PATH = '/apigovernance/api/oauth/tokenByAkSk';
export const INSPECT_PATH = '/apiaccess/CCISQM/rest/ccisqm/v1/openapi/qualityInspect';
export const TASK_PATH = '/apiaccess/CCSQM/rest/ccisqm/v1/qualitytask/createQualityTask';
/** Generous: runs with Retry-After or rate limits take seconds, never asserted. */
export const TEST_TIMEOUT_MS = 30_000;

/** The strict mock, its tenant on the runs' time zone (TIMEZONE, UTC+8): call times agree both ways. */
export async function startMock(options: CecMockOptions = {}): Promise<CecMock> {
	return await startCecMock({ port: 0, accessKey: AK, secretKey: SK, tenantUtcOffsetMinutes: 480, ...options });
}

/** huaweiCecApi credential data pointing at the mock (token URL explicit unless overridden). */
export function credentialsFor(mock: CecMock, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { baseUrl: mock.url, tokenUrl: mock.tokenUrl, accessKey: AK, secretKey: SK, ...extra };
}

/* ------------------------------------------------------------------ Create Inspection */

export interface InspectionItem extends IDataObject {
	agentId: number;
	voiceFilePath: string;
	beginTime: string;
	endTime: string;
}

const FIRST_AGENT = 1000;
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Wall-clock text (no offset), `minutes` after 2021-02-01 09:00:07. */
function wallClock(minutes: number): string {
	const d = new Date(Date.UTC(2021, 1, 1, 9, 0, 7) + minutes * 60_000);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** n valid recordings; item i has agentId 1000+i, so a request body names its item. */
export function makeInspectionItems(n: number): InspectionItem[] {
	return Array.from({ length: n }, (_, i) => {
		const agentId = FIRST_AGENT + i;
		return {
			agentId,
			voiceFilePath: `Y:\\27\\0\\20210201\\${agentId}\\${pad(i, 7)}.V3`,
			beginTime: wallClock(i),
			endTime: wallClock(i + 3),
		};
	});
}

/** Create Inspection reading every field from the item. */
export function inspectionParameters(options: INodeParameters = {}, language = 'zh_CN'): INodeParameters {
	return {
		resource: 'inspection',
		operation: 'create',
		language,
		voiceFilePath: '={{ $json.voiceFilePath }}',
		agentId: '={{ $json.agentId }}',
		beginTime: '={{ $json.beginTime }}',
		endTime: '={{ $json.endTime }}',
		options,
	};
}

/** The exact qualityInspect body text for an item whose times carry no offset (sent as written). */
export function expectedInspectionBody(item: InspectionItem, language = 'zh_CN'): string {
	const { voiceFilePath, agentId, beginTime, endTime } = item;
	return JSON.stringify({ language, voiceFilePath, agentId, beginTime, endTime });
}

/* ------------------------------------------------------------------ Create Review Task */

export interface ReviewTaskItem extends IDataObject {
	operatorUserId: string;
	planName: string;
	qualityNum: number;
}

/** n valid review tasks; item i is named `plan-i`, so a request body names its item. */
export function makeReviewTaskItems(n: number): ReviewTaskItem[] {
	return Array.from({ length: n }, (_, i) => ({ operatorUserId: OPERATOR_ID, planName: `plan-${i}`, qualityNum: 10 + i }));
}

/** Create Review Task reading operator, plan name and quantity from the item. */
export function reviewTaskParameters(additionalFields: INodeParameters = {}, options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'reviewTask',
		operation: 'create',
		operatorUserId: '={{ $json.operatorUserId }}',
		currentRole: 'qualityDirector',
		planName: '={{ $json.planName }}',
		interactionType: 0,
		qualityType: 1,
		qualityNum: '={{ $json.qualityNum }}',
		additionalFields,
		options,
	};
}

/* ------------------------------------------------------------------ running */

export type RunOptions = Partial<RunNodeOptions> & Pick<RunNodeOptions, 'parameters' | 'items'>;

/** runNode against `mock` in TIMEZONE; any option may be overridden. */
export async function runAgainst(mock: CecMock, opts: RunOptions): Promise<RunNodeResult> {
	return await runNode({ credentials: credentialsFor(mock), timezone: TIMEZONE, ...opts });
}

/** A credential row that already holds a valid token (one 1-item run); clears the mock's log after. */
export async function storeWithToken(mock: CecMock, credentials = credentialsFor(mock)): Promise<CredentialStore> {
	const { store, error } = await runNode({
		parameters: inspectionParameters(),
		items: makeInspectionItems(1),
		credentials,
		timezone: TIMEZONE,
	});
	if (error || !store.read().accessToken) throw new Error(`could not obtain a token: ${error?.message}`);
	mock.resetLog();
	return store;
}

/* ------------------------------------------------------------------ reading the mock's log */

export function businessEntries(mock: CecMock): CecMockLogEntry[] {
	return mock.log.filter((entry) => entry.kind === 'qualityInspect' || entry.kind === 'createQualityTask');
}

export function tokenEntries(mock: CecMock): CecMockLogEntry[] {
	return mock.log.filter((entry) => entry.kind === 'token');
}

/** Which input item a business request was for (agentId 1000+i, or planName plan-i). */
export function itemIndexOfEntry(entry: CecMockLogEntry): number {
	const body = entry.body as { agentId?: number; qualityTask?: { planName?: string } };
	if (typeof body?.agentId === 'number') return body.agentId - FIRST_AGENT;
	const match = /^plan-(\d+)$/.exec(body?.qualityTask?.planName ?? '');
	if (match) return Number(match[1]);
	throw new Error(`cannot tell the item of request #${entry.seq}`);
}

/** The parsed answer the mock gave to the successful request for each item, by item index. */
export function answersByItem(mock: CecMock): Map<number, unknown> {
	const answers = new Map<number, unknown>();
	for (const entry of businessEntries(mock)) {
		if (entry.status === 200) answers.set(itemIndexOfEntry(entry), JSON.parse(entry.response));
	}
	return answers;
}

/** Most timestamps falling in any half-open window [t, t + windowMs). */
export function maxInSlidingWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	let end = 0;
	for (let start = 0; start < sorted.length; start++) {
		while (end < sorted.length && sorted[end] < sorted[start] + windowMs) end++;
		best = Math.max(best, end - start);
	}
	return best;
}

/** Deterministic per-item latency in [0, maxMs], keyed by the request body (not arrival order). */
export function shuffledLatency(maxMs: number, seed = 7): CecMockLatency {
	return (entry) => {
		let h = (seed ^ 0x9e3779b9) >>> 0;
		for (const ch of entry.rawBody) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
		h ^= h >>> 15;
		return (Math.imul(h, 0x2c1b3c6d) >>> 0) % (maxMs + 1);
	};
}

/**
 * A latency function that invalidates every token once, when the `nth` business request
 * arrives (that request and those in flight then get 401, since the mock authorizes after the delay).
 */
export function expireOnArrival(mock: CecMock, nth: number, latencyMs: number): CecMockLatency {
	let arrived = 0;
	return () => {
		if (++arrived === nth) mock.expireTokens();
		return latencyMs;
	};
}

export function expectPairedInOrder(items: INodeExecutionData[], indices: number[]): void {
	expect(items.map((item) => item.pairedItem)).toEqual(indices.map((item) => ({ item })));
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/* ------------------------------------------------------------------ inspection reads and the trigger */

export const CREDIT_PATH = '/apiaccess/CCISQM/rest/ccisqm/v1/appraisecall/credit';
export const DETAIL_PATH = '/apiaccess/CCISQM/rest/ccisqm/v1/appraisecall/detail';
export const DETAILS_PATH = '/apiaccess/CCSQM/rest/ccisqm/v1/appraisecall/details';
/** Inspection statuses that end without a result (API notes §5.1). */
export const FINAL_FAILURE_STATUSES = [9, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40];
/** Every inspection status, in the order the node lists them. */
export const ALL_STATUSES = [0, 1, 2, 3, ...FINAL_FAILURE_STATUSES];

/** The mock's log entries of one request kind, in arrival order. */
export function entriesOfKind(mock: CecMock, kind: CecMockLogEntry['kind']): CecMockLogEntry[] {
	return mock.log.filter((entry) => entry.kind === kind);
}

/** Epoch seconds of a "yyyy-MM-dd HH:mm:ss" wall-clock time in TIMEZONE (UTC+8, no DST). */
export function shanghaiEpoch(wallClock: string): number {
	return Math.floor(Date.parse(`${wallClock.replace(' ', 'T')}+08:00`) / 1000);
}

/** Neither the secret key nor any token the mock issued appears anywhere in `value`. */
export function expectNoSecrets(mock: CecMock, value: unknown): void {
	const text = JSON.stringify(value ?? null);
	expect(text).not.toContain(SK);
	for (const token of mock.issuedTokens) expect(text).not.toContain(token);
}

/* ------------------------------------------------------------------ review task operations */

/** Every review-task API (the CCSQM qualitytask family). */
export const REVIEW_TASK_KINDS = [
	'createQualityTask',
	'updateQualityTask',
	'appointQualityTask',
	'takeEffectQualityTask',
	'terminateQualityTask',
	'deleteQualityTask',
	'queryQualityTask',
	'callsQualityTask',
	'completeQualityTask',
] as const;

/** The mock's log entries of the review-task APIs, in arrival order. */
export function reviewTaskEntries(mock: CecMock): CecMockLogEntry[] {
	return mock.log.filter((entry) => (REVIEW_TASK_KINDS as readonly string[]).includes(entry.kind));
}

/** Parameters of a Review Task operation other than Create, with the operator id set. */
export function reviewTaskOperation(operation: string, parameters: INodeParameters = {}): INodeParameters {
	return { resource: 'reviewTask', operation, operatorUserId: OPERATOR_ID, ...parameters };
}

/** n finished voice inspections (status 2) uploaded a minute ago, agents 2000+i: what a task samples. */
export function addDoneCalls(mock: CecMock, n: number): void {
	const now = Math.floor(Date.now() / 1000) - 60;
	mock.addCalls(
		Array.from({ length: n }, (_, i) => ({ status: 2, call_type: 0 as const, upload_time: now + i, duration: 60 + i, staff_id: String(2000 + i) })),
	);
}

/* ------------------------------------------------------------------ sampling plans */

export const PLAN_PATH_PREFIX = '/apiaccess/CCSQM/rest/ccisqm/v1/regularqualitytask/';
/** The sampling-plan request kinds of the mock's log. */
export const PLAN_KINDS = [
	'addRegularQualityTask',
	'updateRegularQualityTask',
	'beginRegularQualityTask',
	'stopRegularQualityTask',
	'deleteRegularQualityTask',
	'queryRegularQualityTask',
] as const;

/** The mock's log entries of sampling-plan requests, in arrival order. */
export function planEntries(mock: CecMock): CecMockLogEntry[] {
	return mock.log.filter((entry) => (PLAN_KINDS as readonly string[]).includes(entry.kind));
}

/**
 * Sampling Plan → Create (or Update, with `planId`): daily from 2023-08-16 15:42 (Shanghai, epoch
 * 1692171720) to a day later, voice calls, 100 per range, one inspector evenly; operator and plan
 * name from the item (`operatorUserId`, `planName`). Any parameter may be overridden.
 */
export function samplingPlanParameters(operation: 'create' | 'update' = 'create', overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'samplingPlan',
		operation,
		operatorUserId: '={{ $json.operatorUserId }}',
		...(operation === 'update' ? { planId: '={{ $json.qiqtId }}' } : {}),
		currentRole: 'qualityDirector',
		planName: '={{ $json.planName }}',
		cycleType: '1',
		startTime: '2023-08-16T15:42:00',
		endType: '2',
		endTime: '2023-08-17T15:42:00',
		assignment: 0,
		inspectorIds: ['1679888547924121791'],
		interactionType: 0,
		qualityType: 1,
		qualityNum: 100,
		additionalFields: { durationStart: 1, durationEnd: 100, maxNum: 10, qualityCondition: 2, staffIds: [], scoreStart: 0, scoreEnd: 100 },
		options: {},
		...overrides,
	};
}

/** Start, Stop, Delete or Get Many of sampling plans; the plan id from the item's `qiqtId`. */
export function planActionParameters(operation: 'start' | 'stop' | 'delete' | 'getMany', overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'samplingPlan',
		operation,
		operatorUserId: '={{ $json.operatorUserId }}',
		...(operation === 'getMany' ? { returnAll: true } : { planId: '={{ $json.qiqtId }}' }),
		options: {},
		...overrides,
	};
}
