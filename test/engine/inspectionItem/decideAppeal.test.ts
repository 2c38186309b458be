/**
 * Inspection Item → Decide Appeal through n8n-core against the strict mock: approve / reject / assign
 * sent to appealItem as pass / back / assign with the comment as `coment` (the API's spelling), ids as
 * JSON strings, the operator as x-UserId; the appeal closed (or handed over) in the mock; and under
 * continue-on-fail a closed appeal, an unknown item, a problem, a wrong call, an unsafe-number id and a
 * missing assignee each give their own error item, the last two without a request.
 */
import type { CecMockItem } from '../../mock/cecMock';
import { entriesOfKind, expectNoSecrets, expectPairedInOrder, OPERATOR_ID, runAgainst, TEST_TIMEOUT_MS } from '../fixtures';
import { expectErrorItemShape } from '../shared/continueOnFail';
import { useMock } from '../shared/mock';
import {
	expectOperatorOnEveryRequest,
	expectRawBodies,
	FAILURE_CODE,
	HANDLER,
	itemOperation,
	itemState,
	jsonOf,
	OK,
	rawBodies,
	SECOND_OPERATOR,
} from '../shared/inspectionItem';

jest.setTimeout(TEST_TIMEOUT_MS * 2);

/** Decide Appeal reading the item, call, decision, comment and assignee from the input item. */
const decideParameters = (extra: Record<string, unknown> = {}) =>
	itemOperation('decideAppeal', {
		itemId: '={{ $json.id }}',
		callId: '={{ $json.callId }}',
		decision: '={{ $json.decision }}',
		assignee: '={{ $json.assignee }}',
		comment: '={{ $json.comment }}',
		...extra,
	});

describe('Inspection Item → Decide Appeal', () => {
	const mock = useMock();
	const appeals = (n: number): CecMockItem[] => mock.addItems(Array.from({ length: n }, () => ({ type: 'appeal' as const })));

	it('approve, reject and assign: pass / back / assign with coment and role, ids as strings; one item each; approved and rejected appeals closed, the assigned one handed over', async () => {
		const [a, b, c] = appeals(3);
		expect([a, b, c].map((item) => item.status)).toEqual([21, 21, 21]);
		const result = await runAgainst(mock, {
			parameters: decideParameters({ currentRole: 'qualityGroupLeader' }),
			items: [
				{ id: a.id, callId: a.callId, decision: 'approve', comment: 'The greeting was there', assignee: HANDLER },
				{ id: b.id, callId: b.callId, decision: 'reject', comment: '' },
				{ id: c.id, callId: c.callId, decision: 'assign', comment: 'Please decide: "quoted", 中文', assignee: HANDLER },
			],
		});
		expect(result.error).toBeUndefined();
		// Approve sends no assignee even when one is set; the comment goes as `coment`.
		expectRawBodies(mock, 'appealItem', [
			`{"auditOperation":"pass","taskInfoId":"${a.id}","callId":"${a.callId}","coment":"The greeting was there","role":"qualityGroupLeader"}`,
			`{"auditOperation":"back","taskInfoId":"${b.id}","callId":"${b.callId}","coment":"","role":"qualityGroupLeader"}`,
			`{"auditOperation":"assign","taskInfoId":"${c.id}","callId":"${c.callId}","coment":"Please decide: \\"quoted\\", 中文","assignee":"${HANDLER}","role":"qualityGroupLeader"}`,
		]);
		for (const body of rawBodies(mock, 'appealItem')) expect(body).not.toContain('"comment"');
		expectOperatorOnEveryRequest(mock);

		const out = result.outputs[0];
		expectPairedInOrder(out, [0, 1, 2]);
		expect(jsonOf(out)).toEqual([
			{ id: a.id, decision: 'approve', ...OK },
			{ id: b.id, decision: 'reject', ...OK },
			{ id: c.id, decision: 'assign', ...OK },
		]);

		const decision = (auditOperation: string, comment: string, assignee?: string) => ({ auditOperation, comment, assignee, role: 'qualityGroupLeader', by: OPERATOR_ID });
		expect(itemState(mock, a.id)).toMatchObject({ status: 22, handlerUserId: a.handlerUserId, decisions: [decision('pass', 'The greeting was there')] });
		expect(itemState(mock, b.id)).toMatchObject({ status: 22, decisions: [decision('back', '')] });
		expect(itemState(mock, c.id)).toMatchObject({ status: 24, handlerUserId: HANDLER, decisions: [decision('assign', 'Please decide: "quoted", 中文', HANDLER)] });
		expect(itemState(mock, a.id).decisions[0].assignee).toBeUndefined();
		expectNoSecrets(mock, result.outputs);
	});

	it('the operator of each item goes as its x-UserId and is recorded as who decided', async () => {
		const [a, b] = appeals(2);
		const result = await runAgainst(mock, {
			parameters: decideParameters({ operatorUserId: '={{ $json.operator }}' }),
			items: [
				{ id: a.id, callId: a.callId, decision: 'approve', comment: 'ok', operator: OPERATOR_ID },
				{ id: b.id, callId: b.callId, decision: 'reject', comment: 'no', operator: SECOND_OPERATOR },
			],
		});
		expect(result.error).toBeUndefined();
		const byItem = new Map(entriesOfKind(mock, 'appealItem').map((entry) => [(entry.body as { taskInfoId: string }).taskInfoId, entry.headers['x-userid']]));
		expect(byItem).toEqual(new Map([[a.id, OPERATOR_ID], [b.id, SECOND_OPERATOR]]));
		expect(itemState(mock, a.id).decisions.map((d) => d.by)).toEqual([OPERATOR_ID]);
		expect(itemState(mock, b.id).decisions.map((d) => d.by)).toEqual([SECOND_OPERATOR]);
		// Role defaults to QC Supervisor.
		expect(itemState(mock, a.id).decisions[0].role).toBe('qualityDirector');
	});

	it('an appeal decided once is closed: deciding it again is refused and changes nothing', async () => {
		const [a] = appeals(1);
		const first = await runAgainst(mock, { parameters: decideParameters(), items: [{ id: a.id, callId: a.callId, decision: 'approve', comment: 'first' }] });
		expect(first.error).toBeUndefined();
		expect(itemState(mock, a.id).status).toBe(22);

		const again = await runAgainst(mock, { parameters: decideParameters(), items: [{ id: a.id, callId: a.callId, decision: 'reject', comment: 'second' }] });
		expect(again.error?.message).toBe(`CEC appealItem (inspection item ${a.id}) failed: resultCode ${FAILURE_CODE} (appeal ${a.id} is closed: it was decided already)`);
		expect(again.outputs).toEqual([]);
		expect(itemState(mock, a.id)).toMatchObject({ status: 22, decisions: [{ auditOperation: 'pass', comment: 'first' }] });
		expect(itemState(mock, a.id).decisions).toHaveLength(1);
		// Not resent: a decision is not safe to repeat.
		expect(entriesOfKind(mock, 'appealItem')).toHaveLength(2);
	});

	it('continue-on-fail: one error item per failed input, naming the field or the appeal; the valid ones decided, nothing else changed', async () => {
		const [closed, open, other] = appeals(3);
		const [problem] = mock.addItems([{ type: 'problem' }]);
		const decidedBefore = await runAgainst(mock, { parameters: decideParameters(), items: [{ id: closed.id, callId: closed.callId, decision: 'approve', comment: '' }] });
		expect(decidedBefore.error).toBeUndefined();
		mock.resetLog();
		const unknown = '1623924502742999999';

		const result = await runAgainst(mock, {
			parameters: decideParameters(),
			items: [
				{ id: closed.id, callId: closed.callId, decision: 'reject', comment: 'again' }, // 0: closed
				{ id: unknown, callId: 'call-999999', decision: 'approve', comment: '' }, // 1: no such item
				{ id: 1623924502788888888, callId: open.callId, decision: 'approve', comment: '' }, // 2: unsafe number, not sent
				{ id: problem.id, callId: problem.callId, decision: 'approve', comment: '' }, // 3: not an appeal
				{ id: open.id, callId: 'call-000000', decision: 'approve', comment: '' }, // 4: another call
				{ id: other.id, callId: other.callId, decision: 'assign', comment: '', assignee: '' }, // 5: no assignee, not sent
				{ id: open.id, callId: open.callId, decision: 'approve', comment: 'fine' }, // 6: valid
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.outputs[0];
		expectPairedInOrder(out, [0, 1, 2, 3, 4, 5, 6]);
		for (const failed of out.slice(0, 6)) expectErrorItemShape(failed);
		expect(out.map((item) => (item.json.details as { itemIndex?: number } | undefined)?.itemIndex)).toEqual([0, 1, 2, 3, 4, 5, undefined]);
		const refused = (id: string, reason: string) => `CEC appealItem (inspection item ${id}) failed: resultCode ${FAILURE_CODE} (${reason})`;
		expect(out[0].json.error).toBe(refused(closed.id, `appeal ${closed.id} is closed: it was decided already`));
		expect(out[1].json.error).toBe(refused(unknown, `no inspection item ${unknown}`));
		expect(out[2].json.error).toMatch(/^Invalid "Item ID" \(itemId\): got 1623924502788888800; .*pass it as text.*\[item 2\]$/);
		expect(out[3].json.error).toBe(refused(problem.id, `item ${problem.id} is a problem, not an appeal`));
		expect(out[4].json.error).toBe(refused(open.id, `appeal ${open.id} is on call ${open.callId}, not call-000000`));
		expect(out[5].json.error).toMatch(/^Invalid "Assignee User ID" \(assignee\): got an empty string; is required to assign the appeal.*\[item 5\]$/);
		for (const failed of [out[0], out[1], out[3], out[4]]) expect(failed.json.details).toMatchObject({ resultCode: FAILURE_CODE, httpCode: '200' });
		expect(out[6].json).toEqual({ id: open.id, decision: 'approve', ...OK });

		// Five sent (items 2 and 5 were refused before sending); the unsafe number never reached the wire.
		expect(entriesOfKind(mock, 'appealItem')).toHaveLength(5);
		expect(mock.log.some((entry) => entry.rawBody.includes('162392450278888'))).toBe(false);
		expect(itemState(mock, closed.id).decisions).toHaveLength(1);
		expect(itemState(mock, problem.id)).toMatchObject({ status: 24, decisions: [] });
		expect(itemState(mock, other.id)).toMatchObject({ status: 21, decisions: [] });
		expect(itemState(mock, open.id)).toMatchObject({ status: 22, decisions: [{ auditOperation: 'pass', comment: 'fine' }] });
		expectNoSecrets(mock, result.outputs);
	});

	it('without continue-on-fail a refused field in any item stops the run before anything is sent', async () => {
		const [a, b] = appeals(2);
		const result = await runAgainst(mock, {
			parameters: decideParameters(),
			items: [
				{ id: a.id, callId: a.callId, decision: 'approve', comment: '' },
				{ id: b.id, callId: b.callId, decision: 'escalate', comment: '' },
			],
		});
		expect(result.error?.message).toMatch(/^Invalid "Decision" \(decision\): got "escalate"; must be one of "approve", "assign", "reject" \[item 1\]$/);
		expect(mock.log).toEqual([]);
		expect(itemState(mock, a.id)).toMatchObject({ status: 21, decisions: [] });
	});
});
