/**
 * The CEC API as the node and the trigger use it: one method per endpoint of endpoints.json, with its
 * request and its answer typed and its paging inside. Each call goes out through the caller's `send`
 * (an item's, through the run's window, or a poll's), which checks the answer's shape and success
 * convention (./index.ts): the one place an answer's type is asserted is here.
 */
import type { IDataObject } from 'n8n-workflow';

import { CALL_TYPES, callsOfPage } from '../helpers/callStatus';
import { idText, withIdText } from '../helpers/json';
import { collectPages, findInPages, pageOf, type Page, type Search } from '../helpers/paging';
import { ENDPOINTS, type CecCall, type EndpointName } from './index';

/** Sends one call and gives its answer (a JSON object or array, as the endpoint says), or throws. */
export type Send = (call: CecCall) => Promise<unknown>;

/** appraisecall/details: calls per page for a listing, and the API's documented maximum. */
export const CALL_PAGE_SIZE = 50;
export const MAX_CALL_PAGE_SIZE = 100;
/** queryQualityTask, callsQualityTask and the plans' queryQualityTask: their documented maximum `rows`. */
export const ROWS_PAGE_SIZE = 100;
/** queryQualityItem: items per page (the API takes up to 1,000,000 `rows`; this keeps an answer small). */
export const ITEM_PAGE_SIZE = 500;

/** Get of a task or a plan: the list endpoints have no id filter, so at most this many pages are read. */
export const MAX_SEARCH_PAGES = 50;

/** Which calls appraisecall/details lists (without paging): its documented filter fields. */
export interface CallListFilter extends IDataObject {
	call_types: number[];
	status: number[];
	upload_from: number;
	upload_to: number;
}

/** The calls of every type with one of `status`, uploaded from `from` to `to` (epoch seconds). */
export const callsUploaded = (status: number[], from: number, to: number): CallListFilter => ({
	call_types: [...CALL_TYPES],
	status,
	upload_from: from,
	upload_to: to,
});

/** A page of an answer whose entries are under `key`, each with its `id` as text. */
function entriesWithIdText(answer: IDataObject, key: 'data' | 'list'): Page<IDataObject> {
	const entries = Array.isArray(answer[key]) ? (answer[key] as IDataObject[]) : [];
	return pageOf(entries.map(withIdText), answer.total);
}

export class CecApi {
	constructor(private readonly send: Send) {}

	/** The same API with every failure passed through `map` first (e.g. to name what was created). */
	mappingErrors(map: (error: unknown) => Error): CecApi {
		return new CecApi(async (call) => await this.send(call).catch((error: unknown) => Promise.reject(map(error))));
	}

	private async object(endpoint: EndpointName, body: IDataObject, operatorUserId?: string): Promise<IDataObject> {
		return (await this.send({ endpoint: ENDPOINTS[endpoint], body, operatorUserId })) as IDataObject;
	}

	/** qualityInspect: submits a recording; the answer carries its call_uuid. */
	async inspect(body: IDataObject): Promise<IDataObject> {
		return await this.object('qualityInspect', body);
	}

	/** appraisecall/credit: the result's elements (rule hits and scores); none while there is no result yet. */
	async inspectionResult(callUuid: string): Promise<IDataObject[]> {
		return (await this.send({ endpoint: ENDPOINTS.appraiseCallCredit, body: { call_uuid: callUuid } })) as IDataObject[];
	}

	/** appraisecall/detail: the call's transcript. */
	async callDetail(callUuid: string): Promise<IDataObject> {
		return await this.object('appraiseCallDetail', { call_uuid: callUuid });
	}

	/** appraisecall/details: up to `max` calls of `filter`, page by page, each with its status in words. */
	async listCalls(operatorUserId: string, filter: CallListFilter, max: number, pageSize = CALL_PAGE_SIZE): Promise<IDataObject[]> {
		return await collectPages(max, pageSize, async (page, limit) => await this.callPage(operatorUserId, filter, page, limit));
	}

	/** appraisecall/details: one page of the calls of `filter`. */
	async callPage(operatorUserId: string, filter: CallListFilter, page: number, limit: number): Promise<Page<IDataObject>> {
		return callsOfPage(await this.object('appraiseCallDetails', { page, limit, ...filter }, operatorUserId));
	}

	/**
	 * A call of the review or plan family that acts on one thing (create, update, assign, activate,
	 * correct, delete …) and answers with its result code and ids: the answer as it came.
	 */
	async act(endpoint: EndpointName, operatorUserId: string, body: IDataObject): Promise<IDataObject> {
		return await this.object(endpoint, body, operatorUserId);
	}

	/** queryQualityTask: up to `max` tasks of `filter` (without paging), ids as text. */
	async listTasks(operatorUserId: string, filter: IDataObject, max: number): Promise<IDataObject[]> {
		return await collectPages(max, ROWS_PAGE_SIZE, async (page, rows) => await this.taskPage(operatorUserId, filter, page, rows));
	}

	/** queryQualityTask: one page of the tasks of `filter`, ids as text. */
	async taskPage(operatorUserId: string, filter: IDataObject, page: number, rows: number): Promise<Page<IDataObject>> {
		const { fixedColumns, ...head } = filter;
		const body: IDataObject = { ...head, page, rows };
		if (fixedColumns) body.fixedColumns = fixedColumns;
		return entriesWithIdText(await this.object('queryQualityTask', body, operatorUserId), 'data');
	}

	/** queryQualityTask: the task of `filter` (without paging) whose id is `id`, read page by page. */
	async findTask(operatorUserId: string, filter: IDataObject, id: string): Promise<Search<IDataObject>> {
		return await findInPages(MAX_SEARCH_PAGES, ROWS_PAGE_SIZE, async (page, rows) => await this.taskPage(operatorUserId, filter, page, rows), (entry) => entry.id === id);
	}

	/** callsQualityTask: up to `max` calls of one task, ids (the qualityTaskCallId) as text. */
	async listTaskCalls(operatorUserId: string, currentRole: string, fixedColumns: IDataObject, max: number): Promise<IDataObject[]> {
		return await collectPages(max, ROWS_PAGE_SIZE, async (page, rows) =>
			entriesWithIdText(await this.object('callsQualityTask', { currentRole, page, rows, fixedColumns }, operatorUserId), 'data'),
		);
	}

	/** The plans' queryQualityTask: up to `max` plans as listed. */
	async listPlans(operatorUserId: string, max: number): Promise<IDataObject[]> {
		return await collectPages(max, ROWS_PAGE_SIZE, async (page, rows) => await this.planPage(operatorUserId, page, rows));
	}

	/** The plans' queryQualityTask: the plan whose qiqtId is `id`, read page by page. */
	async findPlan(operatorUserId: string, id: string): Promise<Search<IDataObject>> {
		return await findInPages(MAX_SEARCH_PAGES, ROWS_PAGE_SIZE, async (page, rows) => await this.planPage(operatorUserId, page, rows), (entry) => idText(entry.qiqtId) === id);
	}

	/** The plans' queryQualityTask: one page of plans as listed. */
	async planPage(operatorUserId: string, page: number, rows: number): Promise<Page<IDataObject>> {
		const answer = await this.object('queryRegularQualityTask', { page, rows }, operatorUserId);
		return pageOf(Array.isArray(answer.list) ? (answer.list as IDataObject[]) : [], answer.total);
	}

	/** queryQualityItem: up to `max` inspection items of `filter` (without paging), ids as text. */
	async listItems(operatorUserId: string, filter: IDataObject, max: number): Promise<IDataObject[]> {
		return await collectPages(max, ITEM_PAGE_SIZE, async (page, rows) => await this.itemPage(operatorUserId, filter, page, rows));
	}

	/** queryQualityItem: one page of the inspection items of `filter`, ids as text. */
	async itemPage(operatorUserId: string, filter: IDataObject, page: number, rows: number): Promise<Page<IDataObject>> {
		const { fixedColumns, ...window } = filter;
		return entriesWithIdText(await this.object('queryQualityItem', { ...window, page, rows, fixedColumns }, operatorUserId), 'data');
	}

	/** queryQualityItemDetail: an inspection item's title, call and rule hits. */
	async itemDetail(operatorUserId: string, qualityItemId: string): Promise<IDataObject> {
		return await this.object('queryQualityItemDetail', { qualityItemId }, operatorUserId);
	}

	/** queryQualityItemResult: an inspection item's manual and automatic scores. */
	async itemScores(operatorUserId: string, qualityId: string): Promise<IDataObject> {
		return await this.object('queryQualityItemResult', { qualityId }, operatorUserId);
	}

	/** voice2Text: starts transcribing a recording (qualityInspect's body); the answer carries its taskId. */
	async transcribe(body: IDataObject): Promise<IDataObject> {
		return await this.object('voice2Text', body);
	}

	/** getTextByTaskId: the text of a transcription as a Base64 ZIP in `bytesZip`, absent or empty while not ready. */
	async transcriptionText(taskId: string, language: string): Promise<IDataObject> {
		return await this.object('getTextByTaskId', { taskId, language });
	}
}
