/**
 * The rules n8n's verification scanner runs: eslint-plugin-n8n-nodes-base (community, credentials,
 * nodes) and @n8n/eslint-plugin-community-nodes "recommended" (the n8n Cloud variant), over the
 * sources and package.json, and the community-nodes rules over the packed package as well
 * (scripts/lint.sh unpacks it into .cache/packed). Run with --no-inline-config, as the scanner does.
 */
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const communityNodes = n8nCommunityNodesPlugin.configs.recommended;

/**
 * credential-password-field flags every field whose name contains "token" or "cert", including the
 * number `tokenLifetime` and the boolean `allowUnauthorizedCerts` (names fixed by saved credentials).
 * Obeying it would break n8n: its credential redaction calls `.startsWith` on every password-typed
 * value, which throws for numbers and booleans. The rule stays on for every other field; only those
 * two non-string fields are exempted, here and visibly.
 */
const NON_STRING_FIELDS_WITH_SENSITIVE_LOOKING_NAMES = new Set(['tokenLifetime', 'allowUnauthorizedCerts']);
const passwordFieldRule = n8nCommunityNodesPlugin.rules['credential-password-field'];
const projectRules = {
	rules: {
		'credential-password-field-for-strings': {
			meta: passwordFieldRule.meta,
			create(context) {
				const filtered = Object.create(context, {
					report: {
						value: (descriptor) => {
							if (!NON_STRING_FIELDS_WITH_SENSITIVE_LOOKING_NAMES.has(descriptor.data?.fieldName)) {
								context.report(descriptor);
							}
						},
					},
				});
				return passwordFieldRule.create(filtered);
			},
		},
	},
};

/**
 * Where the two rule sets contradict each other, the community-nodes rule (the newer one, which
 * n8n's scanner runs) wins: these eslint-plugin-n8n-nodes-base rules demand the opposite.
 *  - inputs/outputs: base wants the literal 'main'; community-nodes wants NodeConnectionTypes.Main.
 *  - documentationUrl camelCase: by its own description "only applicable to nodes in the main
 *    repository"; community-nodes requires a full URL.
 */
const supersededBaseRules = {
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
	'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
	'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
	'@n8n/community-nodes/credential-password-field': 'off',
	'project/credential-password-field-for-strings': 'error',
};
const plugins = { 'n8n-nodes-base': n8nNodesBase, '@n8n/community-nodes': n8nCommunityNodesPlugin, project: projectRules };
const typescript = { parser: tsParser, sourceType: 'module', ecmaVersion: 'latest' };
const json = { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } };
const PACKED = '.cache/packed/package';

export default [
	{ ignores: ['**/node_modules/**', 'dist/**', 'test/**', 'scripts/**', 'bench/**', '*.js', '*.mjs'] },
	{
		files: ['credentials/**/*.ts'],
		languageOptions: typescript,
		plugins,
		rules: { ...n8nNodesBase.configs.credentials.rules, ...communityNodes.rules, ...supersededBaseRules },
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: typescript,
		plugins,
		rules: { ...n8nNodesBase.configs.nodes.rules, ...communityNodes.rules, ...supersededBaseRules },
	},
	{
		files: ['package.json'],
		languageOptions: json,
		plugins,
		rules: { ...n8nNodesBase.configs.community.rules, ...communityNodes.rules, ...supersededBaseRules },
	},
	{
		files: [`${PACKED}/dist/**/*.js`],
		languageOptions: { sourceType: 'commonjs', ecmaVersion: 'latest' },
		plugins,
		rules: { ...communityNodes.rules, ...supersededBaseRules },
	},
	{
		files: [`${PACKED}/package.json`],
		languageOptions: json,
		plugins,
		rules: { ...n8nNodesBase.configs.community.rules, ...communityNodes.rules, ...supersededBaseRules },
	},
];
