/**
 * What every real-n8n suite shares: the n8n versions to run, fixtures, and the packed package
 * (built unless CEC_E2E_SKIP_BUILD=1, packed the way a community install gets it: once per test file, or
 * once per run with CEC_E2E_PACKED).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const realN8n = require('../../scripts/lib/realN8n');

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(__dirname, 'fixtures');

/** n8n majors to run: CEC_E2E_N8N_MAJORS=2 (or 1) narrows a local run; both by default. */
export const MAJORS = (process.env.CEC_E2E_N8N_MAJORS || '2,1')
	.split(',')
	.map((major) => Number(major.trim()))
	.filter((major) => major === 1 || major === 2);

/** Installing n8n on a cold cache takes minutes; `testTimeout` in a jest project entry is not applied to hooks. */
export const LONG = 15 * 60 * 1000;

export const fixture = (name: string): any => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

/**
 * Registers the build-and-pack hooks; the returned function gives the tarball's path once they ran.
 * CEC_E2E_PACKED=<tgz> (scripts/test-all.sh packs once after its build) uses that tarball instead.
 */
export function usePackedPackage(): () => string {
	let tgz = '';
	const prepacked = process.env.CEC_E2E_PACKED;
	beforeAll(() => {
		if (prepacked) {
			if (!fs.existsSync(prepacked)) throw new Error(`CEC_E2E_PACKED=${prepacked} does not exist`);
			tgz = prepacked;
			return;
		}
		if (!process.env.CEC_E2E_SKIP_BUILD) {
			try {
				execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'pipe', encoding: 'utf8' });
			} catch (error) {
				const e = error as { stdout?: string; stderr?: string };
				throw new Error(`npm run build failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
			}
		}
		tgz = realN8n.packPackage(REPO_ROOT);
	});
	afterAll(() => {
		if (!prepacked) realN8n.removePackedPackages();
	});
	return () => tgz;
}

/**
 * Everything an n8n instance kept of its runs — stored executions, the runs' stdout/stderr, and the
 * whole SQLite file (credentials are stored encrypted, so no plaintext secret may appear anywhere).
 */
export async function storedTexts(n8n: any, runs: Array<{ stdout: string; stderr: string }>): Promise<string> {
	const executions = await n8n.executions();
	expect(executions.length).toBe(runs.length);
	const texts: string[] = [];
	for (const e of executions) texts.push(e.dataRaw ?? '', JSON.stringify(e.data ?? null), JSON.stringify(e.workflowData ?? null));
	for (const run of runs) texts.push(run.stdout, run.stderr);
	// With an execute session, also everything it printed outside the runs' frames.
	if (typeof n8n.sessionOutput === 'function') texts.push(await n8n.sessionOutput());
	for (const suffix of ['', '-wal', '-journal']) {
		const file = `${n8n.dbPath}${suffix}`;
		if (fs.existsSync(file)) texts.push(fs.readFileSync(file).toString('latin1'));
	}
	return texts.join('\n');
}

/** pairedItem as n8n 1.x and 2.x store it (a number, an object, or a list), as `{ item }` objects. */
export const normalisePairedItem = (p: any): any =>
	typeof p === 'number' ? { item: p } : Array.isArray(p) ? p.map(normalisePairedItem) : p;

/** What to show when an `n8n execute` run failed: exit code, stored error, and the output's tail. */
export function describeFailure(run: { exitCode?: number; stdout?: string; stderr?: string; execution?: any }): string {
	const err = run.execution?.data?.resultData?.error;
	return [
		`exit ${run.exitCode}, execution ${run.execution?.id} status ${run.execution?.status}`,
		err ? `error: ${err.message} ${err.description ?? ''}` : '',
		`stdout (tail): ${String(run.stdout).slice(-2500)}`,
		`stderr (tail): ${String(run.stderr).slice(-2500)}`,
	].join('\n');
}

export function expectOk(run: { ok: boolean; exitCode?: number; stdout?: string; stderr?: string; execution?: any }): void {
	if (!run.ok) throw new Error(`n8n execution failed:\n${describeFailure(run)}`);
}

/** Create Inspection's parameters, every field mapped from the item's field of the same name. */
export const inspectionParameters = (options: Record<string, unknown> = {}) => ({
	resource: 'inspection',
	operation: 'create',
	language: 'zh_CN',
	voiceFilePath: '={{ $json.voiceFilePath }}',
	agentId: '={{ $json.agentId }}',
	beginTime: '={{ $json.beginTime }}',
	endTime: '={{ $json.endTime }}',
	options,
});
