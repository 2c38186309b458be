/** The list entry of an inspection item in words, as Get Many and the trigger's item events give it (§5.5). */
import { itemInWords } from '../../../nodes/HuaweiCecQuality/actions/inspectionItem/item';

describe('Inspection items: a list entry in words', () => {
	it('adds the type and the status in words and keeps every field as listed', () => {
		const entry = { id: '1623924502742000001', taskType: '2', taskTypeName: '申诉', taskStatus: 22, taskStatusName: '已关闭' };
		expect(itemInWords(entry)).toEqual({ ...entry, taskTypeText: 'Appeal', taskStatusText: 'Closed' });
		expect(entry).not.toHaveProperty('taskTypeText');
	});

	it('names a code it has no word for rather than dropping it', () => {
		expect(itemInWords({ taskType: 3, taskStatus: 99 })).toMatchObject({ taskTypeText: 'Unknown type 3', taskStatusText: 'Unknown status 99' });
	});

	it('adds nothing for codes the list left out', () => {
		const entry = { id: '1', taskTypeName: '问题', taskStatusName: '处理中' };
		expect(itemInWords(entry)).toEqual(entry);
	});

	it('gives a status change its previous status in words where the status came as a code', () => {
		expect(itemInWords({ taskStatus: 22, previousStatus: '24' })).toMatchObject({ taskStatusText: 'Closed', previousStatusText: 'Handling' });
		// Without the code, the previous status is the list's name of it: there is no code to put in words.
		expect(itemInWords({ taskStatusName: '已关闭', previousStatus: '处理中' })).not.toHaveProperty('previousStatusText');
	});
});
