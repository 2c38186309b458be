/** Speech to Text → Transcribe: voice2Text's body is qualityInspect's (§5.4); Wait for Text hands over the ZIP. */
import { refusal, run } from './run';

const RECORDING = {
	language: 'zh_CN',
	voiceFilePath: 'Y:\\27\\0\\20210201\\1118\\0951044.V3',
	agentId: 1118,
	beginTime: '2021-02-01 09:51:07',
	endTime: '2021-02-01 09:57:57',
};
const STARTED = { resultCode: '1010200', resultDesc: 'success', taskId: '20210201095107000123', duration: '410' };
const ZIP_BASE64 = Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18), 'latin1').toString('base64');

describe('Speech to Text → Transcribe', () => {
	it("sends qualityInspect's body to voice2Text and returns the taskId and duration", async () => {
		const { calls, outputs } = await run('transcribe', RECORDING, { voice2Text: [STARTED] });
		expect(calls.map((call) => call.name)).toEqual(['voice2Text']);
		expect(calls[0].operatorUserId).toBeUndefined();
		expect(JSON.stringify(calls[0].body)).toBe(
			'{"language":"zh_CN","voiceFilePath":"Y:\\\\27\\\\0\\\\20210201\\\\1118\\\\0951044.V3","agentId":1118,"beginTime":"2021-02-01 09:51:07","endTime":"2021-02-01 09:57:57"}',
		);
		expect(outputs).toEqual([{ json: STARTED }]);
	});

	it('auto-mapped: the recording from the input item, an offset converted to the tenant zone', async () => {
		const input = { ...RECORDING, beginTime: '2021-02-01T01:51:07Z', endTime: '2021-02-01T01:57:57Z', agentId: '1118' };
		const { calls } = await run('transcribe', { dataMode: 'autoMapInputData', input }, { voice2Text: [STARTED] });
		expect(calls[0].body).toEqual(RECORDING);
	});

	it('with Wait for Text: polls getTextByTaskId until the archive is there, and outputs it as binary data', async () => {
		const { calls, outputs } = await run(
			'transcribe',
			{ ...RECORDING, binaryPropertyName: 'transcript', options: { waitForText: true, pollIntervalSeconds: 1, maxWaitSeconds: 10 } },
			{
				voice2Text: [STARTED],
				getTextByTaskId: [
					{ resultCode: '1010200', resultDesc: 'success' },
					{ resultCode: '1010200', resultDesc: 'success', bytesZip: ZIP_BASE64 },
				],
			},
		);
		expect(calls.map((call) => [call.name, JSON.stringify(call.body)])).toEqual([
			['voice2Text', expect.any(String)],
			['getTextByTaskId', '{"taskId":"20210201095107000123","language":"zh_CN"}'],
			['getTextByTaskId', '{"taskId":"20210201095107000123","language":"zh_CN"}'],
		]);
		expect(outputs).toEqual([
			{
				json: { ...STARTED, fileName: '20210201095107000123.zip' },
				binary: { transcript: { data: ZIP_BASE64, fileName: '20210201095107000123.zip', mimeType: 'application/zip' } },
			},
		]);
		expect(JSON.stringify(outputs[0].json)).not.toContain(ZIP_BASE64);
	}, 15000);

	it('refuses an empty binary field name (with Wait for Text) and a bad recording, naming the field', () => {
		expect(refusal('transcribe', { ...RECORDING, binaryPropertyName: ' ', options: { waitForText: true } }).message).toMatch(
			/"Put Output File in Field" \(binaryPropertyName\).*must name the binary field/,
		);
		expect(refusal('transcribe', { ...RECORDING, language: 'de_DE' }).field.name).toBe('language');
		expect(refusal('transcribe', { ...RECORDING, endTime: '2021-02-01 09:00:00' }).field.name).toBe('endTime');
		expect(refusal('transcribe', { ...RECORDING, options: { waitForText: true, maxWaitSeconds: 0 } }).field.name).toBe('options.maxWaitSeconds');
	});
});
