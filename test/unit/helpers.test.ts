import { parseJsonKeepingIds } from '../../nodes/HuaweiCecQuality/helpers/json';
import { retryAfterMs } from '../../nodes/HuaweiCecQuality/helpers/retryAfter';
import { isValidTimeZone, resolveCallTime } from '../../nodes/HuaweiCecQuality/helpers/time';
import { readHttpFailure, redact } from '../../nodes/HuaweiCecQuality/helpers/httpFailure';

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
