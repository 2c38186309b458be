import { parseJsonKeepingIds } from '../../nodes/HuaweiCecQuality/helpers/json';
import { retryAfterMs } from '../../nodes/HuaweiCecQuality/helpers/retryAfter';
import { isValidTimeZone, resolveCallTime } from '../../nodes/HuaweiCecQuality/helpers/time';
import { readHttpFailure, redact } from '../../nodes/HuaweiCecQuality/helpers/httpFailure';
import { sameResultCode } from '../../nodes/HuaweiCecQuality/helpers/resultCode';
import { credentialUrlProblem } from '../../nodes/HuaweiCecQuality/helpers/urls';
import { toStringList } from '../../nodes/HuaweiCecQuality/helpers/validation';

const field = { displayName: 'Begin Time', name: 'beginTime' };

describe('parseJsonKeepingIds', () => {
	it('keeps an unquoted 20-digit id exact, as a string', () => {
		const parsed = parseJsonKeepingIds('{"qualityTaskId":16239245027406915901,"resultCode":"0409000","n":12}');
		expect(parsed).toEqual({ ok: true, value: { qualityTaskId: '16239245027406915901', resultCode: '0409000', n: 12 } });
	});

	it('leaves digits inside strings, floats and negative numbers alone', () => {
		const parsed = parseJsonKeepingIds('{"a":"x\\"12345678901234567890","b":-1.5e3,"c":[-12345678901234567]}');
		expect(parsed).toEqual({ ok: true, value: { a: 'x"12345678901234567890', b: -1500, c: ['-12345678901234567'] } });
	});

	it('reports malformed JSON instead of throwing', () => {
		expect(parseJsonKeepingIds('{"resultCode":')).toMatchObject({ ok: false });
	});
});

describe('resolveCallTime', () => {
	it('keeps wall-clock text as written and computes epoch seconds in the zone', () => {
		expect(resolveCallTime(field, '2021-02-01 09:51:07', 'Asia/Shanghai')).toEqual({
			text: '2021-02-01 09:51:07',
			epochSeconds: Date.UTC(2021, 1, 1, 1, 51, 7) / 1000,
		});
	});

	it('accepts epoch seconds, milliseconds, Date and Luxon-like objects as instants', () => {
		const expected = { text: '2023-05-11 20:27:38', epochSeconds: 1683808058 };
		expect(resolveCallTime(field, 1683808058, 'Asia/Shanghai')).toEqual(expected);
		expect(resolveCallTime(field, '1683808058000', 'Asia/Shanghai')).toEqual(expected);
		expect(resolveCallTime(field, new Date(1683808058000), 'Asia/Shanghai')).toEqual(expected);
		expect(resolveCallTime(field, { toMillis: () => 1683808058000 }, 'Asia/Shanghai')).toEqual(expected);
	});

	it('handles a DST zone on both sides of the change', () => {
		expect(resolveCallTime(field, '2024-03-31T01:30:00Z', 'Europe/Berlin').text).toBe('2024-03-31 03:30:00');
		expect(resolveCallTime(field, '2024-03-30 12:00:00', 'Europe/Berlin').epochSeconds).toBe(
			Date.UTC(2024, 2, 30, 11) / 1000,
		);
	});

	it.each([['2021-02-30 10:00:00'], ['2021-02-01 24:00:00'], ['yesterday'], [''], [null], [{}], [Number.NaN]])(
		'rejects %p naming the field and the accepted forms',
		(value) => {
			expect(() => resolveCallTime(field, value, 'UTC')).toThrow(/"Begin Time" \(beginTime\).*(ISO 8601|real date)/);
		},
	);

	it('validates IANA zones', () => {
		expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
		expect(isValidTimeZone('')).toBe(false);
	});
});

describe('retryAfterMs', () => {
	const now = Date.UTC(2026, 0, 1);
	it('reads seconds and HTTP dates, and bounds them', () => {
		expect(retryAfterMs('2', now, 1000, 60000)).toBe(2000);
		expect(retryAfterMs(new Date(now + 5000).toUTCString(), now, 1000, 60000)).toBe(5000);
		expect(retryAfterMs(undefined, now, 1000, 60000)).toBe(1000);
		expect(retryAfterMs('soon', now, 1000, 60000)).toBe(1000);
		expect(retryAfterMs('99999', now, 1000, 60000)).toBe(60000);
	});
});

describe('readHttpFailure', () => {
	it('finds status, body and headers inside a wrapped axios-like error, and nothing else', () => {
		const axiosLike = Object.assign(new Error('Request failed with status code 429'), {
			code: 'ERR_BAD_REQUEST',
			config: { headers: { Authorization: 'Bearer secret-token' } },
			response: { status: 429, headers: { 'Retry-After': '3' }, data: '{"resultCode":"x"}' },
		});
		const wrapped = Object.assign(new Error('wrapped'), { cause: axiosLike });
		const failure = readHttpFailure(wrapped);
		expect(failure).toMatchObject({ status: 429, headers: { 'retry-after': '3' }, body: '{"resultCode":"x"}' });
		expect(JSON.stringify(failure)).not.toContain('secret-token');
	});

	it('tells a refused connection (not sent) from a reset one (maybe sent)', () => {
		expect(readHttpFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).maybeSent).toBe(false);
		expect(readHttpFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).maybeSent).toBe(true);
		expect(readHttpFailure(Object.assign(new Error('timeout of 50ms exceeded'), { code: 'ECONNABORTED' }))).toMatchObject({
			timedOut: true,
			maybeSent: true,
		});
	});

	it('redacts every occurrence of a secret', () => {
		expect(redact('sk=abcd1234 again abcd1234', ['abcd1234', undefined])).toBe('sk=*** again ***');
	});
});

describe('toStringList', () => {
	const staff = { displayName: 'Agent User IDs', name: 'additionalFields.staffIds' };
	it('flattens a list mapped into one entry of a multi-value field', () => {
		expect(toStringList(staff, [['1001', '1002'], '1003'], 64)).toEqual(['1001', '1002', '1003']);
		expect(toStringList(staff, [[['1001']], [1002, '1003,1004']], 64)).toEqual(['1001', '1002', '1003', '1004']);
		expect(toStringList(staff, [[]], 64)).toEqual([]);
	});

	it('still refuses what is not an id inside a nested list, naming the field', () => {
		expect(() => toStringList(staff, [[{}]], 64)).toThrow(/"Agent User IDs" \(additionalFields\.staffIds\).*list of ids/);
		expect(() => toStringList(staff, [[1e20]], 64)).toThrow(/list of ids/);
	});
});

describe('resolveCallTime upper bound', () => {
	it('checks the year of the wall-clock time that is sent, not of the UTC instant', () => {
		// 9999-12-31 23:00 UTC is already 10000-01-01 07:00 in Shanghai.
		expect(() => resolveCallTime(field, '9999-12-31T23:00:00Z', 'Asia/Shanghai')).toThrow(
			/"Begin Time" \(beginTime\).*is 10000-01-01 07:00:00 in Asia\/Shanghai; must be at most 9999-12-31 23:59:59/,
		);
		expect(resolveCallTime(field, '9999-12-31T23:00:00Z', 'America/New_York').text).toBe('9999-12-31 18:00:00');
		expect(resolveCallTime(field, '9999-12-31 23:59:59', 'Asia/Shanghai').text).toBe('9999-12-31 23:59:59');
	});
});

describe('sameResultCode', () => {
	it('takes a code printed as a number, having lost its leading zero, for the same code', () => {
		expect(sameResultCode(409000, '0409000')).toBe(true);
		expect(sameResultCode('0409000', '0409000')).toBe(true);
		expect(sameResultCode(1010200, '1010200')).toBe(true);
		expect(sameResultCode('409000', '0409000')).toBe(true);
	});

	it('refuses other codes and missing ones', () => {
		expect(sameResultCode(409001, '0409000')).toBe(false);
		expect(sameResultCode('0408000', '0409000')).toBe(false);
		expect(sameResultCode(undefined, '0409000')).toBe(false);
		expect(sameResultCode('', '0409000')).toBe(false);
		expect(sameResultCode('04090000', '0409000')).toBe(false);
		expect(sameResultCode('0409000x', '0409000')).toBe(false);
	});
});

describe('parseJsonKeepingIds with a leading zero', () => {
	it('reads the documented unquoted "resultCode": 0409000 as the text 0409000', () => {
		expect(parseJsonKeepingIds('{"resultCode": 0409000, "resultDesc": "操作成功", "n": 0, "f": 0.5}')).toEqual({
			ok: true,
			value: { resultCode: '0409000', resultDesc: '操作成功', n: 0, f: 0.5 },
		});
	});
});

describe('credentialUrlProblem', () => {
	it('accepts full http(s) URLs', () => {
		expect(credentialUrlProblem({ baseUrl: 'https://service.besclouds.com' })).toBeUndefined();
		expect(credentialUrlProblem({ baseUrl: 'http://127.0.0.1:8080/', tokenUrl: '' })).toBeUndefined();
		expect(
			credentialUrlProblem({ baseUrl: 'https://cec.example.com', tokenUrl: 'https://cec.example.com:28070/apigovernance/api/oauth/tokenByAkSk' }),
		).toBeUndefined();
	});

	it.each([
		[{ baseUrl: 'service.besclouds.com' }, /Base URL must be a full URL starting with https:\/\/ or http:\/\/.*got "service\.besclouds\.com"/],
		[{ baseUrl: '' }, /Base URL .* got nothing/],
		[{ baseUrl: 'ftp://cec.example.com' }, /Base URL/],
		[{ baseUrl: 'https://cec.example.com', tokenUrl: 'cec.example.com:28070/x' }, /Token URL must be a full URL/],
	])('names the field and what is valid for %p', (data, message) => {
		expect(credentialUrlProblem(data)).toMatch(message);
	});
});
