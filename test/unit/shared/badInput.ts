/**
 * Bad input, field by field, for the two creates: every case must be rejected before anything is
 * sent, with an InvalidFieldError that names the field as the UI shows it (display name and internal
 * name), shows the rejected value, and says what would be valid; auto-mapped input refuses the same.
 * Each create's cases are in its own test file (test/unit/inspection/create.test.ts,
 * test/unit/reviewTask/create.test.ts).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { prepareItem, type Operation } from '../../../nodes/HuaweiCecQuality/actions/common';
import {
	buildQualityInspectBody,
	create as inspectionCreate,
} from '../../../nodes/HuaweiCecQuality/actions/inspection/create.operation';
import {
	buildCreateQualityTaskBody,
	create as reviewTaskCreate,
} from '../../../nodes/HuaweiCecQuality/actions/reviewTask/create.operation';
import { InvalidFieldError } from '../../../nodes/HuaweiCecQuality/helpers/validation';
import { credentialDefaultsOf } from '../../../nodes/HuaweiCecQuality/actions/fields';

export const ZONE = 'Asia/Shanghai';

export const INSPECTION = {
	language: 'zh_CN',
	voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3',
	agentId: 1118,
	beginTime: '2021-02-01 09:51:07',
	endTime: '2021-02-01 09:57:57',
};
export const REVIEW_TASK = { currentRole: 'qualityDirector', planName: '234', interactionType: 2, qualityType: 1, qualityNum: 100 };
export const OPERATOR_ID = '1611917095665261978';

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


export interface BadCase {
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

/** A list of bad cases and the ways to add to it: a main field, an additional field, a field only prepare() reads. */
export function badCases() {
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
		cases.push({ operation, path, value, valid, run: () => prepareItem(contextFor(withValue), operation, 0, credentialDefaultsOf({})), autoMapped });
	};
	return { cases, inspection, reviewTask, reviewExtra, prepared };
}

export const LONG = 'x'.repeat(100_000);
export const OBJECT = { value: 1 };

/** What the date fields of both operations say is valid. */
export const DATE_FORMS = /ISO 8601/;
export const DATE_RANGE = /between 1970-01-01 00:00:00 UTC and the end of 9999/;
export const TIME_ZONE = /IANA time zone/;

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


/** What an error says is valid, without the names of other fields it compares with. */
const expectedText = (error: InvalidFieldError) => error.expected.replace(/ (before|than) .*$/, ' $1 …');

/**
 * The tests of one operation's bad cases: each is refused naming field, value and what is valid; they
 * cover every user-facing field of the operation (at least `minimum` cases); and auto-mapped input
 * refuses the same values in the item's field, naming the input field.
 */
export function expectRefusals(operation: Operation, cases: BadCase[], minimum: { cases: number; autoMapped: number }): void {
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
			expect(cases.every((c) => c.operation === operation)).toBe(true);
			expect(cases.filter((c) => c.autoMapped).length).toBeGreaterThanOrEqual(minimum.autoMapped);
			expect(cases.length).toBeGreaterThanOrEqual(minimum.cases);
			// Every user-facing field of the operation has at least one case.
			const covered = new Set(cases.map((c) => c.path));
			const fields = [
				...operation.properties
					// An options list without expressions: every value it can hold is valid.
					.filter((property) => property.name !== 'dataMode')
					.flatMap((property) =>
						property.type === 'collection'
							? (property.options as INodeProperties[]).map((inner) => `${property.name}.${inner.name}`)
							: [property.name],
					),
				'options.timeZone',
			];
			expect(fields.filter((path) => !covered.has(path))).toEqual([]);
		});
		});

	describe('auto-mapped input refuses every one of those values in the item\'s field, naming the input field', () => {
		const autoMappedCases = cases.filter((c) => c.autoMapped);
		it.each(autoMappedCases.map((c) => [describeCase(c), c] as const))('%s', (_title, c) => {
			const { item, path } = c.autoMapped as NonNullable<BadCase['autoMapped']>;
			const parameters = { dataMode: 'autoMapInputData', operatorUserIdField: 'operatorUserId', options: {} };
			const refusals = [() => c.run(), () => prepareItem(contextFor(parameters, item), c.operation, 0, credentialDefaultsOf({}))].map((run) => {
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
}
