import { MAX_REMEMBERED_ITEMS, takeItemEvents, type ItemMemory } from '../../../nodes/HuaweiCecQuality/helpers/itemEvents';

const item = (id: string, taskStatus = 21) => ({ id, taskStatus, taskTypeName: 'Appeal' });

describe('takeItemEvents', () => {
	it('new: seeds on the first poll, then emits each new item once, in list order', () => {
		const memory: ItemMemory = {};
		expect(takeItemEvents(memory, [item('1'), item('2')], 'new', 0, 100)).toEqual([]);
		expect(takeItemEvents(memory, [item('3'), item('1'), item('2'), item('4'), item('3')], 'new', 0, 160)).toEqual([item('3'), item('4')]);
		expect(takeItemEvents(memory, [item('3'), item('4'), item('1')], 'new', 0, 220)).toEqual([]);
	});

	it('statusChanged: emits an item whose status differs from the last seen, with previousStatus, once per change', () => {
		const memory: ItemMemory = {};
		takeItemEvents(memory, [item('1', 21)], 'statusChanged', 0, 100);
		expect(takeItemEvents(memory, [item('1', 21), item('2', 21)], 'statusChanged', 0, 160)).toEqual([]);
		expect(takeItemEvents(memory, [item('1', 22), item('2', 21)], 'statusChanged', 0, 220)).toEqual([{ ...item('1', 22), previousStatus: '21' }]);
		expect(takeItemEvents(memory, [item('1', 22), item('2', 24)], 'statusChanged', 0, 280)).toEqual([{ ...item('2', 24), previousStatus: '21' }]);
		expect(takeItemEvents(memory, [{ id: '3', taskStatusName: 'Closed' }], 'statusChanged', 0, 340)).toEqual([]);
		expect(takeItemEvents(memory, [{ id: '3', taskStatusName: 'Reviewing' }], 'statusChanged', 0, 400)).toEqual([
			{ id: '3', taskStatusName: 'Reviewing', previousStatus: 'Closed' },
		]);
	});

	it('forgets an item once the poll that first saw it left the window, and stays within the bound', () => {
		const memory: ItemMemory = {};
		takeItemEvents(memory, [item('1')], 'new', 0, 100);
		takeItemEvents(memory, [item('2')], 'new', 50, 200);
		expect(Object.keys(memory.items ?? {})).toEqual(['1', '2']);
		takeItemEvents(memory, [], 'new', 150, 300);
		expect(Object.keys(memory.items ?? {})).toEqual(['2']);
		const many = Array.from({ length: MAX_REMEMBERED_ITEMS + 5 }, (_, i) => item(String(i + 10)));
		takeItemEvents(memory, many, 'new', 150, 400);
		// Over the bound only what the poll did not list ('2') is forgotten: every listed item stays known,
		// so none of them comes back as new while it is listed.
		expect(Object.keys(memory.items ?? {}).length).toBe(MAX_REMEMBERED_ITEMS + 5);
		expect(memory.items?.['2']).toBeUndefined();
		expect(takeItemEvents(memory, many, 'new', 150, 460)).toEqual([]);
		// Once fewer are listed, the unlisted ones are forgotten down to the bound; the listed ones stay.
		takeItemEvents(memory, many.slice(0, 3), 'new', 150, 520);
		expect(Object.keys(memory.items ?? {}).length).toBe(MAX_REMEMBERED_ITEMS);
		expect(['10', '11', '12'].filter((id) => memory.items?.[id] === undefined)).toEqual([]);
	});
});
