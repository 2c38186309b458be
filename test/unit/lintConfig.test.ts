/**
 * The lint configuration exempts exactly two non-string credential fields from
 * credential-password-field (see eslint.config.mjs); this proves the rule still bites everywhere else.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function lintCredential(fields: string): string[] {
	const source = `import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
export class FakeApi implements ICredentialType {
	name = 'fakeApi';
	displayName = 'Fake API';
	icon = { light: 'file:fake.svg', dark: 'file:fake.dark.svg' } as const;
	documentationUrl = 'https://example.com/docs';
	properties: INodeProperties[] = [${fields}];
	test: ICredentialTestRequest = { request: { url: 'https://example.com' } };
}
`;
	const result = spawnSync(
		process.execPath,
		[path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--no-inline-config', '--format', 'json', '--stdin', '--stdin-filename', 'credentials/Fake.credentials.ts'],
		{ cwd: ROOT, input: source, encoding: 'utf8' },
	);
	const [report] = JSON.parse(result.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
	return report.messages.filter((m) => m.ruleId === 'project/credential-password-field-for-strings').map((m) => m.message);
}

describe('lint configuration', () => {
	it('still requires password masking on a sensitive string field', () => {
		const messages = lintCredential(`{ displayName: 'API Token', name: 'apiToken', type: 'string', default: '' }`);
		expect(messages).toEqual([expect.stringContaining("Field 'apiToken' appears to be a sensitive field")]);
	}, 60_000);

	it('exempts only the number tokenLifetime and the boolean allowUnauthorizedCerts', () => {
		const messages = lintCredential(`
			{ displayName: 'Token Lifetime', name: 'tokenLifetime', type: 'number', default: 3600 },
			{ displayName: 'Ignore SSL Issues', name: 'allowUnauthorizedCerts', type: 'boolean', default: false },
			{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', default: '' }`);
		expect(messages).toEqual([expect.stringContaining("Field 'clientSecret' appears to be a sensitive field")]);
	}, 60_000);
});
