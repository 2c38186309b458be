import { buildQualityInspectBody } from '../../nodes/HuaweiCecQuality/actions/inspection/create.operation';
import { buildCreateQualityTaskBody } from '../../nodes/HuaweiCecQuality/actions/reviewTask/create.operation';
import { InvalidFieldError } from '../../nodes/HuaweiCecQuality/helpers/validation';

// The documented examples of ../shared/cec-quality-api.md, verbatim.
const DOCUMENTED_INSPECTION =
	'{"language":"zh_CN","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1118\\\\0951044.V3","agentId":1118,"beginTime":"2021-02-01 09:51:07","endTime":"2021-02-01 09:57:57"}';
const DOCUMENTED_REVIEW_TASK =
	'{"customColumns":null,"currentRole":"qualityDirector","startTimeMillis":1683808058,"endTimeMillis":1683894458,"fixedColumns":{"maxNum":"10","qualityCondition":0,"qualityNum":"100","qualityType":1,"scoreStart":"10","scoreEnd":"120","staffIds":[],"interactionType":2},"qualityTask":{"planName":"234"}}';

describe('documented request examples', () => {
	it('Create Inspection reproduces the qualityInspect example byte for byte', () => {
		const body = buildQualityInspectBody(
			{
				language: 'zh_CN',
				voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3',
				agentId: 1118,
				beginTime: '2021-02-01T09:51:07',
				endTime: '2021-02-01T09:57:57',
			},
			'Asia/Shanghai',
		);
		expect(JSON.stringify(body)).toBe(DOCUMENTED_INSPECTION);
	});

	it('Create Review Task reproduces the createQualityTask example byte for byte', () => {
		const body = buildCreateQualityTaskBody(
			{
				currentRole: 'qualityDirector',
				planName: '234',
				interactionType: 2,
				qualityType: 1,
				qualityNum: 100,
				additionalFields: {
					// 2023-05-11 20:27:38 and a day later, as wall-clock time in Shanghai
					callStartTime: '2023-05-11T20:27:38',
					callEndTime: '2023-05-12T20:27:38',
					maxNum: 10,
					qualityCondition: 0,
					scoreStart: 10,
					scoreEnd: 120,
					staffIds: [],
				},
			},
			'Asia/Shanghai',
		);
		expect(JSON.stringify(body)).toBe(DOCUMENTED_REVIEW_TASK);
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

describe('Create Inspection mapping', () => {
	const base = {
		language: 'en_US',
		voiceFilePath: 'Y:\\1\\0\\20240101\\7\\a.V3',
		agentId: '7',
		beginTime: '2024-01-01 10:00:00',
		endTime: '2024-01-01 10:05:00',
	};

	it('converts an instant with an offset into the chosen zone', () => {
		const body = buildQualityInspectBody(
			{ ...base, beginTime: '2024-01-01T02:00:00Z', endTime: '2024-01-01T10:05:00+08:00' },
			'Asia/Shanghai',
		);
		expect(body.beginTime).toBe('2024-01-01 10:00:00');
		expect(body.endTime).toBe('2024-01-01 10:05:00');
		expect(body.agentId).toBe(7);
	});

	it('rejects an end before the begin, naming the field and the begin time', () => {
		expect(() => buildQualityInspectBody({ ...base, endTime: '2024-01-01 09:59:59' }, 'UTC')).toThrow(
			/"End Time" \(endTime\).*must not be before Begin Time \(2024-01-01 10:00:00\)/,
		);
	});

	it('rejects a fractional agent id with the valid range', () => {
		expect(() => buildQualityInspectBody({ ...base, agentId: 11.5 }, 'UTC')).toThrow(
			/"Agent ID" \(agentId\): got 11.5; must be a whole number from 0 to 2147483647/,
		);
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
