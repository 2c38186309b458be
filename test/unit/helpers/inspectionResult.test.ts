/**
 * helpers/inspectionResult: the simplified result (rule ids exact, corrections, the newest of several)
 * and transcripts (Agent or Customer by channel, in call order).
 */
import {
	shapeTranscript,
	simplifyResult,
	speakerOf,
} from '../../../nodes/HuaweiCecQuality/helpers/inspectionResult';
import { parseJsonKeepingIds } from '../../../nodes/HuaweiCecQuality/helpers/json';

const UUID = '822bbf4d-c4f8-473a-9144-199058375be8';

/** The documented credit example, completed where the notes elide it, rule ids unquoted as some answers print them. */
const DOCUMENTED_CREDIT = `[{"create_time":1635410113,"credit":[{"score":77,
"rules":[{"valid":false,"score":-3,"invalid_segment":[{"start_time":1200,"end_time":4800,"call_id":"c1"}],"revise_id":"dialogRule1533","revise":-1,
"setting":{"rule_id":967510375224315904,"rule_name":"对话规则测试"}},
{"valid":true,"score":0,"invalid_segment":[],"revise_id":"dialogRule1534","revise":-1,"setting":{"rule_id":"967510375224315905","rule_name":"问候语"}}],
"silence_rule":[{"valid":false,"score":-2,"invalid_segment":[],"revise":1,"name":"长时间静音","setting":{"silence_id":"967510375224315906","name":"长时间静音"}}],
"speed_rule":[],
"setting":{"group_id":"groupid_cbe2","group_name":"业务场景1","ignore_sensitive":0,"description":""}}]}]`;

describe('simplifyResult', () => {
	const parsed = parseJsonKeepingIds(DOCUMENTED_CREDIT);
	const answer = (parsed.ok ? parsed.value : []) as unknown[];

	it('keeps 18-digit rule ids exact, as strings, even when the answer prints them unquoted', () => {
		const result = simplifyResult(UUID, answer);
		expect(result.groups[0].rules.map((rule) => rule.id)).toEqual([
			'967510375224315904',
			'967510375224315905',
			'967510375224315906',
		]);
	});

	it('tells compliant rules from violations, honours an inspector\'s correction, and lists the violated names', () => {
		const result = simplifyResult(UUID, answer);
		expect(result).toMatchObject({
			call_uuid: UUID,
			resultTime: '2021-10-28T08:35:13.000Z',
			passed: false,
			violatedRules: ['对话规则测试'],
			totalScore: 77,
		});
		expect(result.groups).toEqual([
			{
				name: '业务场景1',
				id: 'groupid_cbe2',
				score: 77,
				rules: [
					{
						name: '对话规则测试',
						id: '967510375224315904',
						kind: 'dialogue',
						result: 'violation',
						compliant: false,
						corrected: false,
						points: -3,
						violatingSegments: [{ start_time: 1200, end_time: 4800, call_id: 'c1' }],
					},
					expect.objectContaining({ name: '问候语', result: 'compliant', compliant: true, points: 0 }),
					// The machine flagged it (valid false); an inspector corrected it to compliant (revise 1).
					expect.objectContaining({ name: '长时间静音', kind: 'silence', result: 'compliant', corrected: true, points: -2 }),
				],
			},
		]);
	});

	it('passes a call without violations, and reads the newest of several results', () => {
		const older = { create_time: 1, credit: [{ score: 10, rules: [{ valid: false, setting: { rule_id: '1', rule_name: 'old' } }], setting: {} }] };
		const newer = { create_time: 2, credit: [{ score: 90, rules: [{ valid: true, setting: { rule_id: '2', rule_name: 'ok' } }], setting: {} }] };
		expect(simplifyResult(UUID, [older, newer])).toMatchObject({ passed: true, violatedRules: [], totalScore: 90 });
		expect(simplifyResult(UUID, [newer, older])).toMatchObject({ passed: true, totalScore: 90 });
	});
});

describe('transcripts', () => {
	const detail = {
		call_id: 'c1',
		duration: 410,
		left_channel: 'Agent',
		right_channel: 'Customer',
		segments: [
			{ segment_id: 2, speaker: 'right', start_time: 3000, end_time: 4000, asr_text: '你好，我想查询账单', status: 0 },
			{ segment_id: 1, speaker: 'left', start_time: 0, end_time: 2500, asr_text: '您好，请问有什么可以帮您', status: 0 },
		],
	};

	it('labels each segment Agent or Customer from the channel fields, in call order', () => {
		const shaped = shapeTranscript(UUID, detail);
		expect((shaped.segments as Array<{ segment_id: number; speakerRole: string }>).map((s) => [s.segment_id, s.speakerRole])).toEqual([
			[1, 'Agent'],
			[2, 'Customer'],
		]);
		expect(shaped.transcript).toBe('Agent: 您好，请问有什么可以帮您\nCustomer: 你好，我想查询账单');
		expect(shaped).toMatchObject({ call_uuid: UUID, call_id: 'c1', duration: 410 });
	});

	it.each([
		['left', 'Agent'],
		['R', 'Customer'],
		[0, 'Agent'],
		['1', 'Customer'],
		['Customer', 'Customer'],
		['agent', 'Agent'],
		['middle', 'Unknown'],
	])('speaker %p is %s when the left channel is the agent', (speaker, role) => {
		expect(speakerOf(speaker, { left_channel: 'Agent', right_channel: 'Customer' })).toBe(role);
	});

	it('follows the channels when the customer is on the left', () => {
		expect(speakerOf('left', { left_channel: 'Customer', right_channel: 'Agent' })).toBe('Customer');
	});
});
