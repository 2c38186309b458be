/**
 * The task id every Review Task operation but Create sends (actions/reviewTask/task.ts): ids of 19 and
 * 20 digits exact on the wire, and bad task ids refused by each operation.
 */
import {
	DOCUMENTED_TASK_INPUT,
	ID_19,
	ID_20,
	ops,
	prepare,
	refusal,
	run,
	UNSAFE,
} from '../shared/reviewTask';

describe('ids of 19 and 20 digits reach the wire exactly, as JSON strings', () => {
	const cases: [string, Record<string, unknown>][] = [
		['update', { ...DOCUMENTED_TASK_INPUT }],
		['assignInspectors', { inspectors: { inspector: [{ personId: ID_19, count: 1 }, { personId: ID_20, count: 99999999 }] }, activate: true }],
		['activate', { when: 'atTime', reserveTime: '2030-01-01 00:00:00' }],
		['terminate', {}],
		['delete', {}],
	];
	it.each(cases)('%s', async (name, parameters) => {
		for (const id of [ID_20, ID_19, '00012345678901234567']) {
			const { wire, output } = await run(ops[name], { taskId: id, ...parameters });
			expect(wire).toHaveLength(1);
			expect(wire[0]).toContain(`"${id}"`);
			// Terminate and Delete answer in n8n's convention ({ terminated/deleted: true, id }).
			expect(name === 'terminate' || name === 'delete' ? output[0].id : output[0].qualityTaskId).toBe(id);
		}
	});
});

describe('bad input is refused, naming the field, the value and what is valid', () => {
	it.each(['update', 'assignInspectors', 'activate', 'terminate', 'delete'])('%s: an empty, a non-numeric, a 21-digit or an unsafe-number task id', (name) => {
		for (const taskId of ['', '   ', 'abc', '1'.repeat(21), undefined]) {
			const error = refusal(prepare(name, { ...DOCUMENTED_TASK_INPUT, taskId, when: 'now', inspectors: { inspector: [{ personId: '1', count: 1 }] }, activate: false }));
			expect(error.field).toEqual({ displayName: 'Task ID', name: 'taskId' });
			expect(error.message).toMatch(/"Task ID" \(taskId\).*numeric id of 1 to 20 digits/);
		}
		const unsafe = refusal(prepare(name, { ...DOCUMENTED_TASK_INPUT, taskId: UNSAFE, when: 'now' }));
		expect(unsafe.message).toMatch(/"Task ID" \(taskId\): got 16239245027406916000;.*pass it as text/);
	});
});
