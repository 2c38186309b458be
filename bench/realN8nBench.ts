/**
 * The real-n8n part: n8n 2.41.1 (Node 24, cached install via scripts/lib/realN8n.js) with the packed
 * package installed the community way, driven by `n8n execute` (Manual Trigger → Items → node).
 * Timing comes from the execution data stored in n8n's DB (each node's `executionTime`); the whole
 * `n8n execute` (process start to exit) and its peak RSS (/usr/bin/time -v, or /proc polling) are
 * reported next to it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { BENCH_TIMEZONE, INSPECT_SUCCESS_CODE, QUALITY_INSPECT_PATH, TOKEN_PATH, itemsCodeNodeSource } from './items';
import { resetMockLog, summariseMockLog, type MockSummary } from './mockControl';

/* ------------------------------------------------------------ scripts/lib/realN8n.js, as used here */

interface MockProcess {
	url: string;
	tokenUrl: string;
	stop(): Promise<unknown>;
}

interface ExecutionRow {
	id: string;
	status: string;
	data?: {
		resultData?: {
			error?: { message?: string };
			runData?: Record<string, Array<{ executionTime?: number; startTime?: number; error?: { message?: string }; data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;
		};
	};
}

interface Instance {
	version: string;
	nodeBin: string;
	n8nBin: string;
	folder: string;
	env: Record<string, string>;
	importCredentials(list: unknown[]): Promise<unknown>;
	importWorkflow(wf: unknown): Promise<unknown>;
	executions(opts: { afterId?: number; workflowId?: string }): Promise<ExecutionRow[]>;
	lastExecutionId(): Promise<number>;
	cleanup(): Promise<void>;
}

interface RealN8nLib {
	ensureN8n(major: number): Promise<{ version: string; nodeBin: string }>;
	packPackage(root: string): string;
	createInstance(opts: { major: number; tgz: string; timezone: string; logLevel?: string }): Promise<Instance>;
	startMockProcess(opts: { latency: number }): Promise<MockProcess>;
	mockCredential(mock: MockProcess, opts: { id: string; name: string }): unknown;
}

/* ------------------------------------------------------------ timed `n8n execute` */

export interface TimedExecution {
	ok: boolean;
	/** process start → exit, ms */
	executeMs: number;
	/** peak RSS of the n8n process tree's largest process, KiB (undefined if it could not be read) */
	maxRssKiB?: number;
	rssSource: string;
	execution: ExecutionRow | null;
	failure?: string;
}

function vmHwmKiB(pid: number): number {
	try {
		const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) : 0;
	} catch {
		return 0;
	}
}

function childPids(pid: number): number[] {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

const GNU_TIME = '/usr/bin/time';

async function timedExecute(inst: Instance, workflowId: string): Promise<TimedExecution> {
	const before = await inst.lastExecutionId();
	const useTime = existsSync(GNU_TIME);
	const n8nArgs = [inst.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'];
	const [bin, args] = useTime ? [GNU_TIME, ['-v', inst.nodeBin, ...n8nArgs]] : [inst.nodeBin, n8nArgs];
	const started = performance.now();
	const { code, stderr, polledRss } = await new Promise<{ code: number | null; stderr: string; polledRss: number }>(
		(resolve, reject) => {
			const child = spawn(bin, args, { env: inst.env, cwd: inst.folder, stdio: ['ignore', 'ignore', 'pipe'] });
			let err = '';
			let peak = 0;
			child.stderr.on('data', (d: Buffer) => (err += d.toString()));
			// Without GNU time: poll the tree's VmHWM (each process's own high-water mark).
			const poll = useTime
				? undefined
				: setInterval(() => {
						const stack = [child.pid ?? 0];
						while (stack.length) {
							const pid = stack.pop() as number;
							if (!pid) continue;
							peak = Math.max(peak, vmHwmKiB(pid));
							stack.push(...childPids(pid));
						}
					}, 100);
			const timer = setTimeout(() => child.kill('SIGKILL'), 10 * 60 * 1000);
			child.on('error', reject);
			child.on('close', (exitCode) => {
				clearTimeout(timer);
				if (poll) clearInterval(poll);
				resolve({ code: exitCode, stderr: err, polledRss: peak });
			});
		},
	);
	const executeMs = performance.now() - started;
	let maxRssKiB: number | undefined;
	if (useTime) {
		const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr);
		maxRssKiB = m ? Number(m[1]) : undefined;
	} else if (polledRss > 0) {
		maxRssKiB = polledRss;
	}
	const list = await inst.executions({ afterId: before, workflowId });
	const execution = list.length ? list[list.length - 1] : null;
	const runError = execution?.data?.resultData?.error?.message;
	const ok = code === 0 && !!execution && execution.status === 'success' && !runError;
	return {
		ok,
		executeMs,
		maxRssKiB,
		rssSource: useTime ? '/usr/bin/time -v (largest process of the tree)' : '/proc VmHWM polling (largest process of the tree)',
		execution,
		failure: ok ? undefined : `exit ${code}, status ${execution?.status}, ${runError ?? ''}\n${stderr.slice(-3000)}`,
	};
}

/* ------------------------------------------------------------ workflows */

const NODE_NAME = 'CEC Quality';
const DIY_TOKEN_NODE = 'Get token';
const DIY_CALL_NODE = 'Call API';
const FIXTURE_ORIGIN = 'http://127.0.0.1:18080';

type Workflow = {
	id: string;
	name: string;
	nodes: Array<{ name: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> }>;
};

function loadFixture(repoRoot: string, file: string): Workflow {
	return JSON.parse(readFileSync(join(repoRoot, 'bench', file), 'utf8')) as Workflow;
}

function nodeOf(wf: Workflow, name: string) {
	const node = wf.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`bench fixture "${wf.name}" has no node "${name}"`);
	return node;
}

function nodeWorkflow(repoRoot: string, id: string, items: number, concurrency: number, credential: { id: string; name: string }): Workflow {
	const wf = loadFixture(repoRoot, 'node.workflow.json');
	wf.id = id;
	wf.name = `${wf.name} [${id}: N=${items}, c=${concurrency}]`;
	nodeOf(wf, 'Items').parameters.jsCode = itemsCodeNodeSource(items);
	const node = nodeOf(wf, NODE_NAME);
	node.parameters.options = { ...(node.parameters.options as object), concurrency };
	node.credentials = { huaweiCecApi: credential };
	return wf;
}

function diyWorkflow(repoRoot: string, id: string, items: number, batchSize: number, batchIntervalMs: number, mockUrl: string): Workflow {
	const wf = loadFixture(repoRoot, 'diy.workflow.json');
	wf.id = id;
	wf.name = `${wf.name} [${id}: N=${items}, batch ${batchSize}/${batchIntervalMs} ms]`;
	const token = nodeOf(wf, DIY_TOKEN_NODE);
	token.parameters.url = String(token.parameters.url).replace(FIXTURE_ORIGIN, mockUrl);
	if (!String(token.parameters.url).endsWith(TOKEN_PATH)) throw new Error('diy.workflow.json: unexpected token URL');
	nodeOf(wf, 'Items').parameters.jsCode = itemsCodeNodeSource(items);
	const call = nodeOf(wf, DIY_CALL_NODE);
	call.parameters.url = String(call.parameters.url).replace(FIXTURE_ORIGIN, mockUrl);
	if (!String(call.parameters.url).endsWith(QUALITY_INSPECT_PATH)) throw new Error('diy.workflow.json: unexpected API URL');
	call.parameters.options = { batching: { batch: { batchSize, batchInterval: batchIntervalMs } } };
	return wf;
}

/* ------------------------------------------------------------ runs */

export interface RealRun {
	label: string;
	workflowId: string;
	items: number;
	concurrency: number;
	latencyMs: number;
	/** Node time from the execution data: our node, or the DIY pair (token node + call node), ms */
	nodeTimeMs: number;
	/** Per node, ms */
	nodeTimes: Record<string, number | undefined>;
	executeMs: number;
	maxRssKiB?: number;
	rssSource: string;
	mock: MockSummary;
	problems: string[];
}

function outputItems(execution: ExecutionRow | null, node: string) {
	const runs = execution?.data?.resultData?.runData?.[node] ?? [];
	const run = runs[runs.length - 1];
	return { run, items: run?.data?.main?.[0] ?? [] };
}

async function runWorkflow(
	inst: Instance,
	wf: Workflow,
	opts: { label: string; items: number; concurrency: number; latencyMs: number; mockUrl: string; timedNodes: string[]; checkNode?: string },
): Promise<RealRun> {
	await resetMockLog(opts.mockUrl);
	const res = await timedExecute(inst, wf.id);
	const mock = await summariseMockLog(opts.mockUrl);
	const problems: string[] = [];
	if (!res.ok) problems.push(`execution failed: ${res.failure}`);
	const nodeTimes: Record<string, number | undefined> = {};
	for (const name of ['Items', ...opts.timedNodes]) nodeTimes[name] = outputItems(res.execution, name).run?.executionTime;
	if (opts.checkNode) {
		const { run, items } = outputItems(res.execution, opts.checkNode);
		if (run?.error) problems.push(`${opts.checkNode}: ${run.error.message}`);
		if (items.length !== opts.items) problems.push(`${opts.checkNode}: ${items.length} output items, expected ${opts.items}`);
		const bad = items.filter((i) => i.json.resultCode !== INSPECT_SUCCESS_CODE).length;
		if (bad) problems.push(`${opts.checkNode}: ${bad} items without resultCode ${INSPECT_SUCCESS_CODE}`);
	}
	if (mock.ok !== opts.items) problems.push(`mock saw ${mock.ok} successful calls of ${mock.businessRequests}, expected ${opts.items} (${mock.failures.join('; ')})`);
	const nodeTimeMs = opts.timedNodes.reduce((sum, name) => sum + (nodeTimes[name] ?? NaN), 0);
	return {
		label: opts.label,
		workflowId: wf.id,
		items: opts.items,
		concurrency: opts.concurrency,
		latencyMs: opts.latencyMs,
		nodeTimeMs: opts.timedNodes.length ? nodeTimeMs : 0,
		nodeTimes,
		executeMs: res.executeMs,
		maxRssKiB: res.maxRssKiB,
		rssSource: res.rssSource,
		mock,
		problems,
	};
}

export interface RealPartOptions {
	repoRoot: string;
	items: number;
	latencyMs: number;
	realItems: number;
	realLatencyMs: number;
	concurrency: number;
	/** Runs with the stored token per scenario (DIY: this many + 1); the fastest is compared */
	repeats: number;
	log: (line: string) => void;
	/** Runs an undici reference workload against a mock (in its own child process). */
	undiciReference: (mockUrl: string, items: number, concurrency: number, latencyMs: number) => Promise<UndiciReference>;
}

export interface UndiciReference {
	wallMs: number;
	wallsMs: number[];
	maxRssKiB: number;
	mock: MockSummary;
	problems: string[];
}

export interface OursRuns {
	cold: RealRun;
	warm: RealRun;
	warmRuns: RealRun[];
}

const fastest = (runs: RealRun[]) => runs.reduce((a, b) => (b.nodeTimeMs < a.nodeTimeMs ? b : a));

export interface RealPartResult {
	n8nVersion: string;
	/** Our node at realLatency: cold = empty token; warm = the fastest of the runs with the token from the DB */
	nodeAtRealLatency: OursRuns;
	undiciAtRealLatency: UndiciReference;
	/** Our node at latency */
	nodeAtLatency: OursRuns;
	/** The DIY pair at latency (every run makes its own exchange); best = the fastest */
	diy: { runs: RealRun[]; best: RealRun; batchSize: number; batchIntervalMs: number };
	/** Sequential per-request overhead at L=0 */
	overhead: OursRuns & {
		empty: RealRun[];
		undici: UndiciReference;
		perRequestFromExecuteMs: number;
		perRequestFromNodeTimeMs: number;
		undiciPerRequestMs: number;
	};
}

export async function runRealPart(opts: RealPartOptions): Promise<RealPartResult> {
	const lib = require(join(opts.repoRoot, 'scripts', 'lib', 'realN8n.js')) as RealN8nLib;
	const { log } = opts;
	log('real n8n: making sure n8n 2.x is installed (first time: several minutes)');
	const installed = await lib.ensureN8n(2);
	log(`real n8n: n8n ${installed.version}; packing the package`);
	const tgz = lib.packPackage(opts.repoRoot);
	const inst = await lib.createInstance({ major: 2, tgz, timezone: BENCH_TIMEZONE, logLevel: 'warn' });
	const mocks: MockProcess[] = [];
	try {
		const mockReal = await lib.startMockProcess({ latency: opts.realLatencyMs });
		mocks.push(mockReal);
		const mockL = await lib.startMockProcess({ latency: opts.latencyMs });
		mocks.push(mockL);
		const mock0 = await lib.startMockProcess({ latency: 0 });
		mocks.push(mock0);

		const cred = (id: string, mock: MockProcess) => ({ ...(lib.mockCredential(mock, { id, name: `CEC bench ${id}` }) as object) });
		const refs = {
			real: { id: 'benchCredReal', name: 'CEC bench benchCredReal' },
			lat: { id: 'benchCredLat', name: 'CEC bench benchCredLat' },
			zero: { id: 'benchCredZero', name: 'CEC bench benchCredZero' },
		};
		log('real n8n: importing credentials and workflows');
		await inst.importCredentials([cred(refs.real.id, mockReal), cred(refs.lat.id, mockL), cred(refs.zero.id, mock0)]);
		const c = opts.concurrency;
		const wfReal = nodeWorkflow(opts.repoRoot, 'benchNodeReal', opts.realItems, c, refs.real);
		const wfLat = nodeWorkflow(opts.repoRoot, 'benchNodeLat', opts.items, c, refs.lat);
		const wfDiy = diyWorkflow(opts.repoRoot, 'benchDiyLat', opts.items, c, opts.latencyMs, mockL.url);
		const wfZero = nodeWorkflow(opts.repoRoot, 'benchNodeZero', opts.items, 1, refs.zero);
		const wfEmpty = nodeWorkflow(opts.repoRoot, 'benchEmptyZero', 0, 1, refs.zero);
		await inst.importWorkflow([wfReal, wfLat, wfDiy, wfZero, wfEmpty]);

		const ours = async (wf: Workflow, items: number, conc: number, latencyMs: number, mockUrl: string): Promise<OursRuns> => {
			const one = (label: string) =>
				runWorkflow(inst, wf, { label, items, concurrency: conc, latencyMs, mockUrl, timedNodes: [NODE_NAME], checkNode: NODE_NAME });
			const cold = await one('node, empty token');
			const warmRuns: RealRun[] = [];
			for (let i = 0; i < Math.max(1, opts.repeats); i++) warmRuns.push(await one('node'));
			return { cold, warm: fastest(warmRuns), warmRuns };
		};
		const times = `1 with an empty token + ${Math.max(1, opts.repeats)} with the stored token`;

		log(`real n8n: our node, N=${opts.realItems}, L=${opts.realLatencyMs} ms, c=${c} (${times})`);
		const atReal = await ours(wfReal, opts.realItems, c, opts.realLatencyMs, mockReal.url);
		log(`real n8n: undici reference, N=${opts.realItems}, L=${opts.realLatencyMs} ms, c=${c}`);
		const undiciReal = await opts.undiciReference(mockReal.url, opts.realItems, c, opts.realLatencyMs);

		log(`real n8n: our node, N=${opts.items}, L=${opts.latencyMs} ms, c=${c} (${times})`);
		const atLatency = await ours(wfLat, opts.items, c, opts.latencyMs, mockL.url);

		const diyRuns: RealRun[] = [];
		log(`real n8n: DIY pair, N=${opts.items}, L=${opts.latencyMs} ms, batch ${c} every ${opts.latencyMs} ms (${Math.max(1, opts.repeats) + 1} runs)`);
		for (let i = 0; i < Math.max(1, opts.repeats) + 1; i++) {
			diyRuns.push(
				await runWorkflow(inst, wfDiy, {
					label: 'DIY pair',
					items: opts.items,
					concurrency: c,
					latencyMs: opts.latencyMs,
					mockUrl: mockL.url,
					timedNodes: [DIY_TOKEN_NODE, DIY_CALL_NODE],
					checkNode: DIY_CALL_NODE,
				}),
			);
		}

		log(`real n8n: per-request overhead, N=${opts.items}, L=0, c=1 (${times}), and the empty run (N=0, twice)`);
		const atZero = await ours(wfZero, opts.items, 1, 0, mock0.url);
		const empty: RealRun[] = [];
		for (let i = 0; i < 2; i++) {
			empty.push(await runWorkflow(inst, wfEmpty, { label: 'empty run', items: 0, concurrency: 1, latencyMs: 0, mockUrl: mock0.url, timedNodes: [] }));
		}
		const undiciZero = await opts.undiciReference(mock0.url, opts.items, 1, 0);
		const emptyMs = Math.min(...empty.map((r) => r.executeMs));
		const zeroWarm = atZero.warm;

		return {
			n8nVersion: inst.version,
			nodeAtRealLatency: atReal,
			undiciAtRealLatency: undiciReal,
			nodeAtLatency: atLatency,
			diy: { runs: diyRuns, best: fastest(diyRuns), batchSize: c, batchIntervalMs: opts.latencyMs },
			overhead: {
				...atZero,
				empty,
				undici: undiciZero,
				perRequestFromExecuteMs: (zeroWarm.executeMs - emptyMs) / opts.items,
				perRequestFromNodeTimeMs: zeroWarm.nodeTimeMs / opts.items,
				undiciPerRequestMs: undiciZero.wallMs / opts.items,
			},
		};
	} finally {
		for (const mock of mocks) await mock.stop().catch(() => undefined);
		await inst.cleanup();
		// packPackage's temp folder (only this process uses it).
		if (basename(dirname(tgz)).startsWith('cec-pack-')) rmSync(dirname(tgz), { recursive: true, force: true });
	}
}
