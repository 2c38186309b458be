/**
 * Throughput benchmark of the Huawei CEC quality node (`npm run bench -- [flags]`, see USAGE).
 *
 * Part 1, in-process: the project's mock (own process) answers every business call after L ms. For each
 * concurrency c, N items go through (a) a raw undici client — keep-alive Pool with `connections: c`,
 * c requests in flight — and (b) our node executed by n8n-core's real WorkflowExecute (the engine
 * harness). Each runs in its own child process (peak RSS is that child's), warm-up first.
 * Part 2, real n8n 2.41.1 (`n8n execute`): our node at c=10 with L=--real-latency and L=--latency, the
 * do-it-yourself HTTP Request pair (bench/diy.workflow.json) at L=--latency, and the sequential
 * per-request overhead at L=0.
 * Prints a table and writes bench/results.json. Exits 1 if a run failed (an item not created, a run
 * error, different request bodies); a missed target exits 0 (it is reported) unless --check-targets.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import { runWorker, type WorkerResult, type WorkerSpec } from './inprocess';
import { analyseProfile, formatBreakdown, type ProfileBreakdown } from './profile';
import { runRealPart, type OursRuns, type RealPartResult, type RealRun, type UndiciReference } from './realN8nBench';

const USAGE = `usage: npm run bench -- [--items N] [--latency MS] [--concurrency 1,5,10] [--warmup-items N]
                       [--real-items N] [--real-latency MS] [--real-concurrency C]
                       [--repeats N] [--real-repeats N] [--skip-real] [--skip-inprocess]
                       [--profile | --no-profile] [--out FILE] [--check-targets]
  --items          items per in-process run and per real-n8n run at --latency (default 1000)
  --latency        mock latency per business request, ms (default 20)
  --concurrency    in-process concurrencies, comma-separated (default 1,5,10)
  --warmup-items   items of the warm-up run before each measured in-process run (default 200)
  --real-items     items of the real-n8n run at --real-latency (default 500)
  --real-latency   mock latency of that run, ms (default 200)
  --real-concurrency  concurrency of the real-n8n runs (default 10)
  --repeats        measured in-process runs per child when N*L/c <= 5 s (default 3; longer runs: 1);
                   the fastest is reported, all are kept in the notes and the JSON
  --real-repeats   real-n8n runs with the stored token per scenario, after the empty-token run
                   (default 2; the DIY pair runs this many + 1 times); the fastest is compared
  --skip-real      only the in-process part
  --skip-inprocess only the real-n8n part
  --profile        CPU-profile the in-process node and undici runs at the highest c (default: only
                   when an in-process target is missed); --no-profile never
  --out            results file (default bench/results.json)
  --check-targets  exit 2 when a target is missed (default: report it, exit 0)`;

interface Flags {
	items: number;
	latency: number;
	concurrency: number[];
	warmupItems: number;
	realItems: number;
	realLatency: number;
	realConcurrency: number;
	repeats: number;
	realRepeats: number;
	skipReal: boolean;
	skipInprocess: boolean;
	profile: 'auto' | 'always' | 'never';
	out: string;
	checkTargets: boolean;
}

function findRepoRoot(): string {
	for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
		if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'scripts', 'lib', 'realN8n.js'))) return dir;
	}
	throw new Error('cannot find the repository root above ' + __dirname);
}

const REPO_ROOT = findRepoRoot();

function parseFlags(argv: string[]): Flags {
	const flags: Flags = {
		items: 1000,
		latency: 20,
		concurrency: [1, 5, 10],
		warmupItems: 200,
		realItems: 500,
		realLatency: 200,
		realConcurrency: 10,
		repeats: 3,
		realRepeats: 2,
		skipReal: false,
		skipInprocess: false,
		profile: 'auto',
		out: join(REPO_ROOT, 'bench', 'results.json'),
		checkTargets: false,
	};
	const args = [...argv];
	const value = (flag: string) => {
		const v = args.shift();
		if (v === undefined) throw new Error(`${flag} needs a value`);
		return v;
	};
	const int = (flag: string, min: number, text = value(flag)) => {
		if (!/^\d+$/.test(text) || Number(text) < min) throw new Error(`${flag}: expected an integer >= ${min}, got "${text}"`);
		return Number(text);
	};
	while (args.length) {
		const raw = args.shift() as string;
		const [flag, inline] = raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
		if (inline !== undefined) args.unshift(inline);
		switch (flag) {
			case '--items': flags.items = int(flag, 1); break;
			case '--latency': flags.latency = int(flag, 0); break;
			case '--concurrency':
				flags.concurrency = value(flag).split(',').map((c) => int(flag, 1, c.trim()));
				break;
			case '--warmup-items': flags.warmupItems = int(flag, 1); break;
			case '--real-items': flags.realItems = int(flag, 1); break;
			case '--real-latency': flags.realLatency = int(flag, 0); break;
			case '--real-concurrency': flags.realConcurrency = int(flag, 1); break;
			case '--repeats': flags.repeats = int(flag, 1); break;
			case '--real-repeats': flags.realRepeats = int(flag, 1); break;
			case '--skip-real': flags.skipReal = true; break;
			case '--skip-inprocess': flags.skipInprocess = true; break;
			case '--profile': flags.profile = 'always'; break;
			case '--no-profile': flags.profile = 'never'; break;
			case '--out': flags.out = resolve(value(flag)); break;
			case '--check-targets': flags.checkTargets = true; break;
			case '--help': case '-h': console.log(USAGE); process.exit(0); break;
			default: throw new Error(`unknown flag ${raw}\n${USAGE}`);
		}
	}
	return flags;
}

/** 1-minute load average sampled before every run: other work on the machine skews wall times. */
const loadSamples: number[] = [];
const log = (line: string) => {
	loadSamples.push(loadavg()[0]);
	process.stderr.write(`[bench] ${line} (load ${loadavg()[0].toFixed(2)})\n`);
};

/* ------------------------------------------------------------ child workers */

interface WorkerRun extends WorkerResult {
	profile?: string;
}

async function spawnWorker(spec: WorkerSpec, cpuProfDir?: string): Promise<WorkerRun> {
	const profName = `${spec.workload}-c${spec.concurrency}.cpuprofile`;
	const nodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${profName}`] : [];
	const out = await new Promise<string>((resolvePromise, reject) => {
		const child = spawn(process.execPath, [...nodeArgs, __filename, '--worker', JSON.stringify(spec)], {
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
	const result = JSON.parse(lines[lines.length - 1]) as WorkerRun;
	if (cpuProfDir) result.profile = join(cpuProfDir, profName);
	return result;
}

async function workerMain(specJson: string): Promise<void> {
	const spec = JSON.parse(specJson) as WorkerSpec;
	try {
		const result = await runWorker(spec);
		process.stdout.write(`${JSON.stringify(result)}\n`);
	} finally {
		// The engine harness puts n8n's instance settings in a temp folder (it removes it only under jest).
		const folder = process.env.N8N_USER_FOLDER;
		if (folder && folder.startsWith(join(tmpdir(), 'cec-engine-'))) rmSync(folder, { recursive: true, force: true });
	}
}

/* ------------------------------------------------------------ rows, table, targets */

interface Row {
	part: 'in-process' | 'real n8n';
	workload: string;
	c: number;
	items: number;
	latencyMs: number;
	/** in-process: the whole runNode / client loop; real n8n: node time from the execution data */
	wallMs: number;
	executeMs?: number;
	itemsPerSec: number;
	limitMs: number;
	xLimit?: number;
	undiciMs?: number;
	xUndici?: number;
	tokenExchanges: number;
	maxInFlight: number;
	peakRssMiB?: number;
	bodiesDigest?: string;
	notes: string[];
}

interface Target {
	name: string;
	value: string;
	met: boolean | null;
}

const limitOf = (items: number, latencyMs: number, c: number) => (items * latencyMs) / c;
/** Short runs are repeated (the fastest counts); a run whose limit is over 5 s runs once. */
const repeatsFor = (flags: Flags, items: number, latencyMs: number, c: number) => (limitOf(items, latencyMs, c) <= 5000 ? flags.repeats : 1);
const walls = (r: { wallsMs: number[] }) => (r.wallsMs.length > 1 ? `fastest of ${r.wallsMs.length} runs: ${r.wallsMs.map((w) => w.toFixed(0)).join(', ')} ms; ` : '');
const mib = (kib?: number) => (kib === undefined ? undefined : kib / 1024);

function makeRow(base: Omit<Row, 'itemsPerSec' | 'limitMs' | 'xLimit' | 'xUndici'>): Row {
	const limitMs = limitOf(base.items, base.latencyMs, base.c);
	return {
		...base,
		itemsPerSec: base.items && base.wallMs ? base.items / (base.wallMs / 1000) : 0,
		limitMs,
		xLimit: limitMs > 0 ? base.wallMs / limitMs : undefined,
		xUndici: base.undiciMs ? base.wallMs / base.undiciMs : undefined,
	};
}

function formatTable(rows: Row[]): string {
	const f = (x: number | undefined, digits = 0) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));
	const header = ['part', 'workload', 'c', 'N', 'L ms', 'wall ms', 'execute ms', 'items/s', 'limit ms', 'x limit', 'x undici', 'token exch', 'in flight', 'peak RSS MiB', 'notes'];
	const body = rows.map((r, i) => [
		r.part,
		r.workload,
		String(r.c),
		String(r.items),
		String(r.latencyMs),
		f(r.wallMs),
		f(r.executeMs),
		f(r.itemsPerSec),
		r.limitMs > 0 ? f(r.limitMs) : '-',
		f(r.xLimit, 3),
		f(r.xUndici, 3),
		String(r.tokenExchanges),
		String(r.maxInFlight),
		f(r.peakRssMiB),
		r.notes.length ? `[${i + 1}]` : '',
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) =>
		cells.map((cell, i) => (i <= 1 || i === cells.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
	const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
	const notes = rows.flatMap((r, i) => (r.notes.length ? [`[${i + 1}] ${r.notes.join('; ')}`] : []));
	return [...out, '', ...notes].join('\n');
}

/* ------------------------------------------------------------ main */

interface InProcessPart {
	latencyMs: number;
	items: number;
	runs: WorkerRun[];
	profiles: ProfileBreakdown[];
}

async function inProcessPart(flags: Flags, rows: Row[]): Promise<InProcessPart> {
	const lib = require(join(REPO_ROOT, 'scripts', 'lib', 'realN8n.js')) as {
		startMockProcess(opts: { latency: number }): Promise<{ url: string; stop(): Promise<unknown> }>;
	};
	const mock = await lib.startMockProcess({ latency: flags.latency });
	const runs: WorkerRun[] = [];
	const profiles: ProfileBreakdown[] = [];
	try {
		const warmupItems = Math.min(flags.warmupItems, flags.items);
		const spec = (workload: 'node' | 'undici', c: number): WorkerSpec => ({
			workload,
			mockUrl: mock.url,
			items: flags.items,
			warmupItems,
			concurrency: c,
			repeats: repeatsFor(flags, flags.items, flags.latency, c),
		});
		for (const c of flags.concurrency) {
			log(`in-process: undici, N=${flags.items}, L=${flags.latency} ms, c=${c}`);
			const undici = await spawnWorker(spec('undici', c));
			runs.push(undici);
			log(`in-process: our node via n8n-core, N=${flags.items}, L=${flags.latency} ms, c=${c}`);
			const node = await spawnWorker(spec('node', c));
			runs.push(node);
			rows.push(
				makeRow({
					part: 'in-process',
					workload: 'undici Pool (raw client)',
					c,
					items: flags.items,
					latencyMs: flags.latency,
					wallMs: undici.wallMs,
					undiciMs: undici.wallMs,
					tokenExchanges: undici.mock.tokenExchanges,
					maxInFlight: undici.mock.maxInFlight,
					peakRssMiB: mib(undici.maxRssKiB),
					bodiesDigest: undici.mock.bodiesDigest,
					notes: [
						`${walls(undici)}token obtained once before the warm-up (${undici.setupTokenExchanges} exchange); warm-up ${undici.warmup.items} items ${undici.warmup.wallMs.toFixed(0)} ms`,
						...undici.problems,
					],
				}),
				makeRow({
					part: 'in-process',
					workload: 'our node (n8n-core WorkflowExecute)',
					c,
					items: flags.items,
					latencyMs: flags.latency,
					wallMs: node.wallMs,
					undiciMs: undici.wallMs,
					tokenExchanges: node.mock.tokenExchanges,
					maxInFlight: node.mock.maxInFlight,
					peakRssMiB: mib(node.maxRssKiB),
					bodiesDigest: node.mock.bodiesDigest,
					notes: [
						`${walls(node)}first request reached the mock ${node.firstRequestAfterMs} ms after the run started (every item is validated before any is sent), last answer ${node.afterLastAnswerMs} ms before its end; sending phase ${(node.wallMs - node.firstRequestAfterMs - node.afterLastAnswerMs).toFixed(0)} ms = ${((node.wallMs - node.firstRequestAfterMs - node.afterLastAnswerMs) / Math.max(1, limitOf(flags.items, flags.latency, c))).toFixed(3)} x limit`,
						`node executionTime ${node.nodeTimeMs?.toFixed(0)} ms; warm-up ${node.warmup.items} items with an empty token: ${node.warmup.wallMs.toFixed(0)} ms, ${node.warmup.tokenExchanges} token exchange (measured run reuses the stored token)`,
						...node.problems,
					],
				}),
			);
		}

		const top = Math.max(...flags.concurrency);
		const topNode = rows.find((r) => r.part === 'in-process' && r.c === top && r.workload.startsWith('our node'));
		const missed = topNode !== undefined && ((topNode.xLimit ?? 0) > 1.1 || (topNode.xUndici ?? 0) > 1.05);
		if (flags.profile === 'always' || (flags.profile === 'auto' && missed)) {
			const dir = join(REPO_ROOT, '.cache', 'bench-profiles');
			rmSync(dir, { recursive: true, force: true });
			mkdirSync(dir, { recursive: true });
			log(`in-process: CPU profiles (node --cpu-prof) of the c=${top} runs${missed ? ' (a target was missed)' : ''}`);
			for (const workload of ['undici', 'node'] as const) {
				const run = await spawnWorker(spec(workload, top), dir);
				const breakdown = analyseProfile(run.profile as string, run.items, run.measuredWindowUs);
				profiles.push(breakdown);
				if (workload === 'node' && run.firstRequestAfterMs > 0) {
					// The node prepares (validates) every item before sending: split the run there.
					const [from, to] = run.measuredWindowUs;
					const split = from + run.firstRequestAfterMs * 1000;
					profiles.push({ ...analyseProfile(run.profile as string, run.items, [from, split]), phase: 'node: preparing every item (before the first request)' });
					profiles.push({ ...analyseProfile(run.profile as string, run.items, [split, to]), phase: 'node: sending (first request to the end)' });
				}
				log(`profiled ${workload} run: ${run.wallMs.toFixed(0)} ms wall (with the profiler on)`);
			}
		}
	} finally {
		await mock.stop();
	}
	return { latencyMs: flags.latency, items: flags.items, runs, profiles };
}

function realRows(flags: Flags, real: RealPartResult, inProcessUndiciAt: (c: number) => number | undefined): Row[] {
	const rows: Row[] = [];
	const c = flags.realConcurrency;
	const nodeRow = ({ warm: run, cold, warmRuns }: OursRuns, undiciMs: number | undefined, extra: string[] = []) =>
		makeRow({
			part: 'real n8n',
			workload: `our node (n8n ${real.n8nVersion})`,
			c: run.concurrency,
			items: run.items,
			latencyMs: run.latencyMs,
			wallMs: run.nodeTimeMs,
			executeMs: run.executeMs,
			undiciMs,
			tokenExchanges: run.mock.tokenExchanges,
			maxInFlight: run.mock.maxInFlight,
			peakRssMiB: mib(run.maxRssKiB),
			bodiesDigest: run.mock.bodiesDigest,
			notes: [
				`wall = the node's executionTime, fastest of ${warmRuns.length} runs with the token stored in n8n's DB (${warmRuns.map((r) => r.nodeTimeMs.toFixed(0)).join(', ')} ms). Before them, a run with an empty token: node ${cold.nodeTimeMs.toFixed(0)} ms, execute ${cold.executeMs.toFixed(0)} ms, ${cold.mock.tokenExchanges} exchange`,
				...extra,
			],
		});
	const undiciRow = (u: UndiciReference, items: number, latencyMs: number, conc: number) =>
		makeRow({
			part: 'real n8n',
			workload: 'undici Pool (reference, same mock)',
			c: conc,
			items,
			latencyMs,
			wallMs: u.wallMs,
			undiciMs: u.wallMs,
			tokenExchanges: u.mock.tokenExchanges,
			maxInFlight: u.mock.maxInFlight,
			peakRssMiB: mib(u.maxRssKiB),
			bodiesDigest: u.mock.bodiesDigest,
			notes: [...(u.wallsMs.length > 1 ? [`fastest of ${u.wallsMs.length} runs: ${u.wallsMs.map((w) => w.toFixed(0)).join(', ')} ms`] : []), ...u.problems],
		});

	rows.push(nodeRow(real.nodeAtRealLatency, real.undiciAtRealLatency.wallMs));
	rows.push(undiciRow(real.undiciAtRealLatency, flags.realItems, flags.realLatency, c));

	const diy = real.diy.best;
	rows.push(
		nodeRow(real.nodeAtLatency, inProcessUndiciAt(c), [
			`x DIY pair = ${(real.nodeAtLatency.warm.nodeTimeMs / diy.nodeTimeMs).toFixed(3)} (node times), ${(real.nodeAtLatency.warm.executeMs / diy.executeMs).toFixed(3)} (whole n8n execute)`,
			...(inProcessUndiciAt(c) ? [`x undici uses the in-process undici run at c=${c}`] : []),
		]),
	);
	rows.push(
		makeRow({
			part: 'real n8n',
			workload: 'DIY pair: HTTP Request token + HTTP Request',
			c,
			items: diy.items,
			latencyMs: diy.latencyMs,
			wallMs: diy.nodeTimeMs,
			executeMs: diy.executeMs,
			undiciMs: inProcessUndiciAt(c),
			tokenExchanges: diy.mock.tokenExchanges,
			maxInFlight: diy.mock.maxInFlight,
			peakRssMiB: mib(diy.maxRssKiB),
			bodiesDigest: diy.mock.bodiesDigest,
			notes: [
				`wall = "Get token" ${diy.nodeTimes['Get token']?.toFixed(0)} ms + "Call API" ${diy.nodeTimes['Call API']?.toFixed(0)} ms (executionTime); HTTP Request batching: ${real.diy.batchSize} items every ${real.diy.batchIntervalMs} ms (= c requests per L, the rate of a full window of c; without batching it fires all ${diy.items} at once; a start rate, not a cap: ${diy.mock.maxInFlight} were in flight at the peak); fastest of ${real.diy.runs.length} runs (${real.diy.runs.map((r) => r.nodeTimeMs.toFixed(0)).join(', ')} ms), each with its own token exchange`,
			],
		}),
	);

	const o = real.overhead;
	rows.push(
		nodeRow(o, o.undici.wallMs, [
			`per-request overhead: ${o.perRequestFromExecuteMs.toFixed(3)} ms from whole execute ((${o.warm.executeMs.toFixed(0)} - empty run ${Math.min(...o.empty.map((e) => e.executeMs)).toFixed(0)}) / ${o.warm.items}), ${o.perRequestFromNodeTimeMs.toFixed(3)} ms from node time; undici ${o.undiciPerRequestMs.toFixed(3)} ms`,
		]),
	);
	rows.push(
		makeRow({
			part: 'real n8n',
			workload: 'empty run (N=0: trigger + Items only)',
			c: 1,
			items: 0,
			latencyMs: 0,
			wallMs: 0,
			executeMs: Math.min(...o.empty.map((e) => e.executeMs)),
			tokenExchanges: o.empty[o.empty.length - 1].mock.tokenExchanges,
			maxInFlight: 0,
			peakRssMiB: mib(Math.max(...o.empty.map((e) => e.maxRssKiB ?? 0))),
			notes: [`execute ms = best of ${o.empty.length}: ${o.empty.map((e) => e.executeMs.toFixed(0)).join(', ')}`],
		}),
	);
	rows.push(undiciRow(o.undici, flags.items, 0, 1));
	return rows;
}

function realProblems(real: RealPartResult): string[] {
	const ours = (o: OursRuns) => [o.cold, ...o.warmRuns];
	const runs: RealRun[] = [
		...ours(real.nodeAtRealLatency),
		...ours(real.nodeAtLatency),
		...real.diy.runs,
		...ours(real.overhead),
		...real.overhead.empty,
	];
	return [
		...runs.flatMap((r) => r.problems.map((p) => `real n8n ${r.workflowId} (${r.label}): ${p}`)),
		...real.undiciAtRealLatency.problems.map((p) => `real-n8n undici reference: ${p}`),
		...real.overhead.undici.problems.map((p) => `real-n8n undici reference (L=0): ${p}`),
	];
}

async function main(): Promise<number> {
	const flags = parseFlags(process.argv.slice(2));
	const rows: Row[] = [];
	const targets: Target[] = [];
	let inProcess: InProcessPart | undefined;
	let real: RealPartResult | undefined;
	const started = new Date();

	if (!flags.skipInprocess) inProcess = await inProcessPart(flags, rows);
	const inProcessUndiciAt = (c: number) =>
		inProcess && inProcess.latencyMs === flags.latency
			? inProcess.runs.find((r) => r.workload === 'undici' && r.concurrency === c)?.wallMs
			: undefined;

	if (!flags.skipReal) {
		real = await runRealPart({
			repoRoot: REPO_ROOT,
			items: flags.items,
			latencyMs: flags.latency,
			realItems: flags.realItems,
			realLatencyMs: flags.realLatency,
			concurrency: flags.realConcurrency,
			log,
			undiciReference: async (mockUrl, items, c, latencyMs) => {
				const run = await spawnWorker({
					workload: 'undici',
					mockUrl,
					items,
					warmupItems: Math.min(flags.warmupItems, items),
					concurrency: c,
					repeats: repeatsFor(flags, items, latencyMs, c),
				});
				return { wallMs: run.wallMs, wallsMs: run.wallsMs, maxRssKiB: run.maxRssKiB, mock: run.mock, problems: run.problems };
			},
			repeats: flags.realRepeats,
		});
		rows.push(...realRows(flags, real, inProcessUndiciAt));
	}

	// Targets.
	const fmt = (x: number) => x.toFixed(3);
	if (inProcess) {
		const c = flags.concurrency.includes(10) ? 10 : Math.max(...flags.concurrency);
		const node = rows.find((r) => r.part === 'in-process' && r.c === c && r.workload.startsWith('our node'));
		if (node) {
			targets.push({
				name: `in-process c=${c}, L=${flags.latency}: wall <= 1.10 x N*L/c`,
				value: `${node.wallMs.toFixed(0)} ms = ${node.xLimit === undefined ? 'n/a' : fmt(node.xLimit)} x ${node.limitMs.toFixed(0)} ms`,
				met: node.xLimit === undefined ? null : node.xLimit <= 1.1,
			});
			targets.push({
				name: `in-process c=${c}, L=${flags.latency}: wall <= 1.05 x undici`,
				value: `${node.wallMs.toFixed(0)} ms = ${fmt(node.xUndici ?? NaN)} x ${node.undiciMs?.toFixed(0)} ms`,
				met: node.xUndici === undefined ? null : node.xUndici <= 1.05,
			});
		}
	}
	if (real) {
		const w = real.nodeAtRealLatency.warm;
		const limit = limitOf(w.items, w.latencyMs, w.concurrency);
		targets.push({
			name: `real n8n c=${w.concurrency}, L=${w.latencyMs}, N=${w.items}: node time <= 1.10 x N*L/c`,
			value: `${w.nodeTimeMs.toFixed(0)} ms = ${fmt(w.nodeTimeMs / limit)} x ${limit.toFixed(0)} ms (cold-token run: ${fmt(real.nodeAtRealLatency.cold.nodeTimeMs / limit)} x)`,
			met: limit > 0 ? w.nodeTimeMs <= 1.1 * limit : null,
		});
		const l = real.nodeAtLatency.warm;
		const diy = real.diy.best;
		targets.push({
			name: `real n8n c=${l.concurrency}, L=${l.latencyMs}, N=${l.items}: node time <= 1.5 x DIY pair`,
			value: `${l.nodeTimeMs.toFixed(0)} ms = ${fmt(l.nodeTimeMs / diy.nodeTimeMs)} x ${diy.nodeTimeMs.toFixed(0)} ms (cold-token run: ${fmt(real.nodeAtLatency.cold.nodeTimeMs / diy.nodeTimeMs)} x)`,
			met: l.nodeTimeMs <= 1.5 * diy.nodeTimeMs,
		});
	}

	// Same bodies everywhere (per N): digests of the sorted request bodies the mock received.
	const digests = new Map<number, Set<string>>();
	for (const r of rows) {
		if (!r.bodiesDigest || !r.items) continue;
		if (!digests.has(r.items)) digests.set(r.items, new Set());
		digests.get(r.items)?.add(r.bodiesDigest);
	}
	const sameBodies = [...digests.values()].every((s) => s.size === 1);

	const problems = [
		...(inProcess?.runs.flatMap((r) => r.problems.map((p) => `in-process ${r.workload} c=${r.concurrency}: ${p}`)) ?? []),
		...(real ? realProblems(real) : []),
		...(sameBodies ? [] : ['the workloads did not send the same request bodies (digests differ)']),
	];

	console.log('');
	console.log(`CEC quality node benchmark — ${started.toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
	console.log(
		`in-process: mock latency L=${flags.latency} ms, N=${flags.items}, warm-up ${Math.min(flags.warmupItems, flags.items)} items per child; ` +
			`real n8n: c=${flags.realConcurrency}, L=${flags.realLatency} ms with N=${flags.realItems}, L=${flags.latency} ms with N=${flags.items}, L=0 c=1 with N=${flags.items}`,
	);
	const maxLoad = Math.max(0, ...loadSamples);
	console.log(
		`system load (1-min average) before the runs: ${Math.min(...loadSamples).toFixed(2)}–${maxLoad.toFixed(2)} on ${cpus().length} cores` +
			(maxLoad > cpus().length * 0.75 ? ' — WARNING: other processes were busy; wall times are inflated, rerun on a quiet machine' : ''),
	);
	console.log('limit = N·L/c; in-process wall = the whole runNode (WorkflowExecute) / client loop; real-n8n wall = node executionTime from the execution data, execute = whole `n8n execute`');
	console.log('');
	console.log(formatTable(rows));
	console.log('');
	console.log(`request bodies identical across workloads (per N): ${sameBodies ? 'yes' : 'NO'} (${[...digests.entries()].map(([n, s]) => `N=${n}: ${[...s].join('/')}`).join(', ')})`);
	if (real) {
		const o = real.overhead;
		console.log(
			`per-request overhead in real n8n at L=0, sequential: ${o.perRequestFromExecuteMs.toFixed(3)} ms ((execute − empty run)/N), ` +
				`${o.perRequestFromNodeTimeMs.toFixed(3)} ms (node time/N); raw undici: ${o.undiciPerRequestMs.toFixed(3)} ms`,
		);
	}
	console.log('');
	console.log('targets:');
	for (const t of targets) console.log(`  ${t.met === null ? 'n/a ' : t.met ? 'MET ' : 'MISS'}  ${t.name}: ${t.value}`);
	for (const p of inProcess?.profiles ?? []) console.log(`\n${formatBreakdown(p)}`);
	if (problems.length) console.log(`\nPROBLEMS:\n  ${problems.join('\n  ')}`);

	mkdirSync(dirname(flags.out), { recursive: true });
	writeFileSync(
		flags.out,
		JSON.stringify(
			{
				generatedAt: started.toISOString(),
				machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemMiB: Math.round(totalmem() / 1048576), node: process.version },
				flags,
				loadSamples,
				rows,
				targets,
				sameBodies,
				problems,
				inProcess,
				real,
			},
			null,
			2,
		),
	);
	console.log(`\nwritten: ${flags.out}`);
	if (problems.length) return 1;
	return flags.checkTargets && targets.some((t) => t.met === false) ? 2 : 0;
}

if (process.argv[2] === '--worker') {
	workerMain(process.argv[3]).catch((error) => {
		process.stderr.write(`[bench worker] ${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	});
} else {
	main().then(
		(code) => process.exit(code),
		(error) => {
			process.stderr.write(`[bench] ${error instanceof Error ? error.stack : String(error)}\n`);
			process.exit(1);
		},
	);
}
