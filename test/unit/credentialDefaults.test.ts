/**
 * The pure readers of the credential's defaults (actions/fields.ts): which operator and role an item
 * gets from its own value and the credential's, and how a bad default is named.
 */
import { HuaweiCecApi } from '../../credentials/HuaweiCecApi.credentials';
import {
	chooseOperator,
	chooseRole,
	credentialDefaultsOf,
	currentRole,
	fieldOf,
	operatorOrDefault,
	operatorUserId,
	ROLES,
} from '../../nodes/HuaweiCecQuality/actions/fields';
import { InvalidFieldError } from '../../nodes/HuaweiCecQuality/helpers/validation';

const OPERATOR = fieldOf(operatorUserId);
const ROLE = fieldOf(currentRole);
const ID = '1611917095665261978';
const OTHER = '1611917095665261979';

function refusal(run: () => unknown): InvalidFieldError {
	try {
		run();
	} catch (error) {
		if (error instanceof InvalidFieldError) return error;
		throw error;
	}
	throw new Error('not refused');
}

describe('credentialDefaultsOf', () => {
	it('a credential saved before the defaults existed: no operator, qualityDirector', () => {
		expect(credentialDefaultsOf({})).toEqual({ operatorUserId: '', role: 'qualityDirector' });
	});

	it('takes the credential\'s values as they are (checked where used)', () => {
		expect(credentialDefaultsOf({ defaultOperatorUserId: 'x', defaultRole: 'tableStaff' })).toEqual({ operatorUserId: 'x', role: 'tableStaff' });
	});

	it('the credential lists both fields, Default Role offering exactly the node\'s roles', () => {
		const properties = new HuaweiCecApi().properties;
		const role = properties.find((property) => property.name === 'defaultRole');
		expect(properties.find((property) => property.name === 'defaultOperatorUserId')).toMatchObject({ type: 'string', default: '' });
		expect(role?.default).toBe('qualityDirector');
		expect(role?.options?.map((option) => (option as { value: string }).value)).toEqual([...ROLES]);
	});
});

describe('chooseOperator', () => {
	it('the item\'s own value wins over the default', () => {
		expect(chooseOperator(OPERATOR, OTHER, credentialDefaultsOf({ defaultOperatorUserId: ID }))).toBe(OTHER);
	});

	it.each(['', null, undefined])('own value %p: the default', (own) => {
		expect(chooseOperator(OPERATOR, own, credentialDefaultsOf({ defaultOperatorUserId: ` ${ID} ` }))).toBe(ID);
	});

	it('neither: refused under the item\'s field, saying both places to set one', () => {
		const error = refusal(() => chooseOperator(OPERATOR, '', credentialDefaultsOf({})));
		expect(error.field).toEqual(OPERATOR);
		expect(error.message).toMatch(/^Invalid "Operator User ID" \(operatorUserId\): got an empty string; .*set it here, or set "Default Operator User ID" in the Huawei Cloud CEC API credential$/);
	});

	it.each(['12ab', '1'.repeat(21), 1611917095665261978])('a default %p that is not an id: refused as the credential\'s field', (bad) => {
		const error = refusal(() => chooseOperator(OPERATOR, '', credentialDefaultsOf({ defaultOperatorUserId: bad })));
		expect(error.field).toEqual({ displayName: 'Default Operator User ID', name: 'defaultOperatorUserId', inCredential: true });
		expect(error.message).toMatch(/^Invalid credential field "Default Operator User ID" \(defaultOperatorUserId\): got /);
	});

	it('a bad own value is refused under its own field, even with a good default', () => {
		expect(refusal(() => chooseOperator(OPERATOR, 'abc', credentialDefaultsOf({ defaultOperatorUserId: ID }))).field).toEqual(OPERATOR);
	});

	it('operatorOrDefault: neither is no operator, not an error', () => {
		expect(operatorOrDefault(OPERATOR, '', credentialDefaultsOf({}))).toBeUndefined();
	});
});

describe('chooseRole', () => {
	it.each(['fromCredential', '', undefined, null])('own value %p: the credential\'s Default Role', (own) => {
		expect(chooseRole(ROLE, own, credentialDefaultsOf({ defaultRole: 'qualityInspector' }))).toBe('qualityInspector');
		expect(chooseRole(ROLE, own, credentialDefaultsOf({}))).toBe('qualityDirector');
	});

	it('a role set on the operation overrides it', () => {
		expect(chooseRole(ROLE, 'tableStaff', credentialDefaultsOf({ defaultRole: 'qualityInspector' }))).toBe('tableStaff');
	});

	it('a bad Default Role is refused as the credential\'s field; a bad own role as the operation\'s', () => {
		expect(refusal(() => chooseRole(ROLE, 'fromCredential', credentialDefaultsOf({ defaultRole: 'admin' }))).message).toMatch(
			/^Invalid credential field "Default Role" \(defaultRole\): got "admin"; must be one of "qualityDirector"/,
		);
		expect(refusal(() => chooseRole(ROLE, 'admin', credentialDefaultsOf({}))).field).toEqual(ROLE);
	});

	it('Current Role\'s default is From Credential: an old workflow, which stored nothing, gets the credential\'s role', () => {
		expect(currentRole.default).toBe('fromCredential');
	});
});
