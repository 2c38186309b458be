import { resource } from '../common';
import { correctRuleResult } from './correctRuleResult.operation';
import { decideAppeal } from './decideAppeal.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { reassign } from './reassign.operation';

export const inspectionItem = resource(
	{
		name: 'Inspection Item',
		value: 'inspectionItem',
		description: 'A call that broke rules (a problem) and the agent\'s appeal against it',
	},
	{ correctRuleResult, decideAppeal, get, getMany, reassign },
	'getMany',
);
