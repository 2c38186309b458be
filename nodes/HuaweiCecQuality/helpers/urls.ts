/**
 * The credential's URLs, checked before anything is sent: without a scheme, n8n's HTTP client fails
 * with a bare network error that reads as if the server had refused the call.
 */
export interface CredentialUrls {
	baseUrl?: unknown;
	tokenUrl?: unknown;
}

function problemOf(label: string, value: unknown, example: string): string | undefined {
	const text = String(value ?? '').trim();
	let parsed: URL | undefined;
	try {
		parsed = new URL(text);
	} catch {
		parsed = undefined;
	}
	if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '') return undefined;
	const got = text === '' ? 'nothing' : JSON.stringify(text);
	return `The credential's ${label} must be a full URL starting with https:// or http://, e.g. ${example}; got ${got}`;
}

/** What is wrong with the credential's Base URL or Token URL (when set), or undefined. */
export function credentialUrlProblem(data: CredentialUrls): string | undefined {
	const tokenUrl = String(data.tokenUrl ?? '').trim();
	return (
		problemOf('Base URL', data.baseUrl, 'https://service.besclouds.com') ??
		(tokenUrl === ''
			? undefined
			: problemOf('Token URL', tokenUrl, 'https://cec.example.com:28070/apigovernance/api/oauth/tokenByAkSk'))
	);
}
