/**
 * Inspection → Get Many through n8n-core against the strict mock: paging (Return All, limits), every
 * filter under its wire name and type, refused limits and windows (stop and continue).
 */
import type { INodeParameters } from 'n8n-workflow';

import type { CecMockCall } from '../../mock/cecMock';
import {
	ALL_STATUSES,
	DETAILS_PATH,
	entriesOfKind,
	expectPairedInOrder,
	OPERATOR_ID,
	range,
	runAgainst,
	shanghaiEpoch,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { errorText } from '../shared/continueOnFail';
import { bodyOf, expectClean } from '../shared/inspection';
import { useMock } from '../shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS);

const manyParameters = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'inspection',
	operation: 'getMany',
	operatorUserId: OPERATOR_ID,
	uploadedFrom: '2021-03-01 00:00:00',
	uploadedTo: '2021-03-01 06:00:00',
	returnAll: true,
	...extra,
});

/* ================================================================== Get Many */

describe('Get Many', () => {
	const mock = useMock();
	const windowStart = shanghaiEpoch('2021-03-01 00:00:00');
	const windowEnd = shanghaiEpoch('2021-03-01 06:00:00');
	let seeded: CecMockCall[];

	beforeAll(async () => {
		seeded = mock.addCalls(range(123).map((i) => ({ status: 2, upload_time: windowStart + 60 + i * 60 })));
		// Outside the window on either side: never listed.
		mock.addCalls([{ status: 2, upload_time: windowStart - 1 }, { status: 2, upload_time: windowEnd + 1 }]);
	});

	it('Return All: 123 calls in 3 requests of limit 50, with x-UserId, the upload window in epoch seconds and every status', async () => {
		const result = await runAgainst(mock, { parameters: manyParameters(), items: [{}] });

		expect(result.error).toBeUndefined();
		const requests = entriesOfKind(mock, 'appraiseCallDetails');
		expect(requests.map((e) => e.path)).toEqual([DETAILS_PATH, DETAILS_PATH, DETAILS_PATH]);
		expect(requests.map(bodyOf)).toEqual(
			[1, 2, 3].map((page) => ({
				page,
				limit: 50,
				call_types: [0, 2],
				status: ALL_STATUSES,
				upload_from: windowStart,
				upload_to: windowEnd,
			})),
		);
		for (const entry of requests) expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
		const [output] = result.outputs;
		expect(output).toHaveLength(123);
		expect(output.map((item) => item.json.call_uuid)).toEqual(seeded.map((call) => call.call_uuid));
		expect(new Set(output.map((item) => item.json.call_uuid)).size).toBe(123);
		expect(output.every((item) => item.json.status === 2 && item.json.statusText === 'Done')).toBe(true);
		expectPairedInOrder(output, Array(123).fill(0));
		expectClean(mock, result);
	});

	it('a limit of 7: 7 calls in one request of limit 7', async () => {
		const result = await runAgainst(mock, { parameters: manyParameters({ returnAll: false, limit: 7 }), items: [{}] });

		expect(result.error).toBeUndefined();
		expect(entriesOfKind(mock, 'appraiseCallDetails').map((e) => [bodyOf(e).page, bodyOf(e).limit])).toEqual([[1, 7]]);
		expect(result.outputs[0].map((item) => item.json.call_uuid)).toEqual(seeded.slice(0, 7).map((call) => call.call_uuid));
	});

	it('a limit of 120: 3 requests of limit 50, 120 calls', async () => {
		const result = await runAgainst(mock, { parameters: manyParameters({ returnAll: false, limit: 120 }), items: [{}] });

		expect(result.error).toBeUndefined();
		expect(entriesOfKind(mock, 'appraiseCallDetails').map((e) => [bodyOf(e).page, bodyOf(e).limit])).toEqual([
			[1, 50],
			[2, 50],
			[3, 50],
		]);
		expect(result.outputs[0]).toHaveLength(120);
	});

	it('every filter goes out under its wire name with its wire type, and the API applies it', async () => {
		const day = (time: string) => shanghaiEpoch(`2021-04-01 ${time}`);
		const base = {
			call_type: 2 as const,
			status: 2,
			staff_id: '2001',
			staff_name: 'Alice Wong',
			duration: 120,
			upload_time: day('15:00:00'),
			call_time: day('10:00:00'),
		};
		const [match] = mock.addCalls([
			base,
			{ ...base, call_type: 0 },
			{ ...base, status: 1 },
			{ ...base, staff_id: '2002' },
			{ ...base, staff_name: 'Bob' },
			{ ...base, duration: 20 },
			{ ...base, duration: 900 },
			{ ...base, call_time: day('07:00:00') },
			{ ...base, language: 'en_US' },
		]);
		const parameters = manyParameters({
			uploadedFrom: '2021-04-01 00:00:00',
			uploadedTo: '2021-04-01 23:59:59',
			filters: {
				statuses: [2, 39],
				callTypes: [2],
				callFrom: '2021-04-01 08:00:00',
				callTo: '2021-04-01T12:00:00+08:00',
				staffId: '={{ $json.staff }}',
				staffName: 'Alice',
				keyword: '账单',
				durationMin: 30,
				durationMax: 600,
			},
		});

		const result = await runAgainst(mock, { parameters, items: [{ staff: 2001 }] });

		expect(result.error).toBeUndefined();
		const requests = entriesOfKind(mock, 'appraiseCallDetails');
		expect(requests).toHaveLength(1);
		expect(bodyOf(requests[0])).toEqual({
			page: 1,
			limit: 50,
			call_types: [2],
			status: [2, 39],
			upload_from: day('00:00:00'),
			upload_to: day('23:59:59'),
			call_from: day('08:00:00'),
			call_to: day('12:00:00'),
			staff_id: '2001',
			staff_name: 'Alice',
			keyword: '账单',
			duration_min: 30,
			duration_max: 600,
		});
		expect(requests[0].reason).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json.call_uuid)).toEqual([match.call_uuid]);
	});

	it('a limit of 0 is refused before anything is sent, naming "Limit" (limit) and the item', async () => {
		const result = await runAgainst(mock, {
			parameters: manyParameters({ returnAll: false, limit: '={{ $json.limit }}' }),
			items: [{ limit: 5 }, { limit: 0 }],
		});

		expect(result.error?.message).toMatch(/Invalid "Limit" \(limit\): got 0.*\[item 1\]/);
		expect(mock.log).toEqual([]);
	});

	it('an upload window that ends before it starts is refused before anything is sent, naming "Uploaded To" (uploadedTo) and the item', async () => {
		const result = await runAgainst(mock, {
			parameters: manyParameters({ uploadedFrom: '={{ $json.from }}', uploadedTo: '={{ $json.to }}' }),
			items: [
				{ from: '2021-03-01 00:00:00', to: '2021-03-01 06:00:00' },
				{ from: '2021-03-02 00:00:00', to: '2021-03-01 00:00:00' },
			],
		});

		expect(result.error?.message).toMatch(/Invalid "Uploaded To" \(uploadedTo\).*\[item 1\]/);
		expect(mock.log).toEqual([]);
	});

	it('the same refusals under continue: error items in place, the good item answered', async () => {
		const result = await runAgainst(mock, {
			parameters: manyParameters({
				returnAll: false,
				limit: '={{ $json.limit }}',
				uploadedFrom: '={{ $json.from }}',
				uploadedTo: '={{ $json.to }}',
			}),
			items: [
				{ limit: 0, from: '2021-03-01 00:00:00', to: '2021-03-01 06:00:00' },
				{ limit: 2, from: '2021-03-01 00:00:00', to: '2021-03-01 06:00:00' },
				{ limit: 2, from: '2021-03-02 00:00:00', to: '2021-03-01 00:00:00' },
			],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		const [output] = result.outputs;
		expectPairedInOrder(output, [0, 1, 1, 2]);
		expect(errorText(output[0])).toMatch(/Invalid "Limit" \(limit\).*\[item 0\]/);
		expect(errorText(output[3])).toMatch(/Invalid "Uploaded To" \(uploadedTo\).*\[item 2\]/);
		expect(entriesOfKind(mock, 'appraiseCallDetails')).toHaveLength(1);
	});
});
