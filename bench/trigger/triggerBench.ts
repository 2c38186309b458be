/**
 * The trigger benchmark (`npm run bench -- --trigger`): a design of the polling trigger, run as n8n
 * polls it (test/engine/harness.ts `pollTrigger`: n8n-core's PollContext, static data carried from poll
 * to poll), one poll a minute over a simulated day, against the project's strict mock started in this
 * process. Both the mock and the trigger read `Date.now()`, which a run replaces with a simulated clock
 * that stands still during a poll and moves on a minute between polls; before each poll the calls
 * uploaded during the minute are seeded (bench/trigger/workload.ts).
 *
 * The package's trigger is driven only through its parameters and static data, so the run measures
 * whatever implementation the package has; 'todaysDesign' is the baseline copy in
 * bench/trigger/todaysDesign.ts. Measured per poll: appraisecall/details requests (the mock's log) and
 * the JSON length of the trigger node's static data; over the day: every call that became final after
 * the first poll and by the last one must be emitted exactly once.
 * Each (design, rate) runs in its own child process (its own clock, mock and heap), `jobs` at a time.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CecMock, CecMockOptions } from '../../test/mock/cecMock';
import { ACCESS_KEY, BENCH_TIMEZONE, SECRET_KEY } from '../items';
import { TodaysDesignTrigger } from './todaysDesign';
import { simulateUploads, seedOf, type SimulatedCall } from './workload';

export type TriggerDesign = 'node' | 'todaysDesign';
export const TRIGGER_DESIGNS: TriggerDesign[] = ['node', 'todaysDesign'];
export const DESIGN_LABELS: Record<TriggerDesign, string> = {
	node: "the package's trigger",
	todaysDesign: "today's design (bench copy)",
};

const MINUTE_MS = 60_000;
/** 2026-03-02 00:00 on the tenant's clock (UTC+8, as the engine tests' mock). */
const DAY_START_MS = Date.UTC(2026, 2, 1, 16, 0, 0);
const TENANT_UTC_OFFSET_MINUTES = 480;
const DAY_MINUTES = 24 * 60;
/** Uploads start this long before the first poll, the default look-back: its window is full from the start. */
const PRE_ROLL_MINUTES = 120;
const OPERATOR_ID = '1611917095665261978';

/** As n8n stores the trigger's "Poll Times" when left at its default; the trigger may read it. */
export const TRIGGER_PARAMETERS: INodeParameters = {
	event: 'finished',
	pollTimes: { item: [{ mode: 'everyMinute' }] },
};

export interface Distribution {
	median: number;
	p90: number;
	max: number;
	mean: number;
	total: number;
}

export interface TriggerRunResult {
	design: TriggerDesign;
	callsPerDay: number;
	seed: number;
	polls: number;
	/** Calls seeded over the run (pre-roll included). */
	callsSeeded: number;
	/** Calls that became final after the first poll and by the last one: each must be emitted once. */
	expected: number;
	/** Items emitted over all polls. */
	emitted: number;
	/** Expected calls never emitted. */
	missed: number;
	/** Calls emitted more than once. */
	emittedTwice: number;
	/** Emitted calls outside the expected set (final before the first poll, or not final when emitted). */
	notDue: number;
	/** appraisecall/details requests per poll (any answer, a 401 resent after a token expired included). */
	detailsRequestsPerPoll: Distribution;
	/** Every business request per poll, by kind, summed over the day. */
	requestsByKind: Record<string, number>;
	tokenExchanges: number;
	/** JSON length, in bytes, of the trigger node's static data after each poll. */
	staticDataBytes: { max: number; last: number; median: number };
	/** Wall time of a poll (ms, real clock). */
	pollMs: Distribution;
	/** What the failed polls threw, first few. */
	pollErrors: string[];
	failedPolls: number;
	wallMs: number;
}

export function distribution(values: number[]): Distribution {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
	const total = sorted.reduce((sum, v) => sum + v, 0);
	const median = sorted.length % 2 === 1 || sorted.length === 0 ? at(0.5) : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
	return { median, p90: at(0.9), max: sorted[sorted.length - 1] ?? NaN, mean: total / sorted.length, total };
}

/** Replaces `Date.now` for the run; `restore` puts the real one back. */
class SimulatedClock {
	private readonly realNow = Date.now;
	constructor(public nowMs: number) {
		Date.now = () => this.nowMs;
	}
	restore(): void {
		Date.now = this.realNow;
	}
}

export interface TriggerRunOptions {
	repoRoot: string;
	design: TriggerDesign;
	callsPerDay: number;
	seed: number;
	log: (line: string) => void;
}

export async function runTriggerDay(opts: TriggerRunOptions): Promise<TriggerRunResult> {
	// Loaded here: the parent process, which only schedules the children, never loads n8n-core.
	const { CredentialStore, pollTrigger } = await import('../../test/engine/harness');
	const { startCecMock } = require(join(opts.repoRoot, 'test', 'mock', 'cecMock.js')) as {
		startCecMock: (options: CecMockOptions) => Promise<CecMock>;
	};
	const byMinute = simulateUploads({ callsPerDay: opts.callsPerDay, dayStartMs: DAY_START_MS, preRollMinutes: PRE_ROLL_MINUTES, minutes: DAY_MINUTES, seed: opts.seed });
	const firstPollMs = DAY_START_MS;
	const lastPollMs = DAY_START_MS + DAY_MINUTES * MINUTE_MS;
	const all = byMinute.flat();
	const expected = new Map<string, SimulatedCall>(all.filter((c) => c.finalAtMs > firstPollMs && c.finalAtMs <= lastPollMs).map((c) => [c.callUuid, c]));
	const emissions = new Map<string, number>();
	let emitted = 0;
	let notDue = 0;

	const clock = new SimulatedClock(DAY_START_MS - PRE_ROLL_MINUTES * MINUTE_MS);
	const mock = await startCecMock({
		port: 0,
		accessKey: ACCESS_KEY,
		secretKey: SECRET_KEY,
		tenantUtcOffsetMinutes: TENANT_UTC_OFFSET_MINUTES,
		// Real time: a 100,000-call day of today's design takes minutes.
		maxLifetimeMs: 3 * 3600_000,
	});
	const nodeType = opts.design === 'todaysDesign' ? new TodaysDesignTrigger() : undefined;
	const credentials = { baseUrl: mock.url, tokenUrl: mock.tokenUrl, accessKey: ACCESS_KEY, secretKey: SECRET_KEY, defaultOperatorUserId: OPERATOR_ID };
	const store = new CredentialStore(credentials);
	let staticData: IDataObject = {};
	const detailsRequests: number[] = [];
	const staticBytes: number[] = [];
	const pollMs: number[] = [];
	const requestsByKind: Record<string, number> = {};
	const pollErrors: string[] = [];
	let failedPolls = 0;
	let tokenExchanges = 0;
	const started = performance.now();
	let lastProgress = started;
	try {
		for (let minute = 0; minute < byMinute.length; minute++) {
			clock.nowMs = DAY_START_MS + (minute + 1 - PRE_ROLL_MINUTES) * MINUTE_MS;
			if (byMinute[minute].length > 0) mock.addCalls(byMinute[minute].map((call) => seedOf(call, clock.nowMs)));
			if (clock.nowMs < firstPollMs) continue;

			mock.resetLog();
			const pollStart = performance.now();
			const result = await pollTrigger({ parameters: TRIGGER_PARAMETERS, credentials, store, staticData, timezone: BENCH_TIMEZONE, nodeType });
			pollMs.push(performance.now() - pollStart);
			if (result.error) {
				failedPolls++;
				if (pollErrors.length < 5) pollErrors.push(`poll at ${new Date(clock.nowMs).toISOString()}: ${result.error.message}`);
			}
			staticData = result.staticData;
			staticBytes.push(JSON.stringify(result.nodeStaticData).length);
			let details = 0;
			for (const entry of mock.log) {
				if (entry.kind === 'token') continue;
				requestsByKind[entry.kind] = (requestsByKind[entry.kind] ?? 0) + 1;
				if (entry.kind === 'appraiseCallDetails') details++;
			}
			detailsRequests.push(details);
			tokenExchanges += mock.counters.tokenExchanges;
			for (const item of result.items) {
				const uuid = String(item.json.call_uuid);
				emitted++;
				emissions.set(uuid, (emissions.get(uuid) ?? 0) + 1);
				const call = expected.get(uuid);
				if (call === undefined || call.finalAtMs > clock.nowMs) notDue++;
			}
			if (performance.now() - lastProgress > 15_000) {
				lastProgress = performance.now();
				const done = detailsRequests.length;
				opts.log(`trigger ${opts.design} ${opts.callsPerDay}/day: poll ${done}/${DAY_MINUTES + 1}, ${((lastProgress - started) / 1000).toFixed(0)} s`);
			}
		}
	} finally {
		clock.restore();
		await mock.close();
	}
	const missed = [...expected.keys()].filter((uuid) => !emissions.has(uuid)).length;
	const emittedTwice = [...emissions.values()].filter((count) => count > 1).length;
	return {
		design: opts.design,
		callsPerDay: opts.callsPerDay,
		seed: opts.seed,
		polls: detailsRequests.length,
		callsSeeded: all.length,
		expected: expected.size,
		emitted,
		missed,
		emittedTwice,
		notDue,
		detailsRequestsPerPoll: distribution(detailsRequests),
		requestsByKind,
		tokenExchanges,
		staticDataBytes: { max: Math.max(...staticBytes), last: staticBytes[staticBytes.length - 1], median: distribution(staticBytes).median },
		pollMs: distribution(pollMs),
		pollErrors,
		failedPolls,
		wallMs: performance.now() - started,
	};
}

export interface TriggerWorkerSpec {
	repoRoot: string;
	design: TriggerDesign;
	callsPerDay: number;
	seed: number;
}

/** The child's side: `node bench.js --trigger-worker '<TriggerWorkerSpec JSON>'` prints its result as the last stdout line. */
export async function triggerWorkerMain(specJson: string): Promise<void> {
	const spec = JSON.parse(specJson) as TriggerWorkerSpec;
	try {
		const result = await runTriggerDay({ ...spec, log: (line) => process.stderr.write(`[bench] ${line}\n`) });
		process.stdout.write(`${JSON.stringify(result)}\n`);
	} finally {
		// The engine harness puts n8n's instance settings in a temp folder (it removes it only under jest).
		const folder = process.env.N8N_USER_FOLDER;
		if (folder && folder.startsWith(join(tmpdir(), 'cec-engine-'))) rmSync(folder, { recursive: true, force: true });
	}
}

async function spawnTriggerWorker(spec: TriggerWorkerSpec): Promise<TriggerRunResult> {
	const out = await new Promise<string>((resolvePromise, reject) => {
		// process.argv[1] is bench.js, which dispatches --trigger-worker here.
		const child = spawn(process.execPath, [process.argv[1], '--trigger-worker', JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'inherit'] });
		let stdout = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolvePromise(stdout);
			else reject(new Error(`trigger worker ${spec.design} ${spec.callsPerDay}/day exited ${code}: ${stdout.slice(-2000)}`));
		});
	});
	const lines = out.trim().split('\n');
	return JSON.parse(lines[lines.length - 1]) as TriggerRunResult;
}

export interface TriggerMatrixOptions {
	repoRoot: string;
	rates: number[];
	seed: number;
	/** Children at once. */
	jobs: number;
	log: (line: string) => void;
}

/** Every design at every rate, the largest rates first (they take longest); results by rate, then design. */
export async function runTriggerMatrix(opts: TriggerMatrixOptions): Promise<TriggerRunResult[]> {
	const specs = [...opts.rates]
		.sort((a, b) => b - a)
		.flatMap((callsPerDay) => TRIGGER_DESIGNS.map((design): TriggerWorkerSpec => ({ repoRoot: opts.repoRoot, design, callsPerDay, seed: opts.seed })));
	const results: TriggerRunResult[] = [];
	let next = 0;
	const lane = async () => {
		while (next < specs.length) {
			const spec = specs[next++];
			opts.log(`trigger: ${DESIGN_LABELS[spec.design]} at ${spec.callsPerDay} calls/day`);
			const run = await spawnTriggerWorker(spec);
			const requests = run.detailsRequestsPerPoll;
			opts.log(`trigger: ${spec.design} ${spec.callsPerDay}/day done in ${(run.wallMs / 1000).toFixed(0)} s: ${requests.median}/${requests.max} requests/poll (median/max), missed ${run.missed}, twice ${run.emittedTwice}`);
			results.push(run);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, opts.jobs) }, lane));
	const order = (r: TriggerRunResult) => opts.rates.indexOf(r.callsPerDay) * TRIGGER_DESIGNS.length + TRIGGER_DESIGNS.indexOf(r.design);
	return results.sort((a, b) => order(a) - order(b));
}
