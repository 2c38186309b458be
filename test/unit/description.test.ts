/**
 * The description n8n reads — every property, option and display rule of the node, the trigger and
 * the credential — against the one recorded in fixtures/description.json, so a refactoring that
 * changes what the editor shows fails here. A deliberate change re-records it:
 * CEC_RECORD_DESCRIPTION=1 npx jest test/unit/description.test.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { HuaweiCecApi } from '../../credentials/HuaweiCecApi.credentials';
import { HuaweiCecQuality } from '../../nodes/HuaweiCecQuality/HuaweiCecQuality.node';
import { HuaweiCecQualityTrigger } from '../../nodes/HuaweiCecQuality/HuaweiCecQualityTrigger.node';

const RECORD = path.join(__dirname, 'fixtures', 'description.json');

/** What JSON keeps of the descriptions (functions such as authenticate are code, not description). */
function described(): unknown {
	const descriptions = {
		node: new HuaweiCecQuality().description,
		trigger: new HuaweiCecQualityTrigger().description,
		credential: new HuaweiCecApi(),
	};
	return JSON.parse(JSON.stringify(descriptions));
}

describe('the description n8n reads', () => {
	it('is the recorded one: every property, option and display rule', () => {
		if (process.env.CEC_RECORD_DESCRIPTION) fs.writeFileSync(RECORD, `${JSON.stringify(described(), null, '\t')}\n`);
		expect(described()).toEqual(JSON.parse(fs.readFileSync(RECORD, 'utf8')));
	});
});
