/** Inspection Item → Reassign: reassginQualityTask (the API's spelling) with handler, item and role (§5.5). */
import { ITEM_ID, OK, refusal, run } from './run';

describe('Inspection Item → Reassign', () => {
	it('sends handler, qualityTaskInfoId and role, ids as text, to the misspelt endpoint', async () => {
		const { calls, output } = await run('reassign', { itemId: ITEM_ID, handler: '1600226476732482572', currentRole: 'qualityInspector' });
		expect(calls[0].name).toBe('reassginQualityTask');
		expect(calls[0].endpoint.path).toBe('/apiaccess/CCSQM/rest/ccisqm/v1/qualityitem/reassginQualityTask');
		expect(JSON.stringify(calls[0].body)).toBe(`{"handler":"1600226476732482572","qualityTaskInfoId":"${ITEM_ID}","role":"qualityInspector"}`);
		expect(output).toEqual([{ id: ITEM_ID, handler: '1600226476732482572', ...OK }]);
	});

	it('refuses a handler that is not a user id', () => {
		expect(refusal('reassign', { itemId: ITEM_ID, handler: '', currentRole: 'qualityInspector' }).field.name).toBe('handler');
		expect(refusal('reassign', { itemId: ITEM_ID, handler: 1600226476732482572, currentRole: 'qualityInspector' }).message).toMatch(/pass it as text/);
	});
});
