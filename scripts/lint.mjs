/**
 * `npm run lint`: n8n's verification scanner (@n8n/scan-community-package), run here on what it would
 * fetch. The scanner lints the provenance-attested source (package.json, nodes/, credentials/) and the
 * published tarball's JavaScript and package.json, with its own configuration and inline eslint
 * comments ignored; this calls its own `analyzePackage` on the working tree and on `npm pack`'s
 * output, so no project config can soften it. Needs a fresh `npm run build`. Warnings are printed;
 * errors fail, as in the scanner.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
	buildScanConfig,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

/** The scanner reports only files with errors; the same configuration also shows its warnings. */
async function warningsOf(dir, patterns) {
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	const results = (await eslint.lintFiles(patterns)).filter((result) => result.warningCount > 0);
	return results.length === 0 ? '' : (await eslint.loadFormatter('stylish')).format(results);
}

function pack() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cec-scan-'));
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
	const tarball = out.trim().split('\n').pop();
	execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
	return { dir, packageDir: path.join(dir, 'package') };
}

const packed = pack();
let failed = false;
try {
	for (const [label, dir, patterns] of [
		['source (package.json, nodes/, credentials/)', root, SOURCE_FILE_PATTERNS],
		['packed tarball (dist/**/*.js, package.json)', packed.packageDir, TARBALL_FILE_PATTERNS],
	]) {
		const result = await analyzePackage(dir, patterns);
		const warnings = await warningsOf(dir, patterns);
		console.log(`${result.passed ? 'passed' : 'FAILED'}: n8n scanner on the ${label}${result.message ? `: ${result.message}` : ''}`);
		if (result.details) console.log(result.details);
		else if (warnings) console.log(warnings);
		failed ||= !result.passed;
	}
} finally {
	fs.rmSync(packed.dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
