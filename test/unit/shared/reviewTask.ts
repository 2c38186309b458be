/**
 * What the unit tests of the review-task operations share: the documented examples (cec-quality-api.md
 * §4, §5.2), ids of 19 and 20 digits, and a way to run one operation's prepare() against a fake API.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { prepareItem, type Operation } from '../../../nodes/HuaweiCecQuality/actions/common';
import { CecApi } from '../../../nodes/HuaweiCecQuality/transport/api';
import { reviewTask } from '../../../nodes/HuaweiCecQuality/actions/reviewTask';
import type { CecCall } from '../../../nodes/HuaweiCecQuality/transport';
import { InvalidFieldError } from '../../../nodes/HuaweiCecQuality/helpers/validation';
import { credentialDefaultsOf } from '../../../nodes/HuaweiCecQuality/actions/fields';

export const ZONE = 'Asia/Shanghai';
export const OPERATOR_ID = '1611917095665261978';
export const ID_20 = '16239245027406915901';
export const ID_19 = '9999999999999999999';
export const UNSAFE = 16239245027406915901; // what a 20-digit id becomes as a JS number
export const ops = reviewTask.operations;

/** The documented examples, verbatim (appointQualityTask's with its id quoted, per the ruling). */
export const DOCUMENTED = {
	appoint: '{"qualityTaskId":"954645333549048833","setCountsType":1,"isTakeEffect":0,"setCounts":[{"personID":"1600226476732482572","count":2}]}',
	terminate: '{"qualityTaskId":"16239241148860783173"}',
	delete: '{"qualityTaskId":"16239245027406915901"}',
	createTask:
		'{"customColumns":null,"currentRole":"qualityDirector","startTimeMillis":1683808058,"endTimeMillis":1683894458,"fixedColumns":{"maxNum":"10","qualityCondition":0,"qualityNum":"100","qualityType":1,"scoreStart":"10","scoreEnd":"120","staffIds":[],"interactionType":2},"qualityTask":{"planName":"234"}}',
};
export const DOCUMENTED_TASK_INPUT = {
	currentRole: 'qualityDirector',
	planName: '234',
	interactionType: 2,
	qualityType: 1,
	qualityNum: 100,
	additionalFields: {
		callStartTime: '2023-05-11T20:27:38',
		callEndTime: '2023-05-12T20:27:38',
		maxNum: 10,
		qualityCondition: 0,
		scoreStart: 10,
		scoreEnd: 120,
		staffIds: [],
	},
};

/** A minimal execution context: parameters by dotted path, as n8n's getNodeParameter reads them. */
export function contextFor(parameters: Record<string, unknown>): IExecuteFunctions {
	const read = (path: string) =>
		path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], parameters);
	return {
		getNodeParameter: (path: string, _itemIndex: number, fallback?: unknown) => (read(path) === undefined ? fallback : read(path)),
		getTimezone: () => ZONE,
		getNode: () => ({ name: 'CEC Quality' }),
	} as unknown as IExecuteFunctions;
}

/** Runs an operation for one item against a fake API: the calls it sends and its output. */
export async function run(operation: Operation, parameters: Record<string, unknown>, answer: IDataObject = { resultCode: '0409000' }) {
	const calls: CecCall[] = [];
	const api = new CecApi(async (call) => {
		calls.push(call);
		return answer;
	});
	const output = await prepareItem(contextFor({ operatorUserId: OPERATOR_ID, options: {}, ...parameters }), operation, 0, credentialDefaultsOf({}))(api);
	return { calls, output, wire: calls.map((call) => JSON.stringify(call.body)) };
}

export function refusal(fn: () => unknown): InvalidFieldError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidFieldError);
		return error as InvalidFieldError;
	}
	throw new Error('not refused');
}

/** An operation's prepare() for one item with these parameters (and the operator), to be called by refusal(). */
export const prepare = (name: string, parameters: Record<string, unknown>) => () =>
	prepareItem(contextFor({ operatorUserId: OPERATOR_ID, options: {}, ...parameters }), ops[name], 0, credentialDefaultsOf({}));
