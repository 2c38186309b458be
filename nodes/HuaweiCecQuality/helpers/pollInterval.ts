/**
 * The longest time between two polls that a trigger's Poll Times allow, in minutes: n8n polls on each
 * entry's schedule, so the union never waits longer than its most frequent entry. A custom cron entry
 * makes it unknown (undefined), as does an empty list.
 */
import type { IDataObject } from 'n8n-workflow';

const MINUTES_OF_MODE: Record<string, number> = {
	everyMinute: 1,
	everyHour: 60,
	everyDay: 24 * 60,
	everyWeek: 7 * 24 * 60,
	everyMonth: 31 * 24 * 60,
};

function minutesOf(entry: IDataObject): number | undefined {
	const mode = String(entry.mode ?? 'everyDay');
	if (mode in MINUTES_OF_MODE) return MINUTES_OF_MODE[mode];
	if (mode !== 'everyX') return undefined;
	const value = Number(entry.value ?? 2);
	if (!Number.isFinite(value) || value <= 0) return undefined;
	return (entry.unit ?? 'hours') === 'minutes' ? value : value * 60;
}

export function longestPollGapMinutes(pollTimes: unknown): number | undefined {
	const items = (pollTimes as IDataObject | undefined)?.item;
	if (!Array.isArray(items) || items.length === 0) return undefined;
	const gaps = (items as IDataObject[]).map(minutesOf);
	if (gaps.some((gap) => gap === undefined)) return undefined;
	return Math.min(...(gaps as number[]));
}
