/**
 * The trigger's call events as designed before issue 17, kept for the trigger benchmark to compare
 * against: every poll lists every finished call uploaded in the look-back window (all pages of 100) and
 * remembers each emitted call's uuid until its upload time leaves the window. A copy of the call-event
 * path of nodes/HuaweiCecQuality/HuaweiCecQualityTrigger.node.ts's `poll` and of
 * nodes/HuaweiCecQuality/helpers/finishedCalls.ts (main at 7e20211), so the comparison survives the
 * node's redesign. Left out, as the benchmark uses neither: Fetch Test Event (manual mode), Include
 * Result and the inspection-item events. The transport it sends through is still the package's.
 */
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { callSettingsFor, type CallSettings } from '../../nodes/HuaweiCecQuality/transport';
import { CecApi, MAX_CALL_PAGE_SIZE } from '../../nodes/HuaweiCecQuality/transport/api';
import { CecClient } from '../../nodes/HuaweiCecQuality/transport/client';
import { SerialWindow } from '../../nodes/HuaweiCecQuality/transport/sendWindow';
import { DONE_STATUS, FINAL_FAILURE_STATUSES } from '../../nodes/HuaweiCecQuality/helpers/callStatus';
import { credentialUrlProblem } from '../../nodes/HuaweiCecQuality/helpers/urls';
import { toInteger } from '../../nodes/HuaweiCecQuality/helpers/validation';
import { chooseOperator, credentialDefaultsOf, fieldOf, operatorUserId } from '../../nodes/HuaweiCecQuality/actions/fields';

/* ------------------------------------------------------------ helpers/finishedCalls.ts */

interface TriggerMemory {
	/** call_uuid → upload time (epoch seconds) of every call already emitted or seeded */
	seen?: Record<string, number>;
	/** Set by the first poll, which only seeds the memory */
	started?: boolean;
	/**
	 * When the bound made the memory forget calls still inside the window: the latest upload time it
	 * forgot. A listed call uploaded at or before it counts as seen, so it is not emitted again.
	 */
	forgottenUpTo?: number;
}

const MAX_REMEMBERED_CALLS = 20000;

const uploadTimeOf = (call: IDataObject, fallback: number): number => {
	const n = Number(call.upload_time);
	return Number.isFinite(n) ? (n > 1e11 ? Math.floor(n / 1000) : n) : fallback;
};

/**
 * The calls to emit (oldest upload first), and the memory updated in place. The first poll emits
 * nothing: what finished before the trigger was active is not news.
 */
function takeNewCalls(memory: TriggerMemory, calls: IDataObject[], windowStart: number, now: number): IDataObject[] {
	const seen = (memory.seen ??= {});
	if (memory.forgottenUpTo !== undefined && memory.forgottenUpTo < windowStart) delete memory.forgottenUpTo;
	const horizon = memory.forgottenUpTo ?? -Infinity;
	const listed = new Set<string>();
	const fresh = calls
		.filter((call) => {
			const uuid = call.call_uuid;
			if (typeof uuid !== 'string' || uuid in seen || listed.has(uuid) || uploadTimeOf(call, now) <= horizon) return false;
			listed.add(uuid);
			return true;
		})
		.sort((a, b) => uploadTimeOf(a, now) - uploadTimeOf(b, now));
	for (const call of calls) {
		if (typeof call.call_uuid === 'string' && uploadTimeOf(call, now) > horizon) seen[call.call_uuid] = uploadTimeOf(call, now);
	}
	for (const [uuid, uploaded] of Object.entries(seen)) {
		if (uploaded < windowStart) delete seen[uuid];
	}
	const uuids = Object.keys(seen);
	if (uuids.length > MAX_REMEMBERED_CALLS) {
		const forgotten = uuids.sort((a, b) => seen[a] - seen[b]).slice(0, uuids.length - MAX_REMEMBERED_CALLS);
		memory.forgottenUpTo = Math.max(memory.forgottenUpTo ?? -Infinity, ...forgotten.map((uuid) => seen[uuid]));
		forgotten.forEach((uuid) => delete seen[uuid]);
	}
	if (!memory.started) {
		memory.started = true;
		return [];
	}
	return fresh;
}

/* ------------------------------------------------------------ HuaweiCecQualityTrigger.node.ts */

/** The call events: the statuses each emits. */
const EVENTS = {
	done: [DONE_STATUS],
	failed: FINAL_FAILURE_STATUSES,
	finished: [DONE_STATUS, ...FINAL_FAILURE_STATUSES],
};
const TIMEOUT_MS = 60000;
const MAX_RETRIES = 3;
const MAX_LOOK_BACK_MINUTES = 7 * 24 * 60;

const lookBack = {
	displayName: 'Look Back (Minutes)',
	name: 'lookBackMinutes',
	type: 'number' as const,
	typeOptions: { minValue: 1, maxValue: MAX_LOOK_BACK_MINUTES, numberPrecision: 0 },
	default: 120,
	description:
		'How long after its upload a call may still finish and be caught: each poll lists the calls uploaded in this window. Longer than the slowest inspection.',
};

export class TodaysDesignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei CEC Quality Trigger (design before issue 17)',
		name: 'huaweiCecQualityTriggerTodaysDesign',
		group: ['trigger'],
		version: 1,
		description: 'The call events of the trigger as designed before issue 17 (benchmark baseline)',
		defaults: { name: 'Huawei CEC Quality Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCecApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'Inspection Done', value: 'done' },
					{ name: 'Inspection Done or Failed', value: 'finished' },
					{ name: 'Inspection Failed', value: 'failed' },
				],
				default: 'done',
			},
			operatorUserId,
			lookBack,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const read = (name: string, fallback?: unknown) => this.getNodeParameter(name, fallback) as unknown;
		const node = this.getNode();
		let operator: string;
		let lookBackSeconds: number;
		const event = read('event', 'done') as string;
		const settings: CallSettings = await callSettingsFor(this, TIMEOUT_MS);
		try {
			operator = chooseOperator(fieldOf(operatorUserId), read(operatorUserId.name, ''), credentialDefaultsOf(settings.credentials.data ?? {}));
			lookBackSeconds = toInteger(fieldOf(lookBack), read(lookBack.name, lookBack.default), 1, MAX_LOOK_BACK_MINUTES) * 60;
		} catch (error) {
			throw new NodeOperationError(node, error as Error, { description: 'Nothing was sent.' });
		}
		if (!(event in EVENTS)) {
			throw new NodeOperationError(node, `Invalid "Event" (event): got ${JSON.stringify(event)}; must be one of ${Object.keys(EVENTS).join(', ')}`);
		}
		const urlProblem = credentialUrlProblem(settings.credentials.data ?? {});
		if (urlProblem !== undefined) throw new NodeOperationError(node, urlProblem, { description: 'Nothing was sent.' });
		const client = new CecClient(this, settings, new SerialWindow(), MAX_RETRIES);
		const api = new CecApi(async (call) => await client.call(call, 0));

		const now = Math.floor(Date.now() / 1000);
		const windowStart = now - lookBackSeconds;
		const filter = { call_types: [0, 2], status: EVENTS[event as keyof typeof EVENTS], upload_from: windowStart, upload_to: now };
		const calls = await api.listCalls(operator, filter, Infinity, MAX_CALL_PAGE_SIZE);

		// A poll decides on a copy of its memory, kept only once the poll has succeeded.
		const memory = this.getWorkflowStaticData('node') as TriggerMemory;
		const staged: TriggerMemory = { ...memory, seen: { ...(memory.seen ?? {}) } };
		const emit = takeNewCalls(staged, calls, windowStart, now);

		Object.assign(memory, staged);
		if (staged.forgottenUpTo === undefined) delete memory.forgottenUpTo;
		if (emit.length === 0) return null;
		return [this.helpers.returnJsonArray(emit)];
	}
}
