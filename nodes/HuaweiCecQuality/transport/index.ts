/**
 * The only place that talks HTTP to the CEC API: it sends one call through n8n's authenticated
 * request helper (which fetches the token; on a 401 the token is refreshed once and the call
 * resent), checks the answer's shape and the endpoint's success convention, and turns every failure
 * into a NodeApiError that says what happened and whether the call may have taken effect. Whether
 * to send again is decided from `outcome.kind` (see client.ts).
 */
import {
	NodeApiError,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { idText, parseJsonKeepingIds } from '../helpers/json';
import { sameResultCode } from '../helpers/resultCode';
import { bodyText, lowerCaseHeaders, readHttpFailure, redact, snippet, type HttpFailure } from '../helpers/httpFailure';
import { retryAfterMs } from '../helpers/retryAfter';
import { cellFor, linkedCopy, recoverFromRejection, type TokenCell } from './tokenCell';
import type { CecEndpoint } from './endpoints';

export { ENDPOINTS, type CecEndpoint, type EndpointName } from './endpoints';

export const CREDENTIAL_TYPE = 'huaweiCecApi';

/** What a call needs of n8n: the node's run (`execute`), the trigger's poll, or the editor's list of a locator. */
export type CecContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface CecCall {
	endpoint: CecEndpoint;
	body: IDataObject;
	/** x-UserId header, required where the endpoint says so (the manual-review family) */
	operatorUserId?: string;
}

export interface CallSettings {
	timeoutMs: number;
	/** Read once per run; each call sends a copy carrying the run's newest token. */
	credentials: ICredentialsDecrypted;
	tokenCell: TokenCell;
	/**
	 * Set by the first failed token exchange of the run: every later call fails with it unsent, so a
	 * rejected AK/SK costs one exchange per run, not one per window of concurrent calls.
	 */
	authenticationFailure?: string;
}

export type CallOutcome =
	| { kind: 'ok'; data: unknown }
	/** 429/503 (not processed), or a read that failed in a way worth repeating: may be resent after `waitMs` */
	| { kind: 'retryable'; waitMs: number; error: NodeApiError }
	/** 401 even after a fresh token and a resend (e.g. another worker's refresh revoked the token) */
	| { kind: 'unauthorized'; error: NodeApiError }
	| { kind: 'failed'; error: NodeApiError };

const DEFAULT_RETRY_AFTER_MS = 1000;
const MAX_RETRY_AFTER_MS = 120_000;
const NOT_CREATED = 'The server refused it, so nothing was created.';
const MAYBE_CREATED =
	'It may or may not have taken effect on the server; it was not resent, because creating is not idempotent. Check in CEC before running this item again.';
const READ_FAILED = 'Reading changes nothing on the server, so it is safe to run this item again.';

/** What a failure means for the server's state: a read changed nothing; a create may have happened. */
const uncertainEffect = (endpoint: CecEndpoint) => (endpoint.safeToResend ? READ_FAILED : MAYBE_CREATED);

function statusHint(status: number, endpoint: CecEndpoint): string {
	if (status === 400) return 'The API rejected the request: check the parameter values.';
	if (status === 401) return 'The API rejected the token even after a fresh one was obtained: check the AK/SK and the app key.';
	if (status === 404) return 'No such API path at this Base URL: check the credential\'s Base URL.';
	if (status === 429 || status === 503) return 'The API is busy; the request was not processed.';
	if (status >= 500) return `The API failed to process the request. ${uncertainEffect(endpoint)}`;
	return 'The API answered with an error.';
}

/** Builds the item's error; every text that may echo the request is stripped of secrets first. */
function apiError(
	ctx: CecContext,
	itemIndex: number,
	secrets: string[],
	message: string,
	description: string,
	extra: { httpCode?: number; resultCode?: string; resultDesc?: string },
): NodeApiError {
	const clean = (text: string) => redact(text, secrets);
	const httpCode = extra.httpCode === undefined ? undefined : String(extra.httpCode);
	const resultDesc = extra.resultDesc === undefined ? undefined : clean(extra.resultDesc);
	const response: JsonObject = { message: clean(message), description: clean(description) };
	if (extra.resultCode !== undefined) response.resultCode = clean(extra.resultCode);
	if (resultDesc !== undefined) response.resultDesc = resultDesc;
	if (httpCode !== undefined) response.httpCode = httpCode;
	const error = new NodeApiError(ctx.getNode(), response, {
		message: clean(message),
		description: clean(description),
		httpCode,
		itemIndex,
	});
	// NodeApiError swaps messages that mention network codes for generic advice ("retry"), wrong for a create.
	error.message = clean(message);
	error.context.resultCode = response.resultCode;
	error.context.resultDesc = resultDesc;
	return error;
}

function resultFields(data: unknown, codeField = 'resultCode'): { resultCode?: string; resultDesc?: string } {
	if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
	const record = data as IDataObject;
	const code = record[codeField] ?? record.resultCode;
	return {
		resultCode: code === undefined || code === null ? undefined : String(code),
		resultDesc: record.resultDesc === undefined ? undefined : String(record.resultDesc),
	};
}

function outcomeOfFailure(
	ctx: CecContext,
	itemIndex: number,
	call: CecCall,
	failure: HttpFailure,
	settings: CallSettings,
	secrets: string[],
): CallOutcome {
	if (failure.authenticationFailure) {
		settings.authenticationFailure ??= failure.authenticationFailure;
		return notSentForAuthentication(ctx, itemIndex, call, failure.authenticationFailure, secrets);
	}
	const what = callName(call);
	if (failure.status !== undefined) {
		const parsed = parseJsonKeepingIds(failure.body ?? '');
		const fields = parsed.ok ? resultFields(parsed.value) : {};
		const detail = fields.resultCode
			? `resultCode ${fields.resultCode}${fields.resultDesc ? `: ${fields.resultDesc}` : ''}`
			: snippet(failure.body) || 'no details';
		const error = apiError(
			ctx,
			itemIndex,
			secrets,
			`${what} failed with HTTP ${failure.status} (${detail})`,
			statusHint(failure.status, call.endpoint),
			{ httpCode: failure.status, ...fields },
		);
		const waitMs = retryAfterMs(failure.headers['retry-after'], Date.now(), DEFAULT_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS);
		if (failure.status === 429 || failure.status === 503) return { kind: 'retryable', waitMs, error };
		if (failure.status === 401) return { kind: 'unauthorized', error };
		if (failure.status >= 500 && call.endpoint.safeToResend) return { kind: 'retryable', waitMs, error };
		return { kind: 'failed', error };
	}
	if (failure.certificateProblem) {
		return {
			kind: 'failed',
			error: apiError(
				ctx,
				itemIndex,
				secrets,
				`${what} was not sent: the server's TLS certificate is not trusted (${failure.code ?? 'certificate error'})`,
				'For an on-premises AICC with a self-signed certificate, turn on "Ignore SSL Issues" in the credential.',
				{},
			),
		};
	}
	if (!failure.maybeSent) {
		return {
			kind: 'failed',
			error: apiError(ctx, itemIndex, secrets, `${what} could not reach the server (${failure.code})`, NOT_CREATED, {}),
		};
	}
	const cause = failure.timedOut
		? `no answer within ${settings.timeoutMs} ms`
		: `the connection failed before an answer arrived (${failure.code ?? 'network error'})`;
	const error = apiError(ctx, itemIndex, secrets, `${what}: ${cause}`, uncertainEffect(call.endpoint), {});
	return call.endpoint.safeToResend ? { kind: 'retryable', waitMs: DEFAULT_RETRY_AFTER_MS, error } : { kind: 'failed', error };
}

/** How messages name a call: the API's name, and the id of what it acts on where its endpoint says where that is. */
export function callName(call: CecCall): string {
	const subject = call.endpoint.subject;
	if (subject === undefined) return `CEC ${call.endpoint.name}`;
	const id = idText(subject.field.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as IDataObject)[key] : undefined), call.body));
	return id === undefined ? `CEC ${call.endpoint.name}` : `CEC ${call.endpoint.name} (${subject.noun} ${id})`;
}

function notSentForAuthentication(
	ctx: CecContext,
	itemIndex: number,
	call: CecCall,
	message: string,
	secrets: string[],
): CallOutcome {
	const description = `${callName(call)} was not sent, so nothing was created: no token could be obtained.`;
	return { kind: 'failed', error: apiError(ctx, itemIndex, secrets, message, description, {}) };
}

/**
 * What every call of one run (or poll) shares: the credential, read once, and the process-wide token
 * cell of that credential, starting from the token stored in n8n's database.
 */
export async function callSettingsFor(ctx: CecContext, timeoutMs: number): Promise<CallSettings> {
	const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	const data = await ctx.getCredentials(CREDENTIAL_TYPE);
	const credentials = { id: reference?.id ?? '', name: reference?.name ?? CREDENTIAL_TYPE, type: CREDENTIAL_TYPE, data };
	return { timeoutMs, credentials, tokenCell: cellFor(credentials.id, String(data.accessToken ?? '')) };
}

/** The token in n8n's database now: another execution or worker may have stored a newer one. */
async function storedToken(ctx: CecContext): Promise<string> {
	const stored = await ctx.getCredentials(CREDENTIAL_TYPE);
	return String(stored.accessToken ?? '');
}

interface FullResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: string;
}

/**
 * Sends one call and classifies what came back. Never throws for HTTP or API failures.
 * HTTP statuses are read here rather than thrown by n8n (whose 1.x errors drop the response body),
 * so a 401 is handled here too, once per call: the shared token cell adopts a newer stored token or
 * is emptied, and the call is resent; an empty token makes n8n's preAuthentication fetch one,
 * shared with every call that got the same 401 (transport/tokenCell).
 */
export async function sendCecCall(
	this: CecContext,
	call: CecCall,
	settings: CallSettings,
	itemIndex: number,
): Promise<CallOutcome> {
	const secretKey = settings.credentials.data?.secretKey as string | undefined;
	if (settings.authenticationFailure !== undefined) {
		return notSentForAuthentication(this, itemIndex, call, settings.authenticationFailure, [secretKey ?? '']);
	}
	const headers: IDataObject = { 'Content-Type': 'application/json; charset=UTF-8', Accept: 'application/json' };
	if (call.endpoint.operatorHeader && call.operatorUserId !== undefined) headers['x-UserId'] = call.operatorUserId;
	const cell = settings.tokenCell;
	const usedTokens: string[] = [];
	const send = async (): Promise<FullResponse> => {
		const requestCredentials = linkedCopy(settings.credentials.data ?? {}, cell);
		const options: IHttpRequestOptions = {
			method: 'POST',
			url: call.endpoint.path,
			headers: { ...headers },
			body: JSON.stringify(call.body),
			encoding: 'text',
			json: false,
			timeout: settings.timeoutMs,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		};
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(this as IExecuteFunctions, CREDENTIAL_TYPE, options, {
				credentialsDecrypted: { ...settings.credentials, data: requestCredentials },
			})) as { statusCode: number; headers?: Record<string, unknown>; body?: unknown };
			return {
				statusCode: Number(response.statusCode),
				headers: lowerCaseHeaders(response.headers),
				body: bodyText(response.body) ?? '',
			};
		} finally {
			usedTokens.push(String(requestCredentials.accessToken ?? ''));
		}
	};
	// Every token this call used, the newest one and the secret: none may reach an error.
	const secretsNow = () =>
		[secretKey, ...usedTokens, cell.token].filter(
			(value): value is string => typeof value === 'string' && value !== '',
		);

	let response: FullResponse;
	try {
		response = await send();
		if (response.statusCode === 401) {
			await recoverFromRejection(cell, usedTokens[usedTokens.length - 1], async () => await storedToken(this));
			response = await send();
		}
	} catch (error) {
		return outcomeOfFailure(this, itemIndex, call, readHttpFailure(error), settings, secretsNow());
	}
	const secrets = secretsNow();
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const failure: HttpFailure = {
			status: response.statusCode,
			headers: response.headers,
			body: response.body,
			timedOut: false,
			maybeSent: true,
			certificateProblem: false,
		};
		return outcomeOfFailure(this, itemIndex, call, failure, settings, secrets);
	}
	const text = response.body;
	const what = callName(call);
	const parsed = parseJsonKeepingIds(text);
	const shape = !parsed.ok || !parsed.value || typeof parsed.value !== 'object' ? undefined : Array.isArray(parsed.value) ? 'array' : 'object';
	if (shape !== call.endpoint.answer) {
		return {
			kind: 'failed',
			error: apiError(
				this,
				itemIndex,
				secrets,
				`${what} answered HTTP ${response.statusCode} with a body that is not a JSON ${call.endpoint.answer}: ${snippet(text) || '(empty)'}`,
				uncertainEffect(call.endpoint),
				{ httpCode: response.statusCode },
			),
		};
	}
	const data = parsed.ok ? parsed.value : undefined;
	const { codeField, successCode } = call.endpoint;
	if (codeField !== null && successCode !== null) {
		const record = data as IDataObject;
		const present = record[codeField] !== undefined && record[codeField] !== null;
		if ((present || call.endpoint.codeRequired) && !sameResultCode(record[codeField], successCode)) {
			const fields = resultFields(record, codeField);
			const message =
				record[codeField] === undefined
					? `${what} answered HTTP ${response.statusCode} without a ${codeField}: ${snippet(text)}`
					: `${what} failed: ${codeField} ${fields.resultCode}${fields.resultDesc ? ` (${fields.resultDesc})` : ''}`;
			return {
				kind: 'failed',
				error: apiError(this, itemIndex, secrets, message, `Success is ${codeField} ${successCode}.`, {
					httpCode: response.statusCode,
					...fields,
				}),
			};
		}
	}
	return { kind: 'ok', data };
}
