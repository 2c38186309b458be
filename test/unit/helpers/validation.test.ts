/**
 * helpers/validation: lists of ids.
 */
import { toStringList } from '../../../nodes/HuaweiCecQuality/helpers/validation';

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
