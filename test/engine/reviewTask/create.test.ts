/**
 * Review Task → Create through n8n-core against the strict mock over real HTTP: the wire bodies
 * (documented example byte for byte), outputs (20-digit task ids exact, also when printed unquoted),
 * continue-on-fail and refused items; and Input Data Mode "Auto-Map Input Data" from the documented body.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	answersByItem,
	businessEntries,
	expectPairedInOrder,
	makeReviewTaskItems,
	OPERATOR_ID,
	range,
	reviewTaskParameters,
	runAgainst,
	TEST_TIMEOUT_MS,
} from '../fixtures';
import { errorText, expectErrorItemShape } from '../shared/continueOnFail';
import { useMock } from '../shared/mock';
import { TASK_ID } from '../shared/reviewTask';

jest.setTimeout(TEST_TIMEOUT_MS);

/** The documented example (cec-quality-api.md §4), as JSON text. */
const DOCUMENTED_REVIEW_TASK =
	'{"customColumns":null,"currentRole":"qualityDirector","startTimeMillis":1683808058,"endTimeMillis":1683894458,"fixedColumns":{"maxNum":"10","qualityCondition":0,"qualityNum":"100","qualityType":1,"scoreStart":"10","scoreEnd":"120","staffIds":[],"interactionType":2},"qualityTask":{"planName":"234"}}';

describe('Create Review Task through n8n-core', () => {
	const mock = useMock({}, { zeroLatency: true });

	describe('request bodies on the wire', () => {
		it('createQualityTask: the documented example byte for byte (counts and scores as strings, epoch seconds)', async () => {
			const parameters = {
				...reviewTaskParameters({
					// 2023-05-11 20:27:38 and one day later, Shanghai wall-clock time
					callStartTime: '2023-05-11T20:27:38',
					callEndTime: '2023-05-12T20:27:38',
					maxNum: 10,
					qualityCondition: 0,
					scoreStart: 10,
					scoreEnd: 120,
					staffIds: [],
				}),
				planName: '234',
				interactionType: 2,
				qualityNum: 100,
			};
			const result = await runAgainst(mock, { parameters, items: [{ operatorUserId: OPERATOR_ID }] });
			expect(result.error).toBeUndefined();

			const [entry] = businessEntries(mock);
			expect(entry.rawBody).toBe(DOCUMENTED_REVIEW_TASK);
			expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
		});

		it('createQualityTask: durations as numbers, staff ids as strings, no time window when none is given', async () => {
			const parameters = reviewTaskParameters(
				{ durationStart: 30, durationEnd: 600, staffIds: ['1611917095665261979', '42'], scoreStart: '0' },
				{},
			);
			parameters.qualityType = 3;
			const result = await runAgainst(mock, { parameters, items: [{ operatorUserId: OPERATOR_ID, planName: 'weekly', qualityNum: '5' }] });
			expect(result.error).toBeUndefined();

			expect(businessEntries(mock).map((e) => e.rawBody)).toEqual([
				'{"customColumns":null,"currentRole":"qualityDirector","fixedColumns":{"qualityNum":"5","qualityType":3,"scoreStart":"0","durationStart":30,"durationEnd":600,"staffIds":["1611917095665261979","42"],"interactionType":0},"qualityTask":{"planName":"weekly"}}',
			]);
		});
	});

	describe('outputs', () => {
		it('createQualityTask: qualityTaskId is the exact 20-digit string, for its own item', async () => {
			const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items: makeReviewTaskItems(5) });
			expect(result.error).toBeUndefined();

			const answers = answersByItem(mock);
			const outputs = result.outputs[0].map((item) => item.json);
			expect(outputs).toEqual(range(5).map((i) => answers.get(i)));
			for (const json of outputs) {
				expect(json).toEqual({ qualityTaskId: expect.stringMatching(TASK_ID), resultCode: '0409000', resultDesc: '操作成功' });
			}
			expect(new Set(outputs.map((json) => json.qualityTaskId)).size).toBe(5);
			expectPairedInOrder(result.outputs[0], range(5));
		});
	});

	describe('continue on fail', () => {
		it('review task: an invalid item is an error item in place, the others are created', async () => {
			const items: IDataObject[] = makeReviewTaskItems(3);
			items[1] = { ...items[1], planName: 'x'.repeat(33) };
			const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items, continueOnFail: true });

			expect(result.error).toBeUndefined();
			const out = result.outputs[0];
			expectPairedInOrder(out, range(3));
			expectErrorItemShape(out[1]);
			expect(out[1].json.error).toMatch(/Plan Name/);
			expect([out[0].json.qualityTaskId, out[2].json.qualityTaskId]).toEqual([
				expect.stringMatching(TASK_ID),
				expect.stringMatching(TASK_ID),
			]);
			expect(mock.counters.byKind.createQualityTask).toBe(2);
		});
	});

	describe('without continue on fail', () => {
		it('an invalid review-task quantity fails the run naming the field; nothing is sent', async () => {
			const items: IDataObject[] = makeReviewTaskItems(5);
			items[2] = { ...items[2], qualityNum: 0 };
			const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items });

			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(/item 2/);
			expect(result.error?.message).toMatch(/Sample Quantity/);
			expect(result.error?.message).toMatch(/whole number from 1 to 10000/);
			expect(mock.counters.businessRequests).toBe(0);
		});

		it('an operator id given as an unsafe JS number is rejected, not rounded', async () => {
			const items = [{ operatorUserId: Number(OPERATOR_ID), planName: 'p', qualityNum: 1 }];
			const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items });

			expect(result.error?.message).toMatch(/Operator User ID/);
			expect(mock.counters.businessRequests).toBe(0);
		});
	});
});

describe('a deployment that prints task ids unquoted', () => {
	const mock = useMock({ unquotedIds: true }, { resetLog: false });

	it('keeps each 20-digit qualityTaskId exact, as a string', async () => {
		const result = await runAgainst(mock, { parameters: reviewTaskParameters(), items: makeReviewTaskItems(4) });
		expect(result.error).toBeUndefined();

		// Precondition: the wire really had a bare number literal.
		expect(businessEntries(mock)[0].response).toMatch(/^\{"qualityTaskId":\d{20},/);
		const byItem = new Map(businessEntries(mock).map((e) => [itemOf(e.body), /^\{"qualityTaskId":(\d{20}),/.exec(e.response)![1]]));
		const ids = result.outputs[0].map((item) => item.json.qualityTaskId);
		expect(ids).toEqual(range(4).map((i) => byItem.get(`plan-${i}`)));
		expect(ids.every((id) => typeof id === 'string' && TASK_ID.test(id))).toBe(true);
		expectPairedInOrder(result.outputs[0], range(4));
	});
});

function itemOf(body: unknown): string | undefined {
	return (body as { qualityTask?: { planName?: string } }).qualityTask?.planName;
}

const autoMappedReviewTask = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'reviewTask', operation: 'create', dataMode: 'autoMapInputData', ...extra });

/** The documented createQualityTask body, as a CRM would post it, with the operator beside it. */
function reviewTaskBodyItem(i: number): IDataObject {
	return {
		operatorUserId: OPERATOR_ID,
		customColumns: null,
		currentRole: 'qualityDirector',
		startTimeMillis: 1683808058,
		endTimeMillis: 1683894458,
		fixedColumns: { maxNum: '10', qualityCondition: 0, qualityNum: String(10 + i), qualityType: 1, scoreStart: '10', scoreEnd: '120', staffIds: [], interactionType: 0 },
		qualityTask: { planName: `plan-${i}` },
	};
}

describe('Create Review Task, auto-mapped from the documented body', () => {
	const mock = useMock();

	it('sends the body in the documented order and wire types, x-UserId from the named field, as the fields below would', async () => {
		const items = range(5).map(reviewTaskBodyItem);
		items[3].fixedColumns = { ...(items[3].fixedColumns as IDataObject), qualityNum: 13, maxNum: 10 }; // numbers, sent as strings
		const result = await runAgainst(mock, { parameters: autoMappedReviewTask({ options: { concurrency: 2 } }), items });
		expect(result.error).toBeUndefined();
		expectPairedInOrder(result.outputs[0], range(5));
		const sent = businessEntries(mock);
		expect(sent).toHaveLength(5);
		const autoMappedBodies = sent.map((entry) => entry.rawBody).sort();
		for (const entry of sent) expect(entry.headers['x-userid']).toBe(OPERATOR_ID);
		const { operatorUserId: _operator, ...documented } = reviewTaskBodyItem(3);
		expect(autoMappedBodies).toContain(JSON.stringify(documented));

		// The same tasks through the fields below: the same bodies.
		mock.resetLog();
		const defined = await runAgainst(mock, {
			parameters: reviewTaskParameters({ maxNum: 10, qualityCondition: 0, scoreStart: 10, scoreEnd: 120, callStartTime: 1683808058, callEndTime: 1683894458 }, { concurrency: 2 }),
			items: makeReviewTaskItems(5),
		});
		expect(defined.error).toBeUndefined();
		expect(businessEntries(mock).map((entry) => entry.rawBody).sort()).toEqual(autoMappedBodies);
	});

	it('reads the operator from a dotted path the node names', async () => {
		const { operatorUserId, ...body } = reviewTaskBodyItem(0);
		const result = await runAgainst(mock, {
			parameters: autoMappedReviewTask({ operatorUserIdField: 'crm.owner.userId' }),
			items: [{ ...body, crm: { owner: { userId: operatorUserId } } }],
		});
		expect(result.error).toBeUndefined();
		expect(businessEntries(mock).map((entry) => entry.headers['x-userid'])).toEqual([OPERATOR_ID]);
	});

	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)('%s: bad items name the input field and item, nothing sent for them', async (mode) => {
		const items = range(5).map(reviewTaskBodyItem);
		items[0].operatorUserId = 1611917095665261978; // a number: digits already lost
		items[1].fixedColumns = { ...(items[1].fixedColumns as IDataObject), qualityType: 4 };
		delete items[2].qualityTask;
		items[4].endTimeMillis = 1683808000;
		const bad = [0, 1, 2, 4];
		const result = await runAgainst(mock, { parameters: autoMappedReviewTask(), items, continueOnFail: mode });
		expect(result.error).toBeUndefined();
		const failures = mode === 'continueErrorOutput' ? result.outputs[1] : result.outputs[0].filter((item) => item.json.error);
		expectPairedInOrder(failures, bad);
		expect(failures.map(errorText)).toEqual([
			expect.stringMatching(/^Invalid input field "operatorUserId": got 1611917095665262000; .*pass it as text.* \[item 0\]$/),
			'Invalid input field "fixedColumns.qualityType": got 4; must be one of 1, 2, 3 [item 1]',
			'Invalid input field "qualityTask.planName": got nothing; must be text of 1 to 32 characters [item 2]',
			expect.stringMatching(/^Invalid input field "endTimeMillis": got 1683808000; .*startTimeMillis.* \[item 4\]$/),
		]);
		if (mode === 'continueErrorOutput') {
			expect(failures[1].json.message).toBe('Input field "fixedColumns.qualityType" of item 1: must be one of 1, 2, 3. No request was sent for this item.');
			expectPairedInOrder(result.outputs[0], [3]);
		} else {
			expectPairedInOrder(result.outputs[0], range(5));
		}
		expect(businessEntries(mock).map((entry) => (entry.body as { qualityTask: { planName: string } }).qualityTask.planName)).toEqual(['plan-3']);
	});

	it('stop: an Operator User ID Field that names no field of the item, and no default in the credential, is refused before anything is sent', async () => {
		const result = await runAgainst(mock, { parameters: autoMappedReviewTask({ operatorUserIdField: 'ownerId' }), items: [reviewTaskBodyItem(0)] });
		expect(result.error?.message).toMatch(
			/^Invalid input field "ownerId": got nothing; must be the user ID of the employee .*: set it here, or set "Default Operator User ID" in the Huawei Cloud CEC API credential \[item 0\]$/,
		);
		expect(businessEntries(mock)).toEqual([]);
	});
});
