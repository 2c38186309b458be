/**
 * Review Task → Update: the createQualityTask example plus qualityTask.id; Sampling Status required.
 */
import {
	buildUpdateQualityTaskBody,
} from '../../../nodes/HuaweiCecQuality/actions/reviewTask/update.operation';
import { DOCUMENTED, DOCUMENTED_TASK_INPUT, ID_20, refusal, ZONE } from '../shared/reviewTask';

describe('documented examples, byte for byte', () => {
	it('Update: the createQualityTask example plus qualityTask.id as a string', () => {
		const body = buildUpdateQualityTaskBody(ID_20, DOCUMENTED_TASK_INPUT, ZONE);
		expect(JSON.stringify(body)).toBe(DOCUMENTED.createTask.replace('{"planName":"234"}', `{"id":"${ID_20}","planName":"234"}`));
	});
});

describe('bad input is refused, naming the field, the value and what is valid', () => {
	it('Update: refused without Sampling Status, which updateQualityTask requires', () => {
		const error = refusal(() => buildUpdateQualityTaskBody(ID_20, { ...DOCUMENTED_TASK_INPUT, additionalFields: {} }, ZONE));
		expect(error.field).toEqual({ displayName: 'Sampling Status', name: 'additionalFields.qualityCondition' });
		expect(error.message).toMatch(/required to update a review task/);
	});
});
