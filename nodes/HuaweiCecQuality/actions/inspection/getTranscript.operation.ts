/** Get Transcript → appraisecall/detail: what was said in a call, segment by segment. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { shapeTranscript } from '../../helpers/inspectionResult';
import type { ItemWork, Operation } from '../common';
import { callUuid, readCallUuid } from '../fields';

const segmentsAsItems: INodeProperties = {
	displayName: 'Output Segments as Items',
	name: 'outputSegmentsAsItems',
	type: 'boolean',
	default: false,
	description: 'Whether to output one item per spoken segment (each with call_uuid and the speaker) instead of one item per call',
};

export const getTranscript: Operation = {
	name: 'Get Transcript',
	action: 'Get the transcript of a call',
	summary:
		'Returns what was said in a call (by call_uuid): segments labelled Agent or Customer in call order, and the whole transcript as text',
	properties: [callUuid],
	options: [segmentsAsItems],
	prepare(this: IExecuteFunctions, itemIndex: number): ItemWork {
		const uuid = readCallUuid(this, itemIndex);
		const asItems = this.getNodeParameter('options.outputSegmentsAsItems', itemIndex, false) === true;
		return async (api) => {
			const transcript = shapeTranscript(uuid, await api.callDetail(uuid));
			if (!asItems) return [transcript];
			return transcript.segments.map((segment) => ({ call_uuid: uuid, ...segment }));
		};
	},
};
