/** Start → regularqualitytask/beginQualityTask: a stopped plan starts sampling on its schedule. */
import { planAction } from './planAction';

export const start = planAction('beginRegularQualityTask', {
	name: 'Start',
	action: 'Start a sampling plan',
	summary:
		'Starts a stopped sampling plan so that it samples calls on its schedule. Returns the plan ID as qiqtId with the result code; a plan already running is an error.',
});
