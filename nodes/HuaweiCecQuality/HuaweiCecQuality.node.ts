import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { CEC_CREDENTIALS, CEC_ICON } from './nodeBase';
import { RESOURCES } from './actions/resources';
import { route } from './actions/router';
import { searchCalls, searchInspectionItems, searchReviewTasks, searchSamplingPlans } from './methods/listSearch';

export class HuaweiCecQuality implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei CEC Quality',
		name: 'huaweiCecQuality',
		icon: CEC_ICON,
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Call-quality inspection in Huawei Cloud CEC (AICC): inspections and their results, manual review tasks and scheduled sampling plans',
		defaults: { name: 'Huawei CEC Quality' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: CEC_CREDENTIALS,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES.map((resource) => resource.option),
				default: 'inspection',
			},
			...RESOURCES.flatMap((resource) => resource.description),
		],
	};

	methods = {
		listSearch: { searchReviewTasks, searchSamplingPlans, searchCalls, searchInspectionItems },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
