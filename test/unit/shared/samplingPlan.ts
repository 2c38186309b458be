/**
 * What the unit tests of the sampling-plan operations share: the documented update example (API notes
 * §5.3) and its inputs as the UI holds them, and a run through the router that fails before sending.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../nodes/HuaweiCecQuality/actions/common';
import { route } from '../../../nodes/HuaweiCecQuality/actions/router';
import { samplingPlan } from '../../../nodes/HuaweiCecQuality/actions/samplingPlan';
import type { SamplingPlanInput } from '../../../nodes/HuaweiCecQuality/actions/samplingPlan/plan';

export const ZONE = 'Asia/Shanghai';
export const OPERATOR_ID = '1611917095665261978';

/** The documented regularqualitytask/updateQualityTask example, verbatim. */
export const DOCUMENTED_UPDATE =
	'{"qiqtId":"16925871657096773608","qiqtName":"changetest082103","currentRole":"qualityDirector",' +
	'"cronStructure":{"qiqtCycleType":"1","qiqtStartTime":1692171720,"qiqtEndType":"2","qiqtTotalTimes":1,"qiqtEndTime":1692258120},' +
	'"extractionRange":{"currentRole":"qualityDirector","customColumns":null,"fixedColumns":{"durationStart":1,"durationEnd":"100",' +
	'"interactionType":0,"maxNum":"10","qualityCondition":2,"qualityNum":"100","qualityType":1,"staffIds":[],"scoreStart":"0","scoreEnd":"100"}},' +
	'"appointQuality":{"setCountsType":0,"setCounts":[{"personID":"1679888547924121791","count":0}]}}';

/** The example's inputs as the UI holds them: Shanghai wall-clock times, durations in SECONDS (1 s, 100 s). */
export const EXAMPLE_INPUT: SamplingPlanInput = {
	currentRole: 'qualityDirector',
	planName: 'changetest082103',
	cycleType: '1',
	// 1692171720 and a day later, as wall-clock time in Shanghai
	startTime: '2023-08-16T15:42:00',
	endType: '2',
	totalRuns: null,
	endTime: '2023-08-17T15:42:00',
	assignment: 0,
	inspectorIds: ['1679888547924121791'],
	inspectorShares: null,
	interactionType: 0,
	qualityType: 1,
	qualityNum: 100,
	additionalFields: { durationStart: 1, durationEnd: 100, maxNum: 10, qualityCondition: 2, staffIds: [], scoreStart: 0, scoreEnd: 100 },
};
export const PLAN_ID = '16925871657096773608';

export const input = (changes: Partial<SamplingPlanInput> = {}, extra: IDataObject = {}): SamplingPlanInput => ({
	...EXAMPLE_INPUT,
	...changes,
	additionalFields: { ...EXAMPLE_INPUT.additionalFields, ...extra },
});

/** Every leaf of a JSON value with its path and JSON type. */
export function leaves(value: unknown, path = ''): Array<[string, string]> {
	if (Array.isArray(value)) return value.length === 0 ? [[path, 'empty array']] : value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
	if (value !== null && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, v]) => leaves(v, path ? `${path}.${key}` : key));
	}
	return [[path, value === null ? 'null' : typeof value]];
}


/* ------------------------------------------------------------------ through the router */

export const operations = samplingPlan.operations as Record<string, Operation>;

/** A run's context: per-item node parameters by dotted path; nothing is ever sent (every bad item throws first). */
export function runContext(parameters: Array<Record<string, unknown>>): IExecuteFunctions {
	const read = (itemIndex: number, path: string) =>
		path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], parameters[itemIndex]);
	return {
		getInputData: () => parameters.map(() => ({ json: {} })),
		// The credential the router reads once per run, before the items: no defaults.
		getCredentials: async () => ({}),
		getNodeParameter: (path: string, itemIndex: number, fallback?: unknown) => read(itemIndex, path) ?? fallback,
		getTimezone: () => ZONE,
		continueOnFail: () => false,
		getNode: () => ({ id: 'n', name: 'CEC Quality', type: 'huaweiCecQuality', typeVersion: 1, position: [0, 0], parameters: {} }),
	} as unknown as IExecuteFunctions;
}

export const UPDATE_PARAMETERS = {
	resource: 'samplingPlan',
	operation: 'update',
	operatorUserId: OPERATOR_ID,
	planId: PLAN_ID,
	...EXAMPLE_INPUT,
	options: {},
};

export async function runError(parameters: Array<Record<string, unknown>>): Promise<{ message: string; description?: string }> {
	try {
		await route.call(runContext(parameters));
	} catch (error) {
		return error as { message: string; description?: string };
	}
	throw new Error('the run did not fail');
}
