import { resource } from '../common';
import { activate } from './activate.operation';
import { assignInspectors } from './assignInspectors.operation';
import { completeCall } from './completeCall.operation';
import { correctRuleResult } from './correctRuleResult.operation';
import { create } from './create.operation';
import { deleteTask } from './delete.operation';
import { get } from './get.operation';
import { getCalls } from './getCalls.operation';
import { getMany } from './getMany.operation';
import { terminate } from './terminate.operation';
import { update } from './update.operation';

export const reviewTask = resource(
	{ name: 'Review Task', value: 'reviewTask', description: 'Manual review task for human inspectors' },
	{
		activate,
		assignInspectors,
		completeCall,
		correctRuleResult,
		create,
		delete: deleteTask,
		get,
		getCalls,
		getMany,
		terminate,
		update,
	},
	'create',
);
