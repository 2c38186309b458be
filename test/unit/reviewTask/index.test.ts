/**
 * The Review Task resource (actions/reviewTask/index.ts): its operation selector and what each shows.
 */
import { reviewTask } from '../../../nodes/HuaweiCecQuality/actions/reviewTask';
import { ops } from '../shared/reviewTask';

describe('the resource', () => {
	it('lists the operations alphabetically, Create by default, each with a summary', () => {
		const selector = reviewTask.description.find((p) => p.name === 'operation');
		expect(selector?.default).toBe('create');
		expect((selector?.options as { name: string; value: string; description: string }[]).map((o) => [o.name, o.value])).toEqual([
			['Activate', 'activate'],
			['Assign Inspectors', 'assignInspectors'],
			['Complete Call', 'completeCall'],
			['Correct Rule Result', 'correctRuleResult'],
			['Create', 'create'],
			['Delete', 'delete'],
			['Get', 'get'],
			['Get Calls', 'getCalls'],
			['Get Many', 'getMany'],
			['Terminate', 'terminate'],
			['Update', 'update'],
		]);
		for (const operation of Object.values(ops)) expect(operation.summary).toMatch(/[Rr]eturns/);
	});

	it('shows the Task ID for Update and not for Create; every operation asks for the operator', () => {
		const shown = (operation: string) =>
			reviewTask.description.filter((p) => p.displayOptions?.show?.operation?.includes(operation)).map((p) => p.name);
		expect(shown('update')).toContain('taskId');
		expect(shown('create')).not.toContain('taskId');
		for (const operation of Object.keys(ops)) expect(shown(operation)).toContain('operatorUserId');
	});
});
