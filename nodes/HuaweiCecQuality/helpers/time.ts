/**
 * Date inputs for the CEC API. The API takes wall-clock time of the tenant ("yyyy-MM-dd HH:mm:ss")
 * or epoch seconds, and names no time zone (see the ruling in the API notes): a value without an
 * offset is wall-clock time in the chosen zone; a value with an offset (or an epoch, a Date, a
 * Luxon DateTime) is an instant, converted to that zone. Only Intl is used: no runtime dependency.
 */
import { InvalidFieldError, isSet, type Field } from './validation';

export interface CallTime {
	/** `yyyy-MM-dd HH:mm:ss` in the chosen zone */
	text: string;
	epochSeconds: number;
}

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

const ACCEPTED =
	'must be a date and time: ISO 8601 (e.g. 2021-02-01T09:51:07, optionally with an offset such as +08:00 or Z), "yyyy-MM-dd HH:mm:ss", epoch seconds or milliseconds, or a Date/DateTime';
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const EPOCH_DIGITS = /^-?\d{1,13}$/;
/** Below this an epoch number is read as seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_LIMIT = 1e11;
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
/** The instants the API can take: from the epoch (its fields are unsigned seconds) to the end of 9999. */
const MAX_EPOCH_MS = Date.UTC(MAX_YEAR, 11, 31, 23, 59, 59);
const MAX_OFFSET_MINUTES = 14 * 60;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(zone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(zone, formatter);
	}
	return formatter;
}

export function isValidTimeZone(zone: unknown): zone is string {
	if (typeof zone !== 'string' || zone.trim() === '') return false;
	try {
		formatterFor(zone);
		return true;
	} catch {
		return false;
	}
}

function wallClockAt(epochMs: number, zone: string): WallClock {
	const parts: Record<string, number> = {};
	for (const part of formatterFor(zone).formatToParts(new Date(epochMs))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return {
		year: parts.year,
		month: parts.month,
		day: parts.day,
		hour: parts.hour,
		minute: parts.minute,
		second: parts.second,
	};
}

function utcMsOf(wall: WallClock): number {
	return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Instant of a wall-clock time in a zone (the earlier one where DST repeats an hour). */
function epochMsOf(wall: WallClock, zone: string): number {
	const asUtc = utcMsOf(wall);
	const offsetAt = (epochMs: number) => utcMsOf(wallClockAt(epochMs, zone)) - epochMs;
	const first = asUtc - offsetAt(asUtc);
	const second = asUtc - offsetAt(first);
	return Math.min(first, second);
}

function pad(value: number, width = 2): string {
	return String(value).padStart(width, '0');
}

function formatWallClock(wall: WallClock): string {
	return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

function isRealDate(wall: WallClock): boolean {
	const probe = new Date(utcMsOf(wall));
	return (
		probe.getUTCFullYear() === wall.year &&
		probe.getUTCMonth() === wall.month - 1 &&
		probe.getUTCDate() === wall.day &&
		wall.hour < 24 &&
		wall.minute < 60 &&
		wall.second < 60
	);
}

/** Minutes east of UTC, or undefined for an offset no zone has (beyond ±14:00, or minutes ≥ 60). */
function offsetMinutes(offset: string): number | undefined {
	if (offset.toUpperCase() === 'Z') return 0;
	const digits = offset.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutesPart = Number(digits.slice(2) || '0');
	const minutes = hours * 60 + minutesPart;
	if (minutesPart >= 60 || minutes > MAX_OFFSET_MINUTES) return undefined;
	return offset.startsWith('-') ? -minutes : minutes;
}

type ParsedInput = { instantMs: number } | { wall: WallClock };

function epochToMs(value: number): number {
	return Math.abs(value) < SECONDS_LIMIT ? value * 1000 : value;
}

function parseInput(field: Field, value: unknown): ParsedInput {
	const invalid = () => new InvalidFieldError(field, value, ACCEPTED);
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw invalid();
		return { instantMs: value.getTime() };
	}
	if (typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		const ms = (value as { toMillis: () => number }).toMillis();
		if (!Number.isFinite(ms)) throw invalid();
		return { instantMs: ms };
	}
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw invalid();
		return { instantMs: Math.floor(epochToMs(value)) };
	}
	if (typeof value !== 'string') throw invalid();
	const text = value.trim();
	if (EPOCH_DIGITS.test(text)) return { instantMs: epochToMs(Number(text)) };
	const match = DATE_TIME.exec(text);
	if (!match) throw invalid();
	const wall: WallClock = {
		year: Number(match[1]),
		month: Number(match[2]),
		day: Number(match[3]),
		hour: Number(match[4] ?? 0),
		minute: Number(match[5] ?? 0),
		second: Number(match[6] ?? 0),
	};
	if (!isRealDate(wall)) {
		throw new InvalidFieldError(field, value, `is not a real date and time; ${ACCEPTED}`);
	}
	const offset = match[7];
	if (offset === undefined) return { wall };
	const minutes = offsetMinutes(offset);
	if (minutes === undefined) {
		throw new InvalidFieldError(field, value, `has an impossible UTC offset (${offset}); offsets range from -14:00 to +14:00`);
	}
	return { instantMs: utcMsOf(wall) - minutes * 60_000 };
}

/** Resolves a date input to the API's wall-clock text and to epoch seconds, in `zone`. */
export function resolveCallTime(field: Field, value: unknown, zone: string): CallTime {
	const parsed = parseInput(field, value);
	const epochMs = 'wall' in parsed ? epochMsOf(parsed.wall, zone) : parsed.instantMs;
	if (!(epochMs >= 0 && epochMs <= MAX_EPOCH_MS)) {
		throw new InvalidFieldError(field, value, `must be between ${MIN_YEAR}-01-01 00:00:00 UTC and the end of ${MAX_YEAR}`);
	}
	const wall = 'wall' in parsed ? parsed.wall : wallClockAt(parsed.instantMs, zone);
	// The range applies to what is sent: an instant late in 9999 UTC may already be 10000 in the zone.
	if (wall.year > MAX_YEAR) {
		throw new InvalidFieldError(
			field,
			value,
			`is ${formatWallClock(wall)} in ${zone}; must be at most ${MAX_YEAR}-12-31 23:59:59 in that time zone`,
		);
	}
	return { text: formatWallClock(wall), epochSeconds: Math.floor(epochMs / 1000) };
}

export interface TimeWindow {
	start?: CallTime;
	end?: CallTime;
}

/** An optional start and end (each resolved as above); the end must not be before the start. */
export function resolveTimeWindow(
	startField: Field,
	startValue: unknown,
	endField: Field,
	endValue: unknown,
	zone: string,
): TimeWindow {
	const start = isSet(startValue) ? resolveCallTime(startField, startValue, zone) : undefined;
	const end = isSet(endValue) ? resolveCallTime(endField, endValue, zone) : undefined;
	if (start && end && end.epochSeconds < start.epochSeconds) {
		throw new InvalidFieldError(endField, endValue, `must not be before ${startField.displayName} (${start.text})`);
	}
	return { start, end };
}

/** A start and an end that must both be given, as resolveTimeWindow checks them (a set one first). */
export function resolveRequiredTimeWindow(
	startField: Field,
	startValue: unknown,
	endField: Field,
	endValue: unknown,
	zone: string,
): Required<TimeWindow> {
	const { start, end } = resolveTimeWindow(startField, startValue, endField, endValue, zone);
	return {
		start: start ?? resolveCallTime(startField, startValue, zone),
		end: end ?? resolveCallTime(endField, endValue, zone),
	};
}
