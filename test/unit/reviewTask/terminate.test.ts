/**
 * Review Task → Terminate (and Delete, whose body is the same): the documented examples; a task id
 * given as a safe-integer number is accepted.
 */
import { taskIdBody } from '../../../nodes/HuaweiCecQuality/actions/reviewTask/task';
import { DOCUMENTED, ops, run } from '../shared/reviewTask';

describe('documented examples, byte for byte', () => {
	it('Terminate and Delete: the documented examples', async () => {
		expect(JSON.stringify(taskIdBody('16239241148860783173'))).toBe(DOCUMENTED.terminate);
		expect(JSON.stringify(taskIdBody('16239245027406915901'))).toBe(DOCUMENTED.delete);
		expect((await run(ops.terminate, { taskId: '16239241148860783173' })).wire).toEqual([DOCUMENTED.terminate]);
		expect((await run(ops.delete, { taskId: ' 16239245027406915901 ' })).wire).toEqual([DOCUMENTED.delete]);
	});
});

describe('bad input is refused, naming the field, the value and what is valid', () => {
	it('a safe-integer task id given as a number is accepted', async () => {
		expect((await run(ops.terminate, { taskId: 954645333549048 })).wire).toEqual(['{"qualityTaskId":"954645333549048"}']);
	});
});
