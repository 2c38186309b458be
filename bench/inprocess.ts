/**
 * The in-process part (`npm run bench -- --inprocess`): no n8n process, so it isolates our node's own
 * cost from n8n's. Per latency, each workload runs in its own child process (peak RSS is that child's),
 * against the project's mock (own process), warm-up first:
 *  - 'undici':      a raw client: keep-alive undici Pool with `connections: c`, c requests in flight
 *                   (sliding window), the same bodies, the token obtained once before the warm-up;
 *  - 'expressions' / 'autoMapped': our node through n8n-core's real WorkflowExecute
 *                   (test/engine/harness.ts), one credential store per child: the warm-up run starts
 *                   with an empty token (one exchange), the measured runs reuse the stored token.
 * With repeats > 1 the fastest measured run is reported (other load on the machine only ever adds time).
 * With --profile, one more run of each workload at the lowest latency under `node --cpu-prof`, broken
 * down by bench/profile.ts.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { resetMockLog, summariseMockLog, type MockSummary } from './mockControl';
import { analyseProfile, type ProfileBreakdown } from './profile';
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
	type NodeVariant,
} from './items';

export type InProcessWorkload = 'undici' | NodeVariant;
export const IN_PROCESS_WORKLOADS: InProcessWorkload[] = ['undici', 'expressions', 'autoMapped'];

export interface WorkerSpec {
	workload: InProcessWorkload;
	repoRoot: string;
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
	/** The node's own executionTime from n8n's run data (node workloads only), ms */
	nodeTimeMs?: number;
	warmup: { items: number; wallMs: number; tokenExchanges: number };
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
	/** The .cpuprofile file, when the child ran under --cpu-prof */
	profile?: string;
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

type Measured = Pick<WorkerResult, 'wallMs' | 'wallsMs' | 'nodeTimeMs' | 'mock' | 'firstRequestAfterMs' | 'afterLastAnswerMs' | 'measuredWindowUs'>;

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

async function runNodeWorkload(spec: WorkerSpec, variant: NodeVariant): Promise<WorkerResult> {
	// Loaded here so the undici child never loads n8n-core.
	const harness = await import('../test/engine/harness');
	const credentials = { baseUrl: spec.mockUrl, tokenUrl: '', accessKey: ACCESS_KEY, secretKey: SECRET_KEY };
	const store = new harness.CredentialStore(credentials);
	const parameters = nodeParameters(spec.repoRoot, variant, spec.concurrency) as never;
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
		workload: variant,
		concurrency: spec.concurrency,
		items: spec.items,
		...measured,
		warmup: { items: warmItems.length, wallMs: warmWall, tokenExchanges: warmMock.tokenExchanges },
		maxRssKiB: process.resourceUsage().maxRSS,
		problems,
	};
}

async function runUndiciWorkload(spec: WorkerSpec): Promise<WorkerResult> {
	const { Pool } = await import('undici');
	const origin = new URL(spec.mockUrl).origin;
	const pool = new Pool(origin, { connections: spec.concurrency, pipelining: 1 });
	const problems: string[] = [];

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
		maxRssKiB: process.resourceUsage().maxRSS,
		problems,
	};
}

/** The child's side: `node bench.js --worker '<WorkerSpec JSON>'` prints its WorkerResult as the last stdout line. */
export async function workerMain(specJson: string): Promise<void> {
	const spec = JSON.parse(specJson) as WorkerSpec;
	try {
		const result = spec.workload === 'undici' ? await runUndiciWorkload(spec) : await runNodeWorkload(spec, spec.workload);
		process.stdout.write(`${JSON.stringify(result)}\n`);
	} finally {
		// The engine harness puts n8n's instance settings in a temp folder (it removes it only under jest).
		const folder = process.env.N8N_USER_FOLDER;
		if (folder && folder.startsWith(join(tmpdir(), 'cec-engine-'))) rmSync(folder, { recursive: true, force: true });
	}
}

async function spawnWorker(spec: WorkerSpec, cpuProfDir?: string): Promise<WorkerResult> {
	const profName = `${spec.workload}-c${spec.concurrency}.cpuprofile`;
	const nodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${profName}`] : [];
	const out = await new Promise<string>((resolvePromise, reject) => {
		// process.argv[1] is bench.js, which dispatches --worker here.
		const child = spawn(process.execPath, [...nodeArgs, process.argv[1], '--worker', JSON.stringify(spec)], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let stdout = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolvePromise(stdout);
			else reject(new Error(`${spec.workload} worker (c=${spec.concurrency}) exited ${code}: ${stdout.slice(-2000)}`));
		});
	});
	const lines = out.trim().split('\n');
	const result = JSON.parse(lines[lines.length - 1]) as WorkerResult;
	if (cpuProfDir) result.profile = join(cpuProfDir, profName);
	return result;
}

export interface InProcessResult {
	latencyMs: number;
	runs: WorkerResult[];
	profiles: ProfileBreakdown[];
}

export async function runInProcess(opts: {
	repoRoot: string;
	latencies: number[];
	items: number;
	warmupItems: number;
	concurrency: number;
	repeats: number;
	profile: boolean;
	log: (line: string) => void;
}): Promise<InProcessResult[]> {
	const lib = require(join(opts.repoRoot, 'scripts', 'lib', 'realN8n.js')) as {
		startMockProcess(o: { latency: number }): Promise<{ url: string; stop(): Promise<unknown> }>;
	};
	const results: InProcessResult[] = [];
	for (const latencyMs of opts.latencies) {
		const mock = await lib.startMockProcess({ latency: latencyMs });
		try {
			const spec = (workload: InProcessWorkload): WorkerSpec => ({
				workload,
				repoRoot: opts.repoRoot,
				mockUrl: mock.url,
				items: opts.items,
				warmupItems: Math.min(opts.warmupItems, opts.items),
				concurrency: opts.concurrency,
				repeats: opts.repeats,
			});
			const runs: WorkerResult[] = [];
			for (const workload of IN_PROCESS_WORKLOADS) {
				opts.log(`in-process: ${workload}, N=${opts.items}, L=${latencyMs} ms, c=${opts.concurrency}`);
				runs.push(await spawnWorker(spec(workload)));
			}
			const profiles: ProfileBreakdown[] = [];
			if (opts.profile && latencyMs === Math.min(...opts.latencies)) {
				const dir = join(opts.repoRoot, '.cache', 'bench-profiles');
				rmSync(dir, { recursive: true, force: true });
				mkdirSync(dir, { recursive: true });
				for (const workload of IN_PROCESS_WORKLOADS) {
					opts.log(`in-process: CPU profile (node --cpu-prof) of ${workload}, L=${latencyMs} ms`);
					const run = await spawnWorker({ ...spec(workload), repeats: 1 }, dir);
					const file = run.profile as string;
					profiles.push(analyseProfile(file, `${workload}: whole measured run`, run.items, run.measuredWindowUs));
					if (workload !== 'undici' && run.firstRequestAfterMs > 0) {
						// The node prepares (validates) every item before sending: split the run there.
						const [from, to] = run.measuredWindowUs;
						const split = from + run.firstRequestAfterMs * 1000;
						profiles.push(analyseProfile(file, `${workload}: preparing every item (before the first request)`, run.items, [from, split]));
						profiles.push(analyseProfile(file, `${workload}: sending (first request to the end)`, run.items, [split, to]));
					}
				}
			}
			results.push({ latencyMs, runs, profiles });
		} finally {
			await mock.stop();
		}
	}
	return results;
}
