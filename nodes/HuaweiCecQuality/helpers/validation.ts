/**
 * Field validation shared by every operation. Errors carry the field's display name, its
 * internal name, the rejected value and what would be valid, so the router can turn them
 * into a NodeOperationError for the right item.
 */

export class InvalidFieldError extends Error {
	constructor(
		readonly field: Field,
		readonly value: unknown,
		readonly expected: string,
	) {
		super(`Invalid ${fieldLabel(field)}: got ${describeValue(value)}; ${expected}`);
		this.name = 'InvalidFieldError';
	}
}

export interface Field {
	displayName: string;
	name: string;
	/** A field of the input item (auto-mapped input), not a node parameter: `name` is its path there. */
	fromInput?: boolean;
	/** A field of the credential (a default the node falls back on), not of the node. */
	inCredential?: boolean;
}

/** How an error names a field: a parameter by its label and name, an input field by its path, a credential's field as such. */
export function fieldLabel(field: Field): string {
	if (field.fromInput) return `input field "${field.name}"`;
	return `${field.inCredential ? 'credential field ' : ''}"${field.displayName}" (${field.name})`;
}

const MAX_SHOWN_CHARACTERS = 60;

/** A short, printable rendering of a rejected value (never the whole of a huge string). */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') {
		if (value.trim() === '') return value === '' ? 'an empty string' : 'only white space';
		const shown = value.length > MAX_SHOWN_CHARACTERS ? `${value.slice(0, MAX_SHOWN_CHARACTERS)}…` : value;
		const quoted = JSON.stringify(shown).replace(
			/\p{Cc}/gu,
			(character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
		);
		return quoted + (value.length > MAX_SHOWN_CHARACTERS ? ` (${value.length} characters)` : '');
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `a list (${value.length} entries)`;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
	if (typeof value === 'object') return 'an object';
	return typeof value;
}

/** An optional field holds a value: n8n leaves an unset one undefined, null or ''. */
export const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

const DECIMAL_INTEGER = /^[+-]?\d+$/;
const CONTROL_CHARACTER = /\p{Cc}/u;

/** A whole number in [min, max]; numeric strings from expressions are accepted. */
export function toInteger(field: Field, value: unknown, min: number, max: number): number {
	const expected = `must be a whole number from ${min} to ${max}`;
	let numeric: number | undefined;
	if (typeof value === 'number') numeric = value;
	else if (typeof value === 'string' && DECIMAL_INTEGER.test(value.trim())) numeric = Number(value.trim());
	if (numeric === undefined || !Number.isInteger(numeric) || numeric < min || numeric > max) {
		throw new InvalidFieldError(field, value, expected);
	}
	return numeric;
}

/** A trimmed, non-empty string of at most maxLength characters (counted as the user sees them). */
export function toText(field: Field, value: unknown, maxLength: number): string {
	const expected = `must be text of 1 to ${maxLength} characters`;
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') throw new InvalidFieldError(field, value, expected);
	const text = value.trim();
	if (text === '' || [...text].length > maxLength || CONTROL_CHARACTER.test(text)) {
		throw new InvalidFieldError(field, value, `${expected}, without control characters`);
	}
	return text;
}

/** One of the listed values; numbers may arrive as numeric strings from expressions. */
export function toChoice<T extends string | number>(field: Field, value: unknown, allowed: readonly T[]): T {
	const match = allowed.find((candidate) =>
		typeof candidate === 'number' && typeof value === 'string' && DECIMAL_INTEGER.test(value.trim())
			? candidate === Number(value)
			: candidate === value,
	);
	if (match === undefined) {
		throw new InvalidFieldError(field, value, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
	}
	return match;
}

/** A string of decimal digits (ids such as the 19-digit operator id), never passed through a number. */
export function toDigits(field: Field, value: unknown, maxDigits: number): string {
	const expected = `must be a numeric id of 1 to ${maxDigits} digits (keep long ids as text, not numbers)`;
	if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
		throw new InvalidFieldError(
			field,
			value,
			`${expected}; as a number above 9007199254740991 (2^53 - 1) it has already lost digits: pass it as text (the id's digits as a string, straight from the source)`,
		);
	}
	let text: string | undefined;
	if (typeof value === 'string') text = value.trim();
	else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) text = String(value);
	if (text === undefined || !/^\d+$/.test(text) || text.length > maxDigits) {
		throw new InvalidFieldError(field, value, expected);
	}
	return text;
}

/**
 * A list of non-empty strings from a multi-value field, an array, or comma-separated text. Lists
 * inside lists are flattened: mapping `{{ $json.staffIds }}` into one entry of a multi-value field
 * gives an array inside the field's array.
 */
export function toStringList(field: Field, value: unknown, maxLength: number): string[] {
	const expected = `must be a list of ids (text or whole numbers), or ids separated by commas`;
	const entries: unknown[] =
		!isSet(value)
			? []
			: (Array.isArray(value) ? value.flat(Infinity) : [value]).flatMap((entry) =>
					typeof entry === 'string' ? entry.split(',') : [entry],
				);
	return entries
		.map((entry) => {
			if (typeof entry === 'number' && Number.isSafeInteger(entry)) return String(entry);
			if (typeof entry !== 'string') throw new InvalidFieldError(field, value, expected);
			return entry.trim();
		})
		.filter((entry) => entry !== '')
		.map((entry) => {
			if (entry.length > maxLength || CONTROL_CHARACTER.test(entry)) {
				throw new InvalidFieldError(field, value, `each id must be 1 to ${maxLength} characters`);
			}
			return entry;
		});
}
