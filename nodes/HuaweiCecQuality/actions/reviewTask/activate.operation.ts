/** Activate → takeEffectQualityTask: puts a review task in effect now, or schedules it. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolveCallTime, type CallTime } from '../../helpers/time';
import { toChoice } from '../../helpers/validation';
import { resolveTimeZone, timeZoneOption, type ItemContext, type ItemWork, type Operation } from '../common';
import { fieldOf, offered, operatorUserId, readTaskId, shownWhen, taskId, optionsProperty } from '../fields';
import { sendForTask } from './task';

const when = optionsProperty(
	{ displayName: 'When', name: 'when', default: 'now' },
	[
		{ name: 'Now', value: 'now', description: 'The task takes effect at once' },
		{ name: 'At a Time', value: 'atTime', description: 'The task takes effect at the given time' },
	],
);

const reserveTime: INodeProperties = {
	displayName: 'Take Effect At',
	name: 'reserveTime',
	type: 'dateTime',
	required: true,
	default: '',
	description:
		'When the task takes effect. Sent as the tenant\'s wall-clock time (yyyy-MM-dd HH:mm:ss) in the time zone of the options (default: the workflow\'s).',
};

/**
 * reserveTime's wire format. The API documents it only as a string (its example sends "" with type
 * "1"). Decision: the tenant's wall-clock time "yyyy-MM-dd HH:mm:ss", because the family's string-typed
 * times are wall-clock text (qualityInspect's beginTime/endTime), while its epoch times are typed and
 * sent as numbers (startTimeMillis, epoch seconds, despite the name); a string field holding epoch
 * milliseconds would be the odd one out. If a tenant wants epoch milliseconds instead, return
 * `String(time.epochSeconds * 1000)` here: nothing else changes.
 */
export function formatReserveTime(time: CallTime): string {
	return time.text;
}

export interface ActivateInput {
	when: unknown;
	reserveTime: unknown;
}

/** The takeEffectQualityTask body, in the documented key order: type, qualityTaskId, reserveTime. */
export function buildActivateBody(qualityTaskId: string, input: ActivateInput, zone: string): IDataObject {
	const choice = toChoice(fieldOf(when), input.when, offered(when));
	if (choice === 'now') return { type: '1', qualityTaskId, reserveTime: '' };
	const time = resolveCallTime(fieldOf(reserveTime), input.reserveTime, zone);
	return { type: '2', qualityTaskId, reserveTime: formatReserveTime(time) };
}

export const activate: Operation = {
	name: 'Activate',
	action: 'Activate a manual review task',
	summary:
		'Puts a manual review task in effect now or at a given time, so its inspectors can review the sampled calls; returns its qualityTaskId and the result code',
	properties: [
		operatorUserId,
		taskId,
		when,
		shownWhen(reserveTime, { when: ['atTime'] }),
	],
	options: [timeZoneOption],
	prepare(this: IExecuteFunctions, itemIndex: number, { operator }: ItemContext): ItemWork {
		const id = readTaskId(this, itemIndex);
		const input: ActivateInput = {
			when: this.getNodeParameter(when.name, itemIndex),
			reserveTime: this.getNodeParameter(reserveTime.name, itemIndex, ''),
		};
		const body = buildActivateBody(id, input, resolveTimeZone(this, itemIndex));
		return sendForTask(id, 'takeEffectQualityTask', operator, body);
	},
};
