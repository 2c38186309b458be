import type { IDataObject } from 'n8n-workflow';

import { pageOf, type Page } from './paging';

/** Inspection status of a call, as appraisecall/details reports it (API notes §5.1). */
export const CALL_STATUS: Record<number, string> = {
	0: 'Waiting',
	1: 'Inspecting',
	2: 'Done',
	3: 'Speech-to-text running',
	9: 'Failed (an error, or the daily cap on inspected audio volume or file count was reached)',
	31: 'No speech recognised',
	32: 'Speech-to-text failed',
	33: 'Upload to speech-to-text failed',
	34: 'Speech-to-text task submission failed',
	35: 'Multimedia inspection failed',
	36: 'TUC inspection failed',
	37: 'File-to-text conversion failed',
	38: 'Saving the result failed',
	39: 'Running the inspection failed',
	40: 'Invalid voice file',
};

export const ALL_STATUSES = Object.keys(CALL_STATUS).map(Number);

/** The call types the call list knows: 0 voice, 2 text (multimedia). */
export const CALL_TYPES = [0, 2] as const;
export const DONE_STATUS = 2;
/** 9 and 31–40: the inspection ended without a result. */
export const FINAL_FAILURE_STATUSES = ALL_STATUSES.filter((status) => status === 9 || status >= 31);

export function statusText(status: unknown): string {
	return CALL_STATUS[Number(status)] ?? `Unknown status ${String(status)}`;
}

/** The calls of an appraisecall/details page, each with its status in words. */
export function callsOfPage(answer: IDataObject): Page<IDataObject> {
	const groups = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	const items = groups
		.flatMap((group) => (Array.isArray(group?.calls) ? (group.calls as IDataObject[]) : []))
		.map((call) => ({ ...call, statusText: statusText(call.status) }));
	return pageOf(items, (answer.paging as IDataObject | undefined)?.total);
}
