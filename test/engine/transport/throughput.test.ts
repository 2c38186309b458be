/**
 * "Throughput": the router's sliding window, busy retries, rate limit and token refresh under
 * concurrency, through n8n-core against the mock. Nothing here asserts a duration: every check
 * reads counts and order from the mock's log or the node's output.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { CecMock } from '../../mock/cecMock';
import {
	TEST_TIMEOUT_MS,
	answersByItem,
	businessEntries,
	expectPairedInOrder,
	expireOnArrival,
	inspectionParameters,
	itemIndexOfEntry,
	makeInspectionItems,
	maxInSlidingWindow,
	range,
	runAgainst,
	shuffledLatency,
	storeWithToken,
} from '../fixtures';
import { useMock } from '../shared/mock';
import { UNAUTHORIZED_RETRY_ROUNDS } from '../../../nodes/HuaweiCecQuality/transport/client';

jest.setTimeout(TEST_TIMEOUT_MS);

const succeeded = (items: INodeExecutionData[]) => items.filter((item) => item.json.resultCode === '1010200').length;

describe('sliding window, retries and rate limit', () => {
	// A slow token service widens the race window for duplicate exchanges.
	const mock = useMock({ tokenLatencyMs: 30 }, { zeroLatency: true });
	afterEach(() => {
		// Nothing may still be in flight, or it would land in the next test's log.
		expect(mock.counters.inFlight).toBe(0);
	});

	it('keeps output order and pairing under concurrency 10 with shuffled latencies', async () => {
		mock.setLatency(shuffledLatency(30));
		const items = makeInspectionItems(40);
		const result = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 10 }), items });

		expect(result.error).toBeUndefined();
		// Precondition: the answers really came back out of order.
		const finished = [...businessEntries(mock)].sort((a, b) => a.finishedAt! - b.finishedAt! || a.seq - b.seq);
		expect(finished.map(itemIndexOfEntry)).not.toEqual(range(40));

		const answers = answersByItem(mock);
		expect(result.outputs[0].map((item) => item.json)).toEqual(range(40).map((i) => answers.get(i)));
		expectPairedInOrder(result.outputs[0], range(40));
	});

	// The window spaces its starts over 0.9 of the fastest answer's latency (transport/sendWindow.ts), so
	// the last of a full window starts about a fifth of a latency before the first answer: long latencies
	// keep that margin above a loaded machine's delays (at 20 ms, a window of 10 once filled only to 9).
	it.each([
		[1, 12, 20],
		[3, 20, 100],
		[10, 40, 300],
	])('concurrency %i: at most that many requests in flight, and the window fills (%i items, %i ms latency)', async (concurrency, n, latencyMs) => {
		mock.setLatency(latencyMs);
		const result = await runAgainst(mock, { parameters: inspectionParameters({ concurrency }), items: makeInspectionItems(n) });

		expect(result.error).toBeUndefined();
		expect(succeeded(result.outputs[0])).toBe(n);
		expect(mock.counters.maxInFlight).toBe(concurrency);
	});

	it('exchanges the token exactly once at concurrency 10 when the credential has none', async () => {
		// Long enough that a loaded machine still starts all 10 before the first answer (the window is asserted full).
		mock.setLatency(300);
		const result = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 10 }), items: makeInspectionItems(40) });

		expect(result.error).toBeUndefined();
		expect(mock.counters.tokenRequests).toBe(1);
		expect(mock.counters.tokenExchanges).toBe(1);
		expect(result.store.preAuthenticationCalls).toBe(1);
		expect(new Set(businessEntries(mock).map((e) => e.token))).toEqual(new Set([result.store.read().accessToken]));
		expect(mock.counters.maxInFlight).toBe(10);
	});

	it('exchanges no token at concurrency 10 when the credential holds a valid one', async () => {
		const store = await storeWithToken(mock);
		mock.setLatency(5);
		const result = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 10 }), items: makeInspectionItems(40), store });

		expect(result.error).toBeUndefined();
		expect(mock.counters.tokenRequests).toBe(0);
		expect(succeeded(result.outputs[0])).toBe(40);
	});

	it('resends requests answered 429 or 503 with Retry-After, and every item succeeds', async () => {
		mock.inject({ kind: 'qualityInspect', status: 429, headers: { 'Retry-After': '0' }, times: 2 });
		mock.inject({ kind: 'qualityInspect', status: 503, headers: { 'Retry-After': '1' }, body: '{"resultCode":"0503000"}' });
		const result = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 5 }), items: makeInspectionItems(10) });

		expect(result.error).toBeUndefined();
		expect(succeeded(result.outputs[0])).toBe(10);
		expectPairedInOrder(result.outputs[0], range(10));

		const sent = businessEntries(mock);
		const busy = sent.filter((e) => e.status === 429 || e.status === 503);
		expect(busy.map((e) => e.status).sort()).toEqual([429, 429, 503]);
		expect(sent.filter((e) => e.status === 200)).toHaveLength(10);
		expect(mock.counters.businessRequests).toBe(13);
		// Each busy request was sent again later, unchanged.
		for (const entry of busy) {
			expect(sent.some((later) => later.seq > entry.seq && later.status === 200 && later.rawBody === entry.rawBody)).toBe(true);
		}
	});

	it.each([0, 2])('maxRetries %i: the item fails after maxRetries + 1 attempts; the others are unaffected', async (maxRetries) => {
		const attempts = maxRetries + 1;
		mock.inject({ kind: 'qualityInspect', status: 429, headers: { 'Retry-After': '0' }, times: attempts });
		const result = await runAgainst(mock, {
			parameters: inspectionParameters({ concurrency: 1, maxRetries }),
			items: makeInspectionItems(3),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		const [first, ...rest] = result.outputs[0];
		expect(Object.keys(first.json).sort()).toEqual(['details', 'error']);
		expect(first.json.error).toMatch(/HTTP 429/);
		expect(JSON.stringify(first.json)).toContain(`Gave up after ${maxRetries} retries`);
		expect(succeeded(rest)).toBe(2);
		expectPairedInOrder(result.outputs[0], range(3));

		const sent = businessEntries(mock);
		expect(sent.map((e) => e.status)).toEqual([...Array(attempts).fill(429), 200, 200]);
		expect(sent.slice(0, attempts).map(itemIndexOfEntry)).toEqual(Array(attempts).fill(0));
	});

	it('exhausting the retries fails the run without continue-on-fail', async () => {
		mock.inject({ kind: 'qualityInspect', status: 503, headers: { 'Retry-After': '0' }, times: 2 });
		const result = await runAgainst(mock, {
			parameters: inspectionParameters({ concurrency: 1, maxRetries: 1 }),
			items: makeInspectionItems(3),
		});

		expect(result.error?.message).toMatch(/HTTP 503/);
		expect(result.error?.description).toMatch(/Gave up after 1 retry\./);
		expect(businessEntries(mock).map((e) => e.status)).toEqual([503, 503]); // the run stops sending
	});

	it('honours a Retry-After given as an HTTP date', async () => {
		const soon = new Date(Date.now() + 1000).toUTCString(); // whole seconds: at most 1 s ahead
		mock.inject({ kind: 'qualityInspect', status: 503, headers: { 'Retry-After': soon } });
		const past = new Date(Date.now() - 3_600_000).toUTCString();
		mock.inject({ kind: 'qualityInspect', status: 429, headers: { 'Retry-After': past } });
		const result = await runAgainst(mock, {
			parameters: inspectionParameters({ concurrency: 1, maxRetries: 2 }),
			items: makeInspectionItems(3),
		});

		expect(result.error).toBeUndefined();
		expect(succeeded(result.outputs[0])).toBe(3);
		const sent = businessEntries(mock);
		expect(sent.map((e) => e.status)).toEqual([503, 429, 200, 200, 200]);
		expect(sent.slice(0, 3).map(itemIndexOfEntry)).toEqual([0, 0, 0]);
	});

	it('maxRequestsPerSecond 20: no 1000 ms window of arrivals holds more than 20 requests', async () => {
		const items = makeInspectionItems(30);
		const result = await runAgainst(mock, {
			parameters: inspectionParameters({ concurrency: 10, maxRequestsPerSecond: 20 }),
			items,
		});

		expect(result.error).toBeUndefined();
		expect(succeeded(result.outputs[0])).toBe(30);
		const arrivals = businessEntries(mock).map((e) => e.startedAt);
		expect(arrivals).toHaveLength(30);
		expect(maxInSlidingWindow(arrivals, 1000)).toBeLessThanOrEqual(20);
	});

	it('maxRequestsPerSecond also spaces the resends of busy requests', async () => {
		mock.inject({ kind: 'qualityInspect', status: 429, headers: { 'Retry-After': '0' }, times: 5 });
		const result = await runAgainst(mock, {
			parameters: inspectionParameters({ concurrency: 10, maxRequestsPerSecond: 20, maxRetries: 10 }),
			items: makeInspectionItems(25),
		});

		expect(result.error).toBeUndefined();
		expect(succeeded(result.outputs[0])).toBe(25);
		const arrivals = businessEntries(mock).map((e) => e.startedAt);
		expect(arrivals).toHaveLength(30);
		expect(maxInSlidingWindow(arrivals, 1000)).toBeLessThanOrEqual(20);
	});
});

describe('lanes spread across the latency', () => {
	// A latency long enough that the spacing (90 ms) dwarfs the stalls of a loaded machine.
	const mock = useMock({ latencyMs: 500 }, { resetLog: false });

	it('after the first window, requests arrive spaced out, not in waves of the whole window', async () => {
		const store = await storeWithToken(mock);
		const result = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 5 }), items: makeInspectionItems(25), store });

		expect(result.error).toBeUndefined();
		expectPairedInOrder(result.outputs[0], range(25));
		const arrivals = businessEntries(mock).map((e) => e.startedAt).sort((a, b) => a - b);
		expect(arrivals).toHaveLength(25);
		// The first window starts together (no latency known yet); then starts are sent at least
		// 0.9 x 500 ms / 5 = 90 ms apart. Without the spacing, 16 of these 20 gaps are under 1 ms; a
		// stall between a send and its arrival at the mock shortens one gap, so a few may be short.
		const gaps = arrivals.slice(5).map((at, i) => at - arrivals[i + 4]);
		expect(gaps.filter((gap) => gap < 30).length).toBeLessThanOrEqual(5);
	});
});

describe('token expiry under concurrency', () => {
	const CONCURRENCY = 5;
	const N = 30;

	/** Runs N items at CONCURRENCY on a stored token that expires when request `nth` arrives. */
	async function runWithMidRunExpiry(mock: CecMock, nth: number) {
		const store = await storeWithToken(mock);
		mock.setLatency(expireOnArrival(mock, nth, 15));
		const readsBefore = store.nodeReads;
		const result = await runAgainst(mock, {
			parameters: inspectionParameters({ concurrency: CONCURRENCY }),
			items: makeInspectionItems(N),
			store,
		});
		return { result, exchanges: mock.counters.tokenExchanges, credentialReads: store.nodeReads - readsBefore };
	}

	function expectAllSucceeded(result: Awaited<ReturnType<typeof runAgainst>>, mock: CecMock) {
		expect(result.error).toBeUndefined();
		expect(succeeded(result.outputs[0])).toBe(N);
		expectPairedInOrder(result.outputs[0], range(N));
		expect(mock.counters.byKind.qualityInspect).toBe(N); // each item took effect exactly once
		expect(mock.counters.maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
	}

	describe.each([
		['tokens stay valid when a new one is issued', false],
		['a gateway that revokes every earlier token on issue (revokeOnIssue)', true],
	])('%s', (_title, revokeOnIssue) => {
		const label = revokeOnIssue ? ' with revokeOnIssue' : '';
		const mock = useMock({ revokeOnIssue });

		it('expiry after 10 requests: every item succeeds after one shared exchange', async () => {
			const { result, exchanges, credentialReads } = await runWithMidRunExpiry(mock, 10);
			console.log(`[throughput] mid-run expiry${label}, concurrency ${CONCURRENCY}: ${exchanges} token exchange(s), ${mock.counters.unauthorized} 401(s), ${credentialReads} credential reads by the node`);

			expectAllSucceeded(result, mock);
			// Precondition: requests before the expiry succeeded on the old token.
			expect(businessEntries(mock).slice(0, 5).every((e) => e.status === 200)).toBe(true);
			expect(mock.counters.unauthorized).toBeGreaterThanOrEqual(1);
			// Concurrent 401s share one refresh (transport/tokenCell)...
			expect(exchanges).toBe(1);
			// ...and one read of the stored token, besides the run's first read of the credential.
			expect(mock.counters.unauthorized).toBeGreaterThanOrEqual(2);
			expect(credentialReads).toBe(2);
		});

		it('a stored token that expired before the run: every item succeeds after one shared exchange', async () => {
			const store = await storeWithToken(mock);
			mock.expireTokens();
			mock.setLatency(15);
			const result = await runAgainst(mock, {
				parameters: inspectionParameters({ concurrency: CONCURRENCY }),
				items: makeInspectionItems(N),
				store,
			});
			const exchanges = mock.counters.tokenExchanges;
			console.log(`[throughput] token expired before the run${label}, concurrency ${CONCURRENCY}: ${exchanges} token exchange(s), ${mock.counters.unauthorized} 401(s)`);

			expectAllSucceeded(result, mock);
			expect(exchanges).toBe(1);
		});
	});

	describe('a 401 that survives the refreshed resend (another worker revoked the new token)', () => {
		const mock = useMock();

		it('is retried after the window settles, and the item succeeds', async () => {
			const store = await storeWithToken(mock);
			mock.setLatency(5);
			const result = await runAgainst(mock, {
				parameters: inspectionParameters({ concurrency: CONCURRENCY }),
				items: makeInspectionItems(8),
				store,
			});
			expect(result.error).toBeUndefined();
			mock.resetLog();
			// The first request (sent alone) and its refreshed resend are both rejected.
			mock.inject({ kind: 'qualityInspect', status: 401, body: '{"resultCode":"0401001"}', times: 2 });
			const second = await runAgainst(mock, {
				parameters: inspectionParameters({ concurrency: CONCURRENCY }),
				items: makeInspectionItems(8),
				store,
			});
			expect(second.error).toBeUndefined();
			expect(succeeded(second.outputs[0])).toBe(8);
			expectPairedInOrder(second.outputs[0], range(8));
			const statuses = businessEntries(mock).map((entry) => entry.status);
			expect(statuses.filter((status) => status === 401)).toHaveLength(2);
			expect(statuses.filter((status) => status === 200)).toHaveLength(8);
			// The deferred retry is the last request of the run.
			expect(statuses[statuses.length - 1]).toBe(200);
			expect(statuses.slice(0, 2)).toEqual([401, 401]);
		});

		it('fails the item when every deferred retry and its resend are rejected too', async () => {
			// send + refreshed resend, then in each deferred round a send + its refreshed resend
			const attempts = 2 * (1 + UNAUTHORIZED_RETRY_ROUNDS);
			mock.inject({ kind: 'qualityInspect', status: 401, body: '{"resultCode":"0401001"}', times: attempts });
			const result = await runAgainst(mock, {
				parameters: inspectionParameters({ concurrency: CONCURRENCY }),
				items: makeInspectionItems(1),
				continueOnFail: true,
			});
			const items = result.outputs[0];
			expectPairedInOrder(items, [0]);
			expect(items[0].json.error).toMatch(/HTTP 401/);
			expect(businessEntries(mock).map((entry) => entry.status)).toEqual(Array(attempts).fill(401));
		});
	});
});
