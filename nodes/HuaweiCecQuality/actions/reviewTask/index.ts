import { resource } from '../common';
import { create } from './create.operation';

export const reviewTask = resource(
	{ name: 'Review Task', value: 'reviewTask', description: 'Manual review task for human inspectors' },
	{ create },
	'create',
);
