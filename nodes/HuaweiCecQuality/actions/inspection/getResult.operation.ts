/** Get Result → appraisecall/credit: how the automatic inspection of a call came out. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { CecApi } from '../../transport/api';
import { simplifyResult } from '../../helpers/inspectionResult';
import type { ItemWork, Operation } from '../common';
import { callUuid, readCallUuid } from '../fields';

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return one item per call with passed, the violated rules\' names and per rule group its score and rules, instead of the API\'s answer as it came',
};

/** The call's result (simplified, or the API's elements as they came); an error while there is none yet. */
export async function fetchResult(api: CecApi, uuid: string, simplify: boolean, node: IExecuteFunctions['getNode']): Promise<IDataObject[]> {
	const answer = await api.inspectionResult(uuid);
	if (answer.length === 0) {
		throw new NodeOperationError(node(), `No inspection result yet for call ${uuid}`, {
			description:
				'CEC has not finished inspecting this call (speech recognition and scoring take a while), or no such call exists. Try again later, or use Create with "Wait for Result".',
		});
	}
	return simplify ? [simplifyResult(uuid, answer)] : answer;
}

export const getResult: Operation = {
	name: 'Get Result',
	action: 'Get the inspection result of a call',
	summary:
		'Returns how the inspection of a call (by call_uuid) came out: passed, violatedRules, totalScore and per rule group its score and rules',
	properties: [callUuid],
	options: [simplifyOption],
	prepare(this: IExecuteFunctions, itemIndex: number): ItemWork {
		const uuid = readCallUuid(this, itemIndex);
		const simplify = this.getNodeParameter('options.simplify', itemIndex, true) !== false;
		return async (api) => await fetchResult(api, uuid, simplify, () => this.getNode());
	},
};
