/**
 * Inspection → Create: the qualityInspect body from the documented example (cec-quality-api.md §3),
 * instants converted into the chosen zone, bad input refused.
 */
import {
	buildQualityInspectBody,
	create as inspectionCreate,
} from '../../../nodes/HuaweiCecQuality/actions/inspection/create.operation';
import {
	badCases,
	DATE_FORMS,
	DATE_RANGE,
	expectRefusals,
	INSPECTION,
	LONG,
	OBJECT,
	TIME_ZONE,
} from '../shared/badInput';

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

// ------------------------------------------------------------------ bad input, field by field (test/unit/shared/badInput.ts)
const { cases, inspection, prepared } = badCases();

const LANGUAGE = /one of "zh_CN", "en_US"/;
for (const value of ['fr_FR', 'zh-CN', 'ZH_CN', 'zh_CN ', '', '   ', null, undefined, 1, true, ['zh_CN'], { zh_CN: true }, LONG]) {
	inspection('language', value, LANGUAGE);
}

const PATH_TEXT = /text of 1 to 1024 characters/;
for (const value of [
	'',
	'   ',
	'\t\n',
	null,
	undefined,
	OBJECT,
	[],
	['Y:\\a.V3'],
	true,
	Number.NaN,
	'x'.repeat(1025),
	LONG,
	'Y:\\27\\0\u0000\\a.V3',
	'Y:\\27\\0\n\\a.V3',
	'Y:\\27\\0\t\\a.V3',
	'Y:\\27\\0\u0007\\a.V3',
	'Y:\\27\\0\u007f\\a.V3',
	'Y:\\27\\0\u0085\\a.V3',
]) {
	inspection('voiceFilePath', value, PATH_TEXT);
}

const AGENT = /whole number from 0 to 2147483647/;
for (const value of [
	-1,
	1.5,
	'1.5',
	'abc',
	'',
	' ',
	null,
	undefined,
	Number.NaN,
	Number.POSITIVE_INFINITY,
	2147483648,
	1e21,
	'0x10',
	'1e3',
	'１１１８',
	[1118],
	OBJECT,
	true,
]) {
	inspection('agentId', value, AGENT);
}

const OFFSET_RANGE = /impossible UTC offset .*-14:00 to \+14:00/;
for (const field of ['beginTime', 'endTime'] as const) {
	for (const value of [
		'2021-02-29 10:00:00',
		'2021-04-31 00:00:00',
		'2021-13-01 00:00:00',
		'2021-00-10 00:00:00',
		'2021-02-01 24:00:00',
		'2021-02-01 09:60:00',
		'2021-02-01 09:51:60',
		'2021/02/01 09:51:07',
		'01-02-2021 09:51:07',
		'yesterday',
		'NaN',
		'12345678901234',
		'',
		'  ',
		null,
		undefined,
		OBJECT,
		[],
		true,
		Number.NaN,
		Number.POSITIVE_INFINITY,
		new Date('not a date'),
		LONG,
	]) {
		inspection(field, value, DATE_FORMS);
	}
}
// Impossible UTC offsets: no zone is 25 hours or 99 minutes away from UTC.
inspection('beginTime', '2021-02-01T09:51:07+25:00', OFFSET_RANGE, 'offset beyond ±14:00');
inspection('beginTime', '2021-02-01T09:51:07+08:99', OFFSET_RANGE, '99 offset minutes');
inspection('beginTime', '1969-12-31 23:59:59', DATE_RANGE);
inspection('beginTime', '0000-01-01 00:00:00', DATE_FORMS);
inspection('beginTime', -1e12, DATE_RANGE);
// Numbers and DateTime-likes beyond what a Date can hold.
inspection('beginTime', 1e20, DATE_RANGE, 'epoch beyond Date range');
inspection('beginTime', Number.MAX_SAFE_INTEGER, DATE_RANGE, 'epoch beyond Date range');
inspection('beginTime', { toMillis: () => 1e20 }, DATE_RANGE, 'DateTime-like beyond Date range');
inspection('endTime', '2021-02-01 09:51:06', /must not be before Begin Time \(2021-02-01 09:51:07\)/, 'one second before');
inspection('endTime', '2021-02-01T01:00:00Z', /must not be before Begin Time/, 'before once converted to the zone');

const inspectionParameters = { ...INSPECTION, options: {} };
for (const value of ['Mars/Olympus', 'Asia/Shangai', 'GMT+25', 'UTC+8', ' ', 'Asia/Shanghai\u0000', 'x'.repeat(300), 8, true, OBJECT, ['Asia/Shanghai']]) {
	prepared(inspectionCreate, inspectionParameters, 'options.timeZone', value, TIME_ZONE);
}

expectRefusals(inspectionCreate, cases, { cases: 50, autoMapped: 100 });
