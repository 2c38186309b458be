/**
 * The lists behind the resource locators (From List): review tasks, sampling plans, recent calls and
 * inspection items, one page per request, paged with n8n's pagination token (the next page number).
 * They call CEC only through transport/ — the same list calls Get Many uses, one call at a time — as
 * the operator the credential names (its Default Operator User ID).
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { STATUS_TEXT } from '../actions/samplingPlan/plan';
import { TASK_STATUS } from '../actions/reviewTask/getMany.operation';
import { ROLES, chooseOperator, chooseRole, credentialDefaultsOf, currentRole, fieldOf, operatorUserId, type CredentialDefaults, type Role } from '../actions/fields';
import { ALL_STATUSES } from '../helpers/callStatus';
import type { Page } from '../helpers/paging';
import { isSet } from '../helpers/validation';
import { callSettingsFor } from '../transport';
import { CecApi, MAX_CALL_PAGE_SIZE, ROWS_PAGE_SIZE, callsUploaded } from '../transport/api';
import { CecClient } from '../transport/client';
import { SerialWindow } from '../transport/sendWindow';

const TIMEOUT_MS = 30_000;
const MAX_RETRIES = 1;
const DAY_SECONDS = 86_400;
/** How far back each list looks: review tasks by creation, calls by upload, items by creation. */
export const TASK_LIST_DAYS = 90;
export const CALL_LIST_DAYS = 3;
export const ITEM_LIST_DAYS = 30;
/** Entries per page of a list: the documented maximum of queryQualityTask's `rows` and of appraisecall/details' `limit`. */
const PAGE_SIZE = Math.min(ROWS_PAGE_SIZE, MAX_CALL_PAGE_SIZE);
const MAX_SEARCH_TEXT = 32;

interface ListContext {
	api: CecApi;
	operator: string;
	role: string;
	now: number;
}

/** A set value of the node being edited, unless it is an expression (which a list cannot evaluate). */
function literalParameter(ctx: ILoadOptionsFunctions, name: string): string | undefined {
	const value = ctx.getCurrentNodeParameter(name);
	if (typeof value !== 'string' || value.trim() === '' || value.startsWith('=')) return undefined;
	return value.trim();
}

/**
 * The operator and role a list is read as: the credential's defaults first (a list shows the tenant's
 * tasks, whoever the node acts as), else the node's own Operator User ID and Current Role while they
 * hold a value; no operator at all is an error before anything is sent.
 */
function listReader(ctx: ILoadOptionsFunctions, defaults: CredentialDefaults): { operator: string; role: Role } {
	const operator = chooseOperator(fieldOf(operatorUserId), isSet(defaults.operatorUserId) ? undefined : literalParameter(ctx, operatorUserId.name), defaults);
	const credentialRole = (ROLES as readonly unknown[]).includes(defaults.role);
	return { operator, role: chooseRole(fieldOf(currentRole), credentialRole ? undefined : literalParameter(ctx, currentRole.name), defaults) };
}

async function listContext(ctx: ILoadOptionsFunctions): Promise<ListContext> {
	// One credential read: the call settings carry its data, the defaults among it (as in actions/router.ts).
	const settings = await callSettingsFor(ctx, TIMEOUT_MS);
	const { operator, role } = listReader(ctx, credentialDefaultsOf(settings.credentials.data ?? {}));
	const client = new CecClient(ctx, settings, new SerialWindow(), MAX_RETRIES);
	return { api: new CecApi(async (call) => await client.call(call, 0)), operator, role, now: Math.floor(Date.now() / 1000) };
}

/** The page a token names (the first without one). */
function pageOfToken(paginationToken?: string): number {
	const page = Number(paginationToken);
	return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** A page's entries as list results, with the next page's token while more may follow. */
function resultsOf(page: number, answer: Page<IDataObject>, toResult: (entry: IDataObject) => INodeListSearchItems): INodeListSearchResult {
	const more = answer.total !== undefined ? page * PAGE_SIZE < answer.total : answer.items.length >= PAGE_SIZE;
	return { results: answer.items.map(toResult), paginationToken: more ? String(page + 1) : undefined };
}

/** Search text as a filter: trimmed, at most the API's 32 characters, none when empty. */
function searchText(filter?: string): string | undefined {
	const text = filter?.trim().slice(0, MAX_SEARCH_TEXT);
	return text ? text : undefined;
}

const joined = (...parts: unknown[]) => parts.filter((part) => part !== undefined && part !== null && part !== '').join(' · ');

/** Review tasks created in the last TASK_LIST_DAYS days; the search filters by plan name (queryQualityTask's fixedColumns.planName). */
export async function searchReviewTasks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { api, operator, role, now } = await listContext(this);
	const page = pageOfToken(paginationToken);
	const body: IDataObject = { currentRole: role, userId: operator, startTimeMillis: now - TASK_LIST_DAYS * DAY_SECONDS, endTimeMillis: now };
	const planName = searchText(filter);
	if (planName) body.fixedColumns = { planName };
	return resultsOf(page, await api.taskPage(operator, body, page, PAGE_SIZE), (task) => ({
		name: joined(task.planName, TASK_STATUS[String(task.status)]) || String(task.id),
		value: String(task.id),
	}));
}

/** Every sampling plan (the plans' queryQualityTask has no filter). */
export async function searchSamplingPlans(this: ILoadOptionsFunctions, _filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { api, operator } = await listContext(this);
	const page = pageOfToken(paginationToken);
	return resultsOf(page, await api.planPage(operator, page, PAGE_SIZE), (plan) => ({
		name: joined(plan.qiqtName, STATUS_TEXT[String(plan.qiqtStatus)]) || String(plan.qiqtId),
		value: String(plan.qiqtId),
	}));
}

/** Calls of every status uploaded in the last CALL_LIST_DAYS days; the search filters by agent name (staff_name). */
export async function searchCalls(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { api, operator, now } = await listContext(this);
	const page = pageOfToken(paginationToken);
	const calls = callsUploaded(ALL_STATUSES, now - CALL_LIST_DAYS * DAY_SECONDS, now);
	const staffName = searchText(filter);
	if (staffName) calls.staff_name = staffName;
	return resultsOf(page, await api.callPage(operator, calls, page, PAGE_SIZE), (call) => ({
		name: joined(call.file_name, call.staff_name, call.statusText) || String(call.call_uuid),
		value: String(call.call_uuid),
	}));
}

/** Inspection items created in the last ITEM_LIST_DAYS days (queryQualityItem filters by ids, type and status only). */
export async function searchInspectionItems(this: ILoadOptionsFunctions, _filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { api, operator, now } = await listContext(this);
	const page = pageOfToken(paginationToken);
	const window = { startTimeMillis: now - ITEM_LIST_DAYS * DAY_SECONDS, endTimeMillis: now };
	return resultsOf(page, await api.itemPage(operator, window, page, PAGE_SIZE), (item) => ({
		name: joined(item.taskTypeName, item.agentName, item.taskStatusName) || String(item.id),
		value: String(item.id),
	}));
}
