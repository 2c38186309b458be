/**
 * The oldest n8n the README names: the packed package loads against that n8n's n8n-workflow (the copy
 * n8n gives a community package) and finds every n8n-workflow export its code uses; the n8n release
 * before it does not have them, so the README's minimum is the true one.
 * How it loads: scripts/lib/n8n/compatibility.js.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { LONG, REPO_ROOT, usePackedPackage } from './setup';

const { OLDEST_N8N, checkCompatibility } = require('../../scripts/lib/n8n/compatibility');

/** The release before the oldest named that this registry has: its n8n-workflow lacks NodeConnectionTypes. */
const OLDER_N8N = '1.82.3';

jest.setTimeout(LONG);
const packedPackage = usePackedPackage();

test(`the README names n8n ${OLDEST_N8N.replace(/\.\d+$/, '')} as the oldest 1.x`, () => {
	const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
	expect(readme).toContain(`Requires n8n ≥ ${OLDEST_N8N.replace(/\.\d+$/, '')}`);
});

test(`the packed package loads in n8n ${OLDEST_N8N}, and every n8n-workflow export it uses is there`, () => {
	expect(checkCompatibility(packedPackage(), OLDEST_N8N).problems).toEqual([]);
});

test(`the check can fail: in n8n ${OLDER_N8N} the nodes do not load (no NodeConnectionTypes)`, () => {
	const { problems } = checkCompatibility(packedPackage(), OLDER_N8N);
	expect(problems).toEqual(
		expect.arrayContaining([
			'dist/nodes/HuaweiCecQuality/HuaweiCecQuality.node.js does not load: Cannot read properties of undefined (reading \'Main\')',
			"the built code uses n8n-workflow's NodeConnectionTypes, which this n8n-workflow does not export",
		]),
	);
});
