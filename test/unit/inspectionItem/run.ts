/**
 * What the unit tests of the inspection-item operations share: one operation's prepare() run against a
 * fake API that answers each endpoint as given, and the refusal a bad parameter gets.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { prepareItem } from '../../../nodes/HuaweiCecQuality/actions/common';
import { inspectionItem } from '../../../nodes/HuaweiCecQuality/actions/inspectionItem';
import { InvalidFieldError } from '../../../nodes/HuaweiCecQuality/helpers/validation';
import type { CecCall, EndpointName } from '../../../nodes/HuaweiCecQuality/transport';
import { CecApi } from '../../../nodes/HuaweiCecQuality/transport/api';
import { credentialDefaultsOf } from '../../../nodes/HuaweiCecQuality/actions/fields';

export const OPERATOR_ID = '1611917095665261978';
export const ITEM_ID = '16239245027420000001';
export const ZONE = 'Asia/Shanghai';
export const OK = { resultCode: '0409000', resultDesc: '操作成功' };

export type OperationName = keyof typeof inspectionItem.operations;

function contextFor(parameters: Record<string, unknown>): IExecuteFunctions {
	const read = (path: string) =>
		path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], parameters);
	return {
		getNodeParameter: (path: string, _itemIndex: number, fallback?: unknown) => (read(path) === undefined ? fallback : read(path)),
		getTimezone: () => ZONE,
		getNode: () => ({ name: 'CEC Quality' }),
	} as unknown as IExecuteFunctions;
}

/** Runs `operation` for one item: the calls it sent (with their endpoint's name) and its output. */
export async function run(
	operation: OperationName,
	parameters: Record<string, unknown>,
	answers: Partial<Record<EndpointName, (body: IDataObject) => IDataObject>> = {},
) {
	const calls: Array<CecCall & { name: string }> = [];
	const api = new CecApi(async (call) => {
		const name = call.endpoint.name;
		calls.push({ ...call, name });
		return (answers[name as EndpointName] ?? (() => OK))(call.body);
	});
	const work = prepareItem(contextFor({ operatorUserId: OPERATOR_ID, options: {}, ...parameters }), inspectionItem.operations[operation], 0, credentialDefaultsOf({}));
	return { calls, output: await work(api) };
}

/** The error prepare() throws for these parameters: nothing is sent. */
export function refusal(operation: OperationName, parameters: Record<string, unknown>): InvalidFieldError {
	try {
		prepareItem(contextFor({ operatorUserId: OPERATOR_ID, options: {}, ...parameters }), inspectionItem.operations[operation], 0, credentialDefaultsOf({}));
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidFieldError);
		return error as InvalidFieldError;
	}
	throw new Error('not refused');
}
