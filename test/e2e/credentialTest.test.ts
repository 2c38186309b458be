/**
 * End-to-end: the credential's Test button, in a REAL n8n editor (`n8n start`; 2.41.1 on Node 24 and
 * 1.123.81 on Node 20) with the packed package installed the community way, against the strict CEC mock.
 *
 * Requirement: "The credential's Test button verifies the AK/SK and says plainly what is wrong
 * (unreachable URL, wrong AK/SK, no token in the answer). A failed exchange never shows the secret."
 *
 * What the editor does, done here over n8n's REST API (same routes and bodies in both versions):
 *   POST  /rest/owner/setup {email, firstName, lastName, password}       (first start only)
 *   POST  /rest/login {emailOrLdapLoginId, password}                      -> cookie n8n-auth
 *   POST  /rest/credentials {name, type, data}                            -> {data: {id, ...}}
 *   GET   /rest/credentials/:id?includeData=true                         -> data with secrets redacted
 *   PATCH /rest/credentials/:id {name, type, data}
 *   POST  /rest/credentials/test {credentials: {id, name, type, data}}    -> {data: {status, message}}
 * Both versions only test a SAVED credential (`id` must name one the user can read; the editor saves
 * before it tests); the `data` sent is merged over the stored data (redacted values are restored).
 * A `browser-id` header is sent on every call, as the editor does.
 *
 * How n8n runs the declarative test: the test request goes through httpRequestWithAuthentication, so
 *  - on a credential WITHOUT a stored token (first Test after creating it) n8n first runs
 *    preAuthentication, i.e. the package's own AK/SK exchange, and a failure there is what is shown;
 *  - on a credential that passed once (n8n stored the token in it) the declarative request is sent
 *    first, with the stored token as Bearer; a 401 makes n8n run preAuthentication again.
 * Both paths are tested.
 *
 * Env: CEC_E2E_N8N_MAJORS=2 (or 1) to run one version, CEC_E2E_SKIP_BUILD=1 to reuse dist/,
 * CEC_E2E_KEEP=1 to keep the n8n user folders, CEC_E2E_DEBUG=1 to print every Test answer.
 */
import { LONG, MAJORS, usePackedPackage } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realN8n = require('../../scripts/lib/realN8n');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const CREDENTIAL_TYPE = 'huaweiCecApi';
const EXCHANGE_PATH = '/apigovernance/api/oauth/tokenByAkSk';
const ACCESS_KEY = 'cred-test-ak';
const SECRET_KEY = 'cred-test-sk-Secret-7f3a91';
const WRONG_SECRET_KEY = 'wrong-sk-Must-Not-Show-c2e84d';
const OWNER = { email: 'owner@example.com', firstName: 'Cred', lastName: 'Tester', password: 'Cred-Test-passw0rd' };
const BROWSER_ID = 'cec-credential-test-browser';

const OK = { status: 'OK', message: 'Connection successful!' };
const REJECTED = /HTTP 401: the access key \(AK\) or secret key \(SK\) was rejected/;
// The package's own wording, or n8n's rewording of a refused connection (see the unreachable tests).
const NO_TOKEN_FROM_EXCHANGE = /HTTP 200 but the answer has no AccessToken/;
const NO_TOKEN_RULE = 'The token service answered without an AccessToken: check Base URL / Token URL';
const NO_TOKEN_ANSWER = JSON.stringify({ Expires: 3600, note: 'no token here' });


jest.setTimeout(LONG);

interface ApiAnswer {
	status: number;
	text: string;
	json: Any;
}
interface TestResult {
	status: string;
	message: string;
}

const SECRETS = [SECRET_KEY, WRONG_SECRET_KEY];
function expectNoSecret(text: string, secrets: string[] = SECRETS) {
	for (const secret of secrets) {
		if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 6)}…) is shown in: ${text.slice(0, 2000)}`);
	}
}

const packedPackage = usePackedPackage();

describe.each(MAJORS)('real n8n %i.x editor: the credential Test button', (major) => {
	let n8n: Any;
	let mock: Any;
	let editor: Any;
	let cookie = '';
	/** Every answer of /rest/credentials/test, for the final secret check. */
	const testAnswers: string[] = [];

	async function call(method: string, route: string, body?: unknown, { auth = true } = {}): Promise<ApiAnswer> {
		const headers: Record<string, string> = { 'browser-id': BROWSER_ID };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (auth && cookie) headers.cookie = cookie;
		const r = await fetch(`${editor.url}${route}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await r.text();
		let json: Any;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		const setCookie = r.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (setCookie) cookie = setCookie.split(';')[0];
		return { status: r.status, text, json };
	}

	function expectStatus(answer: ApiAnswer, what: string, status = 200) {
		if (answer.status !== status) throw new Error(`${what} answered HTTP ${answer.status}: ${answer.text.slice(0, 2000)}`);
	}

	const credentialData = (over: Record<string, unknown> = {}) => ({
		baseUrl: mock.url,
		tokenUrl: '',
		accessKey: ACCESS_KEY,
		secretKey: SECRET_KEY,
		appKey: '',
		lifetimeSeconds: 3600,
		ignoreSslIssues: false,
		...over,
	});

	/** POST /rest/credentials/test, as the Test button does. */
	async function pressTest(id: string, name: string, data: Record<string, unknown>): Promise<TestResult> {
		const answer = await call('POST', '/rest/credentials/test', { credentials: { id, name, type: CREDENTIAL_TYPE, data } });
		testAnswers.push(answer.text);
		if (process.env.CEC_E2E_DEBUG) console.error(`[credentialTest] n8n ${n8n.version} "${name}": HTTP ${answer.status} ${answer.text}`);
		expectStatus(answer, 'POST /rest/credentials/test');
		expectNoSecret(answer.text);
		return answer.json.data as TestResult;
	}

	/** A new credential: saved, then tested (n8n holds no token for it yet). */
	async function createAndTest(name: string, data: Record<string, unknown>) {
		const created = await call('POST', '/rest/credentials', { name, type: CREDENTIAL_TYPE, data });
		expectStatus(created, 'POST /rest/credentials');
		const id = String(created.json.data.id);
		return { id, result: await pressTest(id, name, data) };
	}

	/** The user re-opens a saved credential, changes fields, saves and presses Test. */
	async function editAndTest(id: string, name: string, changes: Record<string, unknown>) {
		const stored = await call('GET', `/rest/credentials/${id}?includeData=true`);
		expectStatus(stored, `GET /rest/credentials/${id}`);
		expectNoSecret(stored.text);
		const data = { ...stored.json.data.data, ...changes };
		expectStatus(await call('PATCH', `/rest/credentials/${id}`, { name, type: CREDENTIAL_TYPE, data }), `PATCH /rest/credentials/${id}`);
		return await pressTest(id, name, data);
	}

	/** A saved credential that passed Test once: n8n has stored a token in it. */
	async function workingCredential(name: string) {
		const { id, result } = await createAndTest(name, credentialData());
		expect(result).toEqual(OK);
		return id;
	}

	/** Token-endpoint calls the mock received while `action` ran, as "status expire auth" strings. */
	async function tokenCallsDuring<T>(action: () => Promise<T>) {
		const before = (await mock.getLog()).log.length;
		const value = await action();
		const entries = (await mock.getLog()).log.slice(before).filter((e: Any) => e.kind === 'token');
		const summary = entries.map(
			(e: Any) => `${e.status} expire=${e.headers['x-token-expire']}${e.headers.authorization ? ' bearer' : ''}${e.fault ? ' injected' : ''}`,
		);
		return { value, entries, summary };
	}

	beforeAll(async () => {
		n8n = await realN8n.createInstance({ major, tgz: packedPackage(), timezone: 'Asia/Shanghai', logLevel: 'debug' });
		mock = await realN8n.startMockProcess({ ak: ACCESS_KEY, sk: SECRET_KEY });
		editor = await n8n.startEditor({ port: await realN8n.freePort() });

		expectStatus(await call('POST', '/rest/owner/setup', OWNER, { auth: false }), 'POST /rest/owner/setup');
		cookie = '';
		const login = await call('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password }, { auth: false });
		expectStatus(login, 'POST /rest/login');
		if (!cookie) throw new Error(`POST /rest/login set no n8n-auth cookie: ${login.text.slice(0, 500)}`);
	});

	afterAll(async () => {
		// cleanup() stops the editor (every background n8n process of the instance) and removes its folder.
		await Promise.allSettled([mock?.stop(), n8n?.cleanup()]);
	});

	test('the editor runs the right n8n, and the owner is logged in with the n8n-auth cookie', async () => {
		expect(n8n.version).toBe(realN8n.VERSIONS[major]);
		const me = await call('GET', '/rest/login');
		expectStatus(me, 'GET /rest/login');
		expect(me.json.data.email).toBe(OWNER.email);
		// The editor's list of credential types includes the community package's.
		const types = await call('GET', '/types/credentials.json');
		expectStatus(types, 'GET /types/credentials.json');
		expect(types.json.map((t: Any) => t.name)).toContain(CREDENTIAL_TYPE);
	});

	describe('new credential (first Test: n8n runs the package\'s AK/SK exchange first)', () => {
		test('right AK/SK: OK, after exchanging the AK/SK and posting them once more as the test request', async () => {
			const { entries, summary, value } = await tokenCallsDuring(() => createAndTest('CEC right AK/SK', credentialData()));
			expect(value.result).toEqual(OK);
			expect(summary).toEqual(['200 expire=3600', '200 expire=60']);
			for (const e of entries) expect(e.body).toEqual({ app_key: ACCESS_KEY, app_secret: SECRET_KEY });
		});

		test('wrong SK: says the AK/SK was rejected (HTTP 401), without the secret', async () => {
			const { summary, value } = await tokenCallsDuring(() => createAndTest('CEC wrong SK', credentialData({ secretKey: WRONG_SECRET_KEY })));
			expect(value.result.status).toBe('Error');
			expect(value.result.message).toMatch(REJECTED);
			expect(value.result.message).toContain(`${mock.url}${EXCHANGE_PATH}`);
			expect(summary).toEqual(['401 expire=3600']);
		});

		test('unreachable token URL (closed port): says the connection was refused', async () => {
			const base = `http://127.0.0.1:${await realN8n.freePort()}`;
			const { result } = await createAndTest('CEC unreachable', credentialData({ baseUrl: base }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/token service could not be reached \(connection refused\)/);
			expect(result.message).toContain(`${base}${EXCHANGE_PATH}`);
		});

		test('token endpoint answers 200 without an AccessToken: says so', async () => {
			await mock.inject({ kind: 'token', status: 200, times: 1, body: NO_TOKEN_ANSWER });
			const { summary, value } = await tokenCallsDuring(() => createAndTest('CEC no AccessToken', credentialData()));
			expect(value.result.status).toBe('Error');
			expect(value.result.message).toMatch(NO_TOKEN_FROM_EXCHANGE);
			expect(summary).toEqual(['200 expire=3600 injected']);
		});
	});

	describe('saved credential that already holds a token (edited, saved and tested again)', () => {
		test('unchanged (redacted data sent back): OK, the stored secret is merged back in', async () => {
			const id = await workingCredential('CEC retest');
			const { entries, summary, value } = await tokenCallsDuring(() => editAndTest(id, 'CEC retest', {}));
			expect(value).toEqual(OK);
			expect(summary).toEqual(['200 expire=60']);
			expect(entries[0].body).toEqual({ app_key: ACCESS_KEY, app_secret: SECRET_KEY });
		});

		test('SK changed to a wrong one: says the AK/SK was rejected, without the secret', async () => {
			const id = await workingCredential('CEC edit wrong SK');
			const { summary, value } = await tokenCallsDuring(() => editAndTest(id, 'CEC edit wrong SK', { secretKey: WRONG_SECRET_KEY }));
			expect(value.status).toBe('Error');
			expect(value.message).toMatch(REJECTED);
			expect(summary).toEqual(['401 expire=60', '401 expire=3600']);
		});

		test('Base URL changed to an unreachable one: says the connection was refused', async () => {
			const id = await workingCredential('CEC edit unreachable');
			const base = `http://127.0.0.1:${await realN8n.freePort()}`;
			const result = await editAndTest(id, 'CEC edit unreachable', { baseUrl: base });
			expect(result.status).toBe('Error');
			// Here n8n sends the declarative test request itself, and reports its failure in its own words:
			// 1.x "refused the connection", 2.41.1 the bare code (its CredentialsTester returns error.cause.code).
			expect(result.message).toMatch(major === 2 ? /^ECONNREFUSED$/ : /refused the connection/);
		});

		test('token endpoint answers 200 without an AccessToken: the credential rule\'s message', async () => {
			const id = await workingCredential('CEC edit no token');
			await mock.inject({ kind: 'token', status: 200, times: 1, body: NO_TOKEN_ANSWER });
			const { summary, value } = await tokenCallsDuring(() => editAndTest(id, 'CEC edit no token', {}));
			expect(value).toEqual({ status: 'Error', message: NO_TOKEN_RULE });
			expect(summary).toEqual(['200 expire=60 injected']);
		});
	});

	test('no secret key and no issued token in any Test answer, nor in the editor\'s debug log', async () => {
		expect(testAnswers.length).toBeGreaterThanOrEqual(12);
		const { issuedTokens } = await mock.getLog();
		expect(issuedTokens.length).toBeGreaterThan(0);
		expectNoSecret(testAnswers.join('\n'), [...SECRETS, ...issuedTokens]);
		const log = editor.output();
		expect(log).toMatch(/debug/i);
		expectNoSecret(log, [...SECRETS, ...issuedTokens]);
	});
});
