/**
 * Scale-out: the packed package in n8n 2.41.1 queue mode — one main (receives the webhooks) and two
 * workers (run the executions), PostgreSQL and Redis — against the strict CEC mock. Proves, from the
 * workers' logs, PostgreSQL and the mock's log, that:
 *  - every execution runs on a worker (never on the main), both workers take work, every item succeeds;
 *  - the token lives in the credential row: one exchange serves both workers until it expires;
 *  - after an expiry a call gets one 401, one exchange, and the other worker then uses the new token;
 *  - with calls in flight on both workers when the token expires, every item still succeeds, with about
 *    one exchange per worker (the executions of one process share one refresh, transport/tokenCell.ts);
 *  - against a gateway that revokes older tokens on every issue (--revoke-on-issue), 20 calls in flight
 *    at the expiry all still succeed;
 *  - neither the secret key nor any token is stored in clear text (executions, credential row, whole DB,
 *    Redis, logs).
 *
 * Run: npx jest --selectProjects e2e --runInBand test/e2e/queueMode.test.ts
 * Needs PostgreSQL and Redis: scripts/lib/queueMode.js installs the Debian packages when missing (as root).
 * Env: CEC_E2E_QUEUE=0 skips this file; CEC_E2E_SKIP_BUILD=1 reuses dist/; CEC_E2E_KEEP=1 keeps the temp
 * folder (logs, DB); CEC_E2E_DEBUG=1 prints start-up timings; CEC_QUEUE_REPORT=<file> writes the measured
 * numbers as JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LONG, usePackedPackage } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realN8n = require('../../scripts/lib/realN8n');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const queueMode = require('../../scripts/lib/queueMode');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const ACCESS_KEY = 'test-ak';
const SECRET_KEY = 'test-sk-secret';
const INSPECT_OK = '1010200';
const PARALLEL = 20;
const WORKERS = 2;
const MOCK_LATENCY_MS = 150;

const CEC_PATH = 'cec-queue-inspect';
const STORM_PATH = 'cec-queue-storm';
const CEC_WORKFLOW = 'cecQueueInspect';
const STORM_WORKFLOW = 'cecQueueStorm';
const CEC_CRED = 'cecQueueCred01';
const STORM_CRED = 'cecQueueStormCred';

const majors = process.env.CEC_E2E_N8N_MAJORS;
const SKIP = process.env.CEC_E2E_QUEUE === '0' || (majors !== undefined && !majors.split(',').map((m) => m.trim()).includes('2'));

jest.setTimeout(LONG);

const packedPackage = usePackedPackage();

/** Measured numbers, printed at the end (and written to CEC_QUEUE_REPORT). */
const report: Any = { startupMs: undefined, timings: undefined, phases: {} };

let seq = 0;
/** One webhook body; the voice file name carries a tag that identifies the call in the mock's log and in PostgreSQL. */
function callBody(phase: string) {
	const n = ++seq;
	const agentId = 3000 + n;
	return {
		tag: `${phase}-${n}`,
		body: {
			agentId,
			voiceFilePath: `Y:\\27\\0\\20210201\\${agentId}\\${phase}-${n}.V3`,
			beginTime: '2021-02-01 09:51:07',
			endTime: '2021-02-01 09:57:57',
		},
	};
}
const tagOfPath = (voiceFilePath: unknown) => /\\([a-z]+-\d+)\.V3$/.exec(String(voiceFilePath ?? ''))?.[1];

(SKIP ? describe.skip : describe)('n8n 2.41.1 queue mode (main + 2 workers, PostgreSQL, Redis)', () => {
	let cluster: Any;
	let cec: Any;
	let storm: Any;
	/** tag → outcome { tag, executionId, worker, status, callUuid | problem } of every call made */
	const calls = new Map<string, Any>();

	beforeAll(async () => {
		const started = Date.now();
		cluster = await queueMode.startQueueCluster({
			tgz: packedPackage(),
			workers: WORKERS,
			concurrency: 10,
			timezone: 'Asia/Shanghai',
			mocks: {
				cec: { ak: ACCESS_KEY, sk: SECRET_KEY, latency: MOCK_LATENCY_MS },
				storm: { ak: ACCESS_KEY, sk: SECRET_KEY, latency: MOCK_LATENCY_MS, extraArgs: ['--revoke-on-issue'] },
			},
			credentials: (mocks: Any) => [
				realN8n.mockCredential(mocks.cec, { id: CEC_CRED, name: 'CEC (queue mock)', accessKey: ACCESS_KEY, secretKey: SECRET_KEY }),
				realN8n.mockCredential(mocks.storm, { id: STORM_CRED, name: 'CEC (revoking mock)', accessKey: ACCESS_KEY, secretKey: SECRET_KEY }),
			],
			workflows: () => [
				queueMode.webhookInspectionWorkflow({ id: CEC_WORKFLOW, path: CEC_PATH, credential: { id: CEC_CRED, name: 'CEC (queue mock)' } }),
				queueMode.webhookInspectionWorkflow({ id: STORM_WORKFLOW, path: STORM_PATH, credential: { id: STORM_CRED, name: 'CEC (revoking mock)' } }),
			],
		});
		report.startupMs = Date.now() - started;
		report.timings = cluster.timings;
		cec = cluster.mocks.cec;
		storm = cluster.mocks.storm;
	});

	afterAll(async () => {
		try {
			if (cluster) {
				const counts: Record<string, number> = {};
				for (const worker of cluster.workerOfExecution().values()) counts[worker] = (counts[worker] ?? 0) + 1;
				report.executionsPerWorker = counts;
			}
		} finally {
			await cluster?.stopAll();
		}
		console.log(`queue-mode measurements:\n${JSON.stringify(report, null, 2)}`);
		if (process.env.CEC_QUEUE_REPORT) fs.writeFileSync(process.env.CEC_QUEUE_REPORT, JSON.stringify(report, null, 2));
	});

	/**
	 * POSTs the calls (one at a time, or all at once), reads their executions back from PostgreSQL and checks
	 * each one: HTTP 200 with the API's answer, status success, one output item equal to what the mock
	 * answered, run by exactly one worker and enqueued by the main. Every call is checked before anything
	 * throws, so `outcomes` (also on the thrown error) tells which calls failed and why.
	 */
	async function run(webhookPath: string, workflowId: string, phase: string, count: number, { parallel }: { parallel: boolean }) {
		const outcomes = await send(webhookPath, workflowId, phase, count, { parallel });
		const failed = outcomes.filter((o) => o.problem);
		if (failed.length) {
			const error: Any = new Error(
				`${failed.length} of ${count} ${phase} call(s) failed:\n${failed.map((o) => `  ${o.tag} (execution ${o.executionId ?? '?'} on ${o.worker ?? '?'}): ${o.problem}`).join('\n')}`,
			);
			error.outcomes = outcomes;
			throw error;
		}
		return outcomes;
	}

	async function send(webhookPath: string, workflowId: string, phase: string, count: number, { parallel }: { parallel: boolean }) {
		const before = await cluster.lastExecutionId();
		const made = Array.from({ length: count }, () => callBody(phase));
		const responses: Any[] = [];
		if (parallel) responses.push(...(await Promise.all(made.map((c) => cluster.postWebhook(webhookPath, c.body)))));
		else for (const c of made) responses.push(await cluster.postWebhook(webhookPath, c.body));
		const executions = await cluster.waitForExecutions({ afterId: before, workflowId, count });
		const workers = cluster.workerOfExecution();
		expect(workers.duplicates).toEqual([]);
		return made.map((c, i) => checkCall(c, responses[i], executions, workers));
	}

	function checkCall(c: Any, response: Any, executions: Any[], workers: Map<string, string>) {
		const execution = executions.find((e: Any) => tagOfPath(e.data?.resultData?.runData?.Webhook?.[0]?.data?.main?.[0]?.[0]?.json?.body?.voiceFilePath) === c.tag);
		const outcome: Any = { tag: c.tag, executionId: execution?.id, worker: execution ? workers.get(execution.id) : undefined, status: response.status };
		calls.set(c.tag, outcome);
		const problems: string[] = [];
		if (!execution) problems.push('no execution in PostgreSQL carries this call');
		else {
			if (!outcome.worker) problems.push(`execution ${execution.id} is in no worker's log as "Worker started execution ${execution.id}"`);
			if (execution.mode !== 'webhook') problems.push(`mode ${execution.mode}`);
			if (execution.status !== 'success' || execution.finished !== true) problems.push(`status ${execution.status}, finished ${execution.finished}`);
			const error = execution.data?.resultData?.error;
			if (error) problems.push(`error: ${error.message}${error.description ? ` — ${error.description}` : ''}`);
			const items = execution.data?.resultData?.runData?.['Create Inspection']?.[0]?.data?.main?.[0] ?? [];
			if (items.length !== 1) problems.push(`Create Inspection output ${items.length} items`);
			else if (items[0].error || items[0].json?.resultCode !== INSPECT_OK) problems.push(`item: ${JSON.stringify(items[0].json).slice(0, 300)}`);
			else if (response.json && items[0].json.call_uuid !== response.json.call_uuid) problems.push('stored call_uuid differs from the answered one');
		}
		if (response.status !== 200 || response.json?.resultCode !== INSPECT_OK) problems.push(`webhook answered HTTP ${response.status}: ${String(response.text).slice(0, 200)}`);
		if (problems.length) outcome.problem = problems.join('; ');
		else outcome.callUuid = response.json.call_uuid;
		return outcome;
	}

	/** The mock's business requests since `fromIndex`, each with the call (tag, worker) it belongs to. */
	function businessEntries(log: Any[], fromIndex = 0) {
		return log
			.slice(fromIndex)
			.filter((e: Any) => e.kind === 'qualityInspect')
			.map((e: Any) => ({ ...e, call: calls.get(tagOfPath(e.body?.voiceFilePath) ?? '') }));
	}

	/** Which worker's execution first used each token issued since `fromToken`: the worker that exchanged it. */
	function exchangesByWorker(mockLog: Any, fromToken: number) {
		const byWorker: Record<string, number> = {};
		for (const token of mockLog.issuedTokens.slice(fromToken)) {
			const first = businessEntries(mockLog.log).find((e: Any) => e.token === token);
			const worker = first?.call?.worker ?? 'never used';
			byWorker[worker] = (byWorker[worker] ?? 0) + 1;
		}
		return byWorker;
	}

	function delta(after: Any, before: Any) {
		return {
			tokenExchanges: after.counters.tokenExchanges - before.counters.tokenExchanges,
			tokenRequests: after.counters.tokenRequests - before.counters.tokenRequests,
			unauthorized: after.counters.unauthorized - before.counters.unauthorized,
			inspections: after.counters.byKind.qualityInspect - before.counters.byKind.qualityInspect,
			requests: after.counters.businessRequests - before.counters.businessRequests,
		};
	}

	test('the package is installed in the main and in every worker, all on PostgreSQL + Redis', async () => {
		expect(cluster.workers).toHaveLength(WORKERS);
		for (const proc of [cluster.main, ...cluster.workers]) {
			const dir = path.join(cluster.root, proc.name, '.n8n', 'nodes', 'node_modules', realN8n.PACKAGE_NAME);
			expect(fs.existsSync(path.join(dir, 'package.json'))).toBe(true);
			expect(proc.log()).not.toMatch(/Unrecognized node type|Unknown node type/i);
		}
		const rows = await cluster.pg.query('SELECT id, active FROM workflow_entity ORDER BY id');
		expect(rows).toEqual([
			{ id: CEC_WORKFLOW, active: true },
			{ id: STORM_WORKFLOW, active: true },
		]);
	});

	test('one call at a time: runs on the workers only, both take work, one token exchange serves both', async () => {
		// Until both workers have run at least one (Bull hands jobs to whichever worker asks first).
		const made: Any[] = [];
		while (made.length < 6 || new Set(made.map((c) => c.worker)).size < WORKERS) {
			if (made.length >= 20) throw new Error(`20 sequential calls all ran on ${made[0].worker}`);
			made.push(...(await run(CEC_PATH, CEC_WORKFLOW, 'seq', 1, { parallel: false })));
		}
		const mockLog = await cec.getLog();
		expect(mockLog.counters.tokenExchanges).toBe(1);
		expect(mockLog.counters.tokenRequests).toBe(1);
		expect(mockLog.counters.unauthorized).toBe(0);
		expect(mockLog.counters.byKind.qualityInspect).toBe(made.length);
		// The first request is the exchange (made by the first execution's worker); every call then uses that token.
		expect(mockLog.log[0].kind).toBe('token');
		const token = mockLog.issuedTokens[0];
		const entries = businessEntries(mockLog.log);
		expect(entries).toHaveLength(made.length);
		for (const e of entries) {
			expect(e.status).toBe(200);
			expect(e.token).toBe(token);
			expect(e.call).toBeDefined();
		}
		const usedBy = new Set(entries.map((e: Any) => e.call.worker));
		expect(usedBy.size).toBe(WORKERS);
		report.phases.sequentialBeforeExpiry = { calls: made.length, workers: made.map((c) => c.worker), exchanges: 1, exchangedBy: made[0].worker };
	});

	test(`${PARALLEL} calls at once: all succeed, spread over both workers, still the same single token`, async () => {
		const before = await cec.getLog();
		const made = await run(CEC_PATH, CEC_WORKFLOW, 'par', PARALLEL, { parallel: true });
		const after = await cec.getLog();
		expect(delta(after, before)).toEqual({ tokenExchanges: 0, tokenRequests: 0, unauthorized: 0, inspections: PARALLEL, requests: PARALLEL });
		for (const e of businessEntries(after.log, before.log.length)) expect(e.token).toBe(after.issuedTokens[0]);
		const split: Record<string, number> = {};
		for (const c of made) split[c.worker] = (split[c.worker] ?? 0) + 1;
		expect(Object.keys(split)).toHaveLength(WORKERS);
		report.phases.parallelBeforeExpiry = { calls: PARALLEL, split, maxInFlightAtMock: after.counters.maxInFlight, exchanges: 0 };
	});

	test('no execution ran on the main: it enqueued every one, the workers ran them', async () => {
		const executions = await cluster.executions({ withData: false });
		const workers = cluster.workerOfExecution();
		const main = cluster.mainLogFacts();
		expect(executions.length).toBeGreaterThan(PARALLEL);
		for (const e of executions) {
			expect(workers.get(e.id)).toMatch(/^worker\d$/);
			expect(main.enqueued).toContain(e.id);
		}
		expect(main.ranOnMain).toEqual([]);
		// Each worker logged finishing what it started.
		for (const w of cluster.workers) {
			const started = [...w.log().matchAll(/Worker started execution (\d+)/g)].map((m: Any) => m[1]).sort();
			const finished = [...w.log().matchAll(/Worker finished execution (\d+)/g)].map((m: Any) => m[1]).sort();
			expect(finished).toEqual(started);
		}
	});

	test('after an expiry, one call: one 401, one exchange, the resend succeeds; the other worker then reuses the new token', async () => {
		const storedBefore = (await cluster.pg.query('SELECT data, "updatedAt" FROM credentials_entity WHERE id = $1', [CEC_CRED]))[0];
		const before = await cec.getLog();
		const oldToken = before.issuedTokens[before.issuedTokens.length - 1];
		await cec.expireTokens();

		const [first] = await run(CEC_PATH, CEC_WORKFLOW, 'exp', 1, { parallel: false });
		const afterFirst = await cec.getLog();
		const newToken = afterFirst.issuedTokens[afterFirst.issuedTokens.length - 1];
		expect(newToken).not.toBe(oldToken);
		const entries = afterFirst.log.slice(before.log.length);
		expect(entries.map((e: Any) => `${e.kind}:${e.status}`)).toEqual(['qualityInspect:401', 'token:200', 'qualityInspect:200']);
		expect(entries[0].token).toBe(oldToken);
		expect(entries[2].token).toBe(newToken);
		expect(tagOfPath(entries[0].body.voiceFilePath)).toBe(first.tag);
		expect(tagOfPath(entries[2].body.voiceFilePath)).toBe(first.tag);

		// The refreshed token was written back to the credential row (encrypted) — that is how the others see it.
		const storedAfter = (await cluster.pg.query('SELECT data, "updatedAt" FROM credentials_entity WHERE id = $1', [CEC_CRED]))[0];
		expect(storedAfter.data).not.toBe(storedBefore.data);
		const decrypted = await cluster.exportCredential(CEC_CRED);
		expect(decrypted.data.accessToken).toBe(newToken);

		// Next calls, one at a time, until one runs on the other worker: it uses the new token, no 401, no exchange.
		const others: Any[] = [];
		for (let i = 0; i < 12 && !others.some((c) => c.worker !== first.worker); i++) others.push(...(await run(CEC_PATH, CEC_WORKFLOW, 'exp', 1, { parallel: false })));
		const other = others.find((c) => c.worker !== first.worker);
		if (!other) throw new Error(`12 calls after the refresh all ran on ${first.worker}`);
		const after = await cec.getLog();
		expect(delta(after, before)).toMatchObject({ tokenExchanges: 1, tokenRequests: 1, unauthorized: 1, inspections: 1 + others.length });
		const later = businessEntries(after.log, afterFirst.log.length);
		expect(later).toHaveLength(others.length);
		for (const e of later) {
			expect(e.status).toBe(200);
			expect(e.token).toBe(newToken);
		}
		expect(later.find((e: Any) => e.call.tag === other.tag).call.worker).not.toBe(first.worker);
		report.phases.sequentialAfterExpiry = {
			exchanges: 1,
			unauthorized: 1,
			refreshedBy: first.worker,
			reusedBy: other.worker,
			callsUntilOtherWorker: others.length,
		};
	});

	test(`after an expiry with ${PARALLEL} calls in flight on both workers: all succeed, about one exchange per worker`, async () => {
		const before = await cec.getLog();
		await cec.expireTokens();
		const made = await run(CEC_PATH, CEC_WORKFLOW, 'pexp', PARALLEL, { parallel: true });
		const after = await cec.getLog();
		const d = delta(after, before);
		// The executions of one worker share one refresh (transport/tokenCell.ts): one exchange per worker, and
		// one more where an execution started from the database before a refreshed token was written back.
		expect(d.inspections).toBe(PARALLEL);
		expect(d.tokenExchanges).toBeGreaterThanOrEqual(1);
		expect(d.tokenExchanges).toBeLessThanOrEqual(2 * WORKERS);
		expect(d.tokenRequests).toBe(d.tokenExchanges);
		expect(d.unauthorized).toBeGreaterThanOrEqual(1);
		expect(d.unauthorized).toBeLessThanOrEqual(PARALLEL);
		expect(d.requests).toBe(PARALLEL + d.unauthorized);
		// Every execution that got a 401 resent exactly once, with a token exchanged after the expiry.
		const fresh = new Set(after.issuedTokens.slice(before.issuedTokens.length));
		const entries = businessEntries(after.log, before.log.length);
		for (const c of made) {
			const mine = entries.filter((e: Any) => e.call?.tag === c.tag);
			const statuses = mine.map((e: Any) => e.status);
			expect([[200], [401, 200]]).toContainEqual(statuses);
			if (statuses.length === 2) expect(fresh.has(mine[1].token)).toBe(true);
		}
		const split: Record<string, number> = {};
		for (const c of made) split[c.worker] = (split[c.worker] ?? 0) + 1;
		report.phases.parallelAfterExpiry = {
			calls: PARALLEL,
			split,
			exchanges: d.tokenExchanges,
			unauthorized: d.unauthorized,
			exchangesByWorker: exchangesByWorker(after, before.issuedTokens.length),
		};

		// The settled token (the last one stored) serves the next call without a refresh.
		const settled = await cec.getLog();
		await run(CEC_PATH, CEC_WORKFLOW, 'calm', 1, { parallel: false });
		expect(delta(await cec.getLog(), settled)).toMatchObject({ tokenExchanges: 0, unauthorized: 0, inspections: 1 });
	});

	test(`a gateway that revokes older tokens on issue: ${PARALLEL} calls in flight at the expiry all succeed`, async () => {
		// Warm-up: the revoking mock's first token.
		await run(STORM_PATH, STORM_WORKFLOW, 'warm', 1, { parallel: false });
		const before = await storm.getLog();
		expect(before.counters.tokenExchanges).toBe(1);
		await storm.expireTokens();
		const made = await send(STORM_PATH, STORM_WORKFLOW, 'revoke', PARALLEL, { parallel: true });
		const after = await storm.getLog();
		const d = delta(after, before);
		const entries = businessEntries(after.log, before.log.length);
		const attempts: Record<string, number> = {};
		for (const c of made) {
			const n = entries.filter((e: Any) => e.call?.tag === c.tag).length;
			attempts[n] = (attempts[n] ?? 0) + 1;
		}
		const split: Record<string, number> = {};
		for (const c of made) split[c.worker ?? '?'] = (split[c.worker ?? '?'] ?? 0) + 1;
		const failed = made.filter((c) => c.problem);
		report.phases.revokeOnIssueAfterExpiry = {
			calls: PARALLEL,
			split,
			succeeded: PARALLEL - failed.length,
			failed: failed.map((c) => `${c.tag} on ${c.worker}: ${c.problem}`),
			exchanges: d.tokenExchanges,
			unauthorized: d.unauthorized,
			requestsPerCall: attempts,
			exchangesByWorker: exchangesByWorker(after, before.issuedTokens.length),
		};
		expect(failed.map((c) => `${c.tag}: ${c.problem}`)).toEqual([]);
		// Before the process-wide token cell this storm cost 37–40 exchanges and failed most calls.
		expect(d.tokenExchanges).toBeLessThanOrEqual(PARALLEL / 2);
		expect(d.inspections).toBe(PARALLEL);
		for (const c of made) {
			const mine = entries.filter((e: Any) => e.call?.tag === c.tag);
			expect(mine.filter((e: Any) => e.status === 200)).toHaveLength(1);
			expect(mine[mine.length - 1].status).toBe(200);
		}
	});

	test('no secret key or token in clear text: executions, credential rows, the whole database, Redis, logs', async () => {
		const cecLog = await cec.getLog();
		const stormLog = await storm.getLog();
		const tokens = [...cecLog.issuedTokens, ...stormLog.issuedTokens];
		expect(tokens.length).toBeGreaterThanOrEqual(4);
		const secrets = [SECRET_KEY, ...tokens];
		const leaks = (where: string, text: string) => secrets.filter((s) => text.includes(s)).map((s) => `${where} contains ${s === SECRET_KEY ? 'the secret key' : 'a token'}`);
		const found: string[] = [];

		const executions = await cluster.executions();
		expect(executions.length).toBeGreaterThanOrEqual(calls.size);
		for (const e of executions) {
			found.push(...leaks(`execution ${e.id} data`, String(e.dataRaw ?? '')));
			found.push(...leaks(`execution ${e.id} workflowData`, String(e.workflowDataRaw ?? '')));
		}
		// The credential rows are encrypted: neither the keys nor the stored token appear, and it is not JSON.
		const creds = await cluster.pg.query('SELECT id, type, data FROM credentials_entity ORDER BY id');
		expect(creds.map((c: Any) => c.id)).toEqual([CEC_CRED, STORM_CRED].sort());
		for (const c of creds) {
			expect(c.type).toBe(realN8n.CREDENTIAL_TYPE);
			found.push(...leaks(`credential ${c.id}`, c.data));
			expect(c.data).not.toContain(ACCESS_KEY);
			expect(c.data).not.toContain('baseUrl');
			expect(() => JSON.parse(c.data)).toThrow();
		}
		found.push(...leaks('pg_dump of the n8n database', cluster.pg.dump()));
		found.push(...leaks('Redis', JSON.stringify(await cluster.redisDump())));
		for (const proc of [cluster.main, ...cluster.workers]) found.push(...leaks(`${proc.name}'s log`, proc.log()));
		expect(found).toEqual([]);
	});
});
