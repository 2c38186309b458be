/**
 * No fault may leak the secret key or a token: not in output items, error messages or
 * descriptions, n8n's run data (what n8n stores in its database) or the captured log lines,
 * even when the server's answer echoes them back.
 */
import { SCENARIOS, runScenario, selfSignedCertificate, type ScenarioName } from '../shared/faultScenarios';
import { SK, TEST_TIMEOUT_MS } from '../fixtures';

jest.setTimeout(TEST_TIMEOUT_MS);

/** Windows of 16 characters: a cut-off token (e.g. in a shortened snippet) is still a leak. */
function fragmentsOf(secret: string, width = 16): string[] {
	if (secret.length <= width) return [secret];
	return Array.from({ length: secret.length - width + 1 }, (_, i) => secret.slice(i, i + width));
}

function leaked(haystack: string, secret: string): boolean {
	return fragmentsOf(secret).some((fragment) => haystack.includes(fragment));
}

beforeAll(() => {
	selfSignedCertificate();
});

const names = Object.keys(SCENARIOS) as ScenarioName[];

describe.each(names)('%s', (name) => {
	it(`${SCENARIOS[name].title}: no secret key or token in outputs, errors, run data or logs`, async () => {
		const run = await runScenario(SCENARIOS[name]);
		const places = {
			outputs: JSON.stringify(run.outputs),
			errorMessage: JSON.stringify(run.error?.message ?? ''),
			errorDescription: JSON.stringify(run.error?.description ?? ''),
			error: JSON.stringify(run.error ?? null),
			runData: JSON.stringify(run.run),
			logs: JSON.stringify(run.logs),
		};
		// The haystack is real: the run produced output or an error, and was logged.
		expect(run.outputs.length > 0 || run.error !== undefined).toBe(true);
		expect(run.logs.length).toBeGreaterThan(0);

		const secrets = { secretKey: SK, ...Object.fromEntries(run.mock.issuedTokens.map((token, i) => [`token${i}`, token])) };
		const leaks = Object.entries(places).flatMap(([place, text]) =>
			Object.entries(secrets)
				.filter(([, secret]) => leaked(text, secret))
				.map(([which]) => `${which} in ${place}`),
		);
		expect(leaks).toEqual([]);
	});
});

it('the leak check finds a secret and a cut-off token', () => {
	const token = 'a'.repeat(20) + '0123456789abcdef' + 'b'.repeat(28);
	expect(leaked(`{"error":"app_secret=${SK}"}`, SK)).toBe(true);
	expect(leaked(`Bearer ${token.slice(0, 30)}…`, token)).toBe(true);
	expect(leaked('Bearer ***', token)).toBe(false);
});
