/**
 * The body Create and Update of a sampling plan send (actions/samplingPlan/plan.ts): the documented
 * update example (API notes §5.3) rebuilt from UI inputs, wire types checked against it, schedule and
 * inspectors, and bad input refused naming the field.
 */
import type { IDataObject } from 'n8n-workflow';

import { buildCreateQualityTaskBody } from '../../../nodes/HuaweiCecQuality/actions/reviewTask/task';
import { buildSamplingPlanBody } from '../../../nodes/HuaweiCecQuality/actions/samplingPlan/plan';
import { InvalidFieldError } from '../../../nodes/HuaweiCecQuality/helpers/validation';
import { DOCUMENTED_UPDATE, EXAMPLE_INPUT, input, leaves, PLAN_ID, ZONE } from '../shared/samplingPlan';

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
