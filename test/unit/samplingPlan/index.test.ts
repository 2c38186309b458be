/**
 * The Sampling Plan resource (actions/samplingPlan/index.ts): its operation selector and fields.
 */
import type { INodeProperties } from 'n8n-workflow';

import { samplingPlan } from '../../../nodes/HuaweiCecQuality/actions/samplingPlan';
import { operations } from '../shared/samplingPlan';

describe('the resource in the node', () => {
	it('lists its operations alphabetically, Create first and default, each with a summary', () => {
		const selector = samplingPlan.description.find((p) => p.name === 'operation') as INodeProperties;
		expect((selector.options as Array<{ name: string; value: string }>).map((o) => [o.name, o.value])).toEqual([
			['Create', 'create'],
			['Delete', 'delete'],
			['Get', 'get'],
			['Get Many', 'getMany'],
			['Start', 'start'],
			['Stop', 'stop'],
			['Update', 'update'],
		]);
		expect(selector.default).toBe('create');
		for (const operation of Object.values(operations)) expect(operation.summary).toMatch(/Returns/);
	});

	it('Create and Update show the same fields; Update adds Plan ID', () => {
		const names = (op: string) => operations[op].properties.map((p) => p.name);
		expect(names('update').filter((name) => name !== 'planId')).toEqual(names('create'));
		expect(names('update')).toContain('planId');
	});
});
