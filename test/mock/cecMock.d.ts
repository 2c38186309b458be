/** Types of the strict local CEC quality API mock (implementation: cecMock.js). */

/** The request kinds the mock recognises; 'unknown' is anything else (answered 404). */
export type CecMockRequestKind = 'token' | 'qualityInspect' | 'createQualityTask';

/** Delay in ms before answering a business request, fixed or chosen per request. */
export type CecMockLatency = number | ((entry: CecMockLogEntry) => number);

export interface CecMockOptions {
	/** Loopback only: '127.0.0.1' (default) or '::1'; anything else throws. */
	host?: string;
	/** 0 (default) picks a free port. */
	port?: number;
	/** The valid app_key; default 'test-ak'. */
	accessKey?: string;
	/** The valid app_secret; default 'test-sk-secret'. */
	secretKey?: string;
	/** Delay before answering each business request (not token requests); default 0. */
	latencyMs?: CecMockLatency;
	/** Delay before answering each token request; default 0. */
	tokenLatencyMs?: number;
	/** Issuing a token revokes every earlier one, as some gateways do. */
	revokeOnIssue?: boolean;
	/** After this many authenticated business calls a token answers 401; 0 (default) = unlimited. */
	maxUsesPerToken?: number;
	/** createQualityTask writes qualityTaskId as an unquoted 20-digit number literal. */
	unquotedIds?: boolean;
	/** Serve HTTPS with this key and certificate instead of HTTP. */
	tls?: { key: string | Buffer; cert: string | Buffer };
	/** The server closes itself after this long (unref'd timer); default 30 minutes. */
	maxLifetimeMs?: number;
	/** Serve the /__mock/* steering endpoints (log, expire-tokens, inject, reset-log); the CLI turns this on. */
	controlEndpoints?: boolean;
	/** Append every finished log entry to this file as one JSON line. */
	logFile?: string;
}

export interface CecMockLogEntry {
	/** Arrival number, 1-based; keeps counting across resetLog(). */
	seq: number;
	/** ms since epoch when the request arrived. */
	startedAt: number;
	/** ms since epoch when it was answered or its socket closed; undefined while in flight. */
	finishedAt: number | undefined;
	method: string;
	/** The request target as sent, query string included. */
	path: string;
	/** Request headers, lower-cased keys. */
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** rawBody parsed as JSON, or undefined when it is not JSON. */
	body: unknown;
	kind: CecMockRequestKind | 'unknown';
	/** The token after "Bearer ", if the request carried one. */
	token: string | undefined;
	/** HTTP status sent; 0 when no answer was sent (reset, hang, client abort, still in flight). */
	status: number;
	/** Raw response body sent ('' when none). */
	response: string;
	/** Why the mock rejected the request (400/401/404), for debugging failed tests. */
	reason?: string;
	/** The injected fault this request consumed, if any. */
	fault?: CecMockFault;
}

export interface CecMockCounters {
	/** Tokens successfully issued. */
	tokenExchanges: number;
	/** All calls to the token endpoint. */
	tokenRequests: number;
	/** All calls to the two business endpoints, whatever their outcome. */
	businessRequests: number;
	/** 401 answers sent on business calls (injected ones included). */
	unauthorized: number;
	/** Business calls that took effect (validated and accepted: an inspection submitted, a task created). */
	byKind: { qualityInspect: number; createQualityTask: number };
	/** Highest number of business requests in progress at once. */
	maxInFlight: number;
	/** Business requests in progress now. */
	inFlight: number;
}

export interface CecMockFault {
	/** Which requests it applies to; default: either business call (never the token endpoint). */
	kind?: CecMockRequestKind;
	/** How many matching requests it applies to; default 1. */
	times?: number;
	/** Answer with this status (and body/headers) instead of processing. Exactly one of status/action. */
	status?: number;
	/** Response body for `status`; default ''. */
	body?: string;
	/** Extra/overriding response headers for `status` (Content-Type defaults to JSON). */
	headers?: Record<string, string>;
	/** 'reset': destroy the socket without answering; 'hang': never answer (socket dies on close()). */
	action?: 'reset' | 'hang';
	/** For an action: process the request first (its business effect happens), then reset/hang. */
	afterProcessing?: boolean;
}

export interface CecMock {
	/** 'http://127.0.0.1:<port>' ('https://…' with tls). */
	url: string;
	port: number;
	/** `${url}/apigovernance/api/oauth/tokenByAkSk` */
	tokenUrl: string;
	/** One entry per request, in arrival order (control endpoints are not logged). */
	log: CecMockLogEntry[];
	counters: CecMockCounters;
	/** Every AccessToken issued, in order. */
	issuedTokens: string[];
	/** Every qualityTaskId created, in order (also those whose answer was lost to an afterProcessing fault). */
	createdTaskIds: string[];
	/** Resolves once the server has closed, by close() or by maxLifetimeMs. */
	closed: Promise<void>;
	/** Invalidates every token issued so far. */
	expireTokens(): void;
	/** Queues a fault; throws a TypeError when it is malformed. */
	inject(fault: CecMockFault): void;
	setLatency(msOrFn: CecMockLatency): void;
	/** Clears the log and counters; tokens, faults and in-flight requests stay. */
	resetLog(): void;
	/** Closes the server and destroys every socket, hanging ones included. */
	close(): Promise<void>;
}

export function startCecMock(options?: CecMockOptions): Promise<CecMock>;
