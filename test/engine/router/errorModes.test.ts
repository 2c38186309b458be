/**
 * Every "On Error" mode with a mix of good items, invalid items and API failures, a rejected AK/SK
 * with many items in flight, and answers and credentials that used to be misread — through n8n-core
 * 2.x. test/e2e/errorModes.test.ts runs the same cases in real n8n 2.x and 1.x.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	OPERATOR_ID,
	SK,
	TEST_TIMEOUT_MS,
	businessEntries,
	credentialsFor,
	expectPairedInOrder,
	inspectionParameters,
	makeInspectionItems,
	makeReviewTaskItems,
	range,
	reviewTaskParameters,
	runAgainst,
	tokenEntries,
} from '../fixtures';
import { useMock } from '../shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS);

const ITEMS = 8;
/** End Time before Begin Time: refused before anything is sent. */
const INVALID = [2, 5];
/** The first request sent (item 0) is answered 500: an API failure, never resent. */
const API_FAILURE = 0;
const FAILED = [API_FAILURE, ...INVALID].sort();
const SUCCEEDED = range(ITEMS).filter((i) => !FAILED.includes(i));

function mixedItems() {
	const items = makeInspectionItems(ITEMS);
	for (const i of INVALID) items[i].endTime = '2021-02-01 08:00:00';
	return items;
}

const errorText = (item: INodeExecutionData) => String(item.json.error ?? '');

function expectFailureOf(item: INodeExecutionData, itemIndex: number, output: 'regular' | 'error') {
	if (INVALID.includes(itemIndex)) {
		expect(errorText(item)).toMatch(new RegExp(`Invalid "End Time" \\(endTime\\).*\\[item ${itemIndex}\\]`));
	} else {
		expect(errorText(item)).toMatch(/qualityInspect failed with HTTP 500/);
	}
	if (output === 'regular') {
		expect(item.json.details).toMatchObject({ itemIndex });
	} else {
		// The shape n8n 1.x and 2.x both route to the error output by its json, with the input's fields.
		expect(item.json.message).toMatch(INVALID.includes(itemIndex) ? /No request was sent/ : /may or may not have taken effect/);
		expect(item.json.agentId).toBe(1000 + itemIndex);
		expect(item.error).toBeUndefined();
	}
}

describe('every On Error mode with good items, invalid items and an API failure', () => {
	const mock = useMock();

	const run = async (continueOnFail: false | 'continueRegularOutput' | 'continueErrorOutput') => {
		mock.inject({ kind: 'qualityInspect', status: 500, body: '{"resultCode":"1010500","resultDesc":"boom"}' });
		return await runAgainst(mock, {
			parameters: inspectionParameters({ concurrency: 1 }),
			items: mixedItems(),
			continueOnFail,
		});
	};

	it('stop: the first invalid item stops the node before anything is sent', async () => {
		const result = await run(false);
		expect(result.error?.message).toMatch(/Invalid "End Time" \(endTime\).*\[item 2\]/);
		expect(businessEntries(mock)).toEqual([]);
		// Nothing consumed the injected fault: take it off for the next case.
		mock.resetLog();
		await runAgainst(mock, { parameters: inspectionParameters(), items: makeInspectionItems(1), continueOnFail: true });
	});

	it('continue (regular output): one output per input, in order, paired, errors in place', async () => {
		const result = await run('continueRegularOutput');
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		const [output] = result.outputs;
		expectPairedInOrder(output, range(ITEMS));
		for (const i of FAILED) expectFailureOf(output[i], i, 'regular');
		for (const i of SUCCEEDED) expect(typeof output[i].json.call_uuid).toBe('string');
		// Sent once each, the failed create not resent, nothing sent for invalid items.
		expect(businessEntries(mock).map((entry) => (entry.body as { agentId: number }).agentId - 1000)).toEqual(
			range(ITEMS).filter((i) => !INVALID.includes(i)),
		);
	});

	it('continue (error output): successes on output 0, failures on output 1, each paired to its input', async () => {
		const result = await run('continueErrorOutput');
		expect(result.error).toBeUndefined();
		const [success, failure] = result.outputs;
		expectPairedInOrder(success, SUCCEEDED);
		expectPairedInOrder(failure, FAILED);
		for (const item of success) expect(typeof item.json.call_uuid).toBe('string');
		failure.forEach((item, position) => expectFailureOf(item, FAILED[position], 'error'));
	});
});

describe('a rejected AK/SK', () => {
	const mock = useMock();

	const wrongSecret = () => credentialsFor(mock, { secretKey: `${SK}-wrong` });

	it.each([
		['continueRegularOutput', 60, 10],
		['continueErrorOutput', 60, 10],
		['continueRegularOutput', 20, 1],
	] as const)('%s, %i items at concurrency %i: at most 2 token requests, every item the same clear error', async (mode, n, concurrency) => {
		const result = await runAgainst(mock, {
			parameters: inspectionParameters({ concurrency }),
			items: makeInspectionItems(n),
			credentials: wrongSecret(),
			continueOnFail: mode,
		});
		expect(result.error).toBeUndefined();
		expect(tokenEntries(mock).length).toBeGreaterThanOrEqual(1);
		expect(tokenEntries(mock).length).toBeLessThanOrEqual(2);
		expect(businessEntries(mock)).toEqual([]);
		const errors = mode === 'continueErrorOutput' ? result.outputs[1] : result.outputs[0];
		if (mode === 'continueErrorOutput') expect(result.outputs[0]).toEqual([]);
		expectPairedInOrder(errors, range(n));
		const messages = [...new Set(errors.map(errorText))];
		expect(messages).toHaveLength(1);
		expect(messages[0]).toContain(
			`Huawei CEC token exchange failed at POST ${mock.tokenUrl}: HTTP 401: the access key (AK) or secret key (SK) was rejected`,
		);
		errors.forEach((item, i) =>
			expect(mode === 'continueErrorOutput' ? item.json.agentId : (item.json.details as IDataObject).itemIndex).toBe(
				mode === 'continueErrorOutput' ? 1000 + i : i,
			),
		);
		expect(JSON.stringify(result.outputs)).not.toContain(`${SK}-wrong`);
	});

	it('stop: the run fails with the authentication error after at most 2 token requests', async () => {
		const result = await runAgainst(mock, {
			parameters: inspectionParameters({ concurrency: 10 }),
			items: makeInspectionItems(60),
			credentials: wrongSecret(),
		});
		expect(result.error?.message).toMatch(/token exchange failed .*HTTP 401/);
		expect(tokenEntries(mock).length).toBeLessThanOrEqual(2);
		expect(businessEntries(mock)).toEqual([]);
	});
});

describe('answers and credentials that used to be misread', () => {
	const mock = useMock();

	it.each([
		['a number that lost its leading zero', '{"qualityTaskId":"16239245027406915901","resultCode":409000,"resultDesc":"操作成功"}'],
		['unquoted with its leading zero, as documented', '{"qualityTaskId":16239245027406915901,"resultCode":0409000,"resultDesc":"操作成功"}'],
	])('takes a success resultCode printed as %s for success', async (_title, body) => {
		mock.inject({ kind: 'createQualityTask', status: 200, body });
		const result = await runAgainst(mock, {
			parameters: reviewTaskParameters(),
			items: makeReviewTaskItems(1),
			continueOnFail: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[1]).toEqual([]);
		expect(result.outputs[0][0].json.qualityTaskId).toBe('16239245027406915901');
		expect(businessEntries(mock)).toHaveLength(1);
	});

	it('still reports a real failure code as a failure', async () => {
		mock.inject({ kind: 'createQualityTask', status: 200, body: '{"resultCode":409001,"resultDesc":"参数错误"}' });
		const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items: makeReviewTaskItems(1), continueOnFail: true });
		expect(errorText(result.outputs[0][0])).toBe('CEC createQualityTask failed: resultCode 409001 (参数错误)');
	});

	it('maps a list into one entry of Agent User IDs', async () => {
		const items = makeReviewTaskItems(1).map((item) => ({ ...item, staffIds: ['1600226476732482572', '1600226476732482573'] }));
		const result = await runAgainst(mock, {
			parameters: reviewTaskParameters({ staffIds: ['={{ $json.staffIds }}', '1600226476732482574'] }),
			items,
		});
		expect(result.error).toBeUndefined();
		const body = businessEntries(mock)[0].body as { fixedColumns: { staffIds: string[] } };
		expect(body.fixedColumns.staffIds).toEqual(['1600226476732482572', '1600226476732482573', '1600226476732482574']);
		expect(businessEntries(mock)[0].headers['x-userid']).toBe(OPERATOR_ID);
	});

	it('refuses a date that is beyond 9999 in the tenant zone, before sending', async () => {
		const items = makeInspectionItems(1).map((item) => ({ ...item, endTime: '9999-12-31T23:00:00Z' }));
		const result = await runAgainst(mock, { parameters: inspectionParameters(), items });
		expect(result.error?.message).toMatch(/"End Time" \(endTime\).*is 10000-01-01 07:00:00 in Asia\/Shanghai/);
		expect(mock.log).toEqual([]);
	});

	it.each([
		[{ baseUrl: 'service.besclouds.com' }, /Base URL must be a full URL starting with https:\/\/ or http:\/\/.*"service\.besclouds\.com"/],
		[{ tokenUrl: '127.0.0.1:28070/apigovernance/api/oauth/tokenByAkSk' }, /Token URL must be a full URL/],
	])('says what is wrong with a URL without a scheme (%p), and sends nothing', async (extra, message) => {
		const result = await runAgainst(mock, {
			parameters: inspectionParameters(),
			items: makeInspectionItems(3),
			credentials: credentialsFor(mock, extra),
			continueOnFail: 'continueErrorOutput',
		});
		expect(result.outputs[0]).toEqual([]);
		expectPairedInOrder(result.outputs[1], [0, 1, 2]);
		for (const item of result.outputs[1]) {
			expect(errorText(item)).toMatch(message);
			expect(errorText(item)).not.toMatch(/refused|could not be reached/);
		}
		expect(mock.log).toEqual([]);
	});
});
