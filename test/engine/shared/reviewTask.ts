/** What the engine tests of the review-task operations share: ids, and Get Many around now. */
import type { INodeParameters } from 'n8n-workflow';

import { reviewTaskOperation } from '../fixtures';

export const INSPECTOR_A = '1600226476732482572';
export const INSPECTOR_B = '16002264767324825730';
export const TASK_ID = /^\d{20}$/;

export const isoIn = (ms: number) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString();
export const HOUR = 3_600_000;
/** Get Many over the last and next hour of creation times. */
export const getManyParameters = (extra: INodeParameters = {}) =>
	reviewTaskOperation('getMany', { currentRole: 'qualityDirector', createdFrom: isoIn(-HOUR), createdTo: isoIn(HOUR), ...extra });
