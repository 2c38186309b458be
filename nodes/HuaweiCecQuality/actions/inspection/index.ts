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
		displayOptions: { show: { resource: ['inspection'] } },
		options: operationOptions(operations),
		default: 'create',
	},
	...operationFields(operations),
];

export const inspection: Resource = { operations, description };
