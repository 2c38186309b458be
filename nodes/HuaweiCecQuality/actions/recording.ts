/**
 * A call recording as qualityInspect and voice2Text take it (API notes §3, §5.4), declared once: its
 * fields (each may be mapped, or auto-mapped from the input item's fields of the API's names), and
 * their validation under the labels of where the values came from.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolveCallTime } from '../helpers/time';
import { InvalidFieldError, toChoice, toInteger, toText, type Field } from '../helpers/validation';
import { resolveTimeZone } from './common';
import { dataModeProperty, definedBelow, inputFieldsAt, inputValue, isAutoMapped, offered, optionsProperty, type ChoiceOf } from './fields';

const MAX_AGENT_ID = 2147483647;
const MAX_PATH_LENGTH = 1024;

export const language = optionsProperty(
	{ displayName: 'Language', name: 'language', default: 'zh_CN', description: 'Language spoken in the recording' },
	[
		{ name: 'Chinese', value: 'zh_CN' },
		{ name: 'English', value: 'en_US' },
	],
);

/** The recording's language, as the API takes it. */
export function readLanguage(value: unknown, field: Field = FIELDS.language): ChoiceOf<typeof language> {
	return toChoice(field, value, offered(language));
}

const FIELDS = {
	language: { displayName: 'Language', name: 'language' },
	voiceFilePath: { displayName: 'Voice File Path', name: 'voiceFilePath' },
	agentId: { displayName: 'Agent ID', name: 'agentId' },
	beginTime: { displayName: 'Begin Time', name: 'beginTime' },
	endTime: { displayName: 'End Time', name: 'endTime' },
};
type RecordingFields = Record<keyof typeof FIELDS, Field>;
/** Auto-mapped input: each value is the item's field of the API's name (the parameters' names). */
const INPUT_FIELDS: RecordingFields = inputFieldsAt({
	language: 'language',
	voiceFilePath: 'voiceFilePath',
	agentId: 'agentId',
	beginTime: 'beginTime',
	endTime: 'endTime',
});

/** Input Data Mode and the recording's fields. */
export const recordingProperties: INodeProperties[] = [
	dataModeProperty(Object.keys(FIELDS).join(', ')),
	...([
		language,
		{
			displayName: 'Voice File Path',
			name: 'voiceFilePath',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'Y:\\27\\0\\20210201\\1118\\0951044.V3',
			description:
				'Path of the recording on the call-centre recording store: {drive}:\\{VDN}\\{dir}\\{yyyyMMdd}\\{agent no.}\\{file}.V3. Type single backslashes.',
		},
		{
			displayName: 'Agent ID',
			name: 'agentId',
			type: 'number',
			required: true,
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description: 'Work number of the agent who took the call, e.g. 1118',
		},
		{
			displayName: 'Begin Time',
			name: 'beginTime',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'When the call started. Without an offset it is read in the chosen time zone.',
		},
		{
			displayName: 'End Time',
			name: 'endTime',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'When the call ended; not before Begin Time',
		},
	] satisfies INodeProperties[]).map(definedBelow),
];

export type RecordingInput = Record<keyof typeof FIELDS, unknown>;

export interface Recording {
	body: IDataObject;
	/** The call's begin and end, epoch seconds: where to look for it in the call list */
	callWindow: { from: number; to: number };
}

/** Validates the values under the labels of where they came from (parameters, or the input item's fields). */
export function resolveRecording(input: RecordingInput, timeZone: string, fields: RecordingFields = FIELDS): Recording {
	const spoken = readLanguage(input.language, fields.language);
	const voiceFilePath = toText(fields.voiceFilePath, input.voiceFilePath, MAX_PATH_LENGTH);
	const agentId = toInteger(fields.agentId, input.agentId, 0, MAX_AGENT_ID);
	const begin = resolveCallTime(fields.beginTime, input.beginTime, timeZone);
	const end = resolveCallTime(fields.endTime, input.endTime, timeZone);
	if (end.epochSeconds < begin.epochSeconds) {
		throw new InvalidFieldError(fields.endTime, input.endTime, `must not be before ${fields.beginTime.displayName} (${begin.text})`);
	}
	return {
		body: { language: spoken, voiceFilePath, agentId, beginTime: begin.text, endTime: end.text },
		callWindow: { from: begin.epochSeconds, to: end.epochSeconds },
	};
}

/** An item's recording (validated), from the fields or, auto-mapped, from the input item, in the tenant's time zone. */
export function readRecording(ctx: IExecuteFunctions, itemIndex: number): Recording {
	const autoMapped = isAutoMapped(ctx, itemIndex);
	const json = autoMapped ? ctx.getInputData()[itemIndex].json : {};
	const read = autoMapped
		? (name: keyof RecordingInput) => inputValue(json, name)
		: (name: keyof RecordingInput) => ctx.getNodeParameter(name, itemIndex, undefined) as unknown;
	return resolveRecording(
		{
			language: read('language'),
			voiceFilePath: read('voiceFilePath'),
			agentId: read('agentId'),
			beginTime: read('beginTime'),
			endTime: read('endTime'),
		},
		resolveTimeZone(ctx, itemIndex),
		autoMapped ? INPUT_FIELDS : FIELDS,
	);
}
