/**
 * Bad input, field by field, for both operations: every case must be rejected before anything is
 * sent, with an InvalidFieldError that names the field as the UI shows it (display name and
 * internal name), shows the rejected value, and says what would be valid.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	buildQualityInspectBody,
	create as inspectionCreate,
} from '../../nodes/HuaweiCecQuality/actions/inspection/create.operation';
import {
	buildCreateQualityTaskBody,
	create as reviewTaskCreate,
} from '../../nodes/HuaweiCecQuality/actions/reviewTask/create.operation';
import type { Operation } from '../../nodes/HuaweiCecQuality/actions/common';
import { InvalidFieldError } from '../../nodes/HuaweiCecQuality/helpers/validation';

const ZONE = 'Asia/Shanghai';

const INSPECTION = {
	language: 'zh_CN',
	voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3',
	agentId: 1118,
	beginTime: '2021-02-01 09:51:07',
	endTime: '2021-02-01 09:57:57',
};
const REVIEW_TASK = { currentRole: 'qualityDirector', planName: '234', interactionType: 2, qualityType: 1, qualityNum: 100 };
const OPERATOR_ID = '1611917095665261978';

/** The field as the UI defines it: `path` is the internal name, e.g. additionalFields.maxNum. */
function uiField(operation: Operation, path: string): { displayName: string; name: string } {
	const [outer, inner] = path.split('.');
	// The Options collection holds the operation's own options (the resource adds the run settings).
	const optionsCollection = { displayName: 'Options', name: 'options', type: 'collection', default: {}, options: operation.options ?? [] } as const;
	let property: INodeProperties | undefined = [...operation.properties, optionsCollection].find((p) => p.name === outer);
	if (inner !== undefined) property = (property?.options as INodeProperties[] | undefined)?.find((p) => p.name === inner);
	if (!property) throw new Error(`the UI has no field ${path}`);
	return { displayName: property.displayName, name: path };
}

/** A minimal execution context for an operation's prepare(): parameters by dotted path. */
function contextFor(parameters: Record<string, unknown>, item: IDataObject = {}): IExecuteFunctions {
	const read = (path: string) =>
		path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], parameters);
	return {
		getNodeParameter: (path: string, _itemIndex: number, fallback?: unknown) => (read(path) === undefined ? fallback : read(path)),
		getInputData: () => [{ json: item }],
		getTimezone: () => ZONE,
		getNode: () => ({ name: 'CEC Quality' }),
	} as unknown as IExecuteFunctions;
}

/** Where auto-mapped input holds each review-task field: the documented createQualityTask body (§4). */
const REVIEW_TASK_BODY_PATHS: Record<string, string> = {
	currentRole: 'currentRole',
	planName: 'qualityTask.planName',
	interactionType: 'fixedColumns.interactionType',
	qualityType: 'fixedColumns.qualityType',
	qualityNum: 'fixedColumns.qualityNum',
	'additionalFields.callStartTime': 'startTimeMillis',
	'additionalFields.callEndTime': 'endTimeMillis',
	operatorUserId: 'operatorUserId',
};
const bodyPathOf = (path: string) => REVIEW_TASK_BODY_PATHS[path] ?? path.replace(/^additionalFields\./, 'fixedColumns.');

/** The input item that carries a review task's UI values as the documented body, at the API's paths. */
function reviewTaskItem(top: Record<string, unknown>, additionalFields: Record<string, unknown>): IDataObject {
	const item: IDataObject = { operatorUserId: OPERATOR_ID };
	for (const [path, value] of Object.entries({ ...top, ...Object.fromEntries(Object.entries(additionalFields).map(([k, v]) => [`additionalFields.${k}`, v])) })) {
		const keys = bodyPathOf(path).split('.');
		let parent = item;
		for (const key of keys.slice(0, -1)) parent = (parent[key] ??= {}) as IDataObject;
		parent[keys[keys.length - 1]] = value as IDataObject[string];
	}
	return item;
}

interface BadCase {
	operation: Operation;
	/** Internal name of the field at fault */
	path: string;
	value: unknown;
	/** What the message must say is valid */
	valid: RegExp;
	run: () => unknown;
	note?: string;
	/** The same values as an auto-mapped input item, and the field's path in it */
	autoMapped?: { item: IDataObject; path: string };
}

const cases: BadCase[] = [];

const inspection = (field: keyof typeof INSPECTION, value: unknown, valid: RegExp, note?: string) =>
	cases.push({
		operation: inspectionCreate,
		path: field,
		value,
		valid,
		note,
		run: () => buildQualityInspectBody({ ...INSPECTION, [field]: value }, ZONE),
		autoMapped: { item: { ...INSPECTION, [field]: value }, path: field },
	});

const reviewTask = (field: keyof typeof REVIEW_TASK, value: unknown, valid: RegExp, note?: string) =>
	cases.push({
		operation: reviewTaskCreate,
		path: field,
		value,
		valid,
		note,
		run: () => buildCreateQualityTaskBody({ ...REVIEW_TASK, [field]: value, additionalFields: {} }, ZONE),
		autoMapped: { item: reviewTaskItem({ ...REVIEW_TASK, [field]: value }, {}), path: bodyPathOf(field) },
	});

/** An additional field; `others` are set alongside (for ranges), `top` overrides a main field. */
const reviewExtra = (field: string, value: unknown, valid: RegExp, others: IDataObject = {}, top: IDataObject = {}) =>
	cases.push({
		operation: reviewTaskCreate,
		path: `additionalFields.${field}`,
		value,
		valid,
		note: Object.keys({ ...others, ...top }).length ? `with ${JSON.stringify({ ...others, ...top })}` : undefined,
		run: () =>
			buildCreateQualityTaskBody({ ...REVIEW_TASK, ...top, additionalFields: { ...others, [field]: value } as IDataObject }, ZONE),
		autoMapped: {
			item: reviewTaskItem({ ...REVIEW_TASK, ...top }, { ...others, [field]: value }),
			path: bodyPathOf(`additionalFields.${field}`),
		},
	});

/** Fields only prepare() reads (the x-UserId header, the time zone option). */
const prepared = (operation: Operation, parameters: Record<string, unknown>, path: string, value: unknown, valid: RegExp) => {
	const [outer, inner] = path.split('.');
	const withValue = inner === undefined ? { ...parameters, [outer]: value } : { ...parameters, [outer]: { [inner]: value } };
	const autoMapped =
		path === 'operatorUserId' ? { item: reviewTaskItem({ ...REVIEW_TASK, operatorUserId: value }, {}), path } : undefined;
	cases.push({ operation, path, value, valid, run: () => operation.prepare.call(contextFor(withValue), 0), autoMapped });
};

const LONG = 'x'.repeat(100_000);
const OBJECT = { value: 1 };

// ------------------------------------------------------------------ Create Inspection
const LANGUAGE = /one of "zh_CN", "en_US"/;
for (const value of ['fr_FR', 'zh-CN', 'ZH_CN', 'zh_CN ', '', '   ', null, undefined, 1, true, ['zh_CN'], { zh_CN: true }, LONG]) {
	inspection('language', value, LANGUAGE);
}

const PATH_TEXT = /text of 1 to 1024 characters/;
for (const value of [
	'',
	'   ',
	'\t\n',
	null,
	undefined,
	OBJECT,
	[],
	['Y:\\a.V3'],
	true,
	Number.NaN,
	'x'.repeat(1025),
	LONG,
	'Y:\\27\\0\u0000\\a.V3',
	'Y:\\27\\0\n\\a.V3',
	'Y:\\27\\0\t\\a.V3',
	'Y:\\27\\0\u0007\\a.V3',
	'Y:\\27\\0\u007f\\a.V3',
	'Y:\\27\\0\u0085\\a.V3',
]) {
	inspection('voiceFilePath', value, PATH_TEXT);
}

const AGENT = /whole number from 0 to 2147483647/;
for (const value of [
	-1,
	1.5,
	'1.5',
	'abc',
	'',
	' ',
	null,
	undefined,
	Number.NaN,
	Number.POSITIVE_INFINITY,
	2147483648,
	1e21,
	'0x10',
	'1e3',
	'１１１８',
	[1118],
	OBJECT,
	true,
]) {
	inspection('agentId', value, AGENT);
}

const DATE_FORMS = /ISO 8601/;
const DATE_RANGE = /between 1970-01-01 00:00:00 UTC and the end of 9999/;
const OFFSET_RANGE = /impossible UTC offset .*-14:00 to \+14:00/;
for (const field of ['beginTime', 'endTime'] as const) {
	for (const value of [
		'2021-02-29 10:00:00',
		'2021-04-31 00:00:00',
		'2021-13-01 00:00:00',
		'2021-00-10 00:00:00',
		'2021-02-01 24:00:00',
		'2021-02-01 09:60:00',
		'2021-02-01 09:51:60',
		'2021/02/01 09:51:07',
		'01-02-2021 09:51:07',
		'yesterday',
		'NaN',
		'12345678901234',
		'',
		'  ',
		null,
		undefined,
		OBJECT,
		[],
		true,
		Number.NaN,
		Number.POSITIVE_INFINITY,
		new Date('not a date'),
		LONG,
	]) {
		inspection(field, value, DATE_FORMS);
	}
}
// Impossible UTC offsets: no zone is 25 hours or 99 minutes away from UTC.
inspection('beginTime', '2021-02-01T09:51:07+25:00', OFFSET_RANGE, 'offset beyond ±14:00');
inspection('beginTime', '2021-02-01T09:51:07+08:99', OFFSET_RANGE, '99 offset minutes');
inspection('beginTime', '1969-12-31 23:59:59', DATE_RANGE);
inspection('beginTime', '0000-01-01 00:00:00', DATE_FORMS);
inspection('beginTime', -1e12, DATE_RANGE);
// Numbers and DateTime-likes beyond what a Date can hold.
inspection('beginTime', 1e20, DATE_RANGE, 'epoch beyond Date range');
inspection('beginTime', Number.MAX_SAFE_INTEGER, DATE_RANGE, 'epoch beyond Date range');
inspection('beginTime', { toMillis: () => 1e20 }, DATE_RANGE, 'DateTime-like beyond Date range');
inspection('endTime', '2021-02-01 09:51:06', /must not be before Begin Time \(2021-02-01 09:51:07\)/, 'one second before');
inspection('endTime', '2021-02-01T01:00:00Z', /must not be before Begin Time/, 'before once converted to the zone');

// ------------------------------------------------------------------ Create Review Task
const ROLE = /one of "qualityDirector", "qualityGroupLeader", .*"tableStaff"/;
for (const value of ['admin', 'QualityDirector', 'quality director', '', ' ', null, undefined, 1, ['qualityDirector'], OBJECT]) {
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
for (const value of [
	'',
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
	null,
	undefined,
	OBJECT,
	[OPERATOR_ID],
]) {
	prepared(reviewTaskCreate, reviewParameters, 'operatorUserId', value, OPERATOR);
}

const FIELD_NAME = /text of 1 to 256 characters/;
for (const value of ['', '  ', null, OBJECT, ['operatorUserId'], 'x'.repeat(257), 'operator\nUserId']) {
	prepared(reviewTaskCreate, { ...reviewParameters, dataMode: 'autoMapInputData' }, 'operatorUserIdField', value, FIELD_NAME);
}

const TIME_ZONE = /IANA time zone/;
const inspectionParameters = { ...INSPECTION, options: {} };
for (const value of ['Mars/Olympus', 'Asia/Shangai', 'GMT+25', 'UTC+8', ' ', 'Asia/Shanghai\u0000', 'x'.repeat(300), 8, true, OBJECT, ['Asia/Shanghai']]) {
	prepared(inspectionCreate, inspectionParameters, 'options.timeZone', value, TIME_ZONE);
}
for (const value of ['Europe/Berlinn', ' Asia/Shanghai', 480]) {
	prepared(reviewTaskCreate, reviewParameters, 'options.timeZone', value, TIME_ZONE);
}

/** What the message must show of the rejected value (never all of a huge string). */
function expectValueShown(message: string, value: unknown): void {
	if (value === undefined) return expect(message).toContain('got nothing');
	if (value === null) return expect(message).toContain('got null');
	if (typeof value === 'string') {
		if (value === '') return expect(message).toContain('an empty string');
		if (value.trim() === '') return expect(message).toContain('white space');
		if (value.length > 60) {
			expect(message).toContain(JSON.stringify(value.slice(0, 60)).slice(0, -1));
			expect(message).toContain(`${value.length} characters`);
			return expect(message.length).toBeLessThan(600);
		}
		// Control characters JSON leaves raw (DEL, C1) are shown escaped too.
		const escaped = JSON.stringify(value).replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
		return expect(message).toContain(escaped);
	}
	if (typeof value === 'number' || typeof value === 'boolean') return expect(message).toContain(`got ${String(value)}`);
	if (Array.isArray(value)) return expect(message).toMatch(/a list \(\d+ entr/);
	if (value instanceof Date) return expect(message).toContain('an invalid date');
	return expect(message).toContain('an object');
}

/** A test title for a value: control characters escaped, long strings cut. */
function printable(value: unknown): string {
	if (value instanceof Date) return 'an invalid Date';
	if (typeof value === 'string') {
		const cut = value.length > 40 ? `${value.slice(0, 12)}… (${value.length} chars)` : value;
		return `"${cut.replace(/\p{Cc}/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
	}
	if (value && typeof value === 'object' && !Array.isArray(value)) return 'an object';
	return String(JSON.stringify(value) ?? value);
}

const describeCase = (c: BadCase) =>
	`${c.operation === inspectionCreate ? 'inspection' : 'reviewTask'} ${c.path} = ${printable(c.value)}${c.note ? ` (${c.note})` : ''}`;

describe('bad input is refused, naming field, value and what is valid', () => {
	it.each(cases.map((c) => [describeCase(c), c] as const))('%s', (_title, c) => {
		const field = uiField(c.operation, c.path);
		let thrown: unknown;
		try {
			c.run();
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InvalidFieldError);
		const error = thrown as InvalidFieldError;
		expect(error.field).toEqual(field);
		expect(error.message).toContain(`"${field.displayName}" (${field.name})`);
		expect(error.message).toMatch(c.valid);
		expectValueShown(error.message, c.value);
		// The message is shown in the UI: no raw control characters from the value.
		expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
	});

	it(`covers ${cases.length} cases`, () => {
		expect(cases.filter((c) => c.autoMapped).length).toBeGreaterThanOrEqual(200);
		expect(cases.length).toBeGreaterThanOrEqual(100);
		// Every user-facing field of both operations has at least one case.
		const covered = new Set(cases.map((c) => `${c.operation === inspectionCreate ? 'i' : 'r'}:${c.path}`));
		const fields = (operation: Operation, prefix: string) =>
			[
				...operation.properties
					// An options list without expressions: every value it can hold is valid.
					.filter((property) => property.name !== 'dataMode')
					.flatMap((property) =>
						property.type === 'collection'
							? (property.options as INodeProperties[]).map((inner) => `${property.name}.${inner.name}`)
							: [property.name],
					),
				'options.timeZone',
			].map((path) => `${prefix}:${path}`);
		const all = [...fields(inspectionCreate, 'i'), ...fields(reviewTaskCreate, 'r')];
		expect(all.filter((path) => !covered.has(path))).toEqual([]);
	});
});

/** What an error says is valid, without the names of other fields it compares with. */
const expectedText = (error: InvalidFieldError) => error.expected.replace(/ (before|than) .*$/, ' $1 …');

describe('auto-mapped input refuses every one of those values in the item\'s field, naming the input field', () => {
	const autoMappedCases = cases.filter((c) => c.autoMapped);
	it.each(autoMappedCases.map((c) => [describeCase(c), c] as const))('%s', (_title, c) => {
		const { item, path } = c.autoMapped as NonNullable<BadCase['autoMapped']>;
		const parameters = { dataMode: 'autoMapInputData', operatorUserIdField: 'operatorUserId', options: {} };
		const refusals = [() => c.run(), () => c.operation.prepare.call(contextFor(parameters, item), 0)].map((run) => {
			try {
				run();
			} catch (error) {
				return error;
			}
			return undefined;
		});
		const [defined, autoMapped] = refusals as InvalidFieldError[];
		expect(autoMapped).toBeInstanceOf(InvalidFieldError);
		expect(autoMapped.field).toEqual({ displayName: path, name: path, fromInput: true });
		expect(autoMapped.message).toContain(`Invalid input field "${path}": got `);
		expectValueShown(autoMapped.message, c.value);
		expect(expectedText(autoMapped)).toBe(expectedText(defined));
	});
});
