/**
 * The real-n8n matrix: n8n 2.41.1 (Node 24, cached install via scripts/lib/realN8n.js) with the packed
 * package installed the community way, driven by `n8n execute` (Manual Trigger → Items → ...). Each
 * scenario (N items, mock latency L) runs four workloads:
 *  - the do-it-yourself pair (bench/diy.workflow.json: HTTP Request "Get token" → HTTP Request "Call
 *    API" per item) with n8n's default batching (no batching option: every item's request at once);
 *  - the same pair with batching at the node's concurrency: c items started every L ms;
 *  - our node with per-field expressions (bench/node.workflow.json) and auto-mapped input.
 * Time = the node's `executionTime` from the execution data stored in n8n's DB (DIY: the sum of both HTTP
 * Request nodes'); the whole `n8n execute` (process start to exit) and its peak RSS are kept next to it.
 * Each node variant has its own credential per latency, so its first run at a latency starts with an
 * empty token (reported separately); the measured runs reuse the stored token. The DIY pair makes its own
 * exchange in every run.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { BENCH_TIMEZONE, INSPECT_SUCCESS_CODE, NODE_FIXTURE, NODE_NAME, QUALITY_INSPECT_PATH, TOKEN_PATH, itemsCodeNodeSource, nodeParameters, type NodeVariant } from './items';
import { resetMockLog, summariseMockLog, type MockSummary } from './mockControl';

/* ------------------------------------------------------------ scripts/lib/realN8n.js, as used here */

interface MockProcess {
	url: string;
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
/** How peak RSS is measured: the largest single process of the `n8n execute` tree (n8n's main process). */
export const RSS_SOURCE = existsSync(GNU_TIME) ? 'GNU time -v' : '/proc VmHWM polling';

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
		execution,
		failure: ok ? undefined : `exit ${code}, status ${execution?.status}, ${runError ?? ''}\n${stderr.slice(-3000)}`,
	};
}

/* ------------------------------------------------------------ workflows */

export type Workload = 'diyDefault' | 'diyBatched' | NodeVariant;
/** Run order within a scenario (the measured runs go round-robin through this list). */
export const WORKLOADS: Workload[] = ['diyDefault', 'diyBatched', 'expressions', 'autoMapped'];
const NODE_VARIANTS: NodeVariant[] = ['expressions', 'autoMapped'];
const isNodeVariant = (w: Workload): w is NodeVariant => (NODE_VARIANTS as string[]).includes(w);

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

interface Credential {
	id: string;
	name: string;
}

function nodeWorkflow(repoRoot: string, id: string, items: number, variant: NodeVariant, concurrency: number, credential: Credential): Workflow {
	const wf = loadFixture(repoRoot, NODE_FIXTURE);
	wf.id = id;
	wf.name = `${wf.name} [${variant}, N=${items}, c=${concurrency}]`;
	nodeOf(wf, 'Items').parameters.jsCode = itemsCodeNodeSource(items);
	const node = nodeOf(wf, NODE_NAME);
	node.parameters = nodeParameters(repoRoot, variant, concurrency);
	node.credentials = { huaweiCecApi: credential };
	return wf;
}

/** `batch` undefined = n8n's default (no batching option: every item's request starts at once). */
function diyWorkflow(repoRoot: string, id: string, items: number, mockUrl: string, batch?: { batchSize: number; batchInterval: number }): Workflow {
	const wf = loadFixture(repoRoot, 'diy.workflow.json');
	wf.id = id;
	wf.name = `${wf.name} [N=${items}, ${batch ? `batch ${batch.batchSize} every ${batch.batchInterval} ms` : 'default batching'}]`;
	const token = nodeOf(wf, DIY_TOKEN_NODE);
	token.parameters.url = String(token.parameters.url).replace(FIXTURE_ORIGIN, mockUrl);
	if (!String(token.parameters.url).endsWith(TOKEN_PATH)) throw new Error('diy.workflow.json: unexpected token URL');
	nodeOf(wf, 'Items').parameters.jsCode = itemsCodeNodeSource(items);
	const call = nodeOf(wf, DIY_CALL_NODE);
	call.parameters.url = String(call.parameters.url).replace(FIXTURE_ORIGIN, mockUrl);
	if (!String(call.parameters.url).endsWith(QUALITY_INSPECT_PATH)) throw new Error('diy.workflow.json: unexpected API URL');
	call.parameters.options = batch ? { batching: { batch } } : {};
	return wf;
}

/* ------------------------------------------------------------ runs */

export interface RealRun {
	/** Time from the execution data: our node's executionTime, or the DIY pair's two nodes' summed, ms */
	nodeTimeMs: number;
	/** Per timed node, ms */
	nodeTimes: Record<string, number | undefined>;
	/** The whole `n8n execute`, process start to exit, ms */
	executeMs: number;
	maxRssKiB?: number;
	mock: MockSummary;
	problems: string[];
}

function outputItems(execution: ExecutionRow | null, node: string) {
	const runs = execution?.data?.resultData?.runData?.[node] ?? [];
	const run = runs[runs.length - 1];
	return { run, items: run?.data?.main?.[0] ?? [] };
}

async function runWorkflow(inst: Instance, wf: Workflow, opts: { items: number; mockUrl: string; timedNodes: string[]; checkNode: string }): Promise<RealRun> {
	await resetMockLog(opts.mockUrl);
	const res = await timedExecute(inst, wf.id);
	const mock = await summariseMockLog(opts.mockUrl);
	const problems: string[] = [];
	if (!res.ok) problems.push(`execution failed: ${res.failure}`);
	const nodeTimes: Record<string, number | undefined> = {};
	for (const name of opts.timedNodes) nodeTimes[name] = outputItems(res.execution, name).run?.executionTime;
	const { run, items } = outputItems(res.execution, opts.checkNode);
	if (run?.error) problems.push(`${opts.checkNode}: ${run.error.message}`);
	if (items.length !== opts.items) problems.push(`${opts.checkNode}: ${items.length} output items, expected ${opts.items}`);
	const bad = items.filter((i) => i.json.resultCode !== INSPECT_SUCCESS_CODE).length;
	if (bad) problems.push(`${opts.checkNode}: ${bad} items without resultCode ${INSPECT_SUCCESS_CODE}`);
	if (mock.ok !== opts.items) problems.push(`mock saw ${mock.ok} successful calls of ${mock.businessRequests}, expected ${opts.items} (${mock.failures.join('; ')})`);
	return {
		nodeTimeMs: opts.timedNodes.reduce((sum, name) => sum + (nodeTimes[name] ?? NaN), 0),
		nodeTimes,
		executeMs: res.executeMs,
		maxRssKiB: res.maxRssKiB,
		mock,
		problems,
	};
}

export interface Scenario {
	items: number;
	latencyMs: number;
	/** Measured runs per workload; the fastest counts */
	repeats: number;
}

export interface WorkloadRuns {
	/** Node variants, first scenario at a latency only: the run with an empty token, before the measured ones */
	cold?: RealRun;
	runs: RealRun[];
	/** The fastest of `runs` (by node time) */
	best: RealRun;
}

export interface ScenarioResult extends Scenario {
	concurrency: number;
	workloads: Record<Workload, WorkloadRuns>;
}

export interface MatrixResult {
	n8nVersion: string;
	scenarios: ScenarioResult[];
}

export async function runMatrix(opts: { repoRoot: string; concurrency: number; scenarios: Scenario[]; log: (line: string) => void }): Promise<MatrixResult> {
	const lib = require(join(opts.repoRoot, 'scripts', 'lib', 'realN8n.js')) as RealN8nLib;
	const { log, repoRoot } = opts;
	const c = opts.concurrency;
	log('real n8n: making sure n8n 2.x is installed (first time: several minutes)');
	const installed = await lib.ensureN8n(2);
	log(`real n8n: n8n ${installed.version}; packing the package`);
	const tgz = lib.packPackage(repoRoot);
	const inst = await lib.createInstance({ major: 2, tgz, timezone: BENCH_TIMEZONE, logLevel: 'warn' });
	const mocks = new Map<number, MockProcess>();
	try {
		const latencies = [...new Set(opts.scenarios.map((s) => s.latencyMs))];
		for (const latency of latencies) mocks.set(latency, await lib.startMockProcess({ latency }));
		const mockAt = (latency: number) => mocks.get(latency) as MockProcess;

		const credentialOf = (variant: NodeVariant, latency: number): Credential => {
			const id = `bench${variant === 'expressions' ? 'Expr' : 'Auto'}L${latency}`;
			return { id, name: `CEC bench ${id}` };
		};
		const workflowId = (s: Scenario, w: Workload) => `b${s.items}L${s.latencyMs}w${WORKLOADS.indexOf(w)}`;
		const workflows = new Map<string, Workflow>();
		for (const s of opts.scenarios) {
			const url = mockAt(s.latencyMs).url;
			for (const w of WORKLOADS) {
				const id = workflowId(s, w);
				workflows.set(
					id,
					isNodeVariant(w)
						? nodeWorkflow(repoRoot, id, s.items, w, c, credentialOf(w, s.latencyMs))
						: diyWorkflow(repoRoot, id, s.items, url, w === 'diyBatched' ? { batchSize: c, batchInterval: s.latencyMs } : undefined),
				);
			}
		}
		log('real n8n: importing credentials and workflows');
		await inst.importCredentials(
			latencies.flatMap((latency) => NODE_VARIANTS.map((v) => ({ ...(lib.mockCredential(mockAt(latency), credentialOf(v, latency)) as object) }))),
		);
		await inst.importWorkflow([...workflows.values()]);

		const runOnce = (s: Scenario, w: Workload) =>
			runWorkflow(inst, workflows.get(workflowId(s, w)) as Workflow, {
				items: s.items,
				mockUrl: mockAt(s.latencyMs).url,
				timedNodes: isNodeVariant(w) ? [NODE_NAME] : [DIY_TOKEN_NODE, DIY_CALL_NODE],
				checkNode: isNodeVariant(w) ? NODE_NAME : DIY_CALL_NODE,
			});

		const warmedUp = new Set<string>();
		const scenarios: ScenarioResult[] = [];
		for (const s of opts.scenarios) {
			const cold: Partial<Record<Workload, RealRun>> = {};
			for (const v of NODE_VARIANTS) {
				const cred = credentialOf(v, s.latencyMs).id;
				if (warmedUp.has(cred)) continue;
				warmedUp.add(cred);
				log(`real n8n: N=${s.items}, L=${s.latencyMs} ms: our node (${v}), first run with an empty token`);
				cold[v] = await runOnce(s, v);
			}
			const runs = Object.fromEntries(WORKLOADS.map((w) => [w, [] as RealRun[]])) as Record<Workload, RealRun[]>;
			for (let i = 1; i <= s.repeats; i++) {
				for (const w of WORKLOADS) {
					log(`real n8n: N=${s.items}, L=${s.latencyMs} ms: ${w}, run ${i} of ${s.repeats}`);
					runs[w].push(await runOnce(s, w));
				}
			}
			const workloads = Object.fromEntries(
				WORKLOADS.map((w) => [w, { cold: cold[w], runs: runs[w], best: runs[w].reduce((a, b) => (b.nodeTimeMs < a.nodeTimeMs ? b : a)) }]),
			) as Record<Workload, WorkloadRuns>;
			scenarios.push({ ...s, concurrency: c, workloads });
		}
		return { n8nVersion: inst.version, scenarios };
	} finally {
		for (const mock of mocks.values()) await mock.stop().catch(() => undefined);
		await inst.cleanup();
		// packPackage's temp folder (only this process uses it).
		if (basename(dirname(tgz)).startsWith('cec-pack-')) rmSync(dirname(tgz), { recursive: true, force: true });
	}
}
