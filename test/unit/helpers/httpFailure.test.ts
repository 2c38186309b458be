/**
 * helpers/httpFailure: status, body and headers of a failed request, and redaction.
 */
import { readHttpFailure, redact } from '../../../nodes/HuaweiCecQuality/helpers/httpFailure';

describe('readHttpFailure', () => {
	it('finds status, body and headers inside a wrapped axios-like error, and nothing else', () => {
		const axiosLike = Object.assign(new Error('Request failed with status code 429'), {
			code: 'ERR_BAD_REQUEST',
			config: { headers: { Authorization: 'Bearer secret-token' } },
			response: { status: 429, headers: { 'Retry-After': '3' }, data: '{"resultCode":"x"}' },
		});
		const wrapped = Object.assign(new Error('wrapped'), { cause: axiosLike });
		const failure = readHttpFailure(wrapped);
		expect(failure).toMatchObject({ status: 429, headers: { 'retry-after': '3' }, body: '{"resultCode":"x"}' });
		expect(JSON.stringify(failure)).not.toContain('secret-token');
	});

	it('tells a refused connection (not sent) from a reset one (maybe sent)', () => {
		expect(readHttpFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).maybeSent).toBe(false);
		expect(readHttpFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).maybeSent).toBe(true);
		expect(readHttpFailure(Object.assign(new Error('timeout of 50ms exceeded'), { code: 'ECONNABORTED' }))).toMatchObject({
			timedOut: true,
			maybeSent: true,
		});
	});

	it('redacts every occurrence of a secret', () => {
		expect(redact('sk=abcd1234 again abcd1234', ['abcd1234', undefined])).toBe('sk=*** again ***');
	});
});
