/**
 * The run settings every operation offers under Options, declared once: the fields, and the reader
 * that validates them under the same labels (read from the first item: they hold for the whole run).
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toInteger } from '../helpers/validation';
import { fieldOf, wholeNumberProperty } from './fields';

const concurrency = wholeNumberProperty(
	{ displayName: 'Concurrency', name: 'concurrency', default: 5, description: 'Maximum number of requests in flight at once. 1 sends the items one after another.' },
	1, 100,
);

const maxRequestsPerSecond = wholeNumberProperty(
	{ displayName: 'Max Requests per Second', name: 'maxRequestsPerSecond', default: 0, description: 'Upper bound on requests started per second. 0 means no limit.' },
	0,
);

const maxRetries = wholeNumberProperty(
	{ displayName: 'Max Retries When Busy', name: 'maxRetries', default: 3, description: 'How often a request answered with HTTP 429 or 503 (not processed) is sent again, after the wait the API asks for (Retry-After). Reads are also sent again after a timeout or a server error.' },
	0, 10,
);

const timeout = wholeNumberProperty(
	{ displayName: 'Timeout (Ms)', name: 'timeout', default: 60000, description: 'How long to wait for each answer. A create that times out is reported, not resent: it may have been created.' },
	1,
);

export const RUN_OPTIONS: INodeProperties[] = [concurrency, maxRequestsPerSecond, maxRetries, timeout];

export interface RunSettings {
	concurrency: number;
	maxRequestsPerSecond: number;
	maxRetries: number;
	timeout: number;
}

/** The run settings (validated); bounds beyond the fields' own are what the node can honour. */
export function readRunSettings(ctx: IExecuteFunctions): RunSettings {
	const read = (property: INodeProperties, min: number, max: number) =>
		toInteger(fieldOf(property, 'options'), ctx.getNodeParameter(`options.${property.name}`, 0, property.default), min, max);
	return {
		concurrency: read(concurrency, 1, 100),
		maxRequestsPerSecond: read(maxRequestsPerSecond, 0, 100000),
		maxRetries: read(maxRetries, 0, 10),
		timeout: read(timeout, 1, 3600000),
	};
}
