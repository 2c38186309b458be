/**
 * Options fields write their values once, in their options: what validation accepts for a field is what
 * the editor offers, and the tables keyed by those values (value → wire code, code → words) follow them.
 */
import { offered, optionsProperty } from '../../../nodes/HuaweiCecQuality/actions/fields';
import { ITEM_TYPE_TEXT, ITEM_TYPES, itemType } from '../../../nodes/HuaweiCecQuality/actions/inspectionItem/item';
import { buildActivateBody } from '../../../nodes/HuaweiCecQuality/actions/reviewTask/activate.operation';
import { toChoice } from '../../../nodes/HuaweiCecQuality/helpers/validation';

describe('options fields', () => {
	const pick = optionsProperty({ displayName: 'Pick', name: 'pick', default: 'b' }, [
		{ name: 'A', value: 'a' },
		{ name: 'B', value: 'b' },
	]);

	it('offer their values in the editor\'s order, and validation accepts exactly those', () => {
		expect(offered(pick)).toEqual(['a', 'b']);
		expect(toChoice({ displayName: 'Pick', name: 'pick' }, 'b', offered(pick))).toBe('b');
		expect(() => toChoice({ displayName: 'Pick', name: 'pick' }, 'c', offered(pick))).toThrow('must be one of "a", "b"');
	});

	it('lay out the property as before: no key is added for the values', () => {
		expect(pick).toEqual({ displayName: 'Pick', name: 'pick', type: 'options', options: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }], default: 'b' });
	});

	it('key their tables by the offered values: Item Type → taskType code → the option\'s name', () => {
		expect(Object.keys(ITEM_TYPES).sort()).toEqual(offered(itemType).sort());
		expect(ITEM_TYPE_TEXT).toEqual({ '1': 'Problem', '2': 'Appeal' });
	});

	it('refuse a value the field does not offer, naming the offered ones (Activate → When)', () => {
		expect(() => buildActivateBody('1', { when: 'later', reserveTime: '' }, 'UTC')).toThrow('"When" (when): got "later"; must be one of "now", "atTime"');
	});
});
