/** Speech to Text → Get Text: getTextByTaskId's body (§5.4), the ZIP as binary data, not ready as an error. */
import { refusal, run } from './run';

const TASK = '20210201095107000123';
const ZIP_BASE64 = Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18), 'latin1').toString('base64');

describe('Speech to Text → Get Text', () => {
	it('asks for the task in its language and gives the archive as binary data in the named field, never as Base64 in JSON', async () => {
		const { calls, outputs } = await run(
			'getText',
			{ taskId: TASK, language: 'en_US', binaryPropertyName: 'data' },
			{ getTextByTaskId: [{ resultCode: '1010200', resultDesc: 'success', bytesZip: ZIP_BASE64 }] },
		);
		expect(JSON.stringify(calls[0].body)).toBe(`{"taskId":"${TASK}","language":"en_US"}`);
		expect(outputs).toEqual([
			{
				json: { resultCode: '1010200', resultDesc: 'success', taskId: TASK, fileName: `${TASK}.zip` },
				binary: { data: { data: ZIP_BASE64, fileName: `${TASK}.zip`, mimeType: 'application/zip' } },
			},
		]);
	});

	it('a text not ready yet is an error that says so', async () => {
		await expect(run('getText', { taskId: TASK, language: 'zh_CN' }, { getTextByTaskId: [{ resultCode: '1010200', bytesZip: '' }] })).rejects.toThrow(
			`The text of transcription ${TASK} is not ready yet`,
		);
	});

	it('refuses bad input naming the field', () => {
		expect(refusal('getText', { taskId: '', language: 'zh_CN' }).field.name).toBe('taskId');
		expect(refusal('getText', { taskId: 20210201095107000123, language: 'zh_CN' }).message).toMatch(/pass it as text/);
		expect(refusal('getText', { taskId: TASK, language: 'fr_FR' }).field.name).toBe('language');
		expect(refusal('getText', { taskId: TASK, language: 'zh_CN', binaryPropertyName: '' }).field.name).toBe('binaryPropertyName');
	});
});
