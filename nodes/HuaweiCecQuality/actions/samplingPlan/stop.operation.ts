/** Stop → regularqualitytask/stopQualityTask: a running plan stops sampling. */
import { planAction } from './planAction';

export const stop = planAction('stopRegularQualityTask', {
	name: 'Stop',
	action: 'Stop a sampling plan',
	summary:
		'Stops a running sampling plan: no more calls are sampled until it is started again. Returns { stopped: true, id }; a plan already stopped is an error.',
}, 'stopped');
