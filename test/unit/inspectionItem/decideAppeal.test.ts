/** Inspection Item → Decide Appeal: appealItem's body (§5.5), with the API's spelling `coment`. */
import { ITEM_ID, OK, OPERATOR_ID, refusal, run } from './run';

const BASE = { itemId: ITEM_ID, callId: '1635410113-99', comment: 'Agreed: the greeting was there', currentRole: 'qualityDirector' };

describe('Inspection Item → Decide Appeal', () => {
	it.each([
		['approve', 'pass'],
		['reject', 'back'],
	])('%s is sent as auditOperation "%s", the comment as coment, no assignee', async (decision, auditOperation) => {
		const { calls, output } = await run('decideAppeal', { ...BASE, decision, assignee: '1600226476732482572' });
		expect(calls[0].name).toBe('appealItem');
		expect(calls[0].operatorUserId).toBe(OPERATOR_ID);
		expect(JSON.stringify(calls[0].body)).toBe(
			`{"auditOperation":"${auditOperation}","taskInfoId":"${ITEM_ID}","callId":"1635410113-99","coment":"Agreed: the greeting was there","role":"qualityDirector"}`,
		);
		expect(output).toEqual([{ id: ITEM_ID, decision, ...OK }]);
	});

	it('assign sends the assignee as text', async () => {
		const { calls } = await run('decideAppeal', { ...BASE, decision: 'assign', assignee: '1600226476732482572', currentRole: 'qualityGroupLeader' });
		expect(JSON.stringify(calls[0].body)).toBe(
			`{"auditOperation":"assign","taskInfoId":"${ITEM_ID}","callId":"1635410113-99","coment":"Agreed: the greeting was there","assignee":"1600226476732482572","role":"qualityGroupLeader"}`,
		);
	});

	it('refuses Assign without an assignee, and other bad input, naming the field', () => {
		const missing = refusal('decideAppeal', { ...BASE, decision: 'assign', assignee: '' });
		expect(missing.field.name).toBe('assignee');
		expect(missing.message).toMatch(/"Assignee User ID" \(assignee\).*required to assign the appeal/);
		expect(refusal('decideAppeal', { ...BASE, decision: 'assign', assignee: 1600226476732482572 }).message).toMatch(/pass it as text/);
		expect(refusal('decideAppeal', { ...BASE, decision: 'escalate' }).message).toMatch(/"Decision" \(decision\).*"approve", "assign", "reject"/);
		expect(refusal('decideAppeal', { ...BASE, decision: 'approve', callId: '' }).field.name).toBe('callId');
		expect(refusal('decideAppeal', { ...BASE, decision: 'approve', comment: 5 }).field.name).toBe('comment');
		expect(refusal('decideAppeal', { ...BASE, decision: 'approve', currentRole: 'boss' }).field.name).toBe('currentRole');
	});
});
