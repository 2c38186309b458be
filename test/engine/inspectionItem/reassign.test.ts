/**
 * Inspection Item → Reassign through n8n-core against the strict mock: sent to reassginQualityTask (the
 * API's spelling) with handler, item and role as documented, ids as JSON strings, the operator as x-UserId;
 * the new handler seen in the mock; under continue-on-fail a closed item, an unknown item and an
 * unsafe-number handler (not sent) each give their own error item.
 */
import { entriesOfKind, expectNoSecrets, expectPairedInOrder, OPERATOR_ID, runAgainst, TEST_TIMEOUT_MS } from '../fixtures';
import { expectErrorItemShape } from '../shared/continueOnFail';
import { useMock } from '../shared/mock';
import {
	expectOperatorOnEveryRequest,
	expectRawBodies,
	FAILURE_CODE,
	HANDLER,
	ITEM_PATH_PREFIX,
	itemOperation,
	itemState,
	jsonOf,
	OK,
	SUPERVISOR,
} from '../shared/inspectionItem';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

const reassignParameters = (extra: Record<string, unknown> = {}) =>
	itemOperation('reassign', { itemId: '={{ $json.id }}', handler: '={{ $json.handler }}', currentRole: 'qualityInspector', ...extra });

describe('Inspection Item → Reassign', () => {
	const mock = useMock();

	it('a problem and an appeal handed to new handlers: the misspelt endpoint, the documented body, one item each, the handler changed in the mock', async () => {
		const [problem, appeal] = mock.addItems([{ type: 'problem' }, { type: 'appeal', status: 27 }]);
		const result = await runAgainst(mock, {
			parameters: reassignParameters(),
			items: [
				{ id: problem.id, handler: HANDLER },
				{ id: appeal.id, handler: SUPERVISOR },
			],
		});
		expect(result.error).toBeUndefined();
		const sent = entriesOfKind(mock, 'reassginQualityTask');
		expect(sent.map((entry) => entry.path)).toEqual([`${ITEM_PATH_PREFIX}reassginQualityTask`, `${ITEM_PATH_PREFIX}reassginQualityTask`]);
		expectRawBodies(mock, 'reassginQualityTask', [
			`{"handler":"${HANDLER}","qualityTaskInfoId":"${problem.id}","role":"qualityInspector"}`,
			`{"handler":"${SUPERVISOR}","qualityTaskInfoId":"${appeal.id}","role":"qualityInspector"}`,
		]);
		expectOperatorOnEveryRequest(mock);
		expectPairedInOrder(result.outputs[0], [0, 1]);
		expect(jsonOf(result.outputs[0])).toEqual([
			{ id: problem.id, handler: HANDLER, ...OK },
			{ id: appeal.id, handler: SUPERVISOR, ...OK },
		]);
		expect(itemState(mock, problem.id)).toMatchObject({
			status: 24,
			handlerUserId: HANDLER,
			reassignments: [{ handler: HANDLER, role: 'qualityInspector', by: OPERATOR_ID }],
		});
		// Reassigning changes the handler, not the status.
		expect(itemState(mock, appeal.id)).toMatchObject({ status: 27, handlerUserId: SUPERVISOR, reassignments: [{ handler: SUPERVISOR, by: OPERATOR_ID }] });
		expectNoSecrets(mock, result.outputs);
	});

	it('continue-on-fail: a closed item, an unknown item, an unsafe-number handler and a handler of letters each give one error item; the valid one reassigned', async () => {
		const [closed, open, other] = mock.addItems([{ type: 'appeal', status: 22 }, { type: 'problem' }, { type: 'problem' }]);
		const unknown = '1623924502742999999';
		const result = await runAgainst(mock, {
			parameters: reassignParameters(),
			items: [
				{ id: closed.id, handler: HANDLER },
				{ id: unknown, handler: HANDLER },
				{ id: other.id, handler: 16002264767324825730 },
				{ id: other.id, handler: 'Wang' },
				{ id: open.id, handler: HANDLER },
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.outputs[0];
		expectPairedInOrder(out, [0, 1, 2, 3, 4]);
		for (const failed of out.slice(0, 4)) expectErrorItemShape(failed);
		expect(out[0].json.error).toBe(`CEC reassginQualityTask (inspection item ${closed.id}) failed: resultCode ${FAILURE_CODE} (item ${closed.id} is closed)`);
		expect(out[1].json.error).toBe(`CEC reassginQualityTask (inspection item ${unknown}) failed: resultCode ${FAILURE_CODE} (no inspection item ${unknown})`);
		expect(out[2].json.error).toMatch(/^Invalid "New Handler User ID" \(handler\): got 16002264767324826000; .*pass it as text.*\[item 2\]$/);
		expect(out[3].json.error).toMatch(/^Invalid "New Handler User ID" \(handler\): got "Wang"; must be a numeric id.*\[item 3\]$/);
		expect(out[4].json).toEqual({ id: open.id, handler: HANDLER, ...OK });
		expect(out.slice(0, 4).map((item) => (item.json.details as { itemIndex: number }).itemIndex)).toEqual([0, 1, 2, 3]);

		expect(entriesOfKind(mock, 'reassginQualityTask')).toHaveLength(3);
		expect(itemState(mock, closed.id).reassignments).toEqual([]);
		expect(itemState(mock, other.id)).toMatchObject({ handlerUserId: other.handlerUserId, reassignments: [] });
		expect(itemState(mock, open.id)).toMatchObject({ handlerUserId: HANDLER, reassignments: [{ handler: HANDLER }] });
	});
});
