// @ts-check
'use strict';
/**
 * A small, strict JSON schema language for the CEC mock's request validators: each builder returns a
 * check that appends one message per problem to `errors`, every message naming the field by its dotted
 * path (`fixedColumns.qualityNum`, `setCounts[0].personID`). Objects reject unknown and missing keys;
 * numbers must be JSON numbers and strings JSON strings (no coercion), which is the point: the mock must
 * fail a client whose wire types drift from the documented ones.
 */

/** @typedef {(value: unknown, path: string, errors: string[]) => void} Check */

// Epoch seconds stay below 1e11 until the year 5138; anything larger is almost surely milliseconds.
const MAX_EPOCH_SECONDS = 1e11;
const WALL_CLOCK_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} value */
function typeName(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/**
 * @param {Record<string, unknown>} object
 * @param {string} key
 */
function has(object, key) {
	return Object.prototype.hasOwnProperty.call(object, key);
}

/** @param {unknown} value */
function shown(value) {
	return `${typeName(value)} ${JSON.stringify(value)}`;
}

/** @param {string} path @param {string} key */
function child(path, key) {
	return path === '' ? key : `${path}.${key}`;
}

/** The root object is called "body" in messages. @param {string} path */
function label(path) {
	return path === '' ? 'body' : path;
}

/**
 * An object with exactly these fields (unknown keys rejected), of which `required` must be present.
 * @param {Record<string, Check>} fields
 * @param {string[]} [required]
 * @returns {Check}
 */
function object(fields, required = []) {
	const allowed = Object.keys(fields);
	return (value, path, errors) => {
		if (!isPlainObject(value)) {
			errors.push(`${label(path)} must be a JSON object, got ${typeName(value)}`);
			return;
		}
		for (const key of Object.keys(value)) {
			if (!allowed.includes(key)) errors.push(`unknown field ${child(path, key)}`);
		}
		for (const key of required) {
			if (!has(value, key)) errors.push(`missing field ${child(path, key)}`);
		}
		for (const key of allowed) {
			if (has(value, key)) fields[key](value[key], child(path, key), errors);
		}
	};
}

/**
 * @param {{ min?: number, max?: number, oneOf?: string[], pattern?: RegExp, describe?: string }} [rule]
 *   min/max count characters (code points, not UTF-16 units: names are often Chinese)
 * @returns {Check}
 */
function string(rule = {}) {
	const { min = 0, max = Infinity, oneOf, pattern, describe } = rule;
	return (value, path, errors) => {
		if (typeof value !== 'string') {
			errors.push(`${path} must be a JSON string, got ${shown(value)}`);
			return;
		}
		if (oneOf && !oneOf.includes(value)) {
			errors.push(`${path} must be one of ${oneOf.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}`);
			return;
		}
		const length = [...value].length;
		if (length < min || length > max) {
			const bounds = max === Infinity ? `at least ${min}` : min > 0 ? `${min} to ${max}` : `at most ${max}`;
			errors.push(`${path} must be a string of ${bounds} characters, got ${JSON.stringify(value)}`);
			return;
		}
		if (pattern && !pattern.test(value)) {
			errors.push(`${path} must be ${describe ?? `a string matching ${pattern}`}, got ${JSON.stringify(value)}`);
		}
	};
}

/**
 * A JSON integer number (never a string of digits).
 * @param {{ min?: number, max?: number, oneOf?: number[] }} [rule]
 * @returns {Check}
 */
function integer(rule = {}) {
	const { min = 0, max = Number.MAX_SAFE_INTEGER, oneOf } = rule;
	return (value, path, errors) => {
		if (oneOf) {
			if (typeof value !== 'number' || !oneOf.includes(value)) {
				errors.push(`${path} must be one of the JSON numbers ${oneOf.join(', ')}, got ${shown(value)}`);
			}
			return;
		}
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
			errors.push(`${path} must be an integer JSON number ${range}, got ${shown(value)}`);
		}
	};
}

/**
 * Epoch seconds as a JSON integer; a value that looks like milliseconds is named as such.
 * @returns {Check}
 */
function epochSeconds() {
	return (value, path, errors) => {
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
			errors.push(`${path} must be an integer JSON number of epoch seconds, got ${shown(value)}`);
		} else if (value > MAX_EPOCH_SECONDS) {
			errors.push(`${path} looks like milliseconds (${value}); the API expects epoch seconds`);
		}
	};
}

/** @returns {Check} */
function boolean() {
	return (value, path, errors) => {
		if (typeof value !== 'boolean') errors.push(`${path} must be a JSON boolean, got ${shown(value)}`);
	};
}

/**
 * A number written as a decimal string (e.g. "10"), as the documented examples send the sample and
 * score fields.
 * @param {{ min: number, max: number, allowFraction?: boolean }} rule
 * @returns {Check}
 */
function decimalString(rule) {
	const pattern = rule.allowFraction ? /^\d+(\.\d+)?$/ : /^\d+$/;
	return (value, path, errors) => {
		if (typeof value !== 'string') {
			errors.push(`${path} must be a decimal string (e.g. "10"), got ${shown(value)}`);
			return;
		}
		const number = Number(value);
		if (!pattern.test(value) || number < rule.min || number > rule.max) {
			errors.push(`${path} must be a decimal string from ${rule.min} to ${rule.max}, got ${JSON.stringify(value)}`);
		}
	};
}

/**
 * Either an integer JSON number or a decimal string of one: for the few fields whose documented
 * example sends a string where the field table says number (sampling plans' durationEnd "100").
 * @param {{ min: number, max: number }} rule
 * @returns {Check}
 */
function integerOrDecimalString(rule) {
	return (value, path, errors) => {
		const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isInteger(number) || number < rule.min || number > rule.max) {
			errors.push(`${path} must be an integer from ${rule.min} to ${rule.max} (JSON number or decimal string), got ${shown(value)}`);
		}
	};
}

/**
 * An id written as a JSON string of digits. A JSON number is rejected by name: ids have 18-20 digits,
 * beyond what a double holds exactly (spec, ruling on task ids in requests).
 * @param {{ min?: number, max?: number }} [rule] digit count bounds
 * @returns {Check}
 */
function digitString(rule = {}) {
	const { min = 1, max = 20 } = rule;
	const pattern = new RegExp(`^\\d{${min},${max}}$`);
	return (value, path, errors) => {
		if (typeof value === 'number') {
			errors.push(`${path} must be the id as a JSON string of digits: a JSON number loses precision above 2^53 (got number ${JSON.stringify(value)})`);
		} else if (typeof value !== 'string' || !pattern.test(value)) {
			errors.push(`${path} must be a JSON string of ${min === max ? min : `${min} to ${max}`} digits, got ${shown(value)}`);
		}
	};
}

/**
 * `yyyy-MM-dd HH:mm:ss` naming a real calendar date and time.
 * @returns {Check}
 */
function wallClock() {
	return (value, path, errors) => {
		const match = typeof value === 'string' ? WALL_CLOCK_PATTERN.exec(value) : null;
		if (!match) {
			errors.push(`${path} must be a string formatted yyyy-MM-dd HH:mm:ss, got ${JSON.stringify(value)}`);
			return;
		}
		if (!isRealWallClock(match)) errors.push(`${path} is not a real date and time: ${JSON.stringify(value)}`);
	};
}

/** @param {RegExpExecArray} match */
function isRealWallClock(match) {
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}

/**
 * Reads a valid `yyyy-MM-dd HH:mm:ss` as epoch ms, the wall clock being `offsetMinutes` ahead of UTC.
 * @param {string} text
 * @param {number} offsetMinutes
 * @returns {number | undefined}
 */
function wallClockToEpochMs(text, offsetMinutes) {
	const match = WALL_CLOCK_PATTERN.exec(text);
	if (!match || !isRealWallClock(match)) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
	return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
}

/**
 * Formats epoch ms as `yyyy-MM-dd HH:mm:ss` on a wall clock `offsetMinutes` ahead of UTC.
 * @param {number} epochMs
 * @param {number} offsetMinutes
 */
function formatWallClock(epochMs, offsetMinutes) {
	return new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * An array of items, each checked by `item`.
 * @param {Check} item
 * @param {{ min?: number, max?: number }} [rule]
 * @returns {Check}
 */
function array(item, rule = {}) {
	const { min = 0, max = Infinity } = rule;
	return (value, path, errors) => {
		if (!Array.isArray(value)) {
			errors.push(`${path} must be a JSON array, got ${shown(value)}`);
			return;
		}
		if (value.length < min || value.length > max) {
			const bounds = max === Infinity ? `at least ${min}` : `${min} to ${max}`;
			errors.push(`${path} must have ${bounds} items, got ${value.length}`);
		}
		value.forEach((element, index) => item(element, `${path}[${index}]`, errors));
	};
}

/**
 * Allows JSON null in place of the value (which then counts as absent).
 * @param {Check} check
 * @returns {Check}
 */
function nullable(check) {
	return (value, path, errors) => {
		if (value !== null) check(value, path, errors);
	};
}

/**
 * Allows a JSON object of any content, or null: for documented-but-undescribed fields (customColumns).
 * @returns {Check}
 */
function objectOrNull() {
	return (value, path, errors) => {
		if (value !== null && !isPlainObject(value)) errors.push(`${path} must be a JSON object or null, got ${typeName(value)}`);
	};
}

/**
 * Builds a body validator: the schema first, then (only for an object body) cross-field rules.
 * @param {Check} schema
 * @param {(body: Record<string, unknown>, errors: string[]) => void} [crossChecks]
 * @returns {(body: unknown) => string[]}
 */
function validator(schema, crossChecks) {
	return (body) => {
		/** @type {string[]} */
		const errors = [];
		schema(body, '', errors);
		if (crossChecks && isPlainObject(body)) crossChecks(body, errors);
		return errors;
	};
}

/**
 * Records an error when both bounds are valid numbers (or decimal strings) and end < start.
 * @param {Record<string, unknown> | undefined} object
 * @param {string} prefix
 * @param {string} startKey
 * @param {string} endKey
 * @param {string[]} errors
 */
function checkOrdered(object, prefix, startKey, endKey, errors) {
	if (!object) return;
	const start = numeric(object[startKey]);
	const end = numeric(object[endKey]);
	if (start !== undefined && end !== undefined && end < start) errors.push(`${prefix}${endKey} must not be before ${prefix}${startKey}`);
}

/** @param {unknown} value @returns {number | undefined} */
function numeric(value) {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
	return undefined;
}

module.exports = {
	MAX_EPOCH_SECONDS,
	isPlainObject,
	typeName,
	has,
	object,
	string,
	integer,
	epochSeconds,
	boolean,
	decimalString,
	integerOrDecimalString,
	digitString,
	wallClock,
	wallClockToEpochMs,
	formatWallClock,
	array,
	nullable,
	objectOrNull,
	validator,
	checkOrdered,
	numeric,
};
