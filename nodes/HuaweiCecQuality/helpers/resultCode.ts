/**
 * Result codes are compared as text (the API notes), but some answers print them as numbers, and a
 * number loses the leading zero: `409000` is the success code `"0409000"`. Digit strings are equal
 * when they name the same number; anything else must match exactly.
 */
const DIGITS = /^\d+$/;

export function sameResultCode(actual: unknown, expected: string): boolean {
	if (actual === undefined || actual === null) return false;
	const text = String(actual).trim();
	if (text === expected) return true;
	if (!DIGITS.test(text) || !DIGITS.test(expected)) return false;
	return text.replace(/^0+(?=\d)/, '') === expected.replace(/^0+(?=\d)/, '');
}
