/**
 * Throughput benchmark of the Huawei CEC quality node (`npm run bench -- [flags]`, see USAGE).
 *
 * Default: the real-n8n matrix (bench/realN8nBench.ts). In n8n 2.41.1, per scenario (N items, mock
 * latency L per business request, concurrency c): the limit N·L/c, the do-it-yourself HTTP Request pair
 * with n8n's default batching and with batching at c, and our node with per-field expressions and
 * auto-mapped; N=--items at every --latencies value, and N=--large-items at the lowest latency.
 * `--inprocess` instead runs the node through n8n-core in this machine's Node next to a raw undici
 * client (bench/inprocess.ts), optionally CPU-profiled. `--trigger` instead runs the polling trigger
 * over a simulated day at several upload rates, next to the design it replaces (bench/trigger/).
 * Prints a markdown table and writes bench/results.json. Exits 1 if a run failed (an item not created,
 * a run error, different request bodies); a missed target exits 0 (it is reported) unless
 * --check-targets.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import { runInProcess, workerMain, type InProcessResult } from './inprocess';
import { DESIGN_LABELS, TRIGGER_DESIGNS, TRIGGER_PARAMETERS, runTriggerMatrix, triggerWorkerMain, type TriggerRunResult } from './trigger/triggerBench';
import { formatBreakdown } from './profile';
import { RSS_SOURCE, WORKLOADS, runMatrix, type MatrixResult, type RealRun, type Scenario, type ScenarioResult, type Workload } from './realN8nBench';

const USAGE = `usage: npm run bench -- [--items N] [--large-items N] [--latencies MS,MS] [--concurrency C]
                       [--repeats N] [--large-repeats N] [--out FILE] [--check-targets]
       npm run bench -- --inprocess [--items N] [--latencies MS,MS] [--concurrency C] [--repeats N]
                       [--warmup-items N] [--profile] [--out FILE]
       npm run bench -- --trigger [--rates N,N] [--seed N] [--jobs N] [--out FILE] [--check-targets]
Default: the real-n8n matrix in n8n 2.41.1 (about 10-15 min on 2 cores): for N=--items at each latency
and N=--large-items at the lowest, the limit N*L/c, the DIY HTTP Request pair with n8n's default
batching (all at once) and with batching (c items every L ms), our node with expressions and
auto-mapped; targets reported as MET/MISS.
  --items          items per scenario at every latency (default 1000)
  --large-items    items of the scenario at the lowest latency that checks linearity and memory
                   (default 10000; 0 = none)
  --latencies      mock latencies per business request, ms, comma-separated (default 20,200)
  --concurrency    c: the node's Concurrency option and the DIY pair's batch size (default 10)
  --repeats        measured runs per workload at --items, round-robin; the fastest counts (default 2).
                   Each node variant's first run at a latency (empty token) comes before them
  --large-repeats  measured runs per workload at --large-items (default 1)
  --out            results file (default bench/results.json)
  --check-targets  exit 2 when a target is missed (default: report it, exit 0)
  --inprocess      instead of real n8n: at each latency, N=--items through a raw undici Pool (keep-alive,
                   c connections) and our node (both variants) through n8n-core's WorkflowExecute, each
                   in its own child process after a warm-up of --warmup-items (default 200)
  --profile        with --inprocess: one more CPU-profiled run of each workload at the lowest latency,
                   broken down by code owner
  --trigger        instead: the polling trigger through n8n-core's PollContext against the mock over a
                   simulated day (one poll a minute, 1,441 polls), the package's trigger and today's
                   design (bench/trigger/todaysDesign.ts) at each rate; no build needed. Target at
                   100,000 calls a day: >= 10x fewer requests per poll than today's design (median and
                   max), static data < 100 KB, nothing missed or emitted twice.
                   Results: bench/results-trigger.json unless --out
  --rates          with --trigger: calls a day, comma-separated (default 1000,10000,100000)
  --seed           with --trigger: the workload's PRNG seed (default 17)
  --jobs           with --trigger: runs at once, each in its own child process (default 2)
  -h, --help       this text`;

interface Flags {
	inprocess: boolean;
	trigger: boolean;
	rates: number[];
	seed: number;
	jobs: number;
	items: number;
	largeItems: number;
	latencies: number[];
	concurrency: number;
	repeats: number;
	largeRepeats: number;
	warmupItems: number;
	profile: boolean;
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
		inprocess: false,
		trigger: false,
		rates: [1000, 10000, 100000],
		seed: 17,
		jobs: 2,
		items: 1000,
		largeItems: 10000,
		latencies: [20, 200],
		concurrency: 10,
		repeats: 2,
		largeRepeats: 1,
		warmupItems: 200,
		profile: false,
		out: '',
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
			case '--inprocess': flags.inprocess = true; break;
			case '--trigger': flags.trigger = true; break;
			case '--rates':
				flags.rates = [...new Set(value(flag).split(',').map((r) => int(flag, 1, r.trim())))];
				break;
			case '--seed': flags.seed = int(flag, 0); break;
			case '--jobs': flags.jobs = int(flag, 1); break;
			case '--items': flags.items = int(flag, 1); break;
			case '--large-items': flags.largeItems = int(flag, 0); break;
			case '--latencies':
				flags.latencies = [...new Set(value(flag).split(',').map((l) => int(flag, 1, l.trim())))];
				break;
			case '--concurrency': flags.concurrency = int(flag, 1); break;
			case '--repeats': flags.repeats = int(flag, 1); break;
			case '--large-repeats': flags.largeRepeats = int(flag, 1); break;
			case '--warmup-items': flags.warmupItems = int(flag, 1); break;
			case '--profile': flags.profile = true; break;
			case '--out': flags.out = resolve(value(flag)); break;
			case '--check-targets': flags.checkTargets = true; break;
			case '--help': case '-h': console.log(USAGE); process.exit(0); break;
			default: throw new Error(`unknown flag ${raw}\n${USAGE}`);
		}
	}
	if (flags.trigger && flags.inprocess) throw new Error('--trigger and --inprocess are separate benchmarks: give one');
	flags.out ||= join(REPO_ROOT, 'bench', flags.trigger ? 'results-trigger.json' : 'results.json');
	return flags;
}

/** 1-minute load average sampled before every run (it includes the bench's own n8n and mock processes). */
const loadSamples: number[] = [];
const log = (line: string) => {
	loadSamples.push(loadavg()[0]);
	process.stderr.write(`[bench] ${line} (load ${loadavg()[0].toFixed(2)})\n`);
};

/* ------------------------------------------------------------ output */

const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(0));
const ratio = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(2));
const mib = (kib: number | undefined) => (kib === undefined ? undefined : kib / 1024);
const runsText = (n: number) => (n > 1 ? `fastest of ${n} runs` : 'one run');

/** A markdown table, padded so it also reads as plain text; `left` = columns aligned left. */
function markdownTable(header: string[], body: string[][], left: number[]): string {
	const widths = header.map((h, i) => Math.max(h.length, 3, ...body.map((b) => b[i].length)));
	const cells = (row: string[]) => `| ${row.map((c, i) => (left.includes(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
	const rule = `|${widths.map((w, i) => (left.includes(i) ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
	return [cells(header), rule, ...body.map(cells)].join('\n');
}

/** Table rows plus numbered notes: a row's notes become "[n]" in its last cell. */
function withNotes(rows: Array<{ cells: string[]; notes: string[] }>): { body: string[][]; notes: string[] } {
	const notes: string[] = [];
	const body = rows.map((r) => {
		if (!r.notes.length) return [...r.cells, ''];
		notes.push(`[${notes.length + 1}] ${r.notes.join('; ')}`);
		return [...r.cells, `[${notes.length}]`];
	});
	return { body, notes };
}

interface Target {
	name: string;
	value: string;
	met: boolean;
}

/* ------------------------------------------------------------ real-n8n matrix */

const LABELS: Record<Workload, (c: number, latencyMs: number) => string> = {
	diyDefault: () => 'DIY pair, n8n default batching (all at once)',
	diyBatched: (c, l) => `DIY pair, batching ${c} items every ${l} ms`,
	expressions: () => 'our node, expressions',
	autoMapped: () => 'our node, auto-mapped',
};

const isNode = (w: Workload) => w === 'expressions' || w === 'autoMapped';
const limitOf = (s: ScenarioResult) => (s.items * s.latencyMs) / s.concurrency;
const timeOf = (s: ScenarioResult, w: Workload) => s.workloads[w].best.nodeTimeMs;
const peakRssKiB = (s: ScenarioResult, w: Workload) => Math.max(...s.workloads[w].runs.map((r) => r.maxRssKiB ?? NaN));

function matrixTable(m: MatrixResult): string {
	const rows = m.scenarios.flatMap((s) => {
		const limit = limitOf(s);
		const head = [String(s.items), String(s.latencyMs)];
		const limitRow = { cells: [...head, 'limit N·L/c', String(s.concurrency), ms(limit), ratio(1), '', '', '', '', '', ''], notes: [] };
		return [
			limitRow,
			...WORKLOADS.map((w) => {
				const { best, runs, cold } = s.workloads[w];
				const notes = [
					...(runs.length > 1 ? [`fastest of ${runs.length}: ${runs.map((r) => ms(r.nodeTimeMs)).join(', ')} ms`] : []),
					...(isNode(w) ? [] : [`"Get token" ${ms(best.nodeTimes['Get token'])} + "Call API" ${ms(best.nodeTimes['Call API'])} ms`]),
					...(cold ? [`before them, the first run with an empty token: ${ms(cold.nodeTimeMs)} ms, ${cold.mock.tokenExchanges} token exchange`] : []),
				];
				return {
					cells: [
						...head,
						LABELS[w](s.concurrency, s.latencyMs),
						w === 'diyDefault' ? 'all' : String(s.concurrency),
						ms(best.nodeTimeMs),
						ratio(best.nodeTimeMs / limit),
						isNode(w) ? ratio(best.nodeTimeMs / timeOf(s, 'diyDefault')) : '',
						isNode(w) ? ratio(best.nodeTimeMs / timeOf(s, 'diyBatched')) : '',
						ms(best.executeMs),
						ms(mib(peakRssKiB(s, w))),
						String(best.mock.tokenExchanges),
						String(best.mock.maxInFlight),
					],
					notes,
				};
			}),
		];
	});
	const header = ['N', 'L ms', 'workload', 'c', 'time ms', '× limit', '× DIY default', '× DIY batched', 'n8n execute ms', 'peak RSS MiB', 'token exch.', 'max in flight', 'notes'];
	const { body, notes } = withNotes(rows);
	return [markdownTable(header, body, [2, 12]), '', ...notes].join('\n');
}

function matrixTargets(flags: Flags, m: MatrixResult): Target[] {
	const at = (items: number, latencyMs: number) => m.scenarios.find((s) => s.items === items && s.latencyMs === latencyMs);
	const high = at(flags.items, Math.max(...flags.latencies)) as ScenarioResult;
	const low = at(flags.items, Math.min(...flags.latencies)) as ScenarioResult;
	const large = flags.largeItems !== flags.items ? at(flags.largeItems, low.latencyMs) : undefined;
	const where = (s: ScenarioResult) => `N=${s.items}, L=${s.latencyMs}, c=${s.concurrency}`;
	const targets: Target[] = [];
	for (const [w, max] of [['autoMapped', 1.05], ['expressions', 1.1]] as const) {
		const t = timeOf(high, w);
		targets.push({
			name: `${where(high)}: ${LABELS[w](0, 0)} ≤ ${max.toFixed(2)} × limit`,
			value: `${ms(t)} ms = ${(t / limitOf(high)).toFixed(3)} × ${ms(limitOf(high))} ms`,
			met: t <= max * limitOf(high),
		});
	}
	for (const [w, max] of [['autoMapped', 1.0], ['expressions', 1.5]] as const) {
		const t = timeOf(low, w);
		const diy = timeOf(low, 'diyDefault');
		targets.push({
			name: `${where(low)}: ${LABELS[w](0, 0)} ≤ ${max.toFixed(1)} × DIY default batching`,
			value: `${ms(t)} ms = ${(t / diy).toFixed(3)} × ${ms(diy)} ms`,
			met: t <= max * diy,
		});
	}
	if (large) {
		for (const w of ['autoMapped', 'expressions'] as const) {
			const perItem = timeOf(large, w) / large.items;
			const base = timeOf(low, w) / low.items;
			targets.push({
				name: `${where(large)}: ${LABELS[w](0, 0)} time per item ≤ 1.15 × the N=${low.items} run's (linear)`,
				value: `${perItem.toFixed(3)} ms vs ${base.toFixed(3)} ms = ${(perItem / base).toFixed(3)} ×`,
				met: perItem <= 1.15 * base,
			});
		}
		const peaks = (['autoMapped', 'expressions'] as const).map((w) => [w, mib(peakRssKiB(large, w)) ?? NaN] as const);
		targets.push({
			name: `${where(large)}: n8n peak RSS ≤ 800 MiB with our node`,
			value: peaks.map(([w, p]) => `${LABELS[w](0, 0).replace('our node, ', '')} ${ms(p)} MiB`).join(', '),
			met: peaks.every(([, p]) => p <= 800),
		});
	}
	return targets;
}

/** Every run of every workload, for the body and problem checks. */
function allRuns(m: MatrixResult): Array<{ label: string; items: number; run: RealRun }> {
	return m.scenarios.flatMap((s) =>
		WORKLOADS.flatMap((w) => {
			const { cold, runs } = s.workloads[w];
			const label = `N=${s.items}, L=${s.latencyMs}: ${LABELS[w](s.concurrency, s.latencyMs)}`;
			return [...(cold ? [{ label: `${label} (empty token)`, items: s.items, run: cold }] : []), ...runs.map((run, i) => ({ label: `${label} (run ${i + 1})`, items: s.items, run }))];
		}),
	);
}

async function realMain(flags: Flags, started: Date): Promise<{ text: string[]; targets: Target[]; problems: string[]; result: MatrixResult }> {
	const low = Math.min(...flags.latencies);
	const scenarios: Scenario[] = [
		...flags.latencies.map((latencyMs) => ({ items: flags.items, latencyMs, repeats: flags.repeats })),
		...(flags.largeItems && flags.largeItems !== flags.items ? [{ items: flags.largeItems, latencyMs: low, repeats: flags.largeRepeats }] : []),
	];
	const result = await runMatrix({ repoRoot: REPO_ROOT, concurrency: flags.concurrency, scenarios, log });
	const runs = allRuns(result);
	// Same bodies everywhere (per N): digests of the sorted request bodies the mock received.
	const digests = new Map<number, Set<string>>();
	for (const { items, run } of runs) digests.set(items, (digests.get(items) ?? new Set()).add(run.mock.bodiesDigest));
	const sameBodies = [...digests.values()].every((d) => d.size === 1);
	const problems = [
		...runs.flatMap(({ label, run }) => run.problems.map((p) => `${label}: ${p}`)),
		...(sameBodies ? [] : ['the workloads did not send the same request bodies (digests differ)']),
	];
	const targets = matrixTargets(flags, result);
	const text = [
		`CEC quality node benchmark in real n8n ${result.n8nVersion} (\`n8n execute\`, Node 24) — ${started.toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
		`c = ${flags.concurrency}; L = the mock's latency per business request; time = the node's executionTime from the execution data (DIY pair: "Get token" + "Call API"),`,
		`${runsText(flags.repeats)} (N=${flags.largeItems}: ${runsText(flags.largeRepeats)}); × DIY = our node's time / the DIY pair's; n8n execute = the whole process, start to exit; peak RSS: ${RSS_SOURCE} (n8n's main process)`,
		'',
		matrixTable(result),
		'',
		`request bodies identical across workloads and runs (per N): ${sameBodies ? 'yes' : 'NO'} (${[...digests.entries()].map(([n, d]) => `N=${n}: ${[...d].join('/')}`).join(', ')})`,
		'',
		'targets (reported, not asserted):',
		...targets.map((t) => `- ${t.met ? 'MET ' : 'MISS'} ${t.name}: ${t.value}`),
	];
	return { text, targets, problems, result };
}

/* ------------------------------------------------------------ in-process */

async function inProcessMain(flags: Flags, started: Date): Promise<{ text: string[]; problems: string[]; result: InProcessResult[] }> {
	const result = await runInProcess({
		repoRoot: REPO_ROOT,
		latencies: flags.latencies,
		items: flags.items,
		warmupItems: flags.warmupItems,
		concurrency: flags.concurrency,
		repeats: flags.repeats,
		profile: flags.profile,
		log,
	});
	const c = flags.concurrency;
	const rows = result.flatMap(({ latencyMs, runs }) => {
		const limit = (flags.items * latencyMs) / c;
		const undici = runs.find((r) => r.workload === 'undici')?.wallMs;
		const head = [String(flags.items), String(latencyMs)];
		return [
			{ cells: [...head, 'limit N·L/c', String(c), ms(limit), '', ratio(1), '', '', '', ''], notes: [] },
			...runs.map((r) => ({
				cells: [
					...head,
					r.workload === 'undici' ? 'undici Pool (raw client)' : `our node, ${r.workload === 'autoMapped' ? 'auto-mapped' : 'expressions'} (n8n-core)`,
					String(c),
					ms(r.wallMs),
					ms(r.nodeTimeMs),
					ratio(r.wallMs / limit),
					ratio(undici ? r.wallMs / undici : undefined),
					ms(mib(r.maxRssKiB)),
					String(r.mock.tokenExchanges),
					String(r.mock.maxInFlight),
				],
				notes: [
					...(r.wallsMs.length > 1 ? [`fastest of ${r.wallsMs.length}: ${r.wallsMs.map(ms).join(', ')} ms`] : []),
					`warm-up ${r.warmup.items} items ${ms(r.warmup.wallMs)} ms` + (r.workload === 'undici' ? ' (token obtained before it)' : ` (empty token: ${r.warmup.tokenExchanges} exchange)`),
					`first request ${ms(r.firstRequestAfterMs)} ms after the start, last answer ${ms(r.afterLastAnswerMs)} ms before the end`,
				],
			})),
		];
	});
	const header = ['N', 'L ms', 'workload', 'c', 'wall ms', 'node time ms', '× limit', '× undici', 'peak RSS MiB', 'token exch.', 'max in flight', 'notes'];
	const { body, notes } = withNotes(rows);
	const text = [
		`CEC quality node benchmark, in-process (n8n-core ${require('n8n-core/package.json').version} in node ${process.version}) — ${started.toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
		`c = ${c}; wall = the whole runNode (WorkflowExecute) / client loop, ${runsText(flags.repeats)}; node time = the node's executionTime; each workload in its own child process (its peak RSS)`,
		'',
		markdownTable(header, body, [2, 11]),
		'',
		...notes,
		...result.flatMap((r) => r.profiles.map((p) => `\n${formatBreakdown(p)}`)),
	];
	const problems = result.flatMap((r) => r.runs.flatMap((run) => run.problems.map((p) => `in-process ${run.workload}, L=${r.latencyMs}: ${p}`)));
	return { text, problems, result };
}

/* ------------------------------------------------------------ trigger */

const TRIGGER_TARGET_RATE = 100000;
const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const times = (today: number, node: number) => (node === 0 ? (today === 0 ? '1.0' : '∞') : (today / node).toFixed(1));

function triggerTargets(runs: TriggerRunResult[]): Target[] {
	const node = runs.find((r) => r.design === 'node' && r.callsPerDay === TRIGGER_TARGET_RATE);
	const today = runs.find((r) => r.design === 'todaysDesign' && r.callsPerDay === TRIGGER_TARGET_RATE);
	if (!node || !today) return [];
	const at = `${TRIGGER_TARGET_RATE} calls/day`;
	const fewer = (what: 'median' | 'max') => {
		const [t, n] = [today.detailsRequestsPerPoll[what], node.detailsRequestsPerPoll[what]];
		return { name: `${at}: requests per poll (${what}) >= 10x fewer than today's design`, value: `${n} vs ${t} = ${times(t, n)}x fewer`, met: n * 10 <= t };
	};
	return [
		fewer('median'),
		fewer('max'),
		{ name: `${at}: static data < 100 KB after every poll`, value: `max ${kb(node.staticDataBytes.max)} KB`, met: node.staticDataBytes.max < 100_000 },
		{ name: `${at}: no call missed`, value: String(node.missed), met: node.missed === 0 },
		{ name: `${at}: no call emitted twice`, value: String(node.emittedTwice), met: node.emittedTwice === 0 },
	];
}

async function triggerMain(flags: Flags, started: Date): Promise<{ text: string[]; targets: Target[]; problems: string[]; result: TriggerRunResult[] }> {
	const runs = await runTriggerMatrix({ repoRoot: REPO_ROOT, rates: flags.rates, seed: flags.seed, jobs: flags.jobs, log });
	const rows = runs.map((r) => {
		const today = runs.find((t) => t.design === 'todaysDesign' && t.callsPerDay === r.callsPerDay);
		const ratios = r.design === 'node' && today
			? [times(today.detailsRequestsPerPoll.median, r.detailsRequestsPerPoll.median), times(today.detailsRequestsPerPoll.max, r.detailsRequestsPerPoll.max)]
			: ['', ''];
		return [
			String(r.callsPerDay),
			DESIGN_LABELS[r.design],
			String(r.detailsRequestsPerPoll.median),
			String(r.detailsRequestsPerPoll.max),
			kb(r.staticDataBytes.max),
			kb(r.staticDataBytes.last),
			String(r.missed),
			String(r.emittedTwice),
			...ratios,
			String(r.expected),
			String(r.notDue),
			(r.wallMs / 1000).toFixed(0),
		];
	});
	const header = ['calls/day', 'design', 'requests/poll median', 'max', 'static data max KB', 'last KB', 'missed', 'emitted twice', 'today/node median', 'today/node max', 'due calls', 'not due', 'run s'];
	const same = flags.rates.map((rate) => {
		const [a, b] = TRIGGER_DESIGNS.map((d) => runs.find((r) => r.design === d && r.callsPerDay === rate) as TriggerRunResult);
		const figures = (r: TriggerRunResult) => JSON.stringify([r.detailsRequestsPerPoll, r.staticDataBytes, r.emitted, r.missed, r.emittedTwice]);
		return `${rate}/day ${figures(a) === figures(b) ? 'identical' : 'different'}`;
	});
	const targets = triggerTargets(runs);
	const problems = runs.flatMap((r) => [
		...(r.failedPolls ? [`${r.design} ${r.callsPerDay}/day: ${r.failedPolls} poll(s) failed: ${r.pollErrors.join(' | ')}`] : []),
		...(r.notDue ? [`${r.design} ${r.callsPerDay}/day: ${r.notDue} emitted call(s) were not due (final before the first poll, or not yet final)`] : []),
	]);
	const text = [
		`CEC quality trigger benchmark (n8n-core ${require('n8n-core/package.json').version} PollContext in node ${process.version}) — ${started.toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
		`one simulated day, a poll a minute (${runs[0]?.polls ?? 0} polls), uploads from 2 h before the first poll; parameters ${JSON.stringify(TRIGGER_PARAMETERS)}, default look-back; seed ${flags.seed}.`,
		'requests = appraisecall/details requests per poll; static data = JSON length of the trigger node\'s static data after a poll (KB = 1,000 bytes);',
		'due calls = final after the first poll and by the last: each must be emitted exactly once; not due = emitted but not among them.',
		'',
		markdownTable(header, rows, [1]),
		'',
		`the package's trigger and today's design gave ${same.join(', ')} figures (identical while the package still has today's design)`,
		'',
		targets.length ? 'targets:' : `targets: none checked (${TRIGGER_TARGET_RATE} calls/day not in --rates)`,
		...targets.map((t) => `- ${t.met ? 'MET ' : 'MISS'} ${t.name}: ${t.value}`),
	];
	return { text, targets, problems, result: runs };
}

/* ------------------------------------------------------------ main */

async function main(): Promise<number> {
	const flags = parseFlags(process.argv.slice(2));
	const started = new Date();
	const t0 = performance.now();
	const out = flags.trigger
		? await triggerMain(flags, started)
		: flags.inprocess
			? { targets: [] as Target[], ...(await inProcessMain(flags, started)) }
			: await realMain(flags, started);
	const wallMin = (performance.now() - t0) / 60000;

	console.log('');
	for (const line of out.text) console.log(line);
	console.log('');
	console.log(
		`bench wall time ${wallMin.toFixed(1)} min; 1-min load average before each run: ${Math.min(...loadSamples).toFixed(2)}–${Math.max(...loadSamples).toFixed(2)} on ${cpus().length} cores ` +
			"(it includes the bench's own processes: n8n, its task runner and the mock, or the in-process runs; other work on the machine inflates the times)",
	);
	if (out.problems.length) console.log(`\nPROBLEMS:\n  ${out.problems.join('\n  ')}`);

	mkdirSync(dirname(flags.out), { recursive: true });
	writeFileSync(
		flags.out,
		JSON.stringify(
			{
				generatedAt: started.toISOString(),
				wallMinutes: wallMin,
				machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemMiB: Math.round(totalmem() / 1048576), node: process.version },
				flags,
				loadSamples,
				targets: out.targets,
				problems: out.problems,
				result: out.result,
			},
			null,
			2,
		),
	);
	console.log(`written: ${flags.out}`);
	if (out.problems.length) return 1;
	return flags.checkTargets && out.targets.some((t) => !t.met) ? 2 : 0;
}

if (process.argv[2] === '--trigger-worker') {
	triggerWorkerMain(process.argv[3]).catch((error) => {
		process.stderr.write(`[bench trigger worker] ${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	});
} else if (process.argv[2] === '--worker') {
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
