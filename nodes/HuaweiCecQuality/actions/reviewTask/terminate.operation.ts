/** Terminate → terminateQualityTask: stops a review task for good (it can still be read and deleted). */
import { taskAction } from './task';

export const terminate = taskAction('terminateQualityTask', 'terminated', {
	name: 'Terminate',
	action: 'Terminate a manual review task',
	summary: 'Ends a manual review task: no further calls are reviewed in it; returns { terminated: true, id }',
});
