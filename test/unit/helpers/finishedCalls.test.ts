/** The trigger's memory: each finished call emitted once across polls, none missed, memory bounded. */
import { MAX_REMEMBERED_CALLS, takeNewCalls, type TriggerMemory } from '../../../nodes/HuaweiCecQuality/helpers/finishedCalls';

const call = (uuid: string, uploadTime: number) => ({ call_uuid: uuid, upload_time: uploadTime, status: 2 });
const uuids = (calls: Array<{ call_uuid?: unknown }>) => calls.map((c) => c.call_uuid);

describe('takeNewCalls', () => {
	it('seeds on the first poll, then emits each new call once, oldest upload first', () => {
		const memory: TriggerMemory = {};
		expect(takeNewCalls(memory, [call('a', 100)], 0, 1000)).toEqual([]);
		expect(uuids(takeNewCalls(memory, [call('a', 100), call('c', 300), call('b', 200)], 0, 1100))).toEqual(['b', 'c']);
		expect(takeNewCalls(memory, [call('a', 100), call('b', 200), call('c', 300)], 0, 1200)).toEqual([]);
	});

	it('catches a call uploaded before one poll that finished after it', () => {
		const memory: TriggerMemory = {};
		takeNewCalls(memory, [], 0, 1000);
		// "late" was uploaded at 900 but only finished (and was listed) at the third poll.
		expect(takeNewCalls(memory, [call('early', 950)], 0, 1100)).toHaveLength(1);
		expect(uuids(takeNewCalls(memory, [call('early', 950), call('late', 900)], 0, 1200))).toEqual(['late']);
	});

	it('forgets calls whose upload left the window, and keeps the memory bounded', () => {
		const memory: TriggerMemory = {};
		takeNewCalls(memory, [call('old', 100), call('new', 900)], 0, 1000);
		takeNewCalls(memory, [call('new', 900)], 500, 1100);
		expect(Object.keys(memory.seen ?? {})).toEqual(['new']);

		const many = Array.from({ length: MAX_REMEMBERED_CALLS + 10 }, (_, i) => call(`c${i}`, 1000 + i));
		takeNewCalls(memory, many, 0, 100000);
		expect(Object.keys(memory.seen ?? {})).toHaveLength(MAX_REMEMBERED_CALLS);
		expect(memory.seen?.c0).toBeUndefined();
		expect(memory.seen?.[`c${MAX_REMEMBERED_CALLS + 9}`]).toBe(1000 + MAX_REMEMBERED_CALLS + 9);
	});

	it('emits a call listed twice in one poll once', () => {
		const memory: TriggerMemory = { started: true };
		expect(uuids(takeNewCalls(memory, [call('a', 1), call('a', 1)], 0, 10))).toEqual(['a']);
	});
});
