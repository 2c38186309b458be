/**
 * The token through n8n-core against the strict mock over real HTTP (sending Create Inspection): one
 * exchange per run, a stored token reused, an expired token renewed once, the token URL derived.
 */
import {
	businessEntries,
	credentialsFor,
	expectPairedInOrder,
	INSPECT_PATH,
	inspectionParameters,
	makeInspectionItems,
	range,
	runAgainst,
	storeWithToken,
	TEST_TIMEOUT_MS,
	TOKEN_PATH,
	tokenEntries,
} from '../fixtures';
import { useMock } from '../shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS);

describe('Create Inspection and Create Review Task through n8n-core', () => {
	const mock = useMock({}, { zeroLatency: true });

	describe('token', () => {
		it('exchanges AK/SK exactly once for 25 items and stores the token', async () => {
			const items = makeInspectionItems(25);
			const result = await runAgainst(mock, { parameters: inspectionParameters(), items });

			expect(result.error).toBeUndefined();
			expect(mock.counters.tokenRequests).toBe(1);
			expect(mock.counters.tokenExchanges).toBe(1);
			expect(mock.counters.byKind.qualityInspect).toBe(25);
			expect(businessEntries(mock).map((e) => e.status)).toEqual(Array(25).fill(200));
			expect(result.store.read().accessToken).toBe(mock.issuedTokens.at(-1));
			expect(result.outputs[0]).toHaveLength(25);
			expectPairedInOrder(result.outputs[0], range(25));
		});

		it('reuses the token stored by an earlier run: no exchange in the second run', async () => {
			const store = await storeWithToken(mock);
			const token = store.read().accessToken;

			const result = await runAgainst(mock, { parameters: inspectionParameters(), items: makeInspectionItems(6), store });

			expect(result.error).toBeUndefined();
			expect(mock.counters.tokenRequests).toBe(0);
			expect(store.preAuthenticationCalls).toBe(1); // only the first run's
			expect(businessEntries(mock).map((e) => e.token)).toEqual(Array(6).fill(token));
			expect(result.outputs[0]).toHaveLength(6);
		});

		it('after the token expires: one 401, one exchange, the item resent and every item succeeds', async () => {
			const store = await storeWithToken(mock);
			const oldToken = store.read().accessToken;
			mock.expireTokens();

			// Concurrency 1, so exactly one request meets the expired token.
			const items = makeInspectionItems(5);
			const result = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 1 }), items, store });

			expect(result.error).toBeUndefined();
			expect(mock.counters.unauthorized).toBe(1);
			expect(mock.counters.tokenExchanges).toBe(1);
			const sent = businessEntries(mock);
			expect(sent.map((e) => e.status)).toEqual([401, 200, 200, 200, 200, 200]);
			expect(sent[0].token).toBe(oldToken);
			expect(sent[1].rawBody).toBe(sent[0].rawBody); // the same item, resent
			const newToken = store.read().accessToken;
			expect(newToken).toBe(mock.issuedTokens.at(-1));
			expect(sent.slice(1).every((e) => e.token === newToken)).toBe(true);
			expect(mock.counters.byKind.qualityInspect).toBe(5);
			expectPairedInOrder(result.outputs[0], range(5));
		});

		it('derives the token URL from the Base URL when Token URL is empty', async () => {
			const result = await runAgainst(mock, {
				parameters: inspectionParameters(),
				items: makeInspectionItems(2),
				credentials: credentialsFor(mock, { tokenUrl: '' }),
			});

			expect(result.error).toBeUndefined();
			expect(tokenEntries(mock).map((e) => [e.method, e.path, e.status])).toEqual([['POST', TOKEN_PATH, 200]]);
			expect(mock.counters.byKind.qualityInspect).toBe(2);
		});

		it('works with a Base URL that ends in a slash (no double slash on the wire)', async () => {
			const result = await runAgainst(mock, {
				parameters: inspectionParameters(),
				items: makeInspectionItems(2),
				credentials: credentialsFor(mock, { baseUrl: `${mock.url}/`, tokenUrl: '' }),
			});

			expect(result.error).toBeUndefined();
			expect(mock.log.map((e) => e.path)).toEqual([TOKEN_PATH, INSPECT_PATH, INSPECT_PATH]);
			expect(result.outputs[0]).toHaveLength(2);
		});
	});
});
