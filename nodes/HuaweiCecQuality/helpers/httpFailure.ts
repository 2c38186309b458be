/**
 * What an HTTP helper's thrown error says about the exchange, read defensively: n8n 1.x and 2.x
 * wrap axios errors differently (raw, or as the `cause` of a NodeApiError). Only status, headers,
 * body text and the network error code are taken: the original error carries the request
 * configuration (headers with the token, the body with the secret) and must never be passed on.
 */

export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body?: string;
	/** Node's network error code, e.g. ECONNREFUSED, ECONNRESET, ETIMEDOUT */
	code?: string;
	timedOut: boolean;
	/** The request may have reached the server (no HTTP answer arrived, or the answer was cut). */
	maybeSent: boolean;
	certificateProblem: boolean;
	/** Set when the token exchange failed: its message, safe to show. */
	authenticationFailure?: string;
}

export const AUTHENTICATION_FAILURE_PREFIX = 'Huawei CEC token exchange failed';

/** Raised by the credential's token exchange; its message is written to be shown and holds no secret. */
export class CecAuthenticationError extends Error {
	constructor(detail: string) {
		super(`${AUTHENTICATION_FAILURE_PREFIX} ${detail}`);
		this.name = 'CecAuthenticationError';
	}
}

interface ErrorLike {
	name?: unknown;
	code?: unknown;
	message?: unknown;
	/** NodeApiError keeps the wrapped error's message here; n8n 1.x drops the `cause` itself. */
	messages?: unknown;
	httpCode?: unknown;
	cause?: unknown;
	response?: { status?: unknown; statusCode?: unknown; headers?: unknown; data?: unknown; body?: unknown };
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const CERTIFICATE_CODES =
	/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH/;

function chainOf(error: unknown): ErrorLike[] {
	const chain: ErrorLike[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 5 && !chain.includes(current as ErrorLike)) {
		chain.push(current as ErrorLike);
		current = (current as ErrorLike).cause;
	}
	return chain;
}

export function bodyText(data: unknown): string | undefined {
	if (data === undefined || data === null) return undefined;
	if (typeof data === 'string') return data;
	if (data instanceof Uint8Array) return new TextDecoder().decode(data);
	try {
		return JSON.stringify(data);
	} catch {
		return String(data);
	}
}

export function lowerCaseHeaders(raw: unknown): Record<string, string> {
	const headers: Record<string, string> = {};
	if (raw && typeof raw === 'object') {
		for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
			if (value !== undefined && value !== null) headers[key.toLowerCase()] = String(value);
		}
	}
	return headers;
}

export function readHttpFailure(error: unknown): HttpFailure {
	const chain = chainOf(error);
	const withResponse = chain.find((link) => link.response && typeof link.response === 'object');
	const response = withResponse?.response;
	const rawStatus = response?.status ?? response?.statusCode ?? chain.find((link) => link.httpCode)?.httpCode;
	const status = rawStatus === undefined || rawStatus === null ? undefined : Number(rawStatus);
	const texts = chain.flatMap((link) => [link.message, ...(Array.isArray(link.messages) ? link.messages : [])]);
	const messages = texts.filter((text): text is string => typeof text === 'string').join(' ');
	const code =
		chain.map((link) => link.code).find((value): value is string => typeof value === 'string' && /^E[A-Z_]+$/.test(value)) ??
		/\b(E[A-Z]{3,}[A-Z_]*)\b/.exec(messages)?.[1];
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(messages);
	const certificateProblem = (code !== undefined && CERTIFICATE_CODES.test(code)) || /certificate/i.test(messages);
	const hasStatus = status !== undefined && Number.isFinite(status);
	const authentication = texts.find(
		(text): text is string => typeof text === 'string' && text.startsWith(AUTHENTICATION_FAILURE_PREFIX),
	);
	return {
		authenticationFailure: authentication,
		status: hasStatus ? status : undefined,
		headers: lowerCaseHeaders(response?.headers),
		body: bodyText(response?.data ?? response?.body),
		code,
		timedOut,
		certificateProblem,
		maybeSent: !hasStatus && !certificateProblem && !(code !== undefined && NOT_SENT_CODES.has(code)),
	};
}

/** Removes every occurrence of each secret from a text that is about to be shown. */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join('***');
	}
	return result;
}

const MAX_SNIPPET = 300;

export function snippet(text: string | undefined): string {
	if (!text) return '';
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > MAX_SNIPPET ? `${flat.slice(0, MAX_SNIPPET)}…` : flat;
}
