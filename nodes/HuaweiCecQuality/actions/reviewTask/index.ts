import type { INodeProperties } from 'n8n-workflow';

import { operationFields, operationOptions, type Resource } from '../common';
import { create } from './create.operation';

const operations = { create };

const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['reviewTask'] } },
		options: operationOptions(operations),
		default: 'create',
	},
	...operationFields(operations),
];

export const reviewTask: Resource = { operations, description };
