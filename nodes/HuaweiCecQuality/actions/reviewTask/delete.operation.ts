/** Delete → deleteQualityTask: removes a review task. */
import { taskAction } from './task';

export const deleteTask = taskAction('deleteQualityTask', 'deleted', {
	name: 'Delete',
	action: 'Delete a manual review task',
	summary: 'Deletes a manual review task; returns { deleted: true, id }',
});
