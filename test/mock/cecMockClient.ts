/**
 * A minimal client of the CEC mock for tests: gets a token, then sends one business call by its
 * endpoint-table key with the documented headers (x-UserId only where the table says so, unless told).
 * It sends what it is given, byte for byte when given a string: it is for testing the mock's rules.
 */
import ENDPOINTS from '../../nodes/HuaweiCecQuality/transport/endpoints.json';
import type { CecMock, CecMockBusinessKind } from './cecMock';

export const MOCK_ACCESS_KEY = 'test-ak';
export const MOCK_SECRET_KEY = 'test-sk-secret';
/** The operator id of the spec's createQualityTask example. */
export const MOCK_OPERATOR_ID = '1611917095665261978';

export interface MockReply {
	status: number;
	headers: Headers;
	text: string;
	/** The text parsed as JSON, or undefined when it is not valid JSON. */
	json: any;
}

export interface CallOptions {
	/** x-UserId to send; null sends none. Default: MOCK_OPERATOR_ID where the endpoint table requires it. */
	operator?: string | null;
	/** Extra or overriding headers. */
	headers?: Record<string, string>;
}

export interface MockClient {
	token(): Promise<string>;
	call(kind: CecMockBusinessKind, body: unknown, options?: CallOptions): Promise<MockReply>;
	/** POST to any path with the business headers (for routing tests). */
	post(path: string, body: unknown, options?: CallOptions): Promise<MockReply>;
}

export function endpointPath(kind: CecMockBusinessKind): string {
	return ENDPOINTS[kind].path;
}

async function reply(response: Response): Promise<MockReply> {
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

export function mockClient(mock: CecMock, accessKey = MOCK_ACCESS_KEY, secretKey = MOCK_SECRET_KEY): MockClient {
	let accessToken: string | undefined;
	async function token(): Promise<string> {
		if (accessToken === undefined) {
			const answer = await reply(await fetch(mock.tokenUrl, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ app_key: accessKey, app_secret: secretKey }),
			}));
			if (answer.status !== 200) throw new Error(`token request answered ${answer.status}: ${answer.text}`);
			accessToken = answer.json.AccessToken as string;
		}
		return accessToken;
	}
	async function send(path: string, body: unknown, operatorHeader: boolean, options: CallOptions): Promise<MockReply> {
		const operator = options.operator === undefined ? (operatorHeader ? MOCK_OPERATOR_ID : null) : options.operator;
		const headers: Record<string, string> = {
			Authorization: `Bearer ${await token()}`,
			'x-app-key': accessKey,
			'Content-Type': 'application/json; charset=UTF-8',
			...(operator === null ? {} : { 'x-UserId': operator }),
			...options.headers,
		};
		return reply(await fetch(mock.url + path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
	}
	return {
		token,
		call: (kind, body, options = {}) => send(ENDPOINTS[kind].path, body, ENDPOINTS[kind].operatorHeader, options),
		post: (path, body, options = {}) => send(path, body, false, options),
	};
}
