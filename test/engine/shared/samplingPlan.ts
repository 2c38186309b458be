/** What the engine tests of the sampling-plan operations share: ids, the success answer, the operator check. */
import type { INodeExecutionData } from 'n8n-workflow';

import type { CecMock } from '../../mock/cecMock';
import { OPERATOR_ID, PLAN_PATH_PREFIX, planEntries } from '../fixtures';

export const PLAN_ID = /^\d{20}$/;
export const OK = { resultCode: '0408000', resultDesc: '操作成功' };
export const jsonOf = (items: INodeExecutionData[]) => items.map((item) => item.json);

/** Every plan request carried the operator id as x-UserId, and went to the plan family's path. */
export function expectOperatorOnEveryRequest(mock: CecMock): void {
	const sent = planEntries(mock);
	expect(sent.length).toBeGreaterThan(0);
	for (const entry of sent) {
		expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
		expect(entry.path.startsWith(PLAN_PATH_PREFIX)).toBe(true);
	}
	expect(mock.log.filter((entry) => entry.kind !== 'token').length).toBe(sent.length);
}
