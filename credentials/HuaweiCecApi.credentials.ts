import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CecAuthenticationError, readHttpFailure, redact, snippet } from '../nodes/HuaweiCecQuality/helpers/httpFailure';
import { cellOf, freshToken } from '../nodes/HuaweiCecQuality/transport/tokenCell';
import { credentialUrlProblem } from '../nodes/HuaweiCecQuality/helpers/urls';
import { defaultOperatorUserId, defaultRole } from '../nodes/HuaweiCecQuality/actions/fields';

export const EXCHANGE_PATH = '/apigovernance/api/oauth/tokenByAkSk';
const DEFAULT_LIFETIME_SECONDS = 3600;

function trimSlashes(url: unknown): string {
	return String(url ?? '').trim().replace(/\/+$/, '');
}

function tokenUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const explicit = trimSlashes(credentials.tokenUrl);
	return explicit || `${trimSlashes(credentials.baseUrl)}${EXCHANGE_PATH}`;
}

function lifetimeOf(credentials: ICredentialDataDecryptedObject): number {
	const seconds = Number(credentials.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS);
	return Number.isInteger(seconds) && seconds >= 60 && seconds <= 3600 ? seconds : DEFAULT_LIFETIME_SECONDS;
}

function explainTokenStatus(status: number): string {
	if (status === 401 || status === 403) return 'the access key (AK) or secret key (SK) was rejected';
	if (status === 404) return 'no token service at this URL: check Base URL, or set Token URL';
	if (status >= 500) return 'the token service failed';
	return 'unexpected answer';
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	ECONNRESET: 'connection reset',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
};

function describeNetworkFailure(code: string | undefined): string {
	return (code && NETWORK_FAILURES[code]) ?? 'network error';
}

/** POSTs the AK/SK to the token service; every failure becomes a message without the secret. */
async function exchangeToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const urlProblem = credentialUrlProblem(credentials);
	if (urlProblem !== undefined) throw new CecAuthenticationError(`before anything was sent: ${urlProblem}`);
	const url = tokenUrlOf(credentials);
	const secrets = [credentials.secretKey as string | undefined];
	let text: unknown;
	try {
		text = await helper.helpers.httpRequest({
			method: 'POST',
			url,
			headers: { 'Content-Type': 'application/json', 'X-Token-Expire': String(lifetimeOf(credentials)) },
			body: JSON.stringify({ app_key: credentials.accessKey, app_secret: credentials.secretKey }),
			encoding: 'text',
			json: false,
			skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		});
	} catch (error) {
		const failure = readHttpFailure(error);
		let reason: string;
		if (failure.status !== undefined) {
			reason = `HTTP ${failure.status}: ${explainTokenStatus(failure.status)}`;
			const detail = snippet(redact(failure.body ?? '', secrets));
			if (detail) reason += ` (answer: ${detail})`;
		} else if (failure.certificateProblem) {
			reason = `the server's TLS certificate is not trusted (${failure.code ?? 'certificate error'}); turn on "Ignore SSL Issues" only for a self-signed on-premises certificate`;
		} else {
			// In words: n8n replaces any error message that contains a code such as ECONNREFUSED.
			reason = `the token service could not be reached (${describeNetworkFailure(failure.code)})`;
		}
		throw new CecAuthenticationError(`at POST ${url}: ${reason}`);
	}
	let accessToken: unknown;
	try {
		accessToken = (JSON.parse(String(text)) as { AccessToken?: unknown }).AccessToken;
	} catch {
		accessToken = undefined;
	}
	if (typeof accessToken !== 'string' || accessToken === '') {
		throw new CecAuthenticationError(
			`at POST ${url}: HTTP 200 but the answer has no AccessToken (answer: ${snippet(redact(String(text), secrets))})`,
		);
	}
	return accessToken;
}

export class HuaweiCecApi implements ICredentialType {
	name = 'huaweiCecApi';

	displayName = 'Huawei Cloud CEC API';

	icon: Icon = { light: 'file:huaweiCec.svg', dark: 'file:huaweiCec.dark.svg' };

	documentationUrl = 'https://support.huaweicloud.com/intl/en-us/api-cec/cec_07_0002.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://service.besclouds.com',
			required: true,
			description: 'Scheme and host of the CEC API, e.g. https://service.besclouds.com for the public cloud',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://cec.example.com:28070/apigovernance/api/oauth/tokenByAkSk',
			description:
				'Full URL of the AK/SK token service. Leave empty to use the Base URL followed by /apigovernance/api/oauth/tokenByAkSk. Older and on-premises deployments serve it on port 28070.',
		},
		{
			displayName: 'Access Key (AK)',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The app key (AK) of the system integration account, sent as app_key',
		},
		{
			displayName: 'Secret Key (SK)',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The app secret (SK) of the same account, sent as app_secret',
		},
		{
			displayName: 'App Key Header',
			name: 'appKey',
			type: 'string',
			default: '',
			description: 'Value of the x-app-key header on API calls. Leave empty to send the access key.',
		},
		{
			displayName: 'Token Lifetime (Seconds)',
			name: 'lifetimeSeconds',
			type: 'number',
			typeOptions: { minValue: 60, maxValue: 3600 },
			default: DEFAULT_LIFETIME_SECONDS,
			description: 'Lifetime requested for each token (X-Token-Expire), 60 to 3600 seconds',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the TLS certificate cannot be verified, e.g. a self-signed certificate of an on-premises AICC',
		},
		defaultOperatorUserId,
		defaultRole,
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * Gets a token when n8n finds none stored or got a 401. Within one node run, concurrent 401s
	 * share one exchange (see transport/tokenCell).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const exchange = async () => await exchangeToken(this, credentials);
		const cell = cellOf(credentials);
		const accessToken = cell ? await freshToken(cell, String(credentials.accessToken ?? ''), exchange) : await exchange();
		return { accessToken };
	}

	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		if (credentials.ignoreSslIssues === true) requestOptions.skipSslCertificateValidation = true;
		// The Test button posts to the token service itself: a stored token is not sent there.
		if (String(requestOptions.url ?? '').endsWith(EXCHANGE_PATH)) return requestOptions;
		const appKey = String(credentials.appKey ?? '').trim() || String(credentials.accessKey);
		requestOptions.baseURL = trimSlashes(credentials.baseUrl);
		requestOptions.headers = {
			...requestOptions.headers,
			Authorization: `Bearer ${credentials.accessToken}`,
			'x-app-key': appKey,
		};
		return requestOptions;
	};

	/** The Test button exchanges the AK/SK once more: the documented way to verify them. */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: `={{ ($credentials.tokenUrl || "").trim().replace(/\\/+$/, "") || ($credentials.baseUrl || "").trim().replace(/\\/+$/, "") + "${EXCHANGE_PATH}" }}`,
			headers: { 'Content-Type': 'application/json', 'X-Token-Expire': '60' },
			body: { app_key: '={{ $credentials.accessKey }}', app_secret: '={{ $credentials.secretKey }}' },
			skipSslCertificateValidation: '={{ $credentials.ignoreSslIssues }}',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'AccessToken',
					value: undefined,
					message: 'The token service answered without an AccessToken: check Base URL / Token URL',
				},
			},
		],
	};
}
