/** How a call is named in its errors: the API's name, with the id of what it acts on where endpoints.json says where it is. */
import { ENDPOINTS, callName } from '../../../nodes/HuaweiCecQuality/transport';

describe('callName', () => {
	it('names the review task of a call on one task', () => {
		expect(callName({ endpoint: ENDPOINTS.terminateQualityTask, body: { qualityTaskId: '16239241148860783173' } })).toBe(
			'CEC terminateQualityTask (review task 16239241148860783173)',
		);
	});

	it('follows a dotted path into the body (an update carries its task as qualityTask.id)', () => {
		const body = { currentRole: 'qualityDirector', qualityTask: { id: '16239245027406915901', planName: 'x' } };
		expect(callName({ endpoint: ENDPOINTS.updateQualityTask, body })).toBe('CEC updateQualityTask (review task 16239245027406915901)');
	});

	it('names the inspection item, the call, the plan and the transcription under their own body fields', () => {
		expect(callName({ endpoint: ENDPOINTS.appealItem, body: { auditOperation: 'pass', taskInfoId: '1623924502742000001' } })).toBe(
			'CEC appealItem (inspection item 1623924502742000001)',
		);
		expect(callName({ endpoint: ENDPOINTS.appraiseCallCredit, body: { call_uuid: 'c-1' } })).toBe('CEC appraisecall/credit (call c-1)');
		expect(callName({ endpoint: ENDPOINTS.stopRegularQualityTask, body: { regularQualityTaskId: '7' } })).toBe(
			'CEC regularqualitytask/stopQualityTask (sampling plan 7)',
		);
		expect(callName({ endpoint: ENDPOINTS.getTextByTaskId, body: { taskId: 't-9', language: 'zh_CN' } })).toBe(
			'CEC getTextByTaskId (speech-to-text task t-9)',
		);
	});

	it('is the API name alone for a call that acts on nothing known yet, or whose body lacks the id', () => {
		expect(callName({ endpoint: ENDPOINTS.createQualityTask, body: { qualityTask: { planName: 'x' } } })).toBe('CEC createQualityTask');
		expect(callName({ endpoint: ENDPOINTS.updateQualityTask, body: { qualityTask: null } })).toBe('CEC updateQualityTask');
		expect(callName({ endpoint: ENDPOINTS.deleteQualityTask, body: {} })).toBe('CEC deleteQualityTask');
	});
});
