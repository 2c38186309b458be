import { resource } from '../common';
import { create } from './create.operation';
import { deletePlan } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { start } from './start.operation';
import { stop } from './stop.operation';
import { update } from './update.operation';

export const samplingPlan = resource(
	{
		name: 'Sampling Plan',
		value: 'samplingPlan',
		description: 'Scheduled sampling of calls for manual review (daily, weekly, monthly)',
	},
	{ create, delete: deletePlan, get, getMany, start, stop, update },
	'create',
);
