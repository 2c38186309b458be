/** Create Inspection → qualityInspect: submits one call recording for automatic inspection. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../../transport';
import { resolveCallTime } from '../../helpers/time';
import { InvalidFieldError, toChoice, toInteger, toText } from '../../helpers/validation';
import { optionsCollection, resolveTimeZone, showFor, timeZoneOption, sendOne, type ItemWork, type Operation } from '../common';

const displayOptions = showFor('inspection', 'create');

const LANGUAGES = ['zh_CN', 'en_US'] as const;
const MAX_AGENT_ID = 2147483647;
const MAX_PATH_LENGTH = 1024;

const FIELDS = {
	language: { displayName: 'Language', name: 'language' },
	voiceFilePath: { displayName: 'Voice File Path', name: 'voiceFilePath' },
	agentId: { displayName: 'Agent ID', name: 'agentId' },
	beginTime: { displayName: 'Begin Time', name: 'beginTime' },
	endTime: { displayName: 'End Time', name: 'endTime' },
};

const properties: INodeProperties[] = [
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: [
			{ name: 'Chinese', value: 'zh_CN' },
			{ name: 'English', value: 'en_US' },
		],
		default: 'zh_CN',
		description: 'Language spoken in the recording',
		displayOptions,
	},
	{
		displayName: 'Voice File Path',
		name: 'voiceFilePath',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Y:\\27\\0\\20210201\\1118\\0951044.V3',
		description:
			'Path of the recording on the call-centre recording store: {drive}:\\{VDN}\\{dir}\\{yyyyMMdd}\\{agent no.}\\{file}.V3. Type single backslashes.',
		displayOptions,
	},
	{
		displayName: 'Agent ID',
		name: 'agentId',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'Work number of the agent who took the call, e.g. 1118',
		displayOptions,
	},
	{
		displayName: 'Begin Time',
		name: 'beginTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the call started. Without an offset it is read in the chosen time zone.',
		displayOptions,
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the call ended; not before Begin Time',
		displayOptions,
	},
	optionsCollection('inspection', 'create', [timeZoneOption]),
];

export interface InspectionInput {
	language: unknown;
	voiceFilePath: unknown;
	agentId: unknown;
	beginTime: unknown;
	endTime: unknown;
}

/** The qualityInspect body, in the documented key order, from the UI's values. */
export function buildQualityInspectBody(input: InspectionInput, timeZone: string): IDataObject {
	const language = toChoice(FIELDS.language, input.language, LANGUAGES);
	const voiceFilePath = toText(FIELDS.voiceFilePath, input.voiceFilePath, MAX_PATH_LENGTH);
	const agentId = toInteger(FIELDS.agentId, input.agentId, 0, MAX_AGENT_ID);
	const begin = resolveCallTime(FIELDS.beginTime, input.beginTime, timeZone);
	const end = resolveCallTime(FIELDS.endTime, input.endTime, timeZone);
	if (end.epochSeconds < begin.epochSeconds) {
		throw new InvalidFieldError(FIELDS.endTime, input.endTime, `must not be before Begin Time (${begin.text})`);
	}
	return { language, voiceFilePath, agentId, beginTime: begin.text, endTime: end.text };
}

export const create: Operation = {
	name: 'Create',
	action: 'Create an inspection task for a call recording',
	description: properties,
	prepare(this: IExecuteFunctions, itemIndex: number): ItemWork {
		const read = (name: string) => this.getNodeParameter(name, itemIndex, undefined) as unknown;
		const body = buildQualityInspectBody(
			{
				language: read('language'),
				voiceFilePath: read('voiceFilePath'),
				agentId: read('agentId'),
				beginTime: read('beginTime'),
				endTime: read('endTime'),
			},
			resolveTimeZone(this, itemIndex),
		);
		return sendOne({ endpoint: ENDPOINTS.qualityInspect, body });
	},
};
