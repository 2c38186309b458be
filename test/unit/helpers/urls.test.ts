/**
 * helpers/urls: the credential's URLs.
 */
import { credentialUrlProblem } from '../../../nodes/HuaweiCecQuality/helpers/urls';

describe('credentialUrlProblem', () => {
	it('accepts full http(s) URLs', () => {
		expect(credentialUrlProblem({ baseUrl: 'https://service.besclouds.com' })).toBeUndefined();
		expect(credentialUrlProblem({ baseUrl: 'http://127.0.0.1:8080/', tokenUrl: '' })).toBeUndefined();
		expect(
			credentialUrlProblem({ baseUrl: 'https://cec.example.com', tokenUrl: 'https://cec.example.com:28070/apigovernance/api/oauth/tokenByAkSk' }),
		).toBeUndefined();
	});

	it.each([
		[{ baseUrl: 'service.besclouds.com' }, /Base URL must be a full URL starting with https:\/\/ or http:\/\/.*got "service\.besclouds\.com"/],
		[{ baseUrl: '' }, /Base URL .* got nothing/],
		[{ baseUrl: 'ftp://cec.example.com' }, /Base URL/],
		[{ baseUrl: 'https://cec.example.com', tokenUrl: 'cec.example.com:28070/x' }, /Token URL must be a full URL/],
	])('names the field and what is valid for %p', (data, message) => {
		expect(credentialUrlProblem(data)).toMatch(message);
	});
});
