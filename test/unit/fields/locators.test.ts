/**
 * The readers of the locator fields (Task ID, Plan ID, Item ID, Call UUID): a resource locator's value
 * (From List or By ID) and the plain string that workflows saved before the locators hold read alike;
 * a By ID value that is not an id is refused naming the field.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { locatedValue, readCallUuid, readTaskId } from '../../../nodes/HuaweiCecQuality/actions/fields';
import { readItemId } from '../../../nodes/HuaweiCecQuality/actions/inspectionItem/item';
import { readPlanId } from '../../../nodes/HuaweiCecQuality/actions/samplingPlan/plan';

const TASK = '16239245027406915901';
const UUID = '822bbf4d-c4f8-473a-9144-199058375be8';

/** A context whose node parameters are `parameters`. */
const contextWith = (parameters: Record<string, unknown>) =>
	({ getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => parameters[name] ?? fallback }) as unknown as IExecuteFunctions;

const readers = [
	{ name: 'taskId', label: 'Task ID', read: readTaskId, id: TASK },
	{ name: 'planId', label: 'Plan ID', read: readPlanId, id: '16625163654676154791' },
	{ name: 'itemId', label: 'Item ID', read: readItemId, id: '1623924502742000001' },
	{ name: 'callUuid', label: 'Call UUID', read: readCallUuid, id: UUID },
];

describe.each(readers)('$label', ({ name, label, read, id }) => {
	it.each([
		['a From List value', { __rl: true, mode: 'list', value: id, cachedResultName: 'shown name' }],
		['a By ID value', { __rl: true, mode: 'id', value: id }],
		['a plain string (a workflow saved before the locator)', id],
		['a plain string with spaces around it', ` ${id} `],
	])('reads %s', (_what, value) => {
		expect(read(contextWith({ [name]: value }), 0)).toBe(id);
	});

	it('refuses a By ID value that is not an id, naming the field', () => {
		expect(() => read(contextWith({ [name]: { __rl: true, mode: 'id', value: 'not an id!' } }), 0)).toThrow(
			new RegExp(`"${label}" \\(${name}\\).*"not an id!"`),
		);
	});

	it('refuses an empty locator (nothing picked), naming the field', () => {
		expect(() => read(contextWith({ [name]: { __rl: true, mode: 'list', value: '' } }), 0)).toThrow(new RegExp(`"${label}" \\(${name}\\)`));
	});
});

describe('locatedValue', () => {
	it('takes the value out of a locator and leaves anything else as it is', () => {
		expect(locatedValue({ __rl: true, mode: 'list', value: TASK })).toBe(TASK);
		expect(locatedValue(TASK)).toBe(TASK);
		// Only n8n's locator shape is unwrapped: an object of another shape stays (and a reader refuses it).
		const other = { mode: 'list', value: TASK };
		expect(locatedValue(other)).toBe(other);
		expect(() => readTaskId(contextWith({ taskId: other }), 0)).toThrow(/"Task ID" \(taskId\)/);
	});
});
