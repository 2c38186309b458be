/**
 * `npm run lint` is n8n's verification scanner itself (scripts/lint.mjs calls its analyzePackage).
 * These cases prove that what the scanner rejects, the lint rejects, and that an inline
 * eslint-disable comment does not help, as in the real scan.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs the scanner's own analyzePackage over a copy of package.json, nodes/ and credentials/. */
function scanCopy(edit: (dir: string) => void): { passed: boolean; details: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cec-scan-test-'));
	try {
		for (const entry of ['package.json', 'nodes', 'credentials']) {
			fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
		}
		edit(dir);
		const script = `
			import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
			const result = await analyzePackage(${JSON.stringify(dir)}, SOURCE_FILE_PATTERNS);
			console.log(JSON.stringify({ passed: result.passed, details: result.details ?? '' }));`;
		// Not jest's NODE_ENV=test: eslint-plugin-n8n-nodes-base then treats every file as a node file.
		const env = { ...process.env, NODE_ENV: 'production' };
		const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8' });
		if (run.status !== 0) throw new Error(`scanner did not run: ${run.stderr}`);
		return JSON.parse(run.stdout.trim().split('\n').pop() as string);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

const CREDENTIAL = path.join('credentials', 'HuaweiCecApi.credentials.ts');
const ROUTER = path.join('nodes', 'HuaweiCecQuality', 'actions', 'router.ts');

jest.setTimeout(120_000);

describe('the scanner, as npm run lint runs it', () => {
	it('passes the sources as they are', () => {
		expect(scanCopy(() => undefined)).toEqual({ passed: true, details: '' });
	});

	it('rejects a credential field whose name looks secret and is not a password, despite an inline disable', () => {
		const result = scanCopy((dir) => {
			const file = path.join(dir, CREDENTIAL);
			const source = fs.readFileSync(file, 'utf8');
			const renamed = source.replace(
				"name: 'lifetimeSeconds',",
				"// eslint-disable-next-line @n8n/community-nodes/credential-password-field\n\t\t\tname: 'tokenLifetime',",
			);
			expect(renamed).not.toBe(source);
			fs.writeFileSync(file, renamed);
		});
		expect(result.passed).toBe(false);
		expect(result.details).toMatch(/Field 'tokenLifetime' appears to be a sensitive field/);
	});

	it('rejects setTimeout in a node, despite an inline disable', () => {
		const result = scanCopy((dir) => {
			const file = path.join(dir, ROUTER);
			fs.appendFileSync(file, '\n// eslint-disable-next-line\nexport const pause = () => setTimeout(() => undefined, 1);\n');
		});
		expect(result.passed).toBe(false);
		expect(result.details).toMatch(/setTimeout/);
	});
});
