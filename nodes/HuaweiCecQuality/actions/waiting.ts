/**
 * Waiting for something a create started (an inspection's result, a transcription's text), declared
 * once: the Options that turn it on and bound it, their reader, and the bounded poll loop.
 */
import { sleep, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { toInteger } from '../helpers/validation';
import { fieldOf } from './fields';

const MAX_WAIT_SECONDS = 86400;
const MAX_POLL_SECONDS = 3600;

/** What is waited for, as the options' texts name it. */
export interface Waited {
	/** The switch's label, e.g. "Wait for Result" */
	option: string;
	/** e.g. "the result" */
	thing: string;
	/** What is kept when the wait gives up, e.g. "the created call" */
	kept: string;
}

export interface WaitOptions {
	enabled: INodeProperties;
	maxWait: INodeProperties;
	pollInterval: INodeProperties;
}

/** The switch and its two bounds, for the Options collection. */
export function waitOptions(waited: Waited, name: string, description: string): WaitOptions {
	return {
		enabled: { displayName: waited.option, name, type: 'boolean', default: false, description },
		maxWait: {
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS, numberPrecision: 0 },
			default: 300,
			description: `With ${waited.option}: how long to wait for ${waited.thing} before giving up (${waited.kept} is kept)`,
		},
		pollInterval: {
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_POLL_SECONDS, numberPrecision: 0 },
			default: 10,
			description: `With ${waited.option}: how often to ask whether ${waited.thing} is ready`,
		},
	};
}

export interface WaitSettings {
	maxWaitMs: number;
	pollIntervalMs: number;
}

/** The item's wait bounds when the switch is on (validated), else undefined. */
export function readWaitSettings(ctx: IExecuteFunctions, itemIndex: number, options: WaitOptions): WaitSettings | undefined {
	if (ctx.getNodeParameter(`options.${options.enabled.name}`, itemIndex, false) !== true) return undefined;
	const read = (property: INodeProperties, max: number) =>
		toInteger(fieldOf(property, 'options'), ctx.getNodeParameter(`options.${property.name}`, itemIndex, property.default), 1, max);
	return {
		maxWaitMs: read(options.maxWait, MAX_WAIT_SECONDS) * 1000,
		pollIntervalMs: read(options.pollInterval, MAX_POLL_SECONDS) * 1000,
	};
}

/**
 * Polls `check` every interval until it gives a value; after the deadline, `timedOut` says why not.
 * The first check comes one interval after the start: whatever was started needs time.
 */
export async function pollUntil<T>(settings: WaitSettings, check: () => Promise<T | undefined>, timedOut: () => Error): Promise<T> {
	const deadline = Date.now() + settings.maxWaitMs;
	for (;;) {
		await sleep(Math.max(0, Math.min(settings.pollIntervalMs, deadline - Date.now())));
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() >= deadline) throw timedOut();
	}
}
