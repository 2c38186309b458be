/**
 * helpers/json: JSON parsed with unquoted long ids kept exact.
 */
import { parseJsonKeepingIds } from '../../../nodes/HuaweiCecQuality/helpers/json';

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

describe('parseJsonKeepingIds with a leading zero', () => {
	it('reads the documented unquoted "resultCode": 0409000 as the text 0409000', () => {
		expect(parseJsonKeepingIds('{"resultCode": 0409000, "resultDesc": "操作成功", "n": 0, "f": 0.5}')).toEqual({
			ok: true,
			value: { resultCode: '0409000', resultDesc: '操作成功', n: 0, f: 0.5 },
		});
	});
});
