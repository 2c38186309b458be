/**
 * helpers/resultCode: result codes compared as the API prints them.
 */
import { sameResultCode } from '../../../nodes/HuaweiCecQuality/helpers/resultCode';

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
