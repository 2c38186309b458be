/**
 * Get → queryQualityTask: one review task by its id. The list has no id filter (API notes §5.2), so
 * the tasks created at any time are read page by page until the id shows up (at most
 * MAX_SEARCH_PAGES requests).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { foundOrError, type ItemContext, type ItemWork, type Operation } from '../common';
import { currentRole, fieldOf, operatorUserId, readCurrentRole, readSimplify, readTaskId, simplify, taskId } from '../fields';
import { SIMPLE_TASK_FIELDS } from './getMany.operation';

/** Tasks created up to a day ahead of this machine's clock still count (the server's clock may run ahead). */
const CLOCK_MARGIN_SECONDS = 86400;

export const get: Operation = {
	name: 'Get',
	action: 'Get a manual review task',
	summary:
		'Returns one manual review task by its ID, as Get Many lists it: id, planCode, name, status, inspectors and review progress; an ID the API does not list is an error',
	properties: [operatorUserId, currentRole, taskId, simplify],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator, defaults }: ItemContext): ItemWork {
		const role = readCurrentRole(this, itemIndex, defaults);
		const id = readTaskId(this, itemIndex);
		const shape = readSimplify(this, itemIndex, SIMPLE_TASK_FIELDS);
		return async (api) => {
			const filter = {
				currentRole: role,
				userId: operator,
				startTimeMillis: 0,
				endTimeMillis: Math.floor(Date.now() / 1000) + CLOCK_MARGIN_SECONDS,
			};
			return [shape(foundOrError(this, itemIndex, fieldOf(taskId), id, 'review task', await api.findTask(operator, filter, id)))];
		};
	},
};
