/**
 * Inspection → Create: the qualityInspect body from the documented example (cec-quality-api.md §3),
 * instants converted into the chosen zone, bad input refused.
 */
import { buildQualityInspectBody } from '../../../nodes/HuaweiCecQuality/actions/inspection/create.operation';

// The documented example of ../shared/cec-quality-api.md, verbatim.
const DOCUMENTED_INSPECTION =
	'{"language":"zh_CN","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1118\\\\0951044.V3","agentId":1118,"beginTime":"2021-02-01 09:51:07","endTime":"2021-02-01 09:57:57"}';

describe('documented request examples', () => {
	it('Create Inspection reproduces the qualityInspect example byte for byte', () => {
		const body = buildQualityInspectBody(
			{
				language: 'zh_CN',
				voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3',
				agentId: 1118,
				beginTime: '2021-02-01T09:51:07',
				endTime: '2021-02-01T09:57:57',
			},
			'Asia/Shanghai',
		);
		expect(JSON.stringify(body)).toBe(DOCUMENTED_INSPECTION);
	});
});

describe('Create Inspection mapping', () => {
	const base = {
		language: 'en_US',
		voiceFilePath: 'Y:\\1\\0\\20240101\\7\\a.V3',
		agentId: '7',
		beginTime: '2024-01-01 10:00:00',
		endTime: '2024-01-01 10:05:00',
	};

	it('converts an instant with an offset into the chosen zone', () => {
		const body = buildQualityInspectBody(
			{ ...base, beginTime: '2024-01-01T02:00:00Z', endTime: '2024-01-01T10:05:00+08:00' },
			'Asia/Shanghai',
		);
		expect(body.beginTime).toBe('2024-01-01 10:00:00');
		expect(body.endTime).toBe('2024-01-01 10:05:00');
		expect(body.agentId).toBe(7);
	});

	it('rejects an end before the begin, naming the field and the begin time', () => {
		expect(() => buildQualityInspectBody({ ...base, endTime: '2024-01-01 09:59:59' }, 'UTC')).toThrow(
			/"End Time" \(endTime\).*must not be before Begin Time \(2024-01-01 10:00:00\)/,
		);
	});

	it('rejects a fractional agent id with the valid range', () => {
		expect(() => buildQualityInspectBody({ ...base, agentId: 11.5 }, 'UTC')).toThrow(
			/"Agent ID" \(agentId\): got 11.5; must be a whole number from 0 to 2147483647/,
		);
	});
});
