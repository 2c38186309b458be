/**
 * Inspection → Get Transcript through n8n-core against the strict mock: segments labelled Agent or
 * Customer in call order, one item per call or per segment, a call not inspected yet among them.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CecMockCall } from '../../mock/cecMock';
import { DETAIL_PATH, entriesOfKind, expectPairedInOrder, runAgainst, TEST_TIMEOUT_MS } from '../fixtures';
import { errorText } from '../shared/continueOnFail';
import { expectClean } from '../shared/inspection';
import { useMock } from '../shared/mock';

jest.setTimeout(TEST_TIMEOUT_MS);

const transcriptParameters = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'inspection',
	operation: 'getTranscript',
	callUuid: '={{ $json.callUuid }}',
	options,
});

/* ================================================================== Get Transcript */

describe('Get Transcript', () => {
	const mock = useMock();
	let first: CecMockCall;
	let second: CecMockCall;
	let english: CecMockCall;
	let inspecting: CecMockCall;

	beforeAll(async () => {
		[first, second, english, inspecting] = mock.addCalls([
			{ status: 2, duration: 90 },
			{ status: 2 },
			{ status: 2, language: 'en_US' },
			{ status: 1 },
		]);
	});

	it('one item per call: every segment labelled Agent or Customer, in call order, and the text as a whole', async () => {
		const result = await runAgainst(mock, { parameters: transcriptParameters(), items: [{ callUuid: english.call_uuid }] });

		expect(result.error).toBeUndefined();
		expect(entriesOfKind(mock, 'appraiseCallDetail').map((e) => [e.path, e.rawBody])).toEqual([
			[DETAIL_PATH, JSON.stringify({ call_uuid: english.call_uuid })],
		]);
		const [item] = result.outputs[0];
		expectPairedInOrder(result.outputs[0], [0]);
		const json = item.json as { call_uuid: string; segments: IDataObject[]; transcript: string };
		expect(json.call_uuid).toBe(english.call_uuid);
		expect(json.segments.map((s) => s.speakerRole)).toEqual(['Agent', 'Customer', 'Agent', 'Customer', 'Agent', 'Customer']);
		expect(json.segments.map((s) => s.segment_id)).toEqual([1, 2, 3, 4, 5, 6]);
		const starts = json.segments.map((s) => Number(s.start_time));
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
		const lines = json.transcript.split('\n');
		expect(lines).toHaveLength(6);
		expect(lines[0]).toBe('Agent: Hello, thank you for calling, how can I help you today?');
		expect(lines[1]).toBe("Customer: Hi, I think I was charged twice on last month's bill.");
		lines.forEach((line, i) => expect(line).toBe(`${json.segments[i].speakerRole}: ${json.segments[i].asr_text}`));
		expectClean(mock, result);
	});

	it('segments as items: one item per segment with call_uuid and speaker, each paired to its input item, for several inputs', async () => {
		const items = [{ callUuid: first.call_uuid }, { callUuid: second.call_uuid }, { callUuid: english.call_uuid }];
		const result = await runAgainst(mock, { parameters: transcriptParameters({ outputSegmentsAsItems: true }), items });

		expect(result.error).toBeUndefined();
		const [output] = result.outputs;
		expect(output).toHaveLength(18);
		expectPairedInOrder(output, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
		const calls = [first, second, english];
		output.forEach((item, position) => {
			const input = Math.floor(position / 6);
			expect(item.json.call_uuid).toBe(calls[input].call_uuid);
			expect(item.json.segment_id).toBe((position % 6) + 1);
			expect(item.json.speakerRole).toBe(position % 2 === 0 ? 'Agent' : 'Customer');
			expect(typeof item.json.asr_text).toBe('string');
		});
		// The 90-second call's segments are spread over its length, still in order.
		const firstStarts = output.slice(0, 6).map((item) => Number(item.json.start_time));
		expect(firstStarts).toEqual([...firstStarts].sort((a, b) => a - b));
		expect(entriesOfKind(mock, 'appraiseCallDetail')).toHaveLength(3);
	});

	it('segments as items with a call not inspected yet (continue): its one error item sits between the others\' segments', async () => {
		const items = [{ callUuid: first.call_uuid }, { callUuid: inspecting.call_uuid }, { callUuid: second.call_uuid }];
		const result = await runAgainst(mock, {
			parameters: transcriptParameters({ outputSegmentsAsItems: true }),
			items,
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		const [output] = result.outputs;
		expectPairedInOrder(output, [0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2]);
		expect(errorText(output[6])).toMatch(new RegExp(`^CEC appraisecall/detail \\(call ${inspecting.call_uuid}\\) failed: resultCode 1010001`));
		expect(output[6].json.details).toMatchObject({ itemIndex: 1, resultCode: '1010001' });
	});
});
