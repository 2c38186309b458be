/**
 * Three suites: pure logic (unit), the node executed through n8n-core (engine), a real n8n process (e2e).
 * ts-jest only transpiles (tsconfig.test.json sets isolatedModules): type-checking each test file in every
 * worker cost about twice the CPU of the unit tests themselves on a cold cache; scripts/test-all.sh
 * type-checks the tests with one `tsc -p tsconfig.test.json` instead.
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: { warnOnly: false } }];
const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
	transform: { '^.+\\.ts$': tsJest },
	modulePathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/dist/'],
	...extra,
});
module.exports = {
	projects: [project('unit'), project('engine'), project('e2e', { testTimeout: 15 * 60 * 1000 })],
};
