/**
 * Talks to the CEC mock's control endpoints (the mock runs as its own process, started with
 * `node test/mock/cecMock.js --port 0 --latency MS`): reset its log before a measured run and
 * summarise it afterwards (token exchanges, statuses, concurrency, a digest of the request bodies).
 */
import { createHash } from 'node:crypto';

interface LogEntry {
	kind: string;
	status: number;
	rawBody: string;
	reason?: string;
	startedAt: number;
	finishedAt?: number;
}

interface MockLog {
	log: LogEntry[];
	counters: {
		tokenExchanges: number;
		businessRequests: number;
		maxInFlight: number;
	};
}

export interface MockSummary {
	tokenExchanges: number;
	businessRequests: number;
	/** Business requests answered 200 */
	ok: number;
	maxInFlight: number;
	/** sha256 over the sorted business request bodies: equal digests = the same bodies were sent */
	bodiesDigest: string;
	/** First rejection reasons, for diagnosing a broken run */
	failures: string[];
	/** Epoch ms of the first business request's arrival / the last one's answer (0 if none) */
	firstArrivalAt: number;
	lastAnswerAt: number;
}

export async function resetMockLog(mockUrl: string): Promise<void> {
	const res = await fetch(`${mockUrl}/__mock/reset-log`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	if (!res.ok) throw new Error(`mock reset-log answered ${res.status}`);
	await res.text();
}

export async function summariseMockLog(mockUrl: string): Promise<MockSummary> {
	const res = await fetch(`${mockUrl}/__mock/log`);
	if (!res.ok) throw new Error(`mock log answered ${res.status}`);
	const { log, counters } = (await res.json()) as MockLog;
	const business = log.filter((e) => e.kind === 'qualityInspect' || e.kind === 'createQualityTask');
	const bodies = business.map((e) => e.rawBody).sort();
	const failures = business
		.filter((e) => e.status !== 200)
		.slice(0, 3)
		.map((e) => `HTTP ${e.status}: ${e.reason ?? ''}`);
	const starts = business.map((e) => e.startedAt);
	const ends = business.map((e) => e.finishedAt ?? e.startedAt);
	return {
		tokenExchanges: counters.tokenExchanges,
		businessRequests: counters.businessRequests,
		ok: business.filter((e) => e.status === 200).length,
		maxInFlight: counters.maxInFlight,
		bodiesDigest: createHash('sha256').update(bodies.join('\n')).digest('hex').slice(0, 16),
		failures,
		firstArrivalAt: business.length ? Math.min(...starts) : 0,
		lastAnswerAt: business.length ? Math.max(...ends) : 0,
	};
}
