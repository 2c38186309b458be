/**
 * Review tasks: request bodies from the documented examples (cec-quality-api.md §4, §5.2), ids exact
 * from input to wire, and bad input refused naming the field — through each operation's prepare().
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../nodes/HuaweiCecQuality/actions/common';
import { CecApi } from '../../nodes/HuaweiCecQuality/transport/api';
import { reviewTask } from '../../nodes/HuaweiCecQuality/actions/reviewTask';
import { buildActivateBody, formatReserveTime } from '../../nodes/HuaweiCecQuality/actions/reviewTask/activate.operation';
import { buildAssignBody } from '../../nodes/HuaweiCecQuality/actions/reviewTask/assignInspectors.operation';
import { taskIdBody } from '../../nodes/HuaweiCecQuality/actions/reviewTask/task';
import { buildUpdateQualityTaskBody } from '../../nodes/HuaweiCecQuality/actions/reviewTask/update.operation';
import { ENDPOINTS, type CecCall } from '../../nodes/HuaweiCecQuality/transport';
import { InvalidFieldError } from '../../nodes/HuaweiCecQuality/helpers/validation';

const ZONE = 'Asia/Shanghai';
const OPERATOR_ID = '1611917095665261978';
const ID_20 = '16239245027406915901';
const ID_19 = '9999999999999999999';
const UNSAFE = 16239245027406915901; // what a 20-digit id becomes as a JS number
const ops = reviewTask.operations;

/** The documented examples, verbatim (appointQualityTask's with its id quoted, per the ruling). */
const DOCUMENTED = {
	appoint: '{"qualityTaskId":"954645333549048833","setCountsType":1,"isTakeEffect":0,"setCounts":[{"personID":"1600226476732482572","count":2}]}',
	terminate: '{"qualityTaskId":"16239241148860783173"}',
	delete: '{"qualityTaskId":"16239245027406915901"}',
	createTask:
		'{"customColumns":null,"currentRole":"qualityDirector","startTimeMillis":1683808058,"endTimeMillis":1683894458,"fixedColumns":{"maxNum":"10","qualityCondition":0,"qualityNum":"100","qualityType":1,"scoreStart":"10","scoreEnd":"120","staffIds":[],"interactionType":2},"qualityTask":{"planName":"234"}}',
};
const DOCUMENTED_TASK_INPUT = {
	currentRole: 'qualityDirector',
	planName: '234',
	interactionType: 2,
	qualityType: 1,
	qualityNum: 100,
	additionalFields: {
		callStartTime: '2023-05-11T20:27:38',
		callEndTime: '2023-05-12T20:27:38',
		maxNum: 10,
		qualityCondition: 0,
		scoreStart: 10,
		scoreEnd: 120,
		staffIds: [],
	},
};

/** A minimal execution context: parameters by dotted path, as n8n's getNodeParameter reads them. */
function contextFor(parameters: Record<string, unknown>): IExecuteFunctions {
	const read = (path: string) =>
		path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], parameters);
	return {
		getNodeParameter: (path: string, _itemIndex: number, fallback?: unknown) => (read(path) === undefined ? fallback : read(path)),
		getTimezone: () => ZONE,
		getNode: () => ({ name: 'CEC Quality' }),
	} as unknown as IExecuteFunctions;
}

/** Runs an operation for one item against a fake API: the calls it sends and its output. */
async function run(operation: Operation, parameters: Record<string, unknown>, answer: IDataObject = { resultCode: '0409000' }) {
	const calls: CecCall[] = [];
	const api = new CecApi(async (call) => {
		calls.push(call);
		return answer;
	});
	const output = await operation.prepare.call(contextFor({ operatorUserId: OPERATOR_ID, options: {}, ...parameters }), 0)(api);
	return { calls, output, wire: calls.map((call) => JSON.stringify(call.body)) };
}

function refusal(fn: () => unknown): InvalidFieldError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidFieldError);
		return error as InvalidFieldError;
	}
	throw new Error('not refused');
}

describe('documented examples, byte for byte', () => {
	it('Assign Inspectors: the appointQualityTask example, with the task id quoted', async () => {
		const { wire, calls } = await run(ops.assignInspectors, {
			taskId: '954645333549048833',
			inspectors: { inspector: [{ personId: '1600226476732482572', count: 2 }] },
			activate: false,
		});
		expect(wire).toEqual([DOCUMENTED.appoint]);
		expect(calls[0].endpoint).toBe(ENDPOINTS.appointQualityTask);
		expect(calls[0].operatorUserId).toBe(OPERATOR_ID);
	});

	it('Terminate and Delete: the documented examples', async () => {
		expect(JSON.stringify(taskIdBody('16239241148860783173'))).toBe(DOCUMENTED.terminate);
		expect(JSON.stringify(taskIdBody('16239245027406915901'))).toBe(DOCUMENTED.delete);
		expect((await run(ops.terminate, { taskId: '16239241148860783173' })).wire).toEqual([DOCUMENTED.terminate]);
		expect((await run(ops.delete, { taskId: ' 16239245027406915901 ' })).wire).toEqual([DOCUMENTED.delete]);
	});

	it('Activate now: type "1" with an empty reserveTime, as the example', () => {
		expect(JSON.stringify(buildActivateBody(ID_20, { when: 'now', reserveTime: '' }, ZONE))).toBe(
			`{"type":"1","qualityTaskId":"${ID_20}","reserveTime":""}`,
		);
	});

	it('Activate at a time: type "2", reserveTime the tenant wall clock, converted from an instant', () => {
		const body = buildActivateBody(ID_20, { when: 'atTime', reserveTime: '2024-03-01T02:30:00Z' }, ZONE);
		expect(JSON.stringify(body)).toBe(`{"type":"2","qualityTaskId":"${ID_20}","reserveTime":"2024-03-01 10:30:00"}`);
		expect(buildActivateBody(ID_20, { when: 'atTime', reserveTime: '2024-03-01 10:30:00' }, ZONE).reserveTime).toBe('2024-03-01 10:30:00');
		expect(formatReserveTime({ text: '2024-03-01 10:30:00', epochSeconds: 1709260200 })).toBe('2024-03-01 10:30:00');
	});

	it('Update: the createQualityTask example plus qualityTask.id as a string', () => {
		const body = buildUpdateQualityTaskBody(ID_20, DOCUMENTED_TASK_INPUT, ZONE);
		expect(JSON.stringify(body)).toBe(DOCUMENTED.createTask.replace('{"planName":"234"}', `{"id":"${ID_20}","planName":"234"}`));
	});

	it('Complete Call: isGroup, callId, callGroupId, qualityTaskCallId, the id as a string; output keeps the id', async () => {
		const { wire, output } = await run(
			ops.completeCall,
			{ isGroup: false, callId: 'call-1', callGroupId: 'group-1', qualityTaskCallId: ID_19 },
			{ resultCode: '0409000', resultDesc: '操作成功' },
		);
		expect(wire).toEqual([`{"isGroup":false,"callId":"call-1","callGroupId":"group-1","qualityTaskCallId":"${ID_19}"}`]);
		expect(output).toEqual([{ qualityTaskCallId: ID_19, resultCode: '0409000', resultDesc: '操作成功' }]);
	});
});

describe('ids of 19 and 20 digits reach the wire exactly, as JSON strings', () => {
	const cases: [string, Record<string, unknown>][] = [
		['update', { ...DOCUMENTED_TASK_INPUT }],
		['assignInspectors', { inspectors: { inspector: [{ personId: ID_19, count: 1 }, { personId: ID_20, count: 99999999 }] }, activate: true }],
		['activate', { when: 'atTime', reserveTime: '2030-01-01 00:00:00' }],
		['terminate', {}],
		['delete', {}],
	];
	it.each(cases)('%s', async (name, parameters) => {
		for (const id of [ID_20, ID_19, '00012345678901234567']) {
			const { wire, output } = await run(ops[name], { taskId: id, ...parameters });
			expect(wire).toHaveLength(1);
			expect(wire[0]).toContain(`"${id}"`);
			expect(output[0].qualityTaskId).toBe(id);
		}
	});

	it('assignInspectors: personIDs as strings, isTakeEffect 1 when activating', async () => {
		const { calls } = await run(ops.assignInspectors, {
			taskId: ID_20,
			inspectors: { inspector: [{ personId: ID_19, count: 3 }, { personId: ID_20, count: '4' }] },
			activate: true,
		});
		expect(calls[0].body).toEqual({
			qualityTaskId: ID_20,
			setCountsType: 1,
			isTakeEffect: 1,
			setCounts: [
				{ personID: ID_19, count: 3 },
				{ personID: ID_20, count: 4 },
			],
		});
	});

	it('getMany: userId and the creation window in epoch seconds; paging 100 at a time; ids as strings', async () => {
		const { calls, output } = await run(
			ops.getMany,
			{
				currentRole: 'qualityDirector',
				createdFrom: '2024-03-01 00:00:00',
				createdTo: '2024-03-02T00:00:00+08:00',
				returnAll: true,
				filters: { planName: 'night', status: '3', callStartTime: 1709222400, callEndTime: '2024-03-01 12:00:00' },
			},
			{ returnCode: '0409000', total: 2, data: [{ id: ID_20, planCode: 'QT1' }, { id: 123, planCode: 'QT2' }] },
		);
		expect(calls.map((c) => JSON.stringify(c.body))).toEqual([
			`{"currentRole":"qualityDirector","userId":"${OPERATOR_ID}","startTimeMillis":1709222400,"endTimeMillis":1709308800,"callStartTimeMillis":1709222400,"callEndTimeMillis":1709265600,"page":1,"rows":100,"fixedColumns":{"planName":"night","status":"3"}}`,
		]);
		expect(calls[0].endpoint).toBe(ENDPOINTS.queryQualityTask);
		expect(output.map((task) => task.id)).toEqual([ID_20, '123']);
	});

	it('getCalls: planCode and filters in fixedColumns; one item per entry with its id as a string', async () => {
		const { calls, output } = await run(
			ops.getCalls,
			{
				currentRole: 'qualityInspector',
				planCode: 'QT202403010001',
				returnAll: false,
				limit: 5,
				filters: { inspectStatus: '1', reviewingStates: '-1', inspector: ID_19, durationFrom: 10, durationTo: '60' },
			},
			{ resultCode: '0409000', total: 1, data: [{ id: ID_19, calls: [{ call_id: 'c1' }] }] },
		);
		expect(JSON.stringify(calls[0].body)).toBe(
			`{"currentRole":"qualityInspector","page":1,"rows":5,"fixedColumns":{"planCode":"QT202403010001","inspectStatus":"1","reviewingStates":"-1","inspector":"${ID_19}","durationFrom":10,"durationTo":60}}`,
		);
		expect(output).toEqual([{ id: ID_19, calls: [{ call_id: 'c1' }] }]);
	});
});

describe('bad input is refused, naming the field, the value and what is valid', () => {
	const prepare = (name: string, parameters: Record<string, unknown>) => () =>
		ops[name].prepare.call(contextFor({ operatorUserId: OPERATOR_ID, options: {}, ...parameters }), 0);
	const assign = (inspector: unknown[], extra: Record<string, unknown> = {}) =>
		prepare('assignInspectors', { taskId: ID_20, inspectors: { inspector }, activate: false, ...extra });

	it('an inspector count of 0 (and above 8 digits)', () => {
		const zero = refusal(assign([{ personId: ID_19, count: 0 }]));
		expect(zero.field).toEqual({ displayName: 'Count', name: 'inspectors.inspector[0].count' });
		expect(zero.message).toMatch(/"Count" \(inspectors\.inspector\[0\]\.count\): got 0; must be a whole number from 1 to 99999999/);
		expect(refusal(assign([{ personId: ID_19, count: 1 }, { personId: ID_20, count: 100000000 }])).field.name).toBe(
			'inspectors.inspector[1].count',
		);
	});

	it('no inspector, a repeated inspector, an unsafe-number inspector id', () => {
		expect(refusal(assign([])).message).toMatch(/"Inspectors" \(inspectors\).*at least one inspector/);
		expect(refusal(prepare('assignInspectors', { taskId: ID_20, inspectors: {}, activate: false })).field.name).toBe('inspectors');
		expect(refusal(assign([{ personId: ID_19, count: 1 }, { personId: ` ${ID_19}`, count: 1 }])).message).toMatch(/must not repeat/);
		expect(refusal(assign([{ personId: UNSAFE, count: 1 }])).message).toMatch(
			/"Inspector User ID" \(inspectors\.inspector\[0\]\.personId\).*pass it as text/,
		);
	});

	it.each(['update', 'assignInspectors', 'activate', 'terminate', 'delete'])('%s: an empty, a non-numeric, a 21-digit or an unsafe-number task id', (name) => {
		for (const taskId of ['', '   ', 'abc', '1'.repeat(21), undefined]) {
			const error = refusal(prepare(name, { ...DOCUMENTED_TASK_INPUT, taskId, when: 'now', inspectors: { inspector: [{ personId: '1', count: 1 }] }, activate: false }));
			expect(error.field).toEqual({ displayName: 'Task ID', name: 'taskId' });
			expect(error.message).toMatch(/"Task ID" \(taskId\).*numeric id of 1 to 20 digits/);
		}
		const unsafe = refusal(prepare(name, { ...DOCUMENTED_TASK_INPUT, taskId: UNSAFE, when: 'now' }));
		expect(unsafe.message).toMatch(/"Task ID" \(taskId\): got 16239245027406916000;.*pass it as text/);
	});

	it('a safe-integer task id given as a number is accepted', async () => {
		expect((await run(ops.terminate, { taskId: 954645333549048 })).wire).toEqual(['{"qualityTaskId":"954645333549048"}']);
	});

	it('Activate at a time without a time', () => {
		for (const reserveTime of ['', undefined, 'tomorrow']) {
			const error = refusal(prepare('activate', { taskId: ID_20, when: 'atTime', reserveTime }));
			expect(error.field).toEqual({ displayName: 'Take Effect At', name: 'reserveTime' });
			expect(error.message).toMatch(/must be a date and time/);
		}
		expect(refusal(prepare('activate', { taskId: ID_20, when: 'later' })).field.name).toBe('when');
	});

	it('Get Many: an inverted creation window, a missing start, an unknown status', () => {
		const base = { currentRole: 'qualityDirector', createdFrom: '2024-03-02 00:00:00', createdTo: '2024-03-01 00:00:00', returnAll: true, filters: {} };
		const inverted = refusal(prepare('getMany', base));
		expect(inverted.field).toEqual({ displayName: 'Created To', name: 'createdTo' });
		expect(inverted.message).toMatch(/must not be before Created From \(2024-03-02 00:00:00\)/);
		expect(refusal(prepare('getMany', { ...base, createdFrom: '' })).field.name).toBe('createdFrom');
		expect(refusal(prepare('getMany', { ...base, createdTo: '2024-03-03 00:00:00', filters: { status: '9' } })).field.name).toBe('filters.status');
	});

	it('Get Calls: an empty or unsafe-number plan code, an unknown state', () => {
		const base = { currentRole: 'qualityDirector', planCode: 'QT1', returnAll: true, filters: {} };
		expect(refusal(prepare('getCalls', { ...base, planCode: '' })).field).toEqual({ displayName: 'Plan Code', name: 'planCode' });
		expect(refusal(prepare('getCalls', { ...base, planCode: UNSAFE })).message).toMatch(/pass it as text/);
		expect(refusal(prepare('getCalls', { ...base, filters: { inspectStatus: '2' } })).message).toMatch(
			/"Sampling State" \(filters\.inspectStatus\).*one of "-1", "0", "1"/,
		);
		expect(refusal(prepare('getCalls', { ...base, filters: { durationFrom: 60, durationTo: 10 } })).field.name).toBe('filters.durationTo');
	});

	it('Complete Call: an unsafe-number task call id, an empty call id, a non-boolean isGroup', () => {
		const base = { isGroup: false, callId: 'c1', callGroupId: 'g1', qualityTaskCallId: ID_19 };
		expect(refusal(prepare('completeCall', { ...base, qualityTaskCallId: UNSAFE })).message).toMatch(
			/"Task Call ID" \(qualityTaskCallId\).*pass it as text/,
		);
		expect(refusal(prepare('completeCall', { ...base, callId: '' })).field.name).toBe('callId');
		expect(refusal(prepare('completeCall', { ...base, isGroup: 'no' })).field.name).toBe('isGroup');
	});

	it('Update: refused without Sampling Status, which updateQualityTask requires', () => {
		const error = refusal(() => buildUpdateQualityTaskBody(ID_20, { ...DOCUMENTED_TASK_INPUT, additionalFields: {} }, ZONE));
		expect(error.field).toEqual({ displayName: 'Sampling Status', name: 'additionalFields.qualityCondition' });
		expect(error.message).toMatch(/required to update a review task/);
	});
});

describe('the resource', () => {
	it('lists the operations alphabetically, Create by default, each with a summary', () => {
		const selector = reviewTask.description.find((p) => p.name === 'operation');
		expect(selector?.default).toBe('create');
		expect((selector?.options as { name: string; value: string; description: string }[]).map((o) => [o.name, o.value])).toEqual([
			['Activate', 'activate'],
			['Assign Inspectors', 'assignInspectors'],
			['Complete Call', 'completeCall'],
			['Create', 'create'],
			['Delete', 'delete'],
			['Get Calls', 'getCalls'],
			['Get Many', 'getMany'],
			['Terminate', 'terminate'],
			['Update', 'update'],
		]);
		for (const operation of Object.values(ops)) expect(operation.summary).toMatch(/[Rr]eturns/);
	});

	it('shows the Task ID for Update and not for Create; every operation asks for the operator', () => {
		const shown = (operation: string) =>
			reviewTask.description.filter((p) => p.displayOptions?.show?.operation?.includes(operation)).map((p) => p.name);
		expect(shown('update')).toContain('taskId');
		expect(shown('create')).not.toContain('taskId');
		for (const operation of Object.keys(ops)) expect(shown(operation)).toContain('operatorUserId');
	});
});
