/**
 * JSON parsing that never loses an id: CEC task ids are 18–20-digit integers, above
 * Number.MAX_SAFE_INTEGER, and some responses print them unquoted. Integer literals too
 * long to be exact as a JS number are turned into strings before JSON.parse sees them, and so are
 * integers with a leading zero (invalid JSON, yet documented: `"resultCode": 0409000`), digits kept.
 */

import { isSet } from './validation';

const UNSAFE_INTEGER_DIGITS = 16;

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

function quoteLongIntegers(text: string): string {
	let out = '';
	let i = 0;
	let inString = false;
	while (i < text.length) {
		const ch = text[i];
		if (inString) {
			out += ch;
			if (ch === '\\') {
				out += text[i + 1] ?? '';
				i += 2;
				continue;
			}
			if (ch === '"') inString = false;
			i++;
			continue;
		}
		if (ch === '"') {
			inString = true;
			out += ch;
			i++;
			continue;
		}
		if (ch === '-' || (ch >= '0' && ch <= '9')) {
			let end = i + 1;
			while (end < text.length && /[0-9.eE+-]/.test(text[end])) end++;
			const literal = text.slice(i, end);
			const digits = literal.replace(/^-/, '');
			const integer = /^-?\d+$/.test(literal);
			const keepAsText = integer && (digits.length >= UNSAFE_INTEGER_DIGITS || /^0\d/.test(digits));
			out += keepAsText ? `"${literal}"` : literal;
			i = end;
			continue;
		}
		out += ch;
		i++;
	}
	return out;
}

export function parseJsonKeepingIds(text: string): ParsedJson {
	try {
		return { ok: true, value: JSON.parse(quoteLongIntegers(text)) };
	} catch (error) {
		return { ok: false, error: (error as Error).message };
	}
}

/** An id of an answer as text: long ones already are (parsed keeping ids), short ones may be numbers. */
export function idText(value: unknown): string | undefined {
	return isSet(value) ? String(value) : undefined;
}

/** An answer's entry with its `id` as text, when it has one. */
export function withIdText<T extends { id?: unknown }>(entry: T): T {
	const id = idText(entry.id);
	return id === undefined ? entry : { ...entry, id };
}
