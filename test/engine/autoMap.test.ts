/**
 * Input Data Mode "Auto-Map Input Data" for both creates, through n8n-core: each item's own fields are
 * read by their API names, with the same validation, coercion and time-zone handling as the fields
 * defined below, errors naming the item's field. test/e2e/autoMap.test.ts runs it in real n8n 2.x and 1.x.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { CecMock } from '../mock/cecMock';
import {
	OPERATOR_ID,
	TEST_TIMEOUT_MS,
	businessEntries,
	expectPairedInOrder,
	expectedInspectionBody,
	inspectionParameters,
	makeInspectionItems,
	makeReviewTaskItems,
	range,
	reviewTaskParameters,
	runAgainst,
	startMock,
} from './fixtures';

jest.setTimeout(TEST_TIMEOUT_MS);

const autoMappedInspection = (options: INodeParameters = {}): INodeParameters => ({ resource: 'inspection', operation: 'create', dataMode: 'autoMapInputData', options });
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

const errorText = (item: INodeExecutionData) => String(item.json.error ?? '');

describe('Create Inspection, auto-mapped', () => {
	let mock: CecMock;
	beforeAll(async () => {
		mock = await startMock();
	});
	afterAll(async () => await mock.close());
	beforeEach(() => mock.resetLog());

	it('sends exactly the bodies the expressions send, ignores the item\'s other fields, one output per item in order', async () => {
		const items = makeInspectionItems(12);
		const expressions = await runAgainst(mock, { parameters: inspectionParameters({ concurrency: 4 }), items });
		const expressionBodies = businessEntries(mock).map((entry) => entry.rawBody).sort();
		mock.resetLog();

		const autoMapped = await runAgainst(mock, {
			parameters: autoMappedInspection({ concurrency: 4 }),
			items: items.map((item) => ({ ...item, language: 'zh_CN', crmTicket: 'T-1', customer: { name: 'x' } })),
		});
		expect(autoMapped.error).toBeUndefined();
		expect(expressions.error).toBeUndefined();
		expectPairedInOrder(autoMapped.outputs[0], range(12));
		const sent = businessEntries(mock).map((entry) => entry.rawBody);
		expect([...sent].sort()).toEqual(expressionBodies);
		expect(sent.sort()).toEqual(items.map((item) => expectedInspectionBody(item)).sort());
		for (const item of autoMapped.outputs[0]) expect(typeof item.json.call_uuid).toBe('string');
	});

	it('coerces and converts as the fields below do: a numeric-string agentId, an instant with Z in the chosen time zone', async () => {
		const result = await runAgainst(mock, {
			parameters: autoMappedInspection({ timeZone: 'Asia/Shanghai' }),
			items: [{ language: 'en_US', voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3', agentId: ' 1118 ', beginTime: '2021-02-01T01:51:07Z', endTime: '2021-02-01T01:57:57.000Z' }],
		});
		expect(result.error).toBeUndefined();
		expect(businessEntries(mock).map((entry) => entry.rawBody)).toEqual([
			'{"language":"en_US","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1118\\\\0951044.V3","agentId":1118,"beginTime":"2021-02-01 09:51:07","endTime":"2021-02-01 09:57:57"}',
		]);
	});

	it('stop: an item without language fails the node naming the input field and the item; nothing is sent', async () => {
		const items = makeInspectionItems(4).map((item) => ({ ...item, language: 'zh_CN' }));
		delete (items[2] as IDataObject).language;
		const result = await runAgainst(mock, { parameters: autoMappedInspection(), items });
		expect(result.error?.message).toBe('Invalid input field "language": got nothing; must be one of "zh_CN", "en_US" [item 2]');
		expect(result.error?.description).toBe('Input field "language" of item 2: must be one of "zh_CN", "en_US". No request was sent for this item.');
		expect(businessEntries(mock)).toEqual([]);
	});

	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)('%s: bad items give their error in place, the others are created', async (mode) => {
		const items: IDataObject[] = makeInspectionItems(6).map((item) => ({ ...item, language: 'zh_CN' }));
		items[1].agentId = 'agent-7';
		items[3].endTime = '2021-02-01 08:00:00';
		delete items[4].voiceFilePath;
		const bad = [1, 3, 4];
		const good = range(6).filter((i) => !bad.includes(i));
		const result = await runAgainst(mock, { parameters: autoMappedInspection({ concurrency: 3 }), items, continueOnFail: mode });
		expect(result.error).toBeUndefined();
		const [success, failure] = mode === 'continueErrorOutput' ? result.outputs : [result.outputs[0].filter((item) => !item.json.error), result.outputs[0].filter((item) => item.json.error)];
		if (mode === 'continueRegularOutput') expectPairedInOrder(result.outputs[0], range(6));
		expectPairedInOrder(success, good);
		expectPairedInOrder(failure, bad);
		expect(failure.map(errorText)).toEqual([
			'Invalid input field "agentId": got "agent-7"; must be a whole number from 0 to 2147483647 [item 1]',
			expect.stringMatching(/^Invalid input field "endTime": got "2021-02-01 08:00:00"; must not be before beginTime \(.*\) \[item 3\]$/),
			expect.stringMatching(/^Invalid input field "voiceFilePath": got nothing; must be text of 1 to 1024 characters \[item 4\]$/),
		]);
		expect(businessEntries(mock).map((entry) => (entry.body as { agentId: number }).agentId - 1000).sort()).toEqual(good);
	});
});

describe('Create Review Task, auto-mapped from the documented body', () => {
	let mock: CecMock;
	beforeAll(async () => {
		mock = await startMock();
	});
	afterAll(async () => await mock.close());
	beforeEach(() => mock.resetLog());

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

	it('stop: an Operator User ID Field that names no field of the item is refused before anything is sent', async () => {
		const result = await runAgainst(mock, { parameters: autoMappedReviewTask({ operatorUserIdField: 'ownerId' }), items: [reviewTaskBodyItem(0)] });
		expect(result.error?.message).toMatch(/^Invalid input field "ownerId": got nothing; must be a numeric id of 1 to 20 digits .* \[item 0\]$/);
		expect(businessEntries(mock)).toEqual([]);
	});
});
