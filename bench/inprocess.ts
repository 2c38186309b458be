/**
 * One in-process workload, run in its own child process (so peak RSS belongs to it alone):
 *  - 'node':   our node through n8n-core's real WorkflowExecute (test/engine/harness.ts), one
 *              credential store for the whole child: the warm-up run starts with an empty token
 *              (exactly one exchange), the measured run reuses the stored token.
 *  - 'undici': a raw client: keep-alive undici Pool with `connections: c`, c requests in flight
 *              (sliding window), the same bodies, the token obtained once before the warm-up.
 * Both do a warm-up run (same c, fewer items) before the measured run(s); with repeats > 1 the
 * fastest measured run is reported (other load on the machine only ever adds time).
 */
import { performance } from 'node:perf_hooks';

import { resetMockLog, summariseMockLog, type MockSummary } from './mockControl';
import {
	ACCESS_KEY,
	BENCH_TIMEZONE,
	INSPECT_SUCCESS_CODE,
	QUALITY_INSPECT_PATH,
	SECRET_KEY,
	TOKEN_PATH,
	makeItems,
	nodeParameters,
	qualityInspectBody,
	type BenchItem,
} from './items';

export type InProcessWorkload = 'node' | 'undici';

export interface WorkerSpec {
	workload: InProcessWorkload;
	mockUrl: string;
	items: number;
	warmupItems: number;
	concurrency: number;
	/** Measured runs in this child (same store / pool); the fastest is reported, all walls are kept */
	repeats: number;
}

export interface WorkerResult {
	workload: InProcessWorkload;
	concurrency: number;
	items: number;
	/** Measured run, whole call (runNode / the client loop), ms: the fastest of `wallsMs` */
	wallMs: number;
	/** Every measured run's wall, in order */
	wallsMs: number[];
	/** The node's own executionTime from n8n's run data (node workload only), ms */
	nodeTimeMs?: number;
	warmup: { items: number; wallMs: number; tokenExchanges: number };
	/** Token exchanges made before the warm-up (undici: its one token) */
	setupTokenExchanges: number;
	mock: MockSummary;
	/** process.resourceUsage().maxRSS, KiB: this child's peak */
	maxRssKiB: number;
	/** Output checks that failed (empty = every item succeeded) */
	problems: string[];
	/** Measured run: start → first business request's arrival at the mock (node: the item-preparation phase), ms */
	firstRequestAfterMs: number;
	/** Measured run: last answer's departure from the mock → end of the run, ms */
	afterLastAnswerMs: number;
	/** The measured run in process.hrtime µs (the clock of --cpu-prof profiles) */
	measuredWindowUs: [number, number];
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

interface Measured {
	wallMs: number;
	wallsMs: number[];
	nodeTimeMs?: number;
	mock: MockSummary;
	firstRequestAfterMs: number;
	afterLastAnswerMs: number;
	measuredWindowUs: [number, number];
}

/** Runs `once` `repeats` times, each with a fresh mock log; returns the fastest run's figures. */
async function measure(mockUrl: string, repeats: number, once: () => Promise<number | undefined>): Promise<Measured> {
	let best: Measured | undefined;
	const wallsMs: number[] = [];
	for (let i = 0; i < Math.max(1, repeats); i++) {
		await resetMockLog(mockUrl);
		const fromUs = nowUs();
		const startedAt = Date.now();
		const t0 = performance.now();
		const nodeTimeMs = await once();
		const wallMs = performance.now() - t0;
		const toUs = nowUs();
		const endedAt = Date.now();
		const mock = await summariseMockLog(mockUrl);
		wallsMs.push(wallMs);
		if (!best || wallMs < best.wallMs) {
			best = {
				wallMs,
				wallsMs,
				nodeTimeMs,
				mock,
				firstRequestAfterMs: mock.firstArrivalAt - startedAt,
				afterLastAnswerMs: endedAt - mock.lastAnswerAt,
				measuredWindowUs: [fromUs, toUs],
			};
		}
	}
	return best as Measured;
}

async function runNodeWorkload(spec: WorkerSpec): Promise<WorkerResult> {
	// Loaded here so the undici child never loads n8n-core.
	const harness = await import('../test/engine/harness');
	const credentials = { baseUrl: spec.mockUrl, tokenUrl: '', accessKey: ACCESS_KEY, secretKey: SECRET_KEY };
	const store = new harness.CredentialStore(credentials);
	const parameters = nodeParameters(spec.concurrency);
	const problems: string[] = [];

	const check = (label: string, result: Awaited<ReturnType<typeof harness.runNode>>, expected: number) => {
		if (result.error) problems.push(`${label}: run failed: ${result.error.message}`);
		const out = result.outputs[0] ?? [];
		if (out.length !== expected) problems.push(`${label}: ${out.length} output items, expected ${expected}`);
		const bad = out.filter((item) => item.json.resultCode !== INSPECT_SUCCESS_CODE).length;
		if (bad) problems.push(`${label}: ${bad} items without resultCode ${INSPECT_SUCCESS_CODE}`);
	};

	const warmItems = makeItems(spec.warmupItems);
	await resetMockLog(spec.mockUrl);
	const t0 = performance.now();
	const warm = await harness.runNode({ parameters, items: warmItems as never, credentials, store, timezone: BENCH_TIMEZONE });
	const warmWall = performance.now() - t0;
	check('warm-up', warm, warmItems.length);
	const warmMock = await summariseMockLog(spec.mockUrl);

	const items = makeItems(spec.items);
	const measured = await measure(spec.mockUrl, spec.repeats, async () => {
		const result = await harness.runNode({ parameters, items: items as never, credentials, store, timezone: BENCH_TIMEZONE });
		check('measured', result, items.length);
		return result.run.data.resultData.runData[harness.NODE_NAME]?.[0]?.executionTime;
	});

	return {
		workload: 'node',
		concurrency: spec.concurrency,
		items: spec.items,
		...measured,
		warmup: { items: warmItems.length, wallMs: warmWall, tokenExchanges: warmMock.tokenExchanges },
		setupTokenExchanges: 0,
		maxRssKiB: process.resourceUsage().maxRSS,
		problems,
	};
}

async function runUndiciWorkload(spec: WorkerSpec): Promise<WorkerResult> {
	const { Pool } = await import('undici');
	const origin = new URL(spec.mockUrl).origin;
	const pool = new Pool(origin, { connections: spec.concurrency, pipelining: 1 });
	const problems: string[] = [];

	await resetMockLog(spec.mockUrl);
	const tokenAnswer = await pool.request({
		path: TOKEN_PATH,
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-token-expire': '3600' },
		body: JSON.stringify({ app_key: ACCESS_KEY, app_secret: SECRET_KEY }),
	});
	const token = ((await tokenAnswer.body.json()) as { AccessToken?: string }).AccessToken;
	if (!token) throw new Error(`undici: token exchange answered ${tokenAnswer.statusCode} without AccessToken`);
	const headers = {
		'content-type': 'application/json; charset=UTF-8',
		accept: 'application/json',
		authorization: `Bearer ${token}`,
		'x-app-key': ACCESS_KEY,
	};
	const setupMock = await summariseMockLog(spec.mockUrl);

	const run = async (label: string, items: BenchItem[]) => {
		let next = 0;
		let failed = 0;
		const lane = async () => {
			while (next < items.length) {
				const item = items[next++];
				const answer = await pool.request({ path: QUALITY_INSPECT_PATH, method: 'POST', headers, body: qualityInspectBody(item) });
				const data = JSON.parse(await answer.body.text()) as { resultCode?: string };
				if (answer.statusCode !== 200 || data.resultCode !== INSPECT_SUCCESS_CODE) failed++;
			}
		};
		await Promise.all(Array.from({ length: Math.min(spec.concurrency, items.length) }, lane));
		if (failed) problems.push(`${label}: ${failed} requests failed`);
	};

	const warmItems = makeItems(spec.warmupItems);
	await resetMockLog(spec.mockUrl);
	const t0 = performance.now();
	await run('warm-up', warmItems);
	const warmWall = performance.now() - t0;
	const warmMock = await summariseMockLog(spec.mockUrl);

	const items = makeItems(spec.items);
	const measured = await measure(spec.mockUrl, spec.repeats, async () => {
		await run('measured', items);
		return undefined;
	});
	await pool.close();

	return {
		workload: 'undici',
		concurrency: spec.concurrency,
		items: spec.items,
		...measured,
		warmup: { items: warmItems.length, wallMs: warmWall, tokenExchanges: warmMock.tokenExchanges },
		setupTokenExchanges: setupMock.tokenExchanges,
		maxRssKiB: process.resourceUsage().maxRSS,
		problems,
	};
}

export async function runWorker(spec: WorkerSpec): Promise<WorkerResult> {
	return spec.workload === 'node' ? await runNodeWorkload(spec) : await runUndiciWorkload(spec);
}
