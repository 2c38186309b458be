/**
 * Tests of the CEC mock's speech to text (spec §5.4, test/mock/routes/speechToText.js): voice2Text takes
 * qualityInspect's body; getTextByTaskId answers an empty bytesZip while the text is not ready, then a
 * real ZIP in Base64, and refuses a task older than three days.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';

import { startCecMock } from '../../mock/cecMock';
import type { MockClient } from '../../mock/cecMockClient';
import { useMocks } from './startMock';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unzipArchive } = require('../../mock/zip') as { unzipArchive: (archive: Buffer) => { name: string; text: string }[] };

const start = useMocks();

const RECORDING = { language: 'en_US', voiceFilePath: '/obs/calls/2026/12/call-1.wav', agentId: 1118, beginTime: '2026-12-07 09:00:00', endTime: '2026-12-07 09:01:00' };
const DAY_MS = 24 * 3600 * 1000;

async function transcribe(client: MockClient, body: Record<string, unknown> = RECORDING): Promise<string> {
	const answer = await client.call('voice2Text', body);
	expect(answer.status).toBe(200);
	expect(answer.json).toMatchObject({ resultCode: '1010200', duration: '60' });
	expect(answer.json.taskId).toMatch(/^\d{20}$/);
	return answer.json.taskId;
}

describe('voice2Text', () => {
	it('takes exactly qualityInspect\'s body and answers a taskId and the duration as strings', async () => {
		const { mock, client } = await start();
		const taskId = await transcribe(client);
		expect(mock.speechTasks()).toMatchObject([{ taskId, language: 'en_US', voiceFilePath: RECORDING.voiceFilePath, polls: 0 }]);
		const rejected = [
			[{ ...RECORDING, language: 'fr_FR' }, 'language'],
			[{ ...RECORDING, agentId: '1118' }, 'agentId'],
			[{ ...RECORDING, beginTime: '2026-12-07T09:00:00Z' }, 'beginTime'],
			[{ ...RECORDING, endTime: '2026-12-07 08:00:00' }, 'endTime'],
			[{ ...RECORDING, taskId: '1' }, 'taskId'],
		] as const;
		for (const [body, field] of rejected) {
			const answer = await client.call('voice2Text', body);
			expect({ field, status: answer.status }).toEqual({ field, status: 400 });
			expect(answer.json.resultDesc).toContain(field);
		}
		expect(mock.speechTasks()).toHaveLength(1);
	});

	it('needs no x-UserId (an openapi API)', async () => {
		const { client } = await start();
		expect((await client.call('voice2Text', RECORDING, { operator: null })).status).toBe(200);
	});
});

describe('getTextByTaskId', () => {
	it('answers an empty bytesZip for the first poll (not ready), then the text as a real ZIP that unzip accepts', async () => {
		const { client } = await start();
		const taskId = await transcribe(client);
		const first = await client.call('getTextByTaskId', { taskId, language: 'en_US' });
		expect(first.status).toBe(200);
		expect(first.json).toMatchObject({ resultCode: '1010200', bytesZip: '' });
		const second = await client.call('getTextByTaskId', { taskId, language: 'en_US' });
		expect(second.json.resultCode).toBe('1010200');
		const archive = Buffer.from(second.json.bytesZip, 'base64');
		expect(archive.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
		const files = unzipArchive(archive);
		expect(files).toHaveLength(1);
		expect(files[0].name).toBe(`${taskId}.txt`);
		expect(files[0].text).toContain('Agent: Hello');
		// Where Debian's unzip is installed, it checks the CRCs and the central directory too.
		const dir = mkdtempSync(path.join(tmpdir(), 'cec-zip-'));
		try {
			writeFileSync(path.join(dir, 'text.zip'), archive);
			expect(execFileSync('unzip', ['-t', path.join(dir, 'text.zip')]).toString()).toContain('No errors detected');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('answers the text at once with speechToText.notReadyPolls 0, and only after 3 polls with 3', async () => {
		const ready = await start({ speechToText: { notReadyPolls: 0 } });
		const taskId = await transcribe(ready.client);
		expect((await ready.client.call('getTextByTaskId', { taskId, language: 'en_US' })).json.bytesZip).not.toBe('');
		const slow = await start({ speechToText: { notReadyPolls: 3 } });
		const slowId = await transcribe(slow.client);
		const texts = [];
		for (let poll = 0; poll < 4; poll += 1) texts.push((await slow.client.call('getTextByTaskId', { taskId: slowId, language: 'en_US' })).json.bytesZip);
		expect(texts.map((text) => text !== '')).toEqual([false, false, false, true]);
		await expect(startCecMock({ speechToText: { notReadyPolls: -1 } })).rejects.toThrow('notReadyPolls');
	});

	it('refuses an unknown task, a task older than 3 days, another language, and a FAIL-marked recording', async () => {
		const { mock, client } = await start({ speechToText: { notReadyPolls: 0 } });
		const failure = (answer: { status: number; json: any }, reason: string) => {
			expect(answer.status).toBe(200);
			expect(answer.json.resultCode).toBe('1010001');
			expect(answer.json.resultDesc).toContain(reason);
		};
		failure(await client.call('getTextByTaskId', { taskId: '20210201095107999999', language: 'zh_CN' }), 'no speech-to-text task');
		const [old, recent] = mock.addSpeechTasks([{ language: 'zh_CN', ageMs: 3 * DAY_MS + 60_000 }, { language: 'zh_CN', ageMs: 3 * DAY_MS - 60_000 }]);
		failure(await client.call('getTextByTaskId', { taskId: old.taskId, language: 'zh_CN' }), '3 days');
		expect((await client.call('getTextByTaskId', { taskId: recent.taskId, language: 'zh_CN' })).json.resultCode).toBe('1010200');
		failure(await client.call('getTextByTaskId', { taskId: recent.taskId, language: 'en_US' }), 'zh_CN');
		const failing = await transcribe(client, { ...RECORDING, voiceFilePath: '/obs/FAIL31.wav' });
		failure(await client.call('getTextByTaskId', { taskId: failing, language: 'en_US' }), 'failed');
	});

	it('rejects a body without taskId or language, or with a numeric taskId', async () => {
		const { client } = await start();
		for (const [body, field] of [[{ language: 'zh_CN' }, 'taskId'], [{ taskId: '1' }, 'language'], [{ taskId: 1, language: 'zh_CN' }, 'taskId']] as const) {
			const answer = await client.call('getTextByTaskId', body);
			expect({ field, status: answer.status }).toEqual({ field, status: 400 });
			expect(answer.json.resultDesc).toContain(field);
		}
	});

	it('POST /__mock/speech-tasks seeds (e.g. an old task), GET lists', async () => {
		const { mock } = await start({ controlEndpoints: true });
		const added = await fetch(`${mock.url}/__mock/speech-tasks`, { method: 'POST', body: JSON.stringify({ speechTasks: [{ language: 'en_US', ageMs: 4 * DAY_MS }] }) });
		expect(added.status).toBe(200);
		const bad = await fetch(`${mock.url}/__mock/speech-tasks`, { method: 'POST', body: JSON.stringify({ speechTasks: [{ language: 'de_DE' }] }) });
		expect(bad.status).toBe(400);
		const listed = (await (await fetch(`${mock.url}/__mock/speech-tasks`)).json()) as { speechTasks: { language: string }[] };
		expect(listed.speechTasks).toMatchObject([{ language: 'en_US' }]);
	});
});
