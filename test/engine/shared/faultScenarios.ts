/**
 * The fault matrix shared by faults.test.ts (what each fault must produce) and secrets.test.ts
 * (that no fault leaks the secret key or a token). Each scenario gets a fresh mock, so a fault
 * left unconsumed can never spill into the next scenario.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CecMock, CecMockOptions } from '../../mock/cecMock';
import { runNode, type OnError, type RunNodeResult } from '../harness';
import {
	SK,
	TIMEZONE,
	credentialsFor,
	expireOnArrival,
	inspectionParameters,
	makeInspectionItems,
	makeReviewTaskItems,
	reviewTaskParameters,
	startMock,
} from '../fixtures';

export const OPENSSL = '/usr/bin/openssl';

let certificate: { key: string; cert: string } | undefined;

/** A self-signed certificate for 127.0.0.1, made once per test file (throws if openssl is missing). */
export function selfSignedCertificate(): { key: string; cert: string } {
	if (!certificate) {
		const dir = mkdtempSync(join(tmpdir(), 'cec-tls-'));
		try {
			const keyFile = join(dir, 'key.pem');
			const certFile = join(dir, 'cert.pem');
			execFileSync(
				OPENSSL,
				['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', keyFile, '-out', certFile],
				{ stdio: 'pipe' },
			);
			certificate = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
	return certificate;
}

/** A loopback URL nobody listens on: the port was free a moment ago and is closed again. */
export async function closedPortUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}/apigovernance/api/oauth/tokenByAkSk`;
}

export interface ScenarioContext {
	mock: CecMock;
	/** The credential row for this run; arrange() may change it. */
	credentials: Record<string, unknown>;
}

export interface FaultScenario {
	/** What goes wrong, as a test title */
	title: string;
	mockOptions?: () => CecMockOptions;
	/** Injects faults or edits the credential before the run. */
	arrange?: (context: ScenarioContext) => void | Promise<void>;
	parameters: INodeParameters;
	items: IDataObject[];
	continueOnFail?: OnError;
}

export interface ScenarioRun extends RunNodeResult {
	mock: CecMock;
	credentials: Record<string, unknown>;
}

export async function runScenario(scenario: FaultScenario): Promise<ScenarioRun> {
	const mock = await startMock(scenario.mockOptions?.() ?? {});
	try {
		const context: ScenarioContext = { mock, credentials: credentialsFor(mock) };
		await scenario.arrange?.(context);
		const result = await runNode({
			parameters: scenario.parameters,
			items: scenario.items,
			credentials: context.credentials,
			continueOnFail: scenario.continueOnFail,
			timezone: TIMEZONE,
		});
		return { ...result, mock, credentials: context.credentials };
	} finally {
		await mock.close();
	}
}

/** Answers that echo the secret, as a careless gateway might: the node must not pass it on. */
const ECHOING_SECRET = JSON.stringify({ error_code: 'APIGW.0500', error_msg: `internal error for app_secret=${SK}` });

const tokenFault = (status: number, body: string, headers?: Record<string, string>) => (context: ScenarioContext) =>
	// More than any run here will use: every item may try its own exchange.
	context.mock.inject({ kind: 'token', status, body, headers, times: 50 });

const busy = (status: 429 | 503, retryAfter: string, times: number) => (context: ScenarioContext) =>
	context.mock.inject({ kind: 'createQualityTask', status, headers: { 'Retry-After': retryAfter }, times });

const answer200 = (body: string) => (context: ScenarioContext) =>
	context.mock.inject({ kind: 'createQualityTask', status: 200, body });

/** Stores a token in the credential row before the run, so a fault can echo it; returns it. */
async function useFreshToken(context: ScenarioContext): Promise<string> {
	const response = await fetch(context.mock.tokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'X-Token-Expire': '600' },
		body: JSON.stringify({ app_key: context.credentials.accessKey, app_secret: context.credentials.secretKey }),
	});
	const token = ((await response.json()) as { AccessToken: string }).AccessToken;
	context.credentials.accessToken = token;
	return token;
}

const threeTasks = makeReviewTaskItems(3);
/** One review task; "create" faults are about createQualityTask, which is not idempotent. */
const oneTask = makeReviewTaskItems(1);

export const SCENARIOS = {
	tokenRevokedMidRun: {
		title: 'token revoked mid-run (one at a time)',
		arrange: ({ mock }) => mock.setLatency(expireOnArrival(mock, 3, 0)),
		parameters: inspectionParameters({ concurrency: 1 }),
		items: makeInspectionItems(6),
	},
	tokenRevokedMidRunConcurrent: {
		title: 'token revoked mid-run with five requests in flight',
		// Every request in flight when the tokens expire gets a 401.
		arrange: ({ mock }) => mock.setLatency(expireOnArrival(mock, 4, 20)),
		parameters: inspectionParameters({ concurrency: 5 }),
		items: makeInspectionItems(12),
	},
	tokenRevokedRevokeOnIssue: {
		title: 'token revoked mid-run at a gateway where each new token revokes the older ones',
		mockOptions: () => ({ revokeOnIssue: true }),
		arrange: ({ mock }) => mock.setLatency(expireOnArrival(mock, 4, 20)),
		parameters: inspectionParameters({ concurrency: 5 }),
		items: makeInspectionItems(12),
	},
	tokenUnreachable: {
		title: 'token endpoint unreachable',
		arrange: async (context) => {
			context.credentials.tokenUrl = await closedPortUrl();
		},
		parameters: inspectionParameters(),
		items: makeInspectionItems(2),
	},
	token401: {
		title: 'token endpoint answers 401',
		arrange: tokenFault(401, JSON.stringify({ error_code: 'APIGW.0401', error_msg: 'invalid app_key or app_secret' })),
		parameters: inspectionParameters(),
		items: makeInspectionItems(2),
	},
	token403: {
		title: 'token endpoint answers 403',
		arrange: tokenFault(403, JSON.stringify({ error_code: 'APIGW.0403', error_msg: 'forbidden' })),
		parameters: inspectionParameters(),
		items: makeInspectionItems(2),
	},
	token500: {
		title: 'token endpoint answers 500 echoing the secret',
		arrange: tokenFault(500, ECHOING_SECRET),
		parameters: inspectionParameters(),
		items: makeInspectionItems(2),
	},
	tokenHtml: {
		title: 'token endpoint answers an HTML page with HTTP 200',
		arrange: tokenFault(200, '<html><body><h1>Login</h1></body></html>', { 'Content-Type': 'text/html' }),
		parameters: inspectionParameters(),
		items: makeInspectionItems(2),
	},
	tokenWithoutAccessToken: {
		title: 'token endpoint answers JSON without AccessToken, echoing the secret',
		arrange: tokenFault(200, JSON.stringify({ ApplyType: 'Bearer', app_secret: SK })),
		parameters: inspectionParameters(),
		items: makeInspectionItems(2),
	},
	tokenFailureContinueOnFail: {
		title: 'token endpoint answers 401, continue on fail',
		arrange: tokenFault(401, JSON.stringify({ error_code: 'APIGW.0401', error_msg: 'invalid app_key or app_secret' })),
		parameters: inspectionParameters(),
		items: makeInspectionItems(3),
		continueOnFail: true,
	},
	busyThenOk: {
		title: '429 with Retry-After twice, then accepted',
		arrange: busy(429, '0', 2),
		parameters: reviewTaskParameters({}, { maxRetries: 3 }),
		items: oneTask,
		continueOnFail: true,
	},
	busyWaits: {
		title: '503 with Retry-After: 1, then accepted',
		arrange: busy(503, '1', 1),
		parameters: reviewTaskParameters({}, { maxRetries: 3 }),
		items: oneTask,
		continueOnFail: true,
	},
	busyGivesUp: {
		title: '503 with Retry-After on every attempt',
		arrange: busy(503, '0', 50),
		parameters: reviewTaskParameters({}, { maxRetries: 2 }),
		items: oneTask,
		continueOnFail: true,
	},
	serverError: {
		title: '500 on create, echoing the secret',
		arrange: ({ mock }) => mock.inject({ kind: 'createQualityTask', status: 500, body: ECHOING_SECRET }),
		parameters: reviewTaskParameters(),
		items: threeTasks,
		continueOnFail: true,
	},
	serverErrorEchoingToken: {
		title: '500 on create whose body echoes the bearer token',
		arrange: async (context) => {
			const token = await useFreshToken(context);
			context.mock.inject({
				kind: 'createQualityTask',
				status: 500,
				body: JSON.stringify({ resultCode: '0500001', resultDesc: `rejected Authorization: Bearer ${token}` }),
			});
		},
		parameters: reviewTaskParameters(),
		items: oneTask,
		continueOnFail: true,
	},
	refreshFails: {
		title: 'token revoked, and the refresh answers 500',
		arrange: async (context) => {
			await useFreshToken(context);
			context.mock.expireTokens();
			tokenFault(500, ECHOING_SECRET)(context);
		},
		parameters: reviewTaskParameters(),
		items: oneTask,
	},
	resetAfterSend: {
		title: 'connection reset after the request was processed',
		arrange: ({ mock }) => mock.inject({ kind: 'createQualityTask', action: 'reset', afterProcessing: true }),
		parameters: reviewTaskParameters(),
		items: threeTasks,
		continueOnFail: true,
	},
	timeout: {
		title: 'no answer within options.timeout',
		arrange: ({ mock }) => mock.inject({ kind: 'createQualityTask', action: 'hang', afterProcessing: true }),
		parameters: reviewTaskParameters({}, { timeout: 200 }),
		items: oneTask,
		continueOnFail: true,
	},
	failureResultCode: {
		title: 'HTTP 200 with a failure resultCode',
		arrange: answer200(JSON.stringify({ resultCode: '0409001', resultDesc: '任务名称已存在' })),
		parameters: reviewTaskParameters(),
		items: oneTask,
		continueOnFail: true,
	},
	noResultCode: {
		title: 'HTTP 200 without a resultCode',
		arrange: answer200('{"qualityTaskId":"16239245027406915901"}'),
		parameters: reviewTaskParameters(),
		items: oneTask,
		continueOnFail: true,
	},
	malformedJson: {
		title: 'HTTP 200 with malformed JSON',
		arrange: answer200('{"resultCode":'),
		parameters: reviewTaskParameters(),
		items: oneTask,
		continueOnFail: true,
	},
	failureResultCodeEchoingToken: {
		title: 'HTTP 200 with a failure resultCode whose resultDesc echoes the token',
		arrange: async (context) => {
			const token = await useFreshToken(context);
			answer200(JSON.stringify({ resultCode: '0401002', resultDesc: `token ${token} has no permission` }))(context);
		},
		parameters: reviewTaskParameters(),
		items: oneTask,
		continueOnFail: true,
	},
	noResultCodeEchoingSecret: {
		title: 'HTTP 200 without a resultCode, echoing the secret',
		arrange: answer200(JSON.stringify({ message: `app_secret=${SK}` })),
		parameters: reviewTaskParameters(),
		items: oneTask,
		continueOnFail: true,
	},
	malformedJsonEchoingToken: {
		title: 'HTTP 200 with malformed JSON echoing the token',
		arrange: async (context) => {
			const token = await useFreshToken(context);
			answer200(`{"resultCode":"0409000","resultDesc":"Bearer ${token}`)(context);
		},
		parameters: reviewTaskParameters(),
		items: oneTask,
	},
	unquotedIds: {
		title: 'task ids printed as unquoted 20-digit numbers',
		mockOptions: () => ({ unquotedIds: true }),
		parameters: reviewTaskParameters(),
		items: threeTasks,
	},
	tlsSelfSignedRejected: {
		title: 'HTTPS with a self-signed certificate',
		mockOptions: () => ({ tls: selfSignedCertificate() }),
		parameters: inspectionParameters(),
		items: makeInspectionItems(2),
	},
	tlsSelfSignedAllowed: {
		title: 'HTTPS with a self-signed certificate and Ignore SSL Issues on',
		mockOptions: () => ({ tls: selfSignedCertificate() }),
		arrange: (context) => {
			context.credentials.ignoreSslIssues = true;
		},
		parameters: inspectionParameters(),
		items: makeInspectionItems(2),
	},
	invalidItem: {
		title: 'an invalid item among valid ones',
		parameters: inspectionParameters(),
		items: makeInspectionItems(3).map((item, i) => (i === 1 ? { ...item, agentId: 'agent-7' } : item)),
	},
} satisfies Record<string, FaultScenario>;

export type ScenarioName = keyof typeof SCENARIOS;
