import { resource } from '../common';
import { getText } from './getText.operation';
import { transcribe } from './transcribe.operation';

export const speechToText = resource(
	{ name: 'Speech to Text', value: 'speechToText', description: 'A transcript of a call recording, without scoring' },
	{ getText, transcribe },
	'transcribe',
);
