/**
 * helpers/time: call times in a zone, instants, DST, the year bound; IANA zones.
 */
import { isValidTimeZone, resolveCallTime } from '../../../nodes/HuaweiCecQuality/helpers/time';

const field = { displayName: 'Begin Time', name: 'beginTime' };

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
