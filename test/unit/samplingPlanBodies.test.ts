/**
 * Sampling plans (API notes §5.3): the documented update example rebuilt from UI inputs, wire types
 * checked against it, and bad input refused before anything is sent, naming the field and the item.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../nodes/HuaweiCecQuality/actions/common';
import { route } from '../../nodes/HuaweiCecQuality/actions/router';
import { buildCreateQualityTaskBody } from '../../nodes/HuaweiCecQuality/actions/reviewTask/task';
import { samplingPlan } from '../../nodes/HuaweiCecQuality/actions/samplingPlan';
import { buildSamplingPlanBody, type SamplingPlanInput } from '../../nodes/HuaweiCecQuality/actions/samplingPlan/plan';
import { planOfList } from '../../nodes/HuaweiCecQuality/actions/samplingPlan/plan';
import { CecApi } from '../../nodes/HuaweiCecQuality/transport/api';
import { InvalidFieldError } from '../../nodes/HuaweiCecQuality/helpers/validation';

const ZONE = 'Asia/Shanghai';
const OPERATOR_ID = '1611917095665261978';

/** The documented regularqualitytask/updateQualityTask example, verbatim. */
const DOCUMENTED_UPDATE =
	'{"qiqtId":"16925871657096773608","qiqtName":"changetest082103","currentRole":"qualityDirector",' +
	'"cronStructure":{"qiqtCycleType":"1","qiqtStartTime":1692171720,"qiqtEndType":"2","qiqtTotalTimes":1,"qiqtEndTime":1692258120},' +
	'"extractionRange":{"currentRole":"qualityDirector","customColumns":null,"fixedColumns":{"durationStart":1,"durationEnd":"100",' +
	'"interactionType":0,"maxNum":"10","qualityCondition":2,"qualityNum":"100","qualityType":1,"staffIds":[],"scoreStart":"0","scoreEnd":"100"}},' +
	'"appointQuality":{"setCountsType":0,"setCounts":[{"personID":"1679888547924121791","count":0}]}}';

/** The example's inputs as the UI holds them: Shanghai wall-clock times, durations in SECONDS (1 s, 100 s). */
const EXAMPLE_INPUT: SamplingPlanInput = {
	currentRole: 'qualityDirector',
	planName: 'changetest082103',
	cycleType: '1',
	// 1692171720 and a day later, as wall-clock time in Shanghai
	startTime: '2023-08-16T15:42:00',
	endType: '2',
	totalRuns: null,
	endTime: '2023-08-17T15:42:00',
	assignment: 0,
	inspectorIds: ['1679888547924121791'],
	inspectorShares: null,
	interactionType: 0,
	qualityType: 1,
	qualityNum: 100,
	additionalFields: { durationStart: 1, durationEnd: 100, maxNum: 10, qualityCondition: 2, staffIds: [], scoreStart: 0, scoreEnd: 100 },
};
const PLAN_ID = '16925871657096773608';

const input = (changes: Partial<SamplingPlanInput> = {}, extra: IDataObject = {}): SamplingPlanInput => ({
	...EXAMPLE_INPUT,
	...changes,
	additionalFields: { ...EXAMPLE_INPUT.additionalFields, ...extra },
});

/** Every leaf of a JSON value with its path and JSON type. */
function leaves(value: unknown, path = ''): Array<[string, string]> {
	if (Array.isArray(value)) return value.length === 0 ? [[path, 'empty array']] : value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
	if (value !== null && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, v]) => leaves(v, path ? `${path}.${key}` : key));
	}
	return [[path, value === null ? 'null' : typeof value]];
}

describe('the documented update example, from UI inputs', () => {
	const body = buildSamplingPlanBody(EXAMPLE_INPUT, ZONE, PLAN_ID);

	it('is the example, byte for byte, but for durations (seconds → ms) and qiqtTotalTimes (only with end type "1")', () => {
		const expected = JSON.parse(DOCUMENTED_UPDATE);
		// The example's durations 1 and "100" are milliseconds; entered as 1 s and 100 s they become 1000 and 100000.
		expected.extractionRange.fixedColumns.durationStart = 1000;
		expected.extractionRange.fixedColumns.durationEnd = 100000;
		// The field table pairs qiqtTotalTimes with end type "1"; the example also sends it with "2".
		delete expected.cronStructure.qiqtTotalTimes;
		expect(JSON.stringify(body)).toBe(JSON.stringify(expected));
	});

	it('sends every field with the wire type of the example (durationEnd: a number, as durationStart)', () => {
		const documented = new Map(leaves(JSON.parse(DOCUMENTED_UPDATE)));
		const ours = new Map(leaves(body));
		for (const [path, type] of ours) {
			const expected = path === 'extractionRange.fixedColumns.durationEnd' ? 'number' : documented.get(path);
			expect([path, type]).toEqual([path, expected]);
		}
		// Only qiqtTotalTimes is left out (end type "2").
		expect([...documented.keys()].filter((path) => !ours.has(path))).toEqual(['cronStructure.qiqtTotalTimes']);
		// The durationEnd the example sends as a string is a number of the same kind as durationStart.
		expect(documented.get('extractionRange.fixedColumns.durationEnd')).toBe('string');
		expect(documented.get('extractionRange.fixedColumns.durationStart')).toBe('number');
	});

	it('Create builds the same body without qiqtId', () => {
		const created = buildSamplingPlanBody(EXAMPLE_INPUT, ZONE);
		const { qiqtId, ...rest } = body;
		expect(qiqtId).toBe(PLAN_ID);
		expect(created).toEqual(rest);
		expect(Object.keys(created)[0]).toBe('qiqtName');
	});

	it('shares its criteria with review tasks: the same fixedColumns but for the duration unit', () => {
		const task = buildCreateQualityTaskBody(
			{ currentRole: 'qualityDirector', planName: 'x', interactionType: 0, qualityType: 1, qualityNum: 100, additionalFields: EXAMPLE_INPUT.additionalFields },
			ZONE,
		);
		const taskColumns = task.fixedColumns as IDataObject;
		const planColumns = (body.extractionRange as IDataObject).fixedColumns as IDataObject;
		expect(taskColumns.durationStart).toBe(1);
		expect(taskColumns.durationEnd).toBe(100);
		expect({ ...planColumns, durationStart: 1, durationEnd: 100 }).toEqual(taskColumns);
	});
});

describe('schedule and inspectors', () => {
	it('end after a number of runs: qiqtTotalTimes as a number, no qiqtEndTime; cycles 1/2/3 as strings', () => {
		for (const [cycleType, code] of [['1', '1'], ['2', '2'], [3, '3']] as const) {
			const body = buildSamplingPlanBody(input({ cycleType, endType: '1', totalRuns: '12', endTime: null }), ZONE);
			expect(body.cronStructure).toEqual({ qiqtCycleType: code, qiqtStartTime: 1692171720, qiqtEndType: '1', qiqtTotalTimes: 12 });
		}
	});

	it('start and end as instants with an offset, or epoch seconds', () => {
		const body = buildSamplingPlanBody(input({ startTime: '2023-08-16T07:42:00Z', endTime: 1692258120 }), ZONE);
		expect(body.cronStructure).toMatchObject({ qiqtStartTime: 1692171720, qiqtEndTime: 1692258120 });
	});

	it('by percentage: setCountsType 2, each inspector with its percentage, ids as text', () => {
		const body = buildSamplingPlanBody(
			input({
				assignment: 2,
				inspectorShares: {
					inspector: [
						{ inspectorId: '1679888547924121791', percentage: 60 },
						{ inspectorId: ' 1679888547924121792 ', percentage: '40' },
					],
				},
			}),
			ZONE,
		);
		expect(JSON.stringify(body.appointQuality)).toBe(
			'{"setCountsType":2,"setCounts":[{"personID":"1679888547924121791","count":60},{"personID":"1679888547924121792","count":40}]}',
		);
	});

	it('evenly: a comma-separated list and safe-integer numbers become text ids, count 0 each', () => {
		const body = buildSamplingPlanBody(input({ inspectorIds: ['1679888547924121791, 1679888547924121792', 42] }), ZONE);
		expect(body.appointQuality).toEqual({
			setCountsType: 0,
			setCounts: [
				{ personID: '1679888547924121791', count: 0 },
				{ personID: '1679888547924121792', count: 0 },
				{ personID: '42', count: 0 },
			],
		});
	});

	it('agent ids and the plan id stay text, digit for digit', () => {
		const body = buildSamplingPlanBody(input({}, { staffIds: ['99999999999999999999', '1611917095665261979'] }), ZONE, ' 99999999999999999999 ');
		expect(body.qiqtId).toBe('99999999999999999999');
		expect(((body.extractionRange as IDataObject).fixedColumns as IDataObject).staffIds).toEqual(['99999999999999999999', '1611917095665261979']);
	});

	it('leaves out criteria not given, and the duration cap is 11 digits of milliseconds', () => {
		const body = buildSamplingPlanBody({ ...EXAMPLE_INPUT, additionalFields: { durationEnd: 99999999 } }, ZONE);
		expect((body.extractionRange as IDataObject).fixedColumns).toEqual({
			durationEnd: 99999999000,
			qualityNum: '100',
			qualityType: 1,
			interactionType: 0,
			staffIds: [],
		});
	});

	it('Get Many items: status and cycle in words, ids as text; pages end at the total', async () => {
		const pages: unknown[] = [];
		const api = new CecApi(async (call) => {
			pages.push(call.body);
			return {
				resultCode: '0408000',
				total: 3,
				list: [
					{ qiqtId: '16625163654676154791', qiqtStatus: '1', qiqtCycleType: '2' },
					{ qiqtId: 123, qiqtStatus: '2', qiqtCycleType: '3' },
				],
			};
		});
		const plans = await api.listPlans('1', 2);
		expect(pages).toEqual([{ page: 1, rows: 2 }]);
		expect(plans.map(planOfList)).toEqual([
			{ qiqtId: '16625163654676154791', qiqtStatus: '1', qiqtCycleType: '2', statusText: 'Stopped', cycleText: 'Weekly' },
			{ qiqtId: '123', qiqtStatus: '2', qiqtCycleType: '3', statusText: 'Running', cycleText: 'Monthly' },
		]);
		expect(await new CecApi(async () => ({ resultCode: '0408000' })).listPlans('1', 10)).toEqual([]);
	});
});

describe('bad input is refused, naming the field, the value and what is valid', () => {
	const refuse = (run: () => unknown, name: string, displayName: string, expected: RegExp) => {
		let error: unknown;
		try {
			run();
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(InvalidFieldError);
		const invalid = error as InvalidFieldError;
		expect(invalid.field).toEqual({ displayName, name });
		expect(invalid.message).toContain(`"${displayName}" (${name})`);
		expect(invalid.expected).toMatch(expected);
	};
	const shares = (...percentages: unknown[]) => ({
		assignment: 2,
		inspectorShares: { inspector: percentages.map((percentage, i) => ({ inspectorId: `16798885479241217${90 + i}`, percentage })) },
	});

	it('percentages that do not add up to 100, with their sum', () => {
		refuse(() => buildSamplingPlanBody(input(shares(60, 30)), ZONE), 'inspectorShares', 'Inspectors by Percentage', /must add up to 100, but they add up to 90 \(60 \+ 30\)/);
		refuse(() => buildSamplingPlanBody(input(shares(60, 30, 20)), ZONE), 'inspectorShares', 'Inspectors by Percentage', /add up to 110/);
		refuse(() => buildSamplingPlanBody(input({ assignment: 2, inspectorShares: {} }), ZONE), 'inspectorShares', 'Inspectors by Percentage', /at least one inspector/);
	});

	it('a percentage of 0, or above 100, naming its row', () => {
		refuse(() => buildSamplingPlanBody(input(shares(100, 0)), ZONE), 'inspectorShares.inspector[1].percentage', 'Percentage', /whole number from 1 to 100/);
		refuse(() => buildSamplingPlanBody(input(shares(101)), ZONE), 'inspectorShares.inspector[0].percentage', 'Percentage', /from 1 to 100/);
	});

	it('a number of runs of 0 (or not a whole number)', () => {
		for (const totalRuns of [0, -1, 1.5, '', null, 'ten', 100000000]) {
			refuse(() => buildSamplingPlanBody(input({ endType: '1', totalRuns }), ZONE), 'totalRuns', 'Number of Runs', /whole number from 1 to 99999999/);
		}
	});

	it('an end date before the start, naming the start', () => {
		refuse(
			() => buildSamplingPlanBody(input({ endTime: '2023-08-16T15:41:59' }), ZONE),
			'endTime',
			'End Date',
			/must not be before Start \(2023-08-16 15:42:00\)/,
		);
		refuse(() => buildSamplingPlanBody(input({ endTime: '' }), ZONE), 'endTime', 'End Date', /ISO 8601/);
		refuse(() => buildSamplingPlanBody(input({ startTime: null }), ZONE), 'startTime', 'Start', /ISO 8601/);
	});

	it('an empty, malformed or unsafe-number plan id', () => {
		for (const id of ['', '   ', null, 'abc', '1'.repeat(21), -5]) {
			refuse(() => buildSamplingPlanBody(EXAMPLE_INPUT, ZONE, id), 'planId', 'Plan ID', /numeric id of 1 to 20 digits/);
		}
		refuse(() => buildSamplingPlanBody(EXAMPLE_INPUT, ZONE, Number(PLAN_ID)), 'planId', 'Plan ID', /pass it as text/);
	});

	it('inspector and agent ids given as numbers beyond 2^53', () => {
		refuse(() => buildSamplingPlanBody(input({ inspectorIds: [1679888547924121791] }), ZONE), 'inspectorIds', 'Inspector User IDs', /pass it as text/);
		refuse(
			() => buildSamplingPlanBody(input({ assignment: 2, inspectorShares: { inspector: [{ inspectorId: 1679888547924121791, percentage: 100 }] } }), ZONE),
			'inspectorShares.inspector[0].inspectorId',
			'Inspector User ID',
			/pass it as text/,
		);
		refuse(() => buildSamplingPlanBody(input({}, { staffIds: [1611917095665261979] }), ZONE), 'additionalFields.staffIds', 'Agent User IDs', /pass it as text/);
	});

	it('no inspector, or one twice', () => {
		refuse(() => buildSamplingPlanBody(input({ inspectorIds: [] }), ZONE), 'inspectorIds', 'Inspector User IDs', /at least one inspector/);
		refuse(() => buildSamplingPlanBody(input({ inspectorIds: ['1, 1'] }), ZONE), 'inspectorIds', 'Inspector User IDs', /once; 1 is listed twice/);
	});

	it('name, cycle, end type, criteria', () => {
		refuse(() => buildSamplingPlanBody(input({ planName: 'x'.repeat(33) }), ZONE), 'planName', 'Plan Name', /1 to 32 characters/);
		refuse(() => buildSamplingPlanBody(input({ cycleType: '4' }), ZONE), 'cycleType', 'Cycle', /one of "1", "2", "3"/);
		refuse(() => buildSamplingPlanBody(input({ endType: 'never' }), ZONE), 'endType', 'End', /one of "1", "2"/);
		refuse(() => buildSamplingPlanBody(input({ qualityNum: 0 }), ZONE), 'qualityNum', 'Sample Quantity', /from 1 to 10000/);
		refuse(() => buildSamplingPlanBody(input({}, { durationEnd: 100000000 }), ZONE), 'additionalFields.durationEnd', 'Max Call Duration (Seconds)', /from 0 to 99999999$/);
		refuse(() => buildSamplingPlanBody(input({}, { durationStart: 200 }), ZONE), 'additionalFields.durationEnd', 'Max Call Duration (Seconds)', /not be less than/);
	});
});

/* ------------------------------------------------------------------ through the router: the item is named */

const operations = samplingPlan.operations as Record<string, Operation>;

/** A run's context: per-item node parameters by dotted path; nothing is ever sent (every bad item throws first). */
function runContext(parameters: Array<Record<string, unknown>>): IExecuteFunctions {
	const read = (itemIndex: number, path: string) =>
		path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], parameters[itemIndex]);
	return {
		getInputData: () => parameters.map(() => ({ json: {} })),
		getNodeParameter: (path: string, itemIndex: number, fallback?: unknown) => read(itemIndex, path) ?? fallback,
		getTimezone: () => ZONE,
		continueOnFail: () => false,
		getNode: () => ({ id: 'n', name: 'CEC Quality', type: 'huaweiCecQuality', typeVersion: 1, position: [0, 0], parameters: {} }),
	} as unknown as IExecuteFunctions;
}

const UPDATE_PARAMETERS = {
	resource: 'samplingPlan',
	operation: 'update',
	operatorUserId: OPERATOR_ID,
	planId: PLAN_ID,
	...EXAMPLE_INPUT,
	options: {},
};

async function runError(parameters: Array<Record<string, unknown>>): Promise<{ message: string; description?: string }> {
	try {
		await route.call(runContext(parameters));
	} catch (error) {
		return error as { message: string; description?: string };
	}
	throw new Error('the run did not fail');
}

describe('through the router, the failing item is named and nothing is sent', () => {
	it.each([
		['percentages not adding up to 100', { assignment: 2, inspectorShares: { inspector: [{ inspectorId: '7', percentage: 50 }, { inspectorId: '8', percentage: 49 }] } }, /"Inspectors by Percentage" \(inspectorShares\).*add up to 99/],
		['an end date before the start', { endTime: '2023-08-15T00:00:00' }, /"End Date" \(endTime\).*must not be before Start/],
		['a percentage of 0', { assignment: 2, inspectorShares: { inspector: [{ inspectorId: '7', percentage: 100 }, { inspectorId: '8', percentage: 0 }] } }, /"Percentage" \(inspectorShares\.inspector\[1\]\.percentage\)/],
		['a number of runs of 0', { endType: '1', totalRuns: 0 }, /"Number of Runs" \(totalRuns\).*got 0/],
		['an empty plan id', { planId: '' }, /"Plan ID" \(planId\): got an empty string/],
	])('Update: %s', async (_name, bad, message) => {
		const error = await runError([UPDATE_PARAMETERS, UPDATE_PARAMETERS, { ...UPDATE_PARAMETERS, ...bad }]);
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/\[item 2\]$/);
		expect(error.description).toMatch(/of item 2: .*No request was sent/);
	});

	it.each(['start', 'stop', 'delete'])('%s: an empty plan id, and an id as an unsafe number', async (operation) => {
		const base = { resource: 'samplingPlan', operation, operatorUserId: OPERATOR_ID, planId: PLAN_ID, options: {} };
		const empty = await runError([base, { ...base, planId: '' }]);
		expect(empty.message).toMatch(/"Plan ID" \(planId\): got an empty string; must be a numeric id of 1 to 20 digits.*\[item 1\]$/);
		const unsafe = await runError([{ ...base, planId: Number(PLAN_ID) }]);
		expect(unsafe.message).toMatch(/"Plan ID" \(planId\).*pass it as text.*\[item 0\]$/);
	});

	it('Get Many: an operator id as an unsafe number', async () => {
		const error = await runError([{ resource: 'samplingPlan', operation: 'getMany', operatorUserId: Number(OPERATOR_ID), returnAll: true, options: {} }]);
		expect(error.message).toMatch(/"Operator User ID" \(operatorUserId\).*\[item 0\]$/);
	});
});

describe('the resource in the node', () => {
	it('lists its operations alphabetically, Create first and default, each with a summary', () => {
		const selector = samplingPlan.description.find((p) => p.name === 'operation') as INodeProperties;
		expect((selector.options as Array<{ name: string; value: string }>).map((o) => [o.name, o.value])).toEqual([
			['Create', 'create'],
			['Delete', 'delete'],
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
