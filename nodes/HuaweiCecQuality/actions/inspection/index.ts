import { resource } from '../common';
import { create } from './create.operation';
import { getMany } from './getMany.operation';
import { getResult } from './getResult.operation';
import { getTranscript } from './getTranscript.operation';

export const inspection = resource(
	{ name: 'Inspection', value: 'inspection', description: 'Automatic (AI) inspection of a call recording' },
	{ create, getMany, getResult, getTranscript },
	'create',
);
