/**
 * What the unit tests of Speech to Text share: one operation's prepare() run against a fake API, with
 * n8n's prepareBinaryData standing in as a plain copy of the file.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fileOf, prepareItem } from '../../../nodes/HuaweiCecQuality/actions/common';
import { speechToText } from '../../../nodes/HuaweiCecQuality/actions/speechToText';
import { InvalidFieldError } from '../../../nodes/HuaweiCecQuality/helpers/validation';
import type { CecCall } from '../../../nodes/HuaweiCecQuality/transport';
import { CecApi } from '../../../nodes/HuaweiCecQuality/transport/api';
import { credentialDefaultsOf } from '../../../nodes/HuaweiCecQuality/actions/fields';

export type OperationName = keyof typeof speechToText.operations;

function contextFor(parameters: Record<string, unknown>): IExecuteFunctions {
	const read = (path: string) =>
		path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], parameters);
	return {
		getNodeParameter: (path: string, _itemIndex: number, fallback?: unknown) => (read(path) === undefined ? fallback : read(path)),
		getTimezone: () => 'Asia/Shanghai',
		getNode: () => ({ name: 'CEC Quality' }),
		getInputData: () => [{ json: parameters.input ?? {} }],
		helpers: {
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData> => ({
				data: data.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
			}),
		},
	} as unknown as IExecuteFunctions;
}

/** Runs `operation` for one item against answers given per endpoint name (each call takes the next). */
export async function run(operation: OperationName, parameters: Record<string, unknown>, answers: Record<string, IDataObject[]>) {
	const calls: Array<CecCall & { name: string }> = [];
	const api = new CecApi(async (call) => {
		calls.push({ ...call, name: call.endpoint.name });
		const next = answers[call.endpoint.name]?.shift();
		if (next === undefined) throw new Error(`no answer left for ${call.endpoint.name}`);
		return next;
	});
	const outputs = await prepareItem(contextFor({ options: {}, ...parameters }), speechToText.operations[operation], 0, credentialDefaultsOf({}))(api);
	return { calls, outputs: outputs.map((json) => (fileOf(json) ? { json, binary: fileOf(json) } : { json })) };
}

export function refusal(operation: OperationName, parameters: Record<string, unknown>): InvalidFieldError {
	try {
		prepareItem(contextFor({ options: {}, ...parameters }), speechToText.operations[operation], 0, credentialDefaultsOf({}));
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidFieldError);
		return error as InvalidFieldError;
	}
	throw new Error('not refused');
}
