/**
 * The headers on the wire through n8n-core against the strict mock: Bearer token, x-app-key (the
 * access key, or the credential's App Key Header), JSON content type, x-UserId where an operator is needed.
 */
import {
	AK,
	businessEntries,
	credentialsFor,
	inspectionParameters,
	makeInspectionItems,
	makeReviewTaskItems,
	OPERATOR_ID,
	reviewTaskParameters,
	runAgainst,
	TASK_PATH,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { expectErrorItemShape } from '../shared/continueOnFail';
import { useMock } from '../shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS);

describe('Create Inspection and Create Review Task through n8n-core', () => {
	const mock = useMock({}, { zeroLatency: true });

	describe('headers', () => {
		it('sends Bearer token, x-app-key = AK and JSON content type, and no x-UserId, on qualityInspect', async () => {
			const result = await runAgainst(mock, { parameters: inspectionParameters(), items: makeInspectionItems(3) });
			expect(result.error).toBeUndefined();

			const token = result.store.read().accessToken;
			const sent = businessEntries(mock);
			expect(sent).toHaveLength(3);
			for (const entry of sent) {
				expect(entry.headers.authorization).toBe(`Bearer ${token}`);
				expect(entry.headers['x-app-key']).toBe(AK);
				expect(entry.headers['content-type']).toBe('application/json; charset=UTF-8');
				expect(entry.headers['x-userid']).toBeUndefined();
			}
		});

		it('sends x-UserId = the 19-digit operator id, as text, on createQualityTask', async () => {
			const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items: makeReviewTaskItems(3) });
			expect(result.error).toBeUndefined();

			const token = result.store.read().accessToken;
			const sent = businessEntries(mock);
			expect(sent).toHaveLength(3);
			for (const entry of sent) {
				expect(entry.path).toBe(TASK_PATH);
				expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
				expect(entry.headers.authorization).toBe(`Bearer ${token}`);
				expect(entry.headers['x-app-key']).toBe(AK);
				expect(entry.headers['content-type']).toBe('application/json; charset=UTF-8');
			}
		});

		it("sends the credential's App Key Header as x-app-key when it is set", async () => {
			const result = await runAgainst(mock, {
				parameters: inspectionParameters({ concurrency: 1 }),
				items: makeInspectionItems(1),
				credentials: credentialsFor(mock, { appKey: 'gateway-app-id' }),
				continueOnFail: true,
			});

			const sent = businessEntries(mock);
			expect(sent.length).toBeGreaterThan(0);
			expect(sent.map((e) => e.headers['x-app-key'])).toEqual(Array(sent.length).fill('gateway-app-id'));
			// This mock accepts only x-app-key = AK, so the item ends as an error item, not a thrown run.
			expect(sent[0].reason).toBe('x-app-key does not match the app key');
			expect(result.error).toBeUndefined();
			expectErrorItemShape(result.outputs[0][0]);
		});
	});
});
