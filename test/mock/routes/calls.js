// @ts-check
'use strict';
/**
 * The CEC mock's calls: a recording submitted for inspection (or seeded by a test) whose inspection
 * status moves on with the wall clock, and what a finished inspection yields — its transcript, its
 * speech figures, its rule-group scores. Read by the inspection, review task and sampling routes.
 */
const crypto = require('crypto');
const S = require('../cecMockSchema');
const { LANGUAGES, INSPECTION_STATUSES, DONE, FAIL_MARKER, PASS_MARKER } = require('./shared');

/** @typedef {import('./shared').State} State */
/** @typedef {import('./shared').CallRecord} CallRecord */
/** @typedef {import('./shared').CallSnapshot} CallSnapshot */
/** @typedef {import('./shared').StatusStep} StatusStep */

const DEFAULT_SEED_DURATION_S = 60;

// 18-digit rule ids, above 2^53: the documented example's rule id and its neighbours.
const RULE_IDS = ['967510375224315904', '967510375224315905', '967510375224315906', '967510375224315907', '967510375224315908', '967510375224315909'];
const SILENCE_ID = '967510375224316001';

const TRANSCRIPTS = {
	zh_CN: [
		'您好，很高兴为您服务，请问有什么可以帮您？',
		'你好，我上个月的账单好像多扣了一笔费用。',
		'请您稍等，我帮您查询一下账单明细。',
		'好的，那麻烦你了，查到了告诉我。',
		'已经为您核实，多扣的费用会在三个工作日内退回。',
		'好的，谢谢，没有别的问题了。',
	],
	en_US: [
		'Hello, thank you for calling, how can I help you today?',
		'Hi, I think I was charged twice on last month\'s bill.',
		'Let me check the details of your bill, one moment please.',
		'Sure, thanks, let me know what you find.',
		'I have confirmed it: the extra charge will be refunded within three working days.',
		'Great, thank you, that is all.',
	],
};


/** @param {CallRecord} call @param {number} nowMs */
function statusOf(call, nowMs) {
	const elapsed = nowMs - call.createdAtMs;
	let status = 0;
	for (const step of call.timeline) if (step.atMs <= elapsed) status = step.status;
	return status;
}

/** @param {CallRecord} call @returns {number | undefined} epoch ms when the call became done */
function doneAtMs(call) {
	const step = call.timeline.find((s) => s.status === DONE);
	return step === undefined ? undefined : call.createdAtMs + step.atMs;
}

/**
 * The default timeline: waiting, inspecting after inspectingAfterMs, done (or the FAIL marker's
 * failure status) after doneAfterMs.
 * @param {State} state
 * @param {string} text the voiceFilePath or file name carrying the markers
 * @returns {StatusStep[]}
 */
function defaultTimeline(state, text) {
	const failure = FAIL_MARKER.exec(text);
	return [
		{ atMs: 0, status: 0 },
		{ atMs: state.inspectingAfterMs, status: 1 },
		{ atMs: state.doneAfterMs, status: failure ? Number(failure[1]) : DONE },
	];
}

/** @param {string} path */
function lastSegment(path) {
	const parts = path.split(/[\\/]/);
	return parts[parts.length - 1] || path;
}

/** @param {CallRecord} call @param {number} nowMs @returns {CallSnapshot} */
function callSnapshot(call, nowMs) {
	return {
		call_uuid: call.call_uuid,
		call_id: call.call_id,
		upload_time: call.upload_time,
		call_time: call.call_time,
		duration: call.duration,
		call_type: call.call_type,
		file_name: call.file_name,
		voiceFilePath: call.voiceFilePath,
		staff_id: call.staff_id,
		staff_name: call.staff_name,
		language: call.language,
		status: statusOf(call, nowMs),
		statusTimeline: call.timeline.map((step) => ({ ...step })),
		pass: call.pass,
		source: call.source,
	};
}

const SEED_FIELDS = ['call_uuid', 'call_id', 'upload_time', 'call_time', 'duration', 'call_type', 'file_name', 'voiceFilePath',
	'staff_id', 'staff_name', 'language', 'status', 'statusTimeline', 'pass'];

/**
 * @param {State} state
 * @param {unknown} seed
 * @param {number} nowMs
 * @returns {CallRecord}
 */
function callFromSeed(state, seed, nowMs) {
	if (!S.isPlainObject(seed)) throw new TypeError('each call must be an object');
	const unknown = Object.keys(seed).filter((key) => !SEED_FIELDS.includes(key));
	if (unknown.length > 0) throw new TypeError(`unknown call field(s): ${unknown.join(', ')}`);
	/** @param {string} key @param {(v: unknown) => boolean} test @param {string} what */
	const check = (key, test, what) => {
		if (S.has(seed, key) && !test(seed[key])) throw new TypeError(`call.${key} must be ${what}, got ${JSON.stringify(seed[key])}`);
	};
	const nonEmptyString = (/** @type {unknown} */ v) => typeof v === 'string' && v !== '';
	const epochS = (/** @type {unknown} */ v) => Number.isInteger(v) && /** @type {number} */ (v) >= 0 && /** @type {number} */ (v) <= S.MAX_EPOCH_SECONDS;
	check('call_uuid', nonEmptyString, 'a non-empty string');
	check('call_id', nonEmptyString, 'a non-empty string');
	check('upload_time', epochS, 'epoch seconds');
	check('call_time', epochS, 'epoch seconds');
	check('duration', (v) => typeof v === 'number' && v >= 0, 'a number of seconds >= 0');
	check('call_type', (v) => v === 0 || v === 2, '0 or 2');
	check('file_name', nonEmptyString, 'a non-empty string');
	check('voiceFilePath', nonEmptyString, 'a non-empty string');
	check('staff_id', (v) => typeof v === 'string', 'a string');
	check('staff_name', (v) => typeof v === 'string', 'a string');
	check('language', (v) => LANGUAGES.includes(/** @type {string} */ (v)), '"zh_CN" or "en_US"');
	check('status', (v) => INSPECTION_STATUSES.includes(/** @type {number} */ (v)), `one of ${INSPECTION_STATUSES.join(', ')}`);
	check('pass', (v) => typeof v === 'boolean', 'a boolean');
	check('statusTimeline', (v) => Array.isArray(v) && v.length > 0 && v.every((step) => S.isPlainObject(step)
		&& Object.keys(step).every((key) => key === 'atMs' || key === 'status')
		&& Number.isInteger(step.atMs) && /** @type {number} */ (step.atMs) >= 0
		&& INSPECTION_STATUSES.includes(/** @type {number} */ (step.status))), 'a non-empty array of { atMs (integer >= 0), status }');
	if (S.has(seed, 'status') && S.has(seed, 'statusTimeline')) throw new TypeError('give a call either status or statusTimeline, not both');

	const callUuid = /** @type {string} */ (seed.call_uuid ?? crypto.randomUUID());
	if (state.calls.has(callUuid)) throw new TypeError(`a call ${callUuid} exists already`);
	const voiceFilePath = /** @type {string | undefined} */ (seed.voiceFilePath);
	const fileName = /** @type {string} */ (seed.file_name ?? (voiceFilePath ? lastSegment(voiceFilePath) : `${callUuid}.V3`));
	const markers = `${voiceFilePath ?? ''} ${fileName}`;
	const uploadTime = /** @type {number} */ (seed.upload_time ?? Math.floor(nowMs / 1000));
	const duration = /** @type {number} */ (seed.duration ?? DEFAULT_SEED_DURATION_S);
	const staffId = /** @type {string} */ (seed.staff_id ?? '1118');
	/** @type {StatusStep[]} */
	let timeline;
	if (S.has(seed, 'statusTimeline')) {
		timeline = /** @type {StatusStep[]} */ (seed.statusTimeline).map((step) => ({ atMs: step.atMs, status: step.status })).sort((a, b) => a.atMs - b.atMs);
	} else if (S.has(seed, 'status')) {
		timeline = [{ atMs: 0, status: /** @type {number} */ (seed.status) }];
	} else {
		timeline = defaultTimeline(state, markers);
	}
	return {
		call_uuid: callUuid,
		call_id: /** @type {string} */ (seed.call_id ?? callUuid),
		createdAtMs: nowMs,
		upload_time: uploadTime,
		call_time: /** @type {number} */ (seed.call_time ?? Math.max(0, uploadTime - Math.ceil(duration))),
		duration,
		call_type: /** @type {0 | 2} */ (seed.call_type ?? 0),
		file_name: fileName,
		voiceFilePath,
		staff_id: staffId,
		staff_name: /** @type {string} */ (seed.staff_name ?? `Agent ${staffId}`),
		language: /** @type {'zh_CN' | 'en_US'} */ (seed.language ?? 'zh_CN'),
		timeline,
		pass: /** @type {boolean} */ (seed.pass ?? PASS_MARKER.test(markers)),
		source: 'seeded',
	};
}

/**
 * Adds calls as if uploaded and inspected; all-or-nothing (throws a TypeError naming the problem).
 * @param {State} state
 * @param {unknown} seeds
 * @returns {CallSnapshot[]}
 */
function addCalls(state, seeds) {
	if (!Array.isArray(seeds)) throw new TypeError('addCalls takes an array of calls');
	const nowMs = Date.now();
	const records = seeds.map((seed) => callFromSeed(state, seed, nowMs));
	const uuids = new Set(records.map((record) => record.call_uuid));
	if (uuids.size !== records.length) throw new TypeError('the calls repeat a call_uuid');
	for (const record of records) putCall(state, record);
	return records.map((record) => callSnapshot(record, nowMs));
}

/**
 * From now on the call has `status`: its timeline keeps the steps already passed and ends with this one,
 * so a test decides when a call finishes instead of betting on how long a step in between takes.
 * Throws a TypeError for an unknown call or status.
 * @param {State} state @param {unknown} change { call_uuid, status }
 * @returns {CallSnapshot}
 */
function setCallStatus(state, change) {
	if (!S.isPlainObject(change)) throw new TypeError('setCallStatus takes { call_uuid, status }');
	const { call_uuid: callUuid, status } = /** @type {{ call_uuid?: unknown, status?: unknown }} */ (change);
	const call = typeof callUuid === 'string' ? state.calls.get(callUuid) : undefined;
	if (!call) throw new TypeError(`no call ${JSON.stringify(callUuid)}`);
	if (!INSPECTION_STATUSES.includes(/** @type {number} */ (status))) throw new TypeError(`status must be one of ${INSPECTION_STATUSES.join(', ')}`);
	const nowMs = Date.now();
	const atMs = nowMs - call.createdAtMs;
	call.timeline = [...call.timeline.filter((step) => step.atMs < atMs), { atMs, status: /** @type {number} */ (status) }];
	return callSnapshot(call, nowMs);
}

/**
 * The transcript: six alternating segments spread over the call, times in ms from the call's start.
 * Choice: the left channel is the agent; `speaker` (documented as a number, values undocumented)
 * is 0 for the left channel and 1 for the right one.
 * @param {CallRecord} call
 */
function transcript(call) {
	const lines = TRANSCRIPTS[call.language];
	const spanMs = Math.max(call.duration, 12) * 1000;
	const slot = spanMs / lines.length;
	return lines.map((text, index) => ({
		segment_id: index + 1,
		speaker: index % 2,
		start_time: Math.round(index * slot + 200),
		end_time: Math.round((index + 1) * slot - 200),
		asr_text: text,
		// Choice: segment status is undocumented; 0 for every segment.
		status: 0,
	}));
}

/** Channel and speech figures, fixed per language. @param {CallRecord} call */
function speechFigures(call) {
	return {
		left_channel: 'Agent',
		right_channel: 'Customer',
		left_speed: call.language === 'zh_CN' ? 241.552 : 152.3,
		right_speed: call.language === 'zh_CN' ? 198.214 : 131.7,
		left_speech_ratio: 0.4613,
		right_speech_ratio: 0.3252,
		left_silence_time: Math.round(call.duration * 0.5387 * 100) / 100,
		right_silence_time: Math.round(call.duration * 0.6748 * 100) / 100,
	};
}

/**
 * The rule-group scores of a finished inspection, shaped like the documented example. A PASS call
 * violates nothing; any other call violates one dialogue rule in each group.
 * @param {CallRecord} call
 */
function credit(call) {
	const segments = transcript(call);
	/**
	 * @param {string} ruleId @param {string} ruleName @param {number} deduction @param {number} segmentIndex
	 */
	const rule = (ruleId, ruleName, deduction, segmentIndex) => {
		const violated = !call.pass && deduction < 0;
		const segment = segments[segmentIndex];
		return {
			valid: !violated,
			score: violated ? deduction : 0,
			invalid_segment: violated ? [{ start_time: segment.start_time, end_time: segment.end_time, call_id: call.call_id }] : [],
			revise_id: `dialogRule${ruleId.slice(-10)}`,
			revise: -1,
			setting: { rule_id: ruleId, rule_name: ruleName },
		};
	};
	const silence = {
		name: '静音检测',
		valid: true,
		score: 0,
		invalid_segment: [],
		revise_id: `silenceRule${SILENCE_ID.slice(-10)}`,
		revise: -1,
		setting: { silence_id: SILENCE_ID, name: '静音检测' },
	};
	/** @param {{ score: number }[]} rules */
	const total = (rules) => 100 + rules.reduce((sum, r) => sum + r.score, 0);
	const opening = [rule(RULE_IDS[0], '对话规则测试', -3, 2), rule(RULE_IDS[1], '开场白规范', 0, 0)];
	const speed = [rule(RULE_IDS[2], '语速检测', 0, 0)];
	const service = [rule(RULE_IDS[3], '服务禁语', -5, 4), rule(RULE_IDS[4], '结束语规范', 0, 5)];
	const interrupt = [rule(RULE_IDS[5], '抢话检测', 0, 1)];
	return [
		{
			score: total([...opening, ...speed]),
			rules: opening,
			silence_rule: [silence],
			speed_rule: speed,
			setting: { group_id: 'groupid_cbe2a1f09d', group_name: '业务场景1', ignore_sensitive: 0, description: '' },
		},
		{
			score: total([...service, ...interrupt]),
			rules: service,
			silence_rule: [],
			speed_rule: [],
			interrupt_rule: interrupt,
			setting: { group_id: 'groupid_7d41c9e3b2', group_name: '服务规范', ignore_sensitive: 1, description: '服务用语检查' },
		},
	];
}

/** The machine (AI) score sampling filters on: the mean of the rule groups' scores. @param {CallRecord} call */
function machineScore(call) {
	const groups = credit(call);
	return groups.reduce((sum, group) => sum + group.score, 0) / groups.length;
}

/** One call as appraisecall/details lists it. @param {CallRecord} call @param {number} nowMs */
function detailsItem(call, nowMs) {
	const status = statusOf(call, nowMs);
	return {
		call_uuid: call.call_uuid,
		call_id: call.call_id,
		call_time: call.call_time,
		call_type: call.call_type,
		upload_time: call.upload_time,
		create_time: call.upload_time,
		duration: call.duration,
		file_name: call.file_name,
		staff_id: call.staff_id,
		staff_name: call.staff_name,
		status,
		inspect_status: 0,
		review_status: -1,
		complain_status: -1,
		// Choice: the channel and speech figures exist once the inspection is done.
		...(status === DONE ? speechFigures(call) : {}),
	};
}

/** The listing order: upload_time, then call_uuid. @param {CallRecord} a @param {CallRecord} b */
function byUpload(a, b) {
	return a.upload_time - b.upload_time || (a.call_uuid < b.call_uuid ? -1 : a.call_uuid > b.call_uuid ? 1 : 0);
}

/**
 * The calls sorted by upload time, per call map, and the calls added since: appraisecall/details sorts
 * no more per request, and an addition is merged in rather than the whole list sorted again (a trigger
 * benchmark lists a 100,000-call day page by page, adding calls every simulated minute).
 * @type {WeakMap<Map<string, CallRecord>, { sorted: CallRecord[], added: CallRecord[] }>}
 */
const sortedCache = new WeakMap();

/** Adds a call (the only way calls are added). @param {State} state @param {CallRecord} record */
function putCall(state, record) {
	state.calls.set(record.call_uuid, record);
	sortedCache.get(state.calls)?.added.push(record);
}

/**
 * Every call, by upload time then call_uuid: a cached array (a new one after an addition), not to be
 * modified.
 * @param {State} state @returns {readonly CallRecord[]}
 */
function sortedCalls(state) {
	const cached = sortedCache.get(state.calls);
	// The size check also catches a call set on the map directly rather than through putCall.
	if (cached === undefined || cached.sorted.length + cached.added.length !== state.calls.size) {
		const sorted = [...state.calls.values()].sort(byUpload);
		sortedCache.set(state.calls, { sorted, added: [] });
		return sorted;
	}
	if (cached.added.length > 0) {
		const added = cached.added.sort(byUpload);
		const merged = [];
		let i = 0;
		let j = 0;
		while (i < cached.sorted.length || j < added.length) {
			if (j === added.length || (i < cached.sorted.length && byUpload(cached.sorted[i], added[j]) <= 0)) merged.push(cached.sorted[i++]);
			else merged.push(added[j++]);
		}
		sortedCache.set(state.calls, { sorted: merged, added: [] });
		return merged;
	}
	return cached.sorted;
}

/**
 * First index of `sorted` from which `past` holds (binary search; `past` is false, then true, along
 * the array), `sorted.length` when it never does.
 * @param {readonly CallRecord[]} sorted @param {(call: CallRecord) => boolean} past
 */
function firstIndexWhere(sorted, past) {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (past(sorted[middle])) high = middle;
		else low = middle + 1;
	}
	return low;
}

/**
 * The calls uploaded from `from` to `to` (epoch s, both inclusive), in sortedCalls order.
 * @param {State} state @param {number} from @param {number} to @returns {CallRecord[]}
 */
function callsUploadedBetween(state, from, to) {
	const sorted = sortedCalls(state);
	return sorted.slice(firstIndexWhere(sorted, (call) => call.upload_time >= from), firstIndexWhere(sorted, (call) => call.upload_time > to));
}

/** @param {State} state @returns {CallSnapshot[]} */
function listCalls(state) {
	const nowMs = Date.now();
	return sortedCalls(state).map((call) => callSnapshot(call, nowMs));
}

module.exports = {
	statusOf, doneAtMs, defaultTimeline, lastSegment, addCalls, putCall, setCallStatus, listCalls, sortedCalls, callsUploadedBetween, transcript,
	speechFigures, credit, machineScore, detailsItem,
};
