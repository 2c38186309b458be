/** Reads a Retry-After header (delay in seconds, or an HTTP date) into milliseconds, within bounds. */
export function retryAfterMs(header: string | undefined, nowMs: number, defaultMs: number, maxMs: number): number {
	if (header === undefined || header.trim() === '') return defaultMs;
	const text = header.trim();
	const delayMs = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - nowMs;
	if (Number.isNaN(delayMs)) return defaultMs;
	return Math.min(Math.max(delayMs, 0), maxMs);
}
