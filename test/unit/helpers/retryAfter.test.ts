/**
 * helpers/retryAfter: Retry-After as seconds or an HTTP date, bounded.
 */
import { retryAfterMs } from '../../../nodes/HuaweiCecQuality/helpers/retryAfter';

describe('retryAfterMs', () => {
	const now = Date.UTC(2026, 0, 1);
	it('reads seconds and HTTP dates, and bounds them', () => {
		expect(retryAfterMs('2', now, 1000, 60000)).toBe(2000);
		expect(retryAfterMs(new Date(now + 5000).toUTCString(), now, 1000, 60000)).toBe(5000);
		expect(retryAfterMs(undefined, now, 1000, 60000)).toBe(1000);
		expect(retryAfterMs('soon', now, 1000, 60000)).toBe(1000);
		expect(retryAfterMs('99999', now, 1000, 60000)).toBe(60000);
	});
});
