/** Delete → regularqualitytask/deleteQualityTask. */
import { planAction } from './planAction';

export const deletePlan = planAction('deleteRegularQualityTask', {
	name: 'Delete',
	action: 'Delete a sampling plan',
	summary: 'Deletes a sampling plan. Returns { deleted: true, id }.',
}, 'deleted');
