/**
 * Review Task → Create: the createQualityTask body from the documented example (cec-quality-api.md §4),
 * epoch seconds from expressions, only what was set, bad input refused.
 */
import {
	buildCreateQualityTaskBody,
} from '../../../nodes/HuaweiCecQuality/actions/reviewTask/create.operation';
import { InvalidFieldError } from '../../../nodes/HuaweiCecQuality/helpers/validation';
import { DOCUMENTED, DOCUMENTED_TASK_INPUT } from '../shared/reviewTask';

describe('documented request examples', () => {
	it('Create Review Task reproduces the createQualityTask example byte for byte', () => {
		// 2023-05-11 20:27:38 and a day later, as wall-clock time in Shanghai (callStartTime, callEndTime)
		const body = buildCreateQualityTaskBody(DOCUMENTED_TASK_INPUT, 'Asia/Shanghai');
		expect(JSON.stringify(body)).toBe(DOCUMENTED.createTask);
	});

	it('reads epoch seconds given directly, as from an expression', () => {
		const body = buildCreateQualityTaskBody(
			{
				currentRole: 'qualityDirector',
				planName: '234',
				interactionType: 2,
				qualityType: 1,
				qualityNum: '100',
				additionalFields: { callStartTime: 1683808058, callEndTime: 1683894458000 },
			},
			'UTC',
		);
		expect(body.startTimeMillis).toBe(1683808058);
		expect(body.endTimeMillis).toBe(1683894458);
		expect((body.fixedColumns as { qualityNum: unknown }).qualityNum).toBe('100');
	});
});

describe('Create Review Task mapping', () => {
	const base = {
		currentRole: 'qualityInspector',
		planName: 'Nightly sample',
		interactionType: 0,
		qualityType: 3,
		qualityNum: 20,
		additionalFields: {},
	};

	it('sends only what was set, with staffIds split from comma-separated text', () => {
		const body = buildCreateQualityTaskBody(
			{ ...base, additionalFields: { staffIds: ['1001, 1002', '1003'], durationStart: 30, durationEnd: '600' } },
			'UTC',
		);
		expect(body).toEqual({
			customColumns: null,
			currentRole: 'qualityInspector',
			fixedColumns: {
				qualityNum: '20',
				qualityType: 3,
				durationStart: 30,
				durationEnd: 600,
				staffIds: ['1001', '1002', '1003'],
				interactionType: 0,
			},
			qualityTask: { planName: 'Nightly sample' },
		});
	});

	it('counts plan-name length in characters, so 32 Chinese characters pass and 33 fail', () => {
		expect(() => buildCreateQualityTaskBody({ ...base, planName: '质'.repeat(32) }, 'UTC')).not.toThrow();
		const error = (() => {
			try {
				buildCreateQualityTaskBody({ ...base, planName: '质'.repeat(33) }, 'UTC');
			} catch (e) {
				return e as InvalidFieldError;
			}
			return undefined;
		})();
		expect(error).toBeInstanceOf(InvalidFieldError);
		expect(error?.field.name).toBe('planName');
		expect(error?.expected).toMatch(/1 to 32 characters/);
	});

	it('caps a percentage at 100', () => {
		expect(() => buildCreateQualityTaskBody({ ...base, qualityNum: 101 }, 'UTC')).toThrow(/from 1 to 100/);
		expect(() => buildCreateQualityTaskBody({ ...base, qualityType: 1, qualityNum: 101 }, 'UTC')).not.toThrow();
	});

	it('rejects a score window whose end is below its start', () => {
		expect(() =>
			buildCreateQualityTaskBody({ ...base, additionalFields: { scoreStart: 50, scoreEnd: 40 } }, 'UTC'),
		).toThrow(/"Max Machine Score".*must not be less than Min Machine Score \(50\)/);
	});
});
