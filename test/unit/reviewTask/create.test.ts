/**
 * Review Task → Create: the createQualityTask body from the documented example (cec-quality-api.md §4),
 * epoch seconds from expressions, only what was set, bad input refused.
 */
import {
	buildCreateQualityTaskBody,
	create as reviewTaskCreate,
} from '../../../nodes/HuaweiCecQuality/actions/reviewTask/create.operation';
import { InvalidFieldError } from '../../../nodes/HuaweiCecQuality/helpers/validation';
import {
	badCases,
	DATE_FORMS,
	DATE_RANGE,
	expectRefusals,
	LONG,
	OBJECT,
	REVIEW_TASK,
	TIME_ZONE,
} from '../shared/badInput';
import { DOCUMENTED, DOCUMENTED_TASK_INPUT, OPERATOR_ID, ZONE } from '../shared/reviewTask';

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

// ------------------------------------------------------------------ bad input, field by field (test/unit/shared/badInput.ts)
const { cases, reviewTask, reviewExtra, prepared } = badCases();

const ROLE = /one of "qualityDirector", "qualityGroupLeader", .*"tableStaff"/;
// Left empty ('', null, nothing), Current Role is the credential's Default Role (test/unit/credentialDefaults.test.ts).
for (const value of ['admin', 'QualityDirector', 'quality director', ' ', 1, ['qualityDirector'], OBJECT]) {
	reviewTask('currentRole', value, ROLE);
}

const PLAN = /text of 1 to 32 characters/;
for (const value of [
	'p'.repeat(33),
	'质'.repeat(33),
	'质检计划'.repeat(9),
	'😀'.repeat(33),
	LONG,
	'',
	'   ',
	'\u3000',
	null,
	undefined,
	OBJECT,
	[],
	['plan'],
	true,
	Number.NaN,
	'plan\u0000name',
	'plan\nname',
	'plan\u001bname',
]) {
	reviewTask('planName', value, PLAN);
}

const INTERACTION = /one of 0, 2/;
for (const value of [1, 3, -1, 0.5, '1', 'voice', '', null, undefined, [0], OBJECT, true]) {
	reviewTask('interactionType', value, INTERACTION);
}

const SAMPLING = /one of 1, 2, 3/;
for (const value of [0, 4, '4', 1.5, 'fixed', null, undefined, [1], OBJECT, false]) {
	reviewTask('qualityType', value, SAMPLING);
}

const QUANTITY = /whole number from 1 to 10000/;
for (const value of [0, -1, 10001, 1.5, '1.5', '10.0', 'ten', '', null, undefined, [10], OBJECT, Number.NaN, Number.POSITIVE_INFINITY]) {
	reviewTask('qualityNum', value, QUANTITY);
}
cases.push({
	operation: reviewTaskCreate,
	path: 'qualityNum',
	value: 101,
	valid: /whole number from 1 to 100\b/,
	note: 'a percentage (Sampling Type 3)',
	run: () => buildCreateQualityTaskBody({ ...REVIEW_TASK, qualityType: 3, qualityNum: 101, additionalFields: {} }, ZONE),
});

for (const field of ['callStartTime', 'callEndTime']) {
	for (const value of ['yesterday', '2021-02-30 00:00:00', '2021-02-01 24:00:00', ' ', OBJECT, [], true, Number.NaN]) {
		reviewExtra(field, value, DATE_FORMS);
	}
}
reviewExtra('callStartTime', 1e20, DATE_RANGE, {}, {});
// Sent as epoch seconds: an instant before 1970 has no valid value (the API takes non-negative seconds).
reviewExtra('callStartTime', -1, DATE_RANGE);
reviewExtra('callStartTime', '1970-01-01 00:00:00', DATE_RANGE);
reviewExtra('callEndTime', '2023-05-11 20:27:37', /must not be before Call Start Time \(2023-05-11 20:27:38\)/, {
	callStartTime: '2023-05-11 20:27:38',
});

const COUNT = /whole number from 0 to 10000/;
for (const field of ['maxNum', 'scoreStart', 'scoreEnd']) {
	for (const value of [-1, 10001, 2.5, 'abc', ' ', [5], OBJECT, true]) reviewExtra(field, value, COUNT);
}
reviewExtra('scoreEnd', 40, /must not be less than Min Machine Score \(50\)/, { scoreStart: 50 });

const DURATION = /whole number from 0 to 100000000/;
for (const field of ['durationStart', 'durationEnd']) {
	for (const value of [-1, 100000001, 1.5, 'long', [60], OBJECT]) reviewExtra(field, value, DURATION);
}
reviewExtra('durationEnd', 59, /must not be less than Min Call Duration \(Seconds\) \(60\)/, { durationStart: 60 });

const CONDITION = /one of 0, 1, 2/;
for (const value of [3, -1, '3', 'sampled', 0.5, true, [0], OBJECT]) reviewExtra('qualityCondition', value, CONDITION);

const STAFF = /list of ids|each id must be 1 to 64 characters/;
for (const value of [[OBJECT], [null], [true], [[OBJECT]], [[1e20]], [1e20], [Number.NaN], OBJECT, 1.5, ['x'.repeat(65)], ['agent\u0000007'], 'a,b\u0007c']) {
	reviewExtra('staffIds', value, STAFF);
}

const OPERATOR = /numeric id of 1 to 20 digits/;
const reviewParameters = { ...REVIEW_TASK, operatorUserId: OPERATOR_ID, additionalFields: {}, options: {} };
// Left empty, and the credential has no Default Operator User ID either.
const NO_OPERATOR = /1 to 20 digits, as text\): set it here, or set "Default Operator User ID" in the Huawei Cloud CEC API credential/;
for (const value of ['', null, undefined]) {
	prepared(reviewTaskCreate, reviewParameters, 'operatorUserId', value, NO_OPERATOR);
}
for (const value of [
	' ',
	'abc',
	'12a',
	'1'.repeat(21),
	'16119 17095',
	'+123',
	'１２３',
	-1,
	1.5,
	// Above Number.MAX_SAFE_INTEGER: already corrupted as a number, so refused.
	Number(OPERATOR_ID),
	OBJECT,
	[OPERATOR_ID],
]) {
	prepared(reviewTaskCreate, reviewParameters, 'operatorUserId', value, OPERATOR);
}

const FIELD_NAME = /text of 1 to 256 characters/;
for (const value of ['', '  ', null, OBJECT, ['operatorUserId'], 'x'.repeat(257), 'operator\nUserId']) {
	prepared(reviewTaskCreate, { ...reviewParameters, dataMode: 'autoMapInputData' }, 'operatorUserIdField', value, FIELD_NAME);
}

for (const value of ['Europe/Berlinn', ' Asia/Shanghai', 480]) {
	prepared(reviewTaskCreate, reviewParameters, 'options.timeZone', value, TIME_ZONE);
}

expectRefusals(reviewTaskCreate, cases, { cases: 50, autoMapped: 100 });
