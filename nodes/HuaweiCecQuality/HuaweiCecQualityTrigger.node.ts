import {
	NodeConnectionTypes,
	type IDataObject,
	NodeOperationError,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { CEC_CREDENTIALS, CEC_ICON } from './nodeBase';
import { callSettingsFor, type CallSettings } from './transport';
import { CecApi, MAX_CALL_PAGE_SIZE, callsUploaded } from './transport/api';
import { CecClient } from './transport/client';
import { SerialWindow } from './transport/sendWindow';
import { DONE_STATUS, FINAL_FAILURE_STATUSES } from './helpers/callStatus';
import { CallHorizon, LISTING_PAGE_SIZE, uploadTimeOf, type CallHorizonMemory, type Listing } from './helpers/callHorizon';
import { longestPollGapMinutes } from './helpers/pollInterval';
import { takeItemEvents, type ItemEvent, type ItemMemory } from './helpers/itemEvents';
import { simplifyResult } from './helpers/inspectionResult';
import { credentialUrlProblem } from './helpers/urls';
import { InvalidFieldError, toInteger } from './helpers/validation';
import { chooseOperator, credentialDefaultsOf, fieldOf, operatorUserId, wholeNumberProperty } from './actions/fields';
import { itemInWords } from './actions/inspectionItem/item';

/** The call events: the statuses each emits. */
const EVENTS = {
	done: [DONE_STATUS],
	failed: FINAL_FAILURE_STATUSES,
	finished: [DONE_STATUS, ...FINAL_FAILURE_STATUSES],
};
/** The inspection-item events: which items each lists (taskType), and what it emits of them. */
const ITEM_EVENTS: Record<string, { taskType: string; emits: ItemEvent }> = {
	newAppeal: { taskType: '2', emits: 'new' },
	newProblem: { taskType: '1', emits: 'new' },
	appealStatusChanged: { taskType: '2', emits: 'statusChanged' },
};
const TIMEOUT_MS = 60000;
const MAX_RETRIES = 3;
const DAY_MINUTES = 24 * 60;
/** How far back "Fetch Test Event" looks for the most recent finished call or item. */
const TEST_EVENT_LOOK_BACK_SECONDS = 7 * 24 * 3600;

/**
 * Look Back, one field per kind of event (one name, so a saved value carries over): what the window
 * means, its default and its bound. An appeal is often decided days after it was filed, and its items
 * are listed by creation time, so Appeal Status Changed looks back a week by default.
 */
interface LookBack {
	events: string[];
	maxMinutes: number;
	property: INodeProperties;
}

function lookBack(events: string[], defaultMinutes: number, maxMinutes: number, description: string): LookBack {
	const spec = { displayName: 'Look Back (Minutes)', name: 'lookBackMinutes', default: defaultMinutes, description, displayOptions: { show: { event: events } } };
	return { events, maxMinutes, property: wholeNumberProperty(spec, 1, maxMinutes) };
}

/** The item events that emit `emits`, as ITEM_EVENTS declares them. */
const itemEventsThatEmit = (emits: ItemEvent) => Object.keys(ITEM_EVENTS).filter((event) => ITEM_EVENTS[event].emits === emits);

const LOOK_BACKS: LookBack[] = [
	lookBack(
		Object.keys(EVENTS),
		120,
		7 * DAY_MINUTES,
		'How long after its upload a call may still finish and be caught (longer than the slowest inspection, and at least the time between two polls). Each poll lists only the calls of this window that may still change.',
	),
	lookBack(
		itemEventsThatEmit('new'),
		120,
		7 * DAY_MINUTES,
		'How far back each poll lists the items by their creation time (at least the time between two polls); each new item is emitted once',
	),
	lookBack(
		itemEventsThatEmit('statusChanged'),
		7 * DAY_MINUTES,
		30 * DAY_MINUTES,
		'How long an appeal may stay undecided and still have its status changes caught: each poll lists the appeals created this far back (at most 30 days)',
	),
];

/**
 * Fetch Test Event: the most recent finished call of one page, from the look-back window or, when that
 * has none, the last seven days. It remembers nothing.
 */
async function testCall(api: CecApi, operator: string, statuses: number[], lookBackSeconds: number, now: number): Promise<IDataObject | undefined> {
	for (const from of [now - lookBackSeconds, now - Math.max(lookBackSeconds, TEST_EVENT_LOOK_BACK_SECONDS)]) {
		const { items } = await api.callPage(operator, callsUploaded(statuses, from, now), 1, MAX_CALL_PAGE_SIZE);
		if (items.length > 0) return items.sort((a, b) => (uploadTimeOf(b) ?? 0) - (uploadTimeOf(a) ?? 0))[0];
	}
	return undefined;
}

/**
 * A poll of the call events (helpers/callHorizon.ts decides what to list): the calls to emit, and the
 * memory to keep once the whole poll has succeeded.
 */
async function pollCalls(api: CecApi, operator: string, memory: CallHorizonMemory, statuses: number[], lookBackSeconds: number, now: number) {
	const horizon = new CallHorizon(memory, now, lookBackSeconds, statuses);
	const list = async (listing: Listing) => {
		const filter = callsUploaded(listing.status, listing.from, listing.to);
		if (listing.kind === 'count') {
			const page = await api.callPage(operator, filter, 1, 1);
			horizon.take(listing, [], page.total ?? page.items.length);
		} else {
			horizon.take(listing, await api.listCalls(operator, filter, Infinity, LISTING_PAGE_SIZE));
		}
	};
	for (const listing of horizon.listings()) await list(listing);
	for (const listing of horizon.vanishedListings()) await list(listing);
	return horizon.finish();
}

/**
 * A poll of inspection items (the last look-back window's problems or appeals). Fetch Test Event reads
 * one page and returns its first item, remembering nothing; a poll keeps its memory only once it succeeded.
 */
async function pollItems(
	ctx: IPollFunctions,
	api: CecApi,
	operator: string,
	event: (typeof ITEM_EVENTS)[string],
	windowStart: number,
	now: number,
): Promise<INodeExecutionData[][] | null> {
	const filter = { startTimeMillis: windowStart, endTimeMillis: now, fixedColumns: { taskType: event.taskType } };
	if (ctx.getMode() === 'manual') {
		const [first] = await api.listItems(operator, filter, 1);
		return first ? [ctx.helpers.returnJsonArray([itemInWords(first)])] : null;
	}
	const items = await api.listItems(operator, filter, Infinity);
	const memory = ctx.getWorkflowStaticData('node') as ItemMemory;
	const staged: ItemMemory = { ...memory, items: Object.fromEntries(Object.entries(memory.items ?? {}).map(([id, entry]) => [id, [...entry]])) };
	const emit = takeItemEvents(staged, items, event.emits, windowStart, now);
	Object.assign(memory, staged);
	return emit.length === 0 ? null : [ctx.helpers.returnJsonArray(emit.map(itemInWords))];
}

export class HuaweiCecQualityTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei CEC Quality Trigger',
		name: 'huaweiCecQualityTrigger',
		icon: CEC_ICON,
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description:
			'Call-quality inspection in Huawei Cloud CEC (AICC): starts a workflow when CEC finishes inspecting a call, or on new inspection items and appeals',
		defaults: { name: 'Huawei CEC Quality Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: CEC_CREDENTIALS,
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'Appeal Status Changed', value: 'appealStatusChanged', description: 'An appeal moved on (e.g. from reviewing to closed); the item carries previousStatus' },
					{ name: 'Inspection Done', value: 'done', description: 'The call was inspected and has a result' },
					{ name: 'Inspection Done or Failed', value: 'finished', description: 'Either of the two' },
					{ name: 'Inspection Failed', value: 'failed', description: 'The inspection ended without a result (status 9 or 31–40)' },
					{ name: 'New Appeal', value: 'newAppeal', description: 'An agent appealed against an inspection item' },
					{ name: 'New Problem Item', value: 'newProblem', description: 'A call that broke rules became an inspection item' },
				],
				default: 'done',
			},
			{
				...operatorUserId,
				description:
					'User ID (x-UserId) with which to list the calls: the 19-digit number on the CEC employee-management page. Keep it as text. Leave empty to use the credential\'s Default Operator User ID.',
			},
			...LOOK_BACKS.map(({ property }) => property),
			{
				displayName: 'Include Result',
				name: 'includeResult',
				type: 'boolean',
				default: false,
				description: 'Whether to add each done call\'s inspection result (passed, violated rules, scores) as `result`',
				displayOptions: { show: { event: Object.keys(EVENTS) } },
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const read = (name: string, fallback?: unknown) => this.getNodeParameter(name, fallback) as unknown;
		const node = this.getNode();
		let operator: string;
		let lookBackSeconds: number;
		let pollGap: number | undefined;
		const event = read('event', 'done') as string;
		const lookBack = LOOK_BACKS.find(({ events }) => events.includes(event));
		if (lookBack === undefined) {
			const valid = [...Object.keys(EVENTS), ...Object.keys(ITEM_EVENTS)].join(', ');
			throw new NodeOperationError(node, `Invalid "Event" (event): got ${JSON.stringify(event)}; must be one of ${valid}`);
		}
		// Read once per poll, before the operator: it may be the credential's default.
		const settings: CallSettings = await callSettingsFor(this, TIMEOUT_MS);
		try {
			operator = chooseOperator(fieldOf(operatorUserId), read(operatorUserId.name, ''), credentialDefaultsOf(settings.credentials.data ?? {}));
			const { property, maxMinutes } = lookBack;
			lookBackSeconds = toInteger(fieldOf(property), read(property.name, property.default), 1, maxMinutes) * 60;
			pollGap = longestPollGapMinutes(read('pollTimes', {}));
		} catch (error) {
			throw new NodeOperationError(node, error as Error, { description: 'Nothing was sent.' });
		}
		if (pollGap !== undefined && lookBackSeconds < pollGap * 60) {
			const tooShort = new InvalidFieldError(
				fieldOf(lookBack.property),
				lookBackSeconds / 60,
				`must be at least the time between two polls (${pollGap} minutes, from "Poll Times"), or ${event in EVENTS ? 'a call that finishes' : 'an item created'} between two polls may be missed. Raise it, or poll more often`,
			);
			throw new NodeOperationError(node, tooShort, { description: 'Nothing was sent.' });
		}
		const urlProblem = credentialUrlProblem(settings.credentials.data ?? {});
		if (urlProblem !== undefined) throw new NodeOperationError(node, urlProblem, { description: 'Nothing was sent.' });
		const client = new CecClient(this, settings, new SerialWindow(), MAX_RETRIES);
		const api = new CecApi(async (call) => await client.call(call, 0));

		const now = Math.floor(Date.now() / 1000);
		const manual = this.getMode() === 'manual';
		if (event in ITEM_EVENTS) {
			const windowStart = now - (manual ? Math.max(lookBackSeconds, TEST_EVENT_LOOK_BACK_SECONDS) : lookBackSeconds);
			return await pollItems(this, api, operator, ITEM_EVENTS[event], windowStart, now);
		}
		const statuses = EVENTS[event as keyof typeof EVENTS];
		const memory = this.getWorkflowStaticData('node') as CallHorizonMemory;
		let emit: IDataObject[];
		let kept: CallHorizonMemory | undefined;
		if (manual) {
			const call = await testCall(api, operator, statuses, lookBackSeconds, now);
			emit = call ? [call] : [];
		} else {
			({ emit, memory: kept } = await pollCalls(api, operator, memory, statuses, lookBackSeconds, now));
		}

		if (read('includeResult', false) === true) {
			for (const call of emit) {
				if (Number(call.status) !== DONE_STATUS) continue;
				const uuid = String(call.call_uuid);
				const answer = await api.inspectionResult(uuid);
				call.result = answer.length > 0 ? simplifyResult(uuid, answer) : null;
			}
		}
		if (kept !== undefined) {
			for (const key of Object.keys(memory)) delete memory[key as keyof CallHorizonMemory];
			Object.assign(memory, kept);
		}
		if (emit.length === 0) return null;
		return [this.helpers.returnJsonArray(emit)];
	}
}
