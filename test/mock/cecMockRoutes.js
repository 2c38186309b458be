// @ts-check
'use strict';
/**
 * The CEC mock's route table and business state. One route per entry of the package's endpoint table
 * (nodes/HuaweiCecQuality/transport/endpoints.json, the single source of each API's path, operator
 * header, answer shape and success convention), each with its own strict validator (written from the
 * package's API spec, docs in /work/shared/cec-quality-api.md, sections 3–5) and its handler.
 *
 * State lives here: the calls submitted for inspection (or seeded by a test) whose inspection status
 * moves on with the wall clock, the manual review tasks with their sampled calls, and the scheduled
 * sampling plans. Nothing runs on a timer: every status is computed from the clock when it is read.
 *
 * Where the spec is silent the choice made is written next to the code as "Choice:" and listed in
 * cecMock.d.ts.
 */
const crypto = require('crypto');
const S = require('./cecMockSchema');
const ENDPOINTS = require('../../nodes/HuaweiCecQuality/transport/endpoints.json');

/** @typedef {import('./cecMock').CecMockOptions} CecMockOptions */
/** @typedef {import('./cecMock').CecMockBusinessKind} BusinessKind */
/** @typedef {import('./cecMock').CecMockCallSeed} CallSeed */
/** @typedef {import('./cecMock').CecMockCall} CallSnapshot */
/** @typedef {import('./cecMock').CecMockTask} TaskSnapshot */
/** @typedef {import('./cecMock').CecMockPlan} PlanSnapshot */
/** @typedef {import('./cecMock').CecMockStatusStep} StatusStep */
/** @typedef {{ status: number, body: string, headers?: Record<string, string>, reason?: string, failure?: boolean }} Answer */
/** @typedef {(typeof ENDPOINTS)[BusinessKind]} EndpointEntry */
/**
 * @typedef {object} HandlerContext
 * @property {any} body the request body, already validated against the route's schema
 * @property {string | undefined} operatorId the x-UserId header (checked on routes whose operatorHeader is true)
 * @property {number} nowMs
 */
/**
 * @typedef {object} Route
 * @property {BusinessKind} kind the endpoint table's key
 * @property {string} name
 * @property {string} path
 * @property {boolean} operatorHeader
 * @property {'object' | 'array'} answer
 * @property {string | null} codeField
 * @property {string | null} successCode
 * @property {boolean} safeToResend
 * @property {(body: unknown) => string[]} validate
 * @property {(context: HandlerContext) => Answer} handle
 */
/**
 * @typedef {object} CallRecord
 * @property {string} call_uuid
 * @property {string} call_id
 * @property {number} createdAtMs the moment the timeline counts from
 * @property {number} upload_time epoch seconds
 * @property {number} call_time epoch seconds
 * @property {number} duration seconds
 * @property {0 | 2} call_type
 * @property {string} file_name
 * @property {string | undefined} voiceFilePath
 * @property {string} staff_id
 * @property {string} staff_name
 * @property {'zh_CN' | 'en_US'} language
 * @property {StatusStep[]} timeline sorted by atMs
 * @property {boolean} pass no rule violated
 * @property {'qualityInspect' | 'seeded'} source
 */
/**
 * @typedef {object} TaskItem one sampled-or-candidate call of a review task
 * @property {string} id qualityTaskCallId
 * @property {string} callUuid
 * @property {string} groupId callGroupId (the call's call_uuid, as appraisecall/details' call_group_id)
 * @property {boolean} sampled
 * @property {string} inspector personID, '' while unassigned
 * @property {number | undefined} completedAtMs
 */
/**
 * @typedef {object} TaskRecord
 * @property {string} id
 * @property {string} planCode
 * @property {string} planName
 * @property {string} currentRole
 * @property {string} creatOperator x-UserId of the creator
 * @property {number} createdAtMs
 * @property {number | undefined} callStart
 * @property {number | undefined} callEnd
 * @property {Record<string, unknown>} fixedColumns
 * @property {unknown} customColumns
 * @property {TaskItem[]} items
 * @property {{ personID: string, count: number }[]} inspectors
 * @property {import('./cecMock').CecMockTaskActivation | undefined} activation
 * @property {number | undefined} terminatedAtMs
 * @property {number} updates
 * @property {{ uuid: string, ruleType: number, reviseId: string, revise: number, description: string, isGroup: boolean }[]} corrections accepted modifyResultQualityTask calls
 */
/**
 * @typedef {object} PlanRecord
 * @property {string} qiqtId
 * @property {string} qiqtName
 * @property {string} creatOperator
 * @property {number} createdAtMs
 * @property {'1' | '2'} qiqtStatus
 * @property {any} request the last add/update body
 * @property {number} updates
 */

const OK_DESC = '操作成功';
const INSPECT_SUCCESS_DESC = 'success';
// Choice: the failure resultCode of each family on HTTP 200 (the spec documents none): the success code
// with its last digit set to 1 — '0409001' is also what the engine tests use for a task-family failure.
/** @type {Record<string, string>} */
const FAILURE_CODES = { '1010200': '1010001', '0409000': '0409001', '0408000': '0408001' };
const CCISQM_FAILURE_CODE = '1010001';
// Choice: queryQualityTask's numeric resultCode on success (the spec only says it is a number).
const QUERY_TASK_NUMERIC_RESULT_CODE = 0;

const LANGUAGES = ['zh_CN', 'en_US'];
const ROLES = ['qualityDirector', 'qualityGroupLeader', 'qualityInspector', 'tableDirector', 'tableGroupLeader', 'tableStaff'];
const FINAL_FAILURE_STATUSES = [9, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40];
const INSPECTION_STATUSES = [0, 1, 2, 3, ...FINAL_FAILURE_STATUSES];
const DONE = 2;
const MAX_PLAN_NAME_CHARS = 32;
const MAX_DURATION_S = 100000000;
const MAX_DURATION_MS = 99999999999; // "at most 11 digits" for the plans' millisecond durations
const MAX_SAMPLE_COUNT = 10000;
const MAX_ASSIGN_COUNT = 99999999; // "at most 8 digits"
const MAX_PAGE_ROWS = 100;

const DEFAULT_INSPECTING_AFTER_MS = 200;
const DEFAULT_DONE_AFTER_MS = 600;
const DEFAULT_SEED_DURATION_S = 60;
/** `FAIL` + a final-failure status in a voiceFilePath (or seeded file_name): the inspection ends in that status. */
const FAIL_MARKER = /FAIL(9|3[1-9]|40)(?!\d)/;
/** `PASS` in a voiceFilePath (or seeded file_name): the finished inspection violates no rule. */
const PASS_MARKER = /PASS/;

// Ids: a fixed 13-digit prefix plus a counter, far above 2^53, so a client that lets them pass through
// a JS number visibly corrupts them. The first of each kind is the documented example's own id.
const TASK_ID_PREFIX = '1623924502740';
const FIRST_TASK_ID_COUNTER = 6915901;
const PLAN_ID_PREFIX = '1662516365467';
const FIRST_PLAN_ID_COUNTER = 6154791;
const TASK_CALL_ID_PREFIX = '1623924502741';
/** Ids written as bare number literals in unquotedIds mode (each only where it holds 16+ digits). */
const UNQUOTABLE_ID_FIELDS = ['qualityTaskId', 'rule_id', 'id', 'objId', 'qiqtId'];

// 18-digit rule ids, above 2^53: the documented example's rule id and its neighbours.
const RULE_IDS = ['967510375224315904', '967510375224315905', '967510375224315906', '967510375224315907', '967510375224315908', '967510375224315909'];
const SILENCE_ID = '967510375224316001';
const RULE_TYPES = [10, 11, 12, 13, 60, 70];

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

/* ------------------------------------------------------------------ validators */

const role = S.string({ oneOf: ROLES });
const epoch = S.epochSeconds();
const id = S.digitString({ min: 1, max: 20 });
const personId = S.digitString({ min: 1, max: 64 });
const pageNumber = S.integer({ min: 1 });
const pageRows = S.integer({ min: 1, max: MAX_PAGE_ROWS });

/**
 * The sampling criteria of createQualityTask, also used by updateQualityTask and by the sampling plans
 * (whose durations are documented in milliseconds, and whose documented example sends durationEnd "100"
 * as a string).
 * @param {string[]} required
 * @param {'seconds' | 'milliseconds'} durationUnit
 */
function fixedColumnsSchema(required, durationUnit) {
	const duration = durationUnit === 'seconds'
		? S.integer({ min: 0, max: MAX_DURATION_S })
		: S.integerOrDecimalString({ min: 0, max: MAX_DURATION_MS });
	const score = S.decimalString({ min: 0, max: MAX_SAMPLE_COUNT, allowFraction: true });
	return S.object({
		qualityType: S.integer({ oneOf: [1, 2, 3] }),
		// Documented as "> 1"; read as "at least one sample".
		qualityNum: S.decimalString({ min: 1, max: MAX_SAMPLE_COUNT }),
		// 0 voice, 2 text; 1 is never documented.
		interactionType: S.integer({ oneOf: [0, 2] }),
		maxNum: S.decimalString({ min: 0, max: MAX_SAMPLE_COUNT }),
		qualityCondition: S.integer({ oneOf: [0, 1, 2] }),
		scoreStart: score,
		scoreEnd: score,
		durationStart: duration,
		durationEnd: duration,
		staffIds: S.array(S.string()),
	}, required);
}

/** @param {Record<string, unknown>} body @param {string[]} errors */
function checkFixedColumnOrder(body, errors) {
	const columns = S.isPlainObject(body) ? body : undefined;
	S.checkOrdered(columns, 'fixedColumns.', 'scoreStart', 'scoreEnd', errors);
	S.checkOrdered(columns, 'fixedColumns.', 'durationStart', 'durationEnd', errors);
}

/** @param {boolean} update */
function reviewTaskValidator(update) {
	const requiredColumns = update
		? ['qualityCondition', 'qualityNum', 'qualityType', 'interactionType']
		: ['qualityType', 'qualityNum', 'interactionType'];
	const planName = S.string({ min: 1, max: MAX_PLAN_NAME_CHARS });
	const qualityTask = update
		? S.object({ id, planName }, ['id', 'planName'])
		: S.object({ planName }, ['planName']);
	return S.validator(
		S.object({
			customColumns: S.objectOrNull(),
			currentRole: role,
			startTimeMillis: epoch,
			endTimeMillis: epoch,
			fixedColumns: fixedColumnsSchema(requiredColumns, 'seconds'),
			qualityTask,
		}, ['currentRole', 'fixedColumns', 'qualityTask']),
		(body, errors) => {
			S.checkOrdered(body, '', 'startTimeMillis', 'endTimeMillis', errors);
			if (S.isPlainObject(body.fixedColumns)) checkFixedColumnOrder(body.fixedColumns, errors);
		},
	);
}

/** @param {boolean} update */
function planValidator(update) {
	const setCount = S.object({ personID: personId, count: S.integer({ min: 0, max: MAX_ASSIGN_COUNT }) }, ['personID', 'count']);
	/** @type {Record<string, import('./cecMockSchema').Check>} */
	const fields = {
		qiqtName: S.string({ min: 1, max: MAX_PLAN_NAME_CHARS }),
		currentRole: role,
		cronStructure: S.object({
			qiqtCycleType: S.string({ oneOf: ['1', '2', '3'] }),
			qiqtStartTime: epoch,
			qiqtEndType: S.string({ oneOf: ['1', '2'] }),
			qiqtEndTime: epoch,
			// The field table types it string ("at most 8 digits"), the documented example sends 1.
			qiqtTotalTimes: S.integerOrDecimalString({ min: 1, max: MAX_ASSIGN_COUNT }),
		}, ['qiqtCycleType', 'qiqtStartTime', 'qiqtEndType']),
		extractionRange: S.object({
			currentRole: role,
			fixedColumns: fixedColumnsSchema(['qualityType', 'qualityNum', 'interactionType'], 'milliseconds'),
			customColumns: S.objectOrNull(),
		}, ['fixedColumns']),
		appointQuality: S.object({
			setCountsType: S.integer({ oneOf: [0, 2] }),
			setCounts: S.array(setCount, { min: 1 }),
		}, ['setCountsType', 'setCounts']),
	};
	if (update) fields.qiqtId = id;
	const required = ['qiqtName', 'cronStructure', 'extractionRange', 'appointQuality', ...(update ? ['qiqtId'] : [])];
	return S.validator(S.object(fields, required), (body, errors) => {
		const cron = S.isPlainObject(body.cronStructure) ? body.cronStructure : undefined;
		if (cron?.qiqtEndType === '1' && !S.has(cron, 'qiqtTotalTimes')) errors.push('cronStructure.qiqtTotalTimes is required when qiqtEndType is "1"');
		if (cron?.qiqtEndType === '2' && !S.has(cron, 'qiqtEndTime')) errors.push('cronStructure.qiqtEndTime is required when qiqtEndType is "2"');
		S.checkOrdered(cron, 'cronStructure.', 'qiqtStartTime', 'qiqtEndTime', errors);
		const range = S.isPlainObject(body.extractionRange) ? body.extractionRange : undefined;
		if (range && S.isPlainObject(range.fixedColumns)) {
			S.checkOrdered(range.fixedColumns, 'extractionRange.fixedColumns.', 'scoreStart', 'scoreEnd', errors);
			S.checkOrdered(range.fixedColumns, 'extractionRange.fixedColumns.', 'durationStart', 'durationEnd', errors);
		}
		const appoint = S.isPlainObject(body.appointQuality) ? body.appointQuality : undefined;
		if (appoint?.setCountsType === 2 && Array.isArray(appoint.setCounts)) {
			const total = appoint.setCounts.reduce((sum, entry) => sum + (S.isPlainObject(entry) && typeof entry.count === 'number' ? entry.count : 0), 0);
			if (total !== 100) errors.push(`appointQuality.setCounts counts are percentages with setCountsType 2 and must sum to 100, got ${total}`);
		}
	});
}

/** @type {Record<BusinessKind, (body: unknown) => string[]>} */
const VALIDATORS = {
	qualityInspect: S.validator(
		S.object({
			language: S.string({ oneOf: LANGUAGES }),
			voiceFilePath: S.string({ min: 1 }),
			agentId: S.integer({ min: 0 }),
			beginTime: S.wallClock(),
			endTime: S.wallClock(),
		}, ['language', 'voiceFilePath', 'agentId', 'beginTime', 'endTime']),
		(body, errors) => {
			// The fixed-width format sorts lexicographically in time order.
			const { beginTime, endTime } = body;
			if (typeof beginTime === 'string' && typeof endTime === 'string' && endTime < beginTime) errors.push('endTime must not be before beginTime');
		},
	),
	appraiseCallCredit: S.validator(S.object({ call_uuid: S.string({ min: 1 }) }, ['call_uuid'])),
	appraiseCallDetail: S.validator(S.object({ call_uuid: S.string({ min: 1 }) }, ['call_uuid'])),
	appraiseCallDetails: S.validator(
		S.object({
			page: pageNumber,
			limit: pageRows,
			call_types: S.array(S.integer({ oneOf: [0, 2] }), { min: 1 }),
			status: S.array(S.integer({ oneOf: INSPECTION_STATUSES }), { min: 1 }),
			upload_from: epoch,
			upload_to: epoch,
			// Choice: the optional filters may be JSON null (= absent): the official example sends "staff_id": null.
			call_from: S.nullable(epoch),
			call_to: S.nullable(epoch),
			staff_id: S.nullable(S.string()),
			staff_name: S.nullable(S.string()),
			keyword: S.nullable(S.string()),
			duration_min: S.nullable(S.integer({ min: 0 })),
			duration_max: S.nullable(S.integer({ min: 0 })),
		}, ['page', 'limit', 'call_types', 'status', 'upload_from', 'upload_to']),
		(body, errors) => {
			S.checkOrdered(body, '', 'upload_from', 'upload_to', errors);
			S.checkOrdered(body, '', 'call_from', 'call_to', errors);
			S.checkOrdered(body, '', 'duration_min', 'duration_max', errors);
		},
	),
	createQualityTask: reviewTaskValidator(false),
	updateQualityTask: reviewTaskValidator(true),
	appointQualityTask: S.validator(S.object({
		qualityTaskId: id,
		setCountsType: S.integer({ oneOf: [1] }),
		isTakeEffect: S.integer({ oneOf: [0, 1] }),
		setCounts: S.array(S.object({ personID: personId, count: S.integer({ min: 0, max: MAX_ASSIGN_COUNT }) }, ['personID', 'count']), { min: 1 }),
	}, ['qualityTaskId', 'setCountsType', 'isTakeEffect', 'setCounts'])),
	takeEffectQualityTask: S.validator(
		S.object({ type: S.string({ oneOf: ['1', '2'] }), qualityTaskId: id, reserveTime: S.string() }, ['type', 'qualityTaskId']),
		(body, errors) => {
			if (body.type !== '2') return;
			const reserveTime = body.reserveTime;
			if (typeof reserveTime !== 'string' || reserveTime === '') {
				errors.push('reserveTime is required (non-empty) when type is "2"');
			} else if (parseReserveTime(reserveTime, 0) === undefined) {
				errors.push(`reserveTime must be "yyyy-MM-dd HH:mm:ss" or epoch milliseconds as a 13-digit string, got ${JSON.stringify(reserveTime)}`);
			}
		},
	),
	terminateQualityTask: S.validator(S.object({ qualityTaskId: id }, ['qualityTaskId'])),
	deleteQualityTask: S.validator(S.object({ qualityTaskId: id }, ['qualityTaskId'])),
	queryQualityTask: S.validator(
		S.object({
			currentRole: role,
			userId: S.string({ min: 1, max: 64 }),
			startTimeMillis: epoch,
			endTimeMillis: epoch,
			callStartTimeMillis: epoch,
			callEndTimeMillis: epoch,
			page: pageNumber,
			rows: pageRows,
			fixedColumns: S.object({
				planName: S.string({ max: 32 }),
				status: S.string({ max: 32 }),
				fileName: S.string({ max: 32 }),
				creatOperator: S.string({ max: 32 }),
				reviewingOfficer: S.string({ max: 32 }),
			}),
		}, ['currentRole', 'startTimeMillis', 'endTimeMillis', 'page', 'rows']),
		(body, errors) => {
			S.checkOrdered(body, '', 'startTimeMillis', 'endTimeMillis', errors);
			S.checkOrdered(body, '', 'callStartTimeMillis', 'callEndTimeMillis', errors);
		},
	),
	callsQualityTask: S.validator(
		S.object({
			currentRole: role,
			page: pageNumber,
			rows: pageRows,
			fixedColumns: S.object({
				planCode: S.string({ min: 1, max: 128 }),
				// The spec lists "-1", "0", "1" and "-1", "2", "3"; the official field tables add "3" and "0" (meanings undocumented).
				inspectStatus: S.string({ oneOf: ['-1', '0', '1', '3'] }),
				reviewingStates: S.string({ oneOf: ['-1', '0', '2', '3'] }),
				inspector: S.string({ max: 256 }),
				staff: S.string({ max: 256 }),
				fileName: S.string({ max: 256 }),
				reviewingOfficer: S.string({ max: 256 }),
				// Choice: wire type undocumented; a JSON integer or a decimal string, seconds.
				durationFrom: S.integerOrDecimalString({ min: 0, max: MAX_DURATION_S }),
				durationTo: S.integerOrDecimalString({ min: 0, max: MAX_DURATION_S }),
				showReviewingOfficer: S.boolean(),
			}, ['planCode']),
		}, ['currentRole', 'page', 'rows', 'fixedColumns']),
		(body, errors) => {
			if (S.isPlainObject(body.fixedColumns)) S.checkOrdered(body.fixedColumns, 'fixedColumns.', 'durationFrom', 'durationTo', errors);
		},
	),
	completeQualityTask: S.validator(S.object({
		isGroup: S.boolean(),
		callId: S.string({ min: 1, max: 128 }),
		callGroupId: S.string({ min: 1, max: 128 }),
		qualityTaskCallId: id,
	}, ['isGroup', 'callId', 'callGroupId', 'qualityTaskCallId'])),
	modifyResultQualityTask: S.validator(S.object({
		isGroup: S.boolean(),
		// The rule types of the review family (queryQualityItemDetail's `type`, spec §5.5).
		ruleType: S.integer({ oneOf: RULE_TYPES }),
		taskId: id,
		uuid: S.string({ min: 1, max: 128 }),
		ruleInfo: S.object({ description: S.string(), revise: S.integer({ oneOf: [0, 1] }), reviseId: id }, ['description', 'revise', 'reviseId']),
	}, ['isGroup', 'ruleType', 'taskId', 'uuid', 'ruleInfo'])),
	addRegularQualityTask: planValidator(false),
	updateRegularQualityTask: planValidator(true),
	beginRegularQualityTask: S.validator(S.object({ regularQualityTaskId: id }, ['regularQualityTaskId'])),
	stopRegularQualityTask: S.validator(S.object({ regularQualityTaskId: id }, ['regularQualityTaskId'])),
	deleteRegularQualityTask: S.validator(S.object({ regularQualityTaskId: id }, ['regularQualityTaskId'])),
	queryRegularQualityTask: S.validator(S.object({ page: pageNumber, rows: pageRows }, ['page', 'rows'])),
};

/**
 * takeEffectQualityTask's reserveTime: its format is undocumented, so both plausible ones are accepted.
 * @param {string} text
 * @param {number} offsetMinutes the tenant's offset from UTC, for the wall-clock form
 * @returns {{ atMs: number, format: 'wallClock' | 'epochMillis' } | undefined}
 */
function parseReserveTime(text, offsetMinutes) {
	if (/^\d{13}$/.test(text)) return { atMs: Number(text), format: 'epochMillis' };
	const atMs = S.wallClockToEpochMs(text, offsetMinutes);
	return atMs === undefined ? undefined : { atMs, format: 'wallClock' };
}

/* ------------------------------------------------------------------ answers */

/**
 * @param {Route} route
 * @returns {Record<string, string>}
 */
function successCode(route) {
	if (route.codeField === null || route.successCode === null) throw new Error(`${route.kind} has no success code`);
	return { [route.codeField]: route.successCode };
}

/**
 * A 200 answer, with ids above 2^53 written as bare number literals when `unquotedIds` is on. Checks
 * the answer's JSON shape against the endpoint table (a mismatch is a bug in the mock: it throws).
 * @param {Route} route
 * @param {unknown} payload
 * @param {boolean} unquotedIds
 * @returns {Answer}
 */
function ok(route, payload, unquotedIds) {
	const shape = Array.isArray(payload) ? 'array' : 'object';
	if (shape !== route.answer) throw new Error(`${route.kind} answered a JSON ${shape}; the endpoint table says ${route.answer}`);
	let body = JSON.stringify(payload);
	if (unquotedIds) {
		for (const field of UNQUOTABLE_ID_FIELDS) body = body.replace(new RegExp(`"${field}":"(\\d{16,})"`, 'g'), `"${field}":$1`);
	}
	return { status: 200, body };
}

/**
 * HTTP 200 with the family's failure code: a well-formed request the business state refuses.
 * @param {Route} route
 * @param {string} resultDesc
 * @returns {Answer}
 */
function businessFailure(route, resultDesc) {
	const code = route.successCode === null ? CCISQM_FAILURE_CODE : FAILURE_CODES[route.successCode];
	const field = route.codeField ?? 'resultCode';
	return { status: 200, body: JSON.stringify({ [field]: code, resultDesc }), reason: resultDesc, failure: true };
}

/* ------------------------------------------------------------------ the backend */

/**
 * @param {CecMockOptions} options
 */
function createBackend(options) {
	const unquotedIds = options.unquotedIds === true;
	// Giving only one delay moves the other default out of its way (doneAfterMs 100 alone: inspecting at 100 too).
	const givenInspecting = options.inspection?.inspectingAfterMs;
	const givenDone = options.inspection?.doneAfterMs;
	const inspectingAfterMs = givenInspecting ?? Math.min(DEFAULT_INSPECTING_AFTER_MS, givenDone ?? DEFAULT_INSPECTING_AFTER_MS);
	const doneAfterMs = givenDone ?? Math.max(DEFAULT_DONE_AFTER_MS, inspectingAfterMs);
	if (!(Number.isInteger(inspectingAfterMs) && Number.isInteger(doneAfterMs) && inspectingAfterMs >= 0 && doneAfterMs >= inspectingAfterMs)) {
		throw new TypeError('inspection needs integers 0 <= inspectingAfterMs <= doneAfterMs');
	}
	const offsetMinutes = options.tenantUtcOffsetMinutes ?? 0;
	if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 14 * 60) throw new TypeError('tenantUtcOffsetMinutes must be an integer within ±840');

	/** @type {Map<string, CallRecord>} */
	const calls = new Map();
	/** @type {Map<string, TaskRecord>} */
	const tasks = new Map();
	/** @type {Map<string, PlanRecord>} */
	const plans = new Map();
	/** Every qualityTaskId created, in order (deleted ones too). */
	const createdTaskIds = /** @type {string[]} */ ([]);
	/** Every sampling plan id created, in order. */
	const createdPlanIds = /** @type {string[]} */ ([]);
	let taskIdCounter = FIRST_TASK_ID_COUNTER;
	let planIdCounter = FIRST_PLAN_ID_COUNTER;
	let taskCallIdCounter = 1;
	let planCodeCounter = 1;

	/* ---------------------------------------------------------------- calls */

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
	 * @param {string} text the voiceFilePath or file name carrying the markers
	 * @returns {StatusStep[]}
	 */
	function defaultTimeline(text) {
		const failure = FAIL_MARKER.exec(text);
		return [
			{ atMs: 0, status: 0 },
			{ atMs: inspectingAfterMs, status: 1 },
			{ atMs: doneAfterMs, status: failure ? Number(failure[1]) : DONE },
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
	 * @param {unknown} seed
	 * @param {number} nowMs
	 * @returns {CallRecord}
	 */
	function callFromSeed(seed, nowMs) {
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
		if (calls.has(callUuid)) throw new TypeError(`a call ${callUuid} exists already`);
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
			timeline = defaultTimeline(markers);
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
	 * @param {unknown} seeds
	 * @returns {CallSnapshot[]}
	 */
	function addCalls(seeds) {
		if (!Array.isArray(seeds)) throw new TypeError('addCalls takes an array of calls');
		const nowMs = Date.now();
		const records = seeds.map((seed) => callFromSeed(seed, nowMs));
		const uuids = new Set(records.map((record) => record.call_uuid));
		if (uuids.size !== records.length) throw new TypeError('the calls repeat a call_uuid');
		for (const record of records) calls.set(record.call_uuid, record);
		return records.map((record) => callSnapshot(record, nowMs));
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

	/* ---------------------------------------------------------------- review tasks */

	/** @param {TaskRecord} task @param {number} nowMs */
	function isEffective(task, nowMs) {
		return task.terminatedAtMs === undefined && task.activation !== undefined && nowMs >= task.activation.effectiveAtMs;
	}

	/**
	 * Choice (undocumented): a task's status string. "0" created, "1" inspectors assigned, "2" scheduled
	 * (takeEffect type "2" before its reserveTime), "3" in effect, "4" terminated.
	 * @param {TaskRecord} task @param {number} nowMs
	 */
	function taskStatus(task, nowMs) {
		if (task.terminatedAtMs !== undefined) return '4';
		if (task.activation !== undefined) return nowMs >= task.activation.effectiveAtMs ? '3' : '2';
		return task.inspectors.length > 0 ? '1' : '0';
	}

	/**
	 * Choice: a task samples, when created or updated, from the calls whose inspection is done and that
	 * match its criteria (call type, call window, durations, staff, machine score); the rest of the
	 * matches stay listed as not sampled. qualityType 1 takes the first qualityNum matches, 2 the first
	 * qualityNum per agent, 3 qualityNum percent per agent (rounded up); maxNum > 0 caps the total.
	 * @param {Record<string, any>} columns
	 * @param {number | undefined} callStart
	 * @param {number | undefined} callEnd
	 * @param {number} nowMs
	 * @returns {TaskItem[]}
	 */
	function sampleCalls(columns, callStart, callEnd, nowMs) {
		const scoreStart = S.numeric(columns.scoreStart);
		const scoreEnd = S.numeric(columns.scoreEnd);
		const staffIds = /** @type {string[]} */ (columns.staffIds ?? []);
		const matches = sortedCalls().filter((call) => statusOf(call, nowMs) === DONE
			&& call.call_type === columns.interactionType
			&& (callStart === undefined || call.call_time >= callStart)
			&& (callEnd === undefined || call.call_time <= callEnd)
			&& (columns.durationStart === undefined || call.duration >= columns.durationStart)
			&& (columns.durationEnd === undefined || call.duration <= columns.durationEnd)
			&& (staffIds.length === 0 || staffIds.includes(call.staff_id))
			&& (scoreStart === undefined || machineScore(call) >= scoreStart)
			&& (scoreEnd === undefined || machineScore(call) <= scoreEnd));
		const quantity = Number(columns.qualityNum);
		/** @type {Set<CallRecord>} */
		const chosen = new Set();
		if (columns.qualityType === 1) {
			for (const call of matches.slice(0, quantity)) chosen.add(call);
		} else {
			/** @type {Map<string, CallRecord[]>} */
			const byStaff = new Map();
			for (const call of matches) byStaff.set(call.staff_id, [...(byStaff.get(call.staff_id) ?? []), call]);
			for (const staffCalls of byStaff.values()) {
				const take = columns.qualityType === 2 ? quantity : Math.ceil((staffCalls.length * quantity) / 100);
				for (const call of staffCalls.slice(0, take)) chosen.add(call);
			}
		}
		const maxNum = Number(columns.maxNum ?? 0);
		let kept = 0;
		return matches.map((call) => {
			const sampled = chosen.has(call) && (maxNum === 0 || kept < maxNum);
			if (sampled) kept += 1;
			return {
				id: TASK_CALL_ID_PREFIX + String(taskCallIdCounter++).padStart(6, '0'),
				callUuid: call.call_uuid,
				groupId: call.call_uuid,
				sampled,
				inspector: '',
				completedAtMs: undefined,
			};
		});
	}

	/** Hands the sampled, unfinished items out to the inspectors, `count` each, in order. @param {TaskRecord} task */
	function assignItems(task) {
		const open = task.items.filter((item) => item.sampled && item.completedAtMs === undefined);
		for (const item of open) item.inspector = '';
		let next = 0;
		for (const { personID, count } of task.inspectors) {
			for (let i = 0; i < count && next < open.length; i += 1) open[next++].inspector = personID;
		}
	}

	/** @param {string} personID */
	function inspectorName(personID) {
		return personID === '' ? '' : `质检员${personID.slice(-4)}`;
	}

	/**
	 * Choice: per-call inspectStatus "-1" not sampled, "0" sampled but the task not yet in effect,
	 * "1" sampled and in effect. Review state "-1" not reviewed, "2" reviewing (assigned, task in
	 * effect), "3" reviewed (completeQualityTask).
	 * @param {TaskRecord} task @param {TaskItem} item @param {number} nowMs
	 * @returns {{ inspectStatus: '-1' | '0' | '1', reviewingState: '-1' | '2' | '3' }}
	 */
	function itemStates(task, item, nowMs) {
		const effective = isEffective(task, nowMs);
		/** @type {'-1' | '0' | '1'} */
		const inspectStatus = !item.sampled ? '-1' : effective ? '1' : '0';
		/** @type {'-1' | '2' | '3'} */
		const reviewingState = item.completedAtMs !== undefined ? '3' : item.inspector !== '' && effective ? '2' : '-1';
		return { inspectStatus, reviewingState };
	}

	/** @param {TaskRecord} task @param {number} nowMs @returns {TaskSnapshot} */
	function taskSnapshot(task, nowMs) {
		return {
			id: task.id,
			planCode: task.planCode,
			planName: task.planName,
			status: taskStatus(task, nowMs),
			creatOperator: task.creatOperator,
			createTime: Math.floor(task.createdAtMs / 1000),
			callStart: task.callStart,
			callEnd: task.callEnd,
			fixedColumns: JSON.parse(JSON.stringify(task.fixedColumns)),
			inspectors: task.inspectors.map((entry) => ({ ...entry })),
			activation: task.activation ? { ...task.activation } : undefined,
			terminated: task.terminatedAtMs !== undefined,
			updates: task.updates,
			corrections: task.corrections.map((correction) => ({ ...correction })),
			calls: task.items.map((item) => ({
				qualityTaskCallId: item.id,
				call_uuid: item.callUuid,
				callGroupId: item.groupId,
				sampled: item.sampled,
				inspector: item.inspector,
				reviewed: item.completedAtMs !== undefined,
				...itemStates(task, item, nowMs),
			})),
		};
	}

	/** @param {Route} route @param {unknown} taskId @returns {TaskRecord | Answer} */
	function findOpenTask(route, taskId) {
		const task = tasks.get(/** @type {string} */ (taskId));
		if (!task) return businessFailure(route, `no review task with id ${taskId}`);
		if (task.terminatedAtMs !== undefined) return businessFailure(route, `review task ${taskId} is terminated`);
		return task;
	}

	/** @param {TaskRecord | PlanRecord | Answer} value @returns {value is Answer} */
	function isAnswer(value) {
		return 'status' in value && typeof value.status === 'number' && 'body' in value;
	}

	/* ---------------------------------------------------------------- plans */

	/** @param {PlanRecord} plan @param {number} nowMs */
	function nextExecution(plan, nowMs) {
		// Choice: a stopped plan, or one past its end, has no next execution ("").
		if (plan.qiqtStatus !== '2') return '';
		const cron = plan.request.cronStructure;
		const startMs = cron.qiqtStartTime * 1000;
		/** @param {number} k */
		const runAt = (k) => {
			if (cron.qiqtCycleType === '3') {
				const date = new Date(startMs);
				date.setUTCMonth(date.getUTCMonth() + k);
				return date.getTime();
			}
			return startMs + k * (cron.qiqtCycleType === '2' ? 7 : 1) * 86400_000;
		};
		let k = 0;
		while (runAt(k) < nowMs && k < 100000) k += 1;
		if (cron.qiqtEndType === '1' && k >= Number(cron.qiqtTotalTimes)) return '';
		if (cron.qiqtEndType === '2' && runAt(k) > cron.qiqtEndTime * 1000) return '';
		return S.formatWallClock(runAt(k), offsetMinutes);
	}

	/** @param {PlanRecord} plan @param {number} nowMs @returns {PlanSnapshot} */
	function planSnapshot(plan, nowMs) {
		return {
			qiqtId: plan.qiqtId,
			qiqtName: plan.qiqtName,
			qiqtStatus: plan.qiqtStatus,
			creatOperator: plan.creatOperator,
			nextExecutionTimeStr: nextExecution(plan, nowMs),
			updates: plan.updates,
			request: JSON.parse(JSON.stringify(plan.request)),
		};
	}

	/** @param {Route} route @param {unknown} planId @returns {PlanRecord | Answer} */
	function findPlan(route, planId) {
		const plan = plans.get(/** @type {string} */ (planId));
		return plan ?? businessFailure(route, `no sampling plan with id ${planId}`);
	}

	/* ---------------------------------------------------------------- helpers */

	function sortedCalls() {
		return [...calls.values()].sort((a, b) => a.upload_time - b.upload_time || (a.call_uuid < b.call_uuid ? -1 : a.call_uuid > b.call_uuid ? 1 : 0));
	}

	/** @template T @param {T[]} list @param {number} page @param {number} rows */
	function pageOf(list, page, rows) {
		return list.slice((page - 1) * rows, page * rows);
	}

	/** @param {unknown} text @param {string} part */
	function contains(text, part) {
		return typeof text === 'string' && text.includes(part);
	}

	/* ---------------------------------------------------------------- handlers */

	/** @type {Record<BusinessKind, (route: Route, context: HandlerContext) => Answer>} */
	const HANDLERS = {
		qualityInspect(route, { body, nowMs }) {
			const beginMs = /** @type {number} */ (S.wallClockToEpochMs(body.beginTime, offsetMinutes));
			const endMs = /** @type {number} */ (S.wallClockToEpochMs(body.endTime, offsetMinutes));
			const callUuid = crypto.randomUUID();
			calls.set(callUuid, {
				call_uuid: callUuid,
				call_id: callUuid,
				createdAtMs: nowMs,
				upload_time: Math.floor(nowMs / 1000),
				call_time: Math.floor(beginMs / 1000),
				duration: Math.round((endMs - beginMs) / 1000),
				call_type: 0,
				file_name: lastSegment(body.voiceFilePath),
				voiceFilePath: body.voiceFilePath,
				staff_id: String(body.agentId),
				staff_name: `Agent ${body.agentId}`,
				language: body.language,
				timeline: defaultTimeline(body.voiceFilePath),
				pass: PASS_MARKER.test(body.voiceFilePath),
				source: 'qualityInspect',
			});
			return ok(route, { ...successCode(route), call_uuid: callUuid, resultDesc: INSPECT_SUCCESS_DESC }, false);
		},

		appraiseCallCredit(route, { body, nowMs }) {
			const call = calls.get(body.call_uuid);
			// Documented: an empty array means "no result yet"; also for an unknown call and a failed inspection.
			if (!call || statusOf(call, nowMs) !== DONE) return ok(route, [], unquotedIds);
			const doneAt = doneAtMs(call) ?? call.upload_time * 1000;
			return ok(route, [{ create_time: Math.floor(doneAt / 1000), credit: credit(call) }], unquotedIds);
		},

		appraiseCallDetail(route, { body, nowMs }) {
			const call = calls.get(body.call_uuid);
			// Choice (undocumented): no transcript yet, a failed inspection or an unknown call_uuid answer
			// HTTP 200 with a failure resultCode and no transcript fields. Not 400: the request is well
			// formed; not 500, which a client may take for a passing server fault.
			if (!call) return businessFailure(route, `no inspection detail: unknown call_uuid ${body.call_uuid}`);
			const status = statusOf(call, nowMs);
			if (status !== DONE) return businessFailure(route, `no inspection detail: call ${call.call_uuid} has inspection status ${status}`);
			return ok(route, {
				call_id: call.call_id,
				call_time: call.call_time,
				upload_time: call.upload_time,
				file_name: call.file_name,
				duration: call.duration,
				...speechFigures(call),
				segments: transcript(call),
			}, unquotedIds);
		},

		appraiseCallDetails(route, { body, nowMs }) {
			const matches = sortedCalls().filter((call) => body.call_types.includes(call.call_type)
				&& body.status.includes(statusOf(call, nowMs))
				&& call.upload_time >= body.upload_from && call.upload_time <= body.upload_to
				&& (body.call_from == null || call.call_time >= body.call_from)
				&& (body.call_to == null || call.call_time <= body.call_to)
				&& (body.staff_id == null || call.staff_id === body.staff_id)
				&& (body.staff_name == null || call.staff_name.includes(body.staff_name))
				&& (body.duration_min == null || call.duration >= body.duration_min)
				&& (body.duration_max == null || call.duration <= body.duration_max)
				// Choice: the keyword searches the transcript, which exists once the inspection is done.
				&& (body.keyword == null || (statusOf(call, nowMs) === DONE && transcript(call).some((s) => s.asr_text.includes(body.keyword)))));
			// Choice: one group per call, call_group_id = call_uuid, as in the official example.
			const data = pageOf(matches, body.page, body.limit).map((call) => ({ call_group_id: call.call_uuid, calls: [detailsItem(call, nowMs)] }));
			return ok(route, { paging: { total: matches.length, page: body.page, limit: body.limit }, data }, unquotedIds);
		},

		createQualityTask(route, { body, operatorId, nowMs }) {
			const taskId = TASK_ID_PREFIX + String(taskIdCounter++).padStart(7, '0');
			createdTaskIds.push(taskId);
			const createdOn = S.formatWallClock(nowMs, offsetMinutes).slice(0, 10).replace(/-/g, '');
			tasks.set(taskId, {
				id: taskId,
				// Choice: planCode (the key callsQualityTask needs) differs from the id: "QT" + creation date + sequence.
				planCode: `QT${createdOn}${String(planCodeCounter++).padStart(4, '0')}`,
				planName: body.qualityTask.planName,
				currentRole: body.currentRole,
				creatOperator: operatorId ?? '',
				createdAtMs: nowMs,
				callStart: body.startTimeMillis,
				callEnd: body.endTimeMillis,
				fixedColumns: body.fixedColumns,
				customColumns: body.customColumns,
				items: sampleCalls(body.fixedColumns, body.startTimeMillis, body.endTimeMillis, nowMs),
				inspectors: [],
				activation: undefined,
				terminatedAtMs: undefined,
				updates: 0,
				corrections: [],
			});
			return ok(route, { qualityTaskId: taskId, ...successCode(route), resultDesc: OK_DESC }, unquotedIds);
		},

		updateQualityTask(route, { body, nowMs }) {
			const task = findOpenTask(route, body.qualityTask.id);
			if (isAnswer(task)) return task;
			Object.assign(task, {
				planName: body.qualityTask.planName,
				currentRole: body.currentRole,
				callStart: body.startTimeMillis,
				callEnd: body.endTimeMillis,
				fixedColumns: body.fixedColumns,
				customColumns: body.customColumns,
				items: sampleCalls(body.fixedColumns, body.startTimeMillis, body.endTimeMillis, nowMs),
				updates: task.updates + 1,
			});
			assignItems(task);
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, unquotedIds);
		},

		appointQualityTask(route, { body, nowMs }) {
			const task = findOpenTask(route, body.qualityTaskId);
			if (isAnswer(task)) return task;
			task.inspectors = body.setCounts.map((/** @type {{ personID: string, count: number }} */ entry) => ({ personID: entry.personID, count: entry.count }));
			assignItems(task);
			if (body.isTakeEffect === 1 && !isEffective(task, nowMs)) {
				task.activation = { type: '1', reserveTime: '', reserveTimeFormat: undefined, effectiveAtMs: nowMs, via: 'appointQualityTask' };
			}
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, unquotedIds);
		},

		takeEffectQualityTask(route, { body, nowMs }) {
			const task = findOpenTask(route, body.qualityTaskId);
			if (isAnswer(task)) return task;
			const reserveTime = body.reserveTime ?? '';
			if (body.type === '1') {
				// Activating an active task again changes nothing; its first activation stays recorded.
				if (!isEffective(task, nowMs)) task.activation = { type: '1', reserveTime, reserveTimeFormat: undefined, effectiveAtMs: nowMs, via: 'takeEffectQualityTask' };
			} else {
				const parsed = /** @type {{ atMs: number, format: 'wallClock' | 'epochMillis' }} */ (parseReserveTime(reserveTime, offsetMinutes));
				task.activation = { type: '2', reserveTime, reserveTimeFormat: parsed.format, effectiveAtMs: parsed.atMs, via: 'takeEffectQualityTask' };
			}
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, unquotedIds);
		},

		terminateQualityTask(route, { body, nowMs }) {
			const task = findOpenTask(route, body.qualityTaskId);
			if (isAnswer(task)) return task;
			task.terminatedAtMs = nowMs;
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, unquotedIds);
		},

		deleteQualityTask(route, { body }) {
			if (!tasks.delete(body.qualityTaskId)) return businessFailure(route, `no review task with id ${body.qualityTaskId}`);
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, unquotedIds);
		},

		queryQualityTask(route, { body, nowMs }) {
			const columns = body.fixedColumns ?? {};
			// Choice: tasks are listed oldest first (creation order).
			const matches = [...tasks.values()].filter((task) => {
				const createTime = Math.floor(task.createdAtMs / 1000);
				if (createTime < body.startTimeMillis || createTime > body.endTimeMillis) return false;
				// Choice: a call window filter keeps the tasks whose own call window lies inside it.
				if (body.callStartTimeMillis !== undefined && !(task.callStart !== undefined && task.callStart >= body.callStartTimeMillis)) return false;
				if (body.callEndTimeMillis !== undefined && !(task.callEnd !== undefined && task.callEnd <= body.callEndTimeMillis)) return false;
				if (columns.planName !== undefined && !task.planName.includes(columns.planName)) return false;
				if (columns.status !== undefined && taskStatus(task, nowMs) !== columns.status) return false;
				if (columns.creatOperator !== undefined && !task.creatOperator.includes(columns.creatOperator)) return false;
				if (columns.reviewingOfficer !== undefined && !task.inspectors.some((entry) => entry.personID.includes(columns.reviewingOfficer))) return false;
				if (columns.fileName !== undefined && !task.items.some((item) => contains(calls.get(item.callUuid)?.file_name, columns.fileName))) return false;
				return true;
			});
			const data = pageOf(matches, body.page, body.rows).map((task) => {
				const sampled = task.items.filter((item) => item.sampled);
				const assigned = sampled.filter((item) => item.inspector !== '');
				return {
					id: task.id,
					planCode: task.planCode,
					planName: task.planName,
					createTime: Math.floor(task.createdAtMs / 1000),
					creatOperator: task.creatOperator,
					callStart: task.callStart ?? null,
					callEnd: task.callEnd ?? null,
					// Choice: inspect* count the matching calls and those sampled; review* those assigned and reviewed.
					inspectTotalCount: task.items.length,
					inspectFinishedCount: sampled.length,
					reviewTotalCount: assigned.length,
					reviewFinishedCount: sampled.filter((item) => item.completedAtMs !== undefined).length,
					status: taskStatus(task, nowMs),
					effectiveDate: task.activation ? S.formatWallClock(task.activation.effectiveAtMs, offsetMinutes) : '',
					reviewingOfficer: task.inspectors.map((entry) => entry.personID).join(','),
					reviewingOfficerName: task.inspectors.map((entry) => inspectorName(entry.personID)).join(','),
					interactionType: String(task.fixedColumns.interactionType),
				};
			});
			return ok(route, { resultCode: QUERY_TASK_NUMERIC_RESULT_CODE, ...successCode(route), resultDesc: OK_DESC, total: matches.length, data }, unquotedIds);
		},

		callsQualityTask(route, { body, nowMs }) {
			const columns = body.fixedColumns;
			const task = [...tasks.values()].find((candidate) => candidate.planCode === columns.planCode);
			// Choice: an unknown planCode is a failure, not an empty page, so that sending the task id fails loudly.
			if (!task) return businessFailure(route, `no review task with planCode ${columns.planCode}`);
			const rows = task.items.map((item) => ({ item, call: /** @type {CallRecord} */ (calls.get(item.callUuid)), ...itemStates(task, item, nowMs) }))
				.filter(({ call }) => call !== undefined)
				.filter(({ item, call, inspectStatus, reviewingState }) => (columns.inspectStatus === undefined || inspectStatus === columns.inspectStatus)
					&& (columns.reviewingStates === undefined || reviewingState === columns.reviewingStates)
					&& (columns.inspector === undefined || item.inspector === columns.inspector)
					&& (columns.reviewingOfficer === undefined || item.inspector === columns.reviewingOfficer)
					&& (columns.staff === undefined || call.staff_id === columns.staff || call.staff_name.includes(columns.staff))
					&& (columns.fileName === undefined || call.file_name.includes(columns.fileName))
					&& (columns.durationFrom === undefined || call.duration >= Number(columns.durationFrom))
					&& (columns.durationTo === undefined || call.duration <= Number(columns.durationTo))
					&& (columns.showReviewingOfficer !== true || item.inspector !== ''));
			const data = pageOf(rows, body.page, body.rows).map(({ item, call, inspectStatus }) => ({
				id: item.id,
				inspector: item.inspector,
				inspectorName: inspectorName(item.inspector),
				inspectStatus,
				is_group: false,
				calls: [{
					call_id: call.call_id,
					call_uuid: call.call_uuid,
					file_name: call.file_name,
					duration: call.duration,
					call_time: call.call_time,
					upload_time: call.upload_time,
					call_type: call.call_type,
					inspectStatus,
				}],
				setting: { staffId: call.staff_id, staff_name: call.staff_name },
			}));
			return ok(route, { ...successCode(route), resultDesc: OK_DESC, total: rows.length, data }, unquotedIds);
		},

		completeQualityTask(route, { body, nowMs }) {
			const task = [...tasks.values()].find((candidate) => candidate.items.some((item) => item.id === body.qualityTaskCallId));
			if (!task) return businessFailure(route, `no sampled call with qualityTaskCallId ${body.qualityTaskCallId}`);
			const item = /** @type {TaskItem} */ (task.items.find((candidate) => candidate.id === body.qualityTaskCallId));
			const call = calls.get(item.callUuid);
			if (body.isGroup !== false) return businessFailure(route, `qualityTaskCallId ${item.id} is a single call: isGroup must be false`);
			if (!call || body.callId !== call.call_id) return businessFailure(route, `callId ${body.callId} is not the call of qualityTaskCallId ${item.id}`);
			// Choice: callGroupId is recorded, not matched: no documented answer carries it for a single call.
			if (task.terminatedAtMs !== undefined) return businessFailure(route, `review task ${task.id} is terminated`);
			if (!item.sampled || !isEffective(task, nowMs)) return businessFailure(route, `call ${item.id} is not under review: task ${task.id} is not in effect or did not sample it`);
			if (item.completedAtMs !== undefined) return businessFailure(route, `call ${item.id} is reviewed already`);
			item.completedAtMs = nowMs;
			// The documented answer prints the code unquoted with its leading zero: not valid JSON, on purpose.
			return { status: 200, body: `{"resultCode": ${route.successCode}, "resultDesc": "${OK_DESC}"}` };
		},

		modifyResultQualityTask(route, { body }) {
			const task = findOpenTask(route, body.taskId);
			if (isAnswer(task)) return task;
			const item = task.items.find((candidate) => candidate.callUuid === body.uuid);
			if (!item || !item.sampled) return businessFailure(route, `call ${body.uuid} is not a sampled call of review task ${task.id}`);
			if (body.isGroup !== false) return businessFailure(route, `call ${body.uuid} is a single call: isGroup must be false`);
			const call = calls.get(item.callUuid);
			/** @type {any[]} every rule of the call's result, of every list a group holds */
			const rules = call ? credit(call).flatMap((group) => Object.values(group).filter(Array.isArray).flat()) : [];
			const ruleIds = rules.map((rule) => rule.setting.rule_id ?? rule.setting.silence_id);
			if (!ruleIds.includes(body.ruleInfo.reviseId)) return businessFailure(route, `rule ${body.ruleInfo.reviseId} has no result on call ${body.uuid}`);
			const { description, revise, reviseId } = body.ruleInfo;
			task.corrections.push({ uuid: body.uuid, ruleType: body.ruleType, reviseId, revise, description, isGroup: body.isGroup });
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, unquotedIds);
		},

		addRegularQualityTask(route, { body, operatorId, nowMs }) {
			const planId = PLAN_ID_PREFIX + String(planIdCounter++).padStart(7, '0');
			createdPlanIds.push(planId);
			// Choice: a new plan is stopped ("1") until beginQualityTask.
			plans.set(planId, { qiqtId: planId, qiqtName: body.qiqtName, creatOperator: operatorId ?? '', createdAtMs: nowMs, qiqtStatus: '1', request: body, updates: 0 });
			return ok(route, { ...successCode(route), objId: planId, resultDesc: OK_DESC }, unquotedIds);
		},

		updateRegularQualityTask(route, { body }) {
			const plan = findPlan(route, body.qiqtId);
			if (isAnswer(plan)) return plan;
			Object.assign(plan, { qiqtName: body.qiqtName, request: body, updates: plan.updates + 1 });
			return ok(route, { ...successCode(route), objId: plan.qiqtId, resultDesc: OK_DESC }, unquotedIds);
		},

		beginRegularQualityTask(route, { body }) {
			const plan = findPlan(route, body.regularQualityTaskId);
			if (isAnswer(plan)) return plan;
			if (plan.qiqtStatus === '2') return businessFailure(route, `sampling plan ${plan.qiqtId} is running already`);
			plan.qiqtStatus = '2';
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, unquotedIds);
		},

		stopRegularQualityTask(route, { body }) {
			const plan = findPlan(route, body.regularQualityTaskId);
			if (isAnswer(plan)) return plan;
			if (plan.qiqtStatus === '1') return businessFailure(route, `sampling plan ${plan.qiqtId} is stopped already`);
			plan.qiqtStatus = '1';
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, unquotedIds);
		},

		deleteRegularQualityTask(route, { body }) {
			if (!plans.delete(body.regularQualityTaskId)) return businessFailure(route, `no sampling plan with id ${body.regularQualityTaskId}`);
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, unquotedIds);
		},

		queryRegularQualityTask(route, { body, nowMs }) {
			const all = [...plans.values()];
			const list = pageOf(all, body.page, body.rows).map((plan) => {
				const cron = plan.request.cronStructure;
				return {
					qiqtId: plan.qiqtId,
					qiqtName: plan.qiqtName,
					qiqtStatus: plan.qiqtStatus,
					qiqtCycleType: cron.qiqtCycleType,
					nextExecutionTimeStr: nextExecution(plan, nowMs),
					// Choice: the mock never runs a plan.
					qiqtExecutionTimes: 0,
					qiqtTotalTimes: cron.qiqtTotalTimes === undefined ? null : Number(cron.qiqtTotalTimes),
					interactionType: String(plan.request.extractionRange.fixedColumns.interactionType),
				};
			});
			return ok(route, { ...successCode(route), resultDesc: OK_DESC, total: all.length, list }, unquotedIds);
		},
	};

	/* ---------------------------------------------------------------- the table */

	const kinds = /** @type {BusinessKind[]} */ (Object.keys(ENDPOINTS));
	const missing = kinds.filter((kind) => !(kind in HANDLERS) || !(kind in VALIDATORS));
	const extra = Object.keys(HANDLERS).filter((kind) => !kinds.includes(/** @type {BusinessKind} */ (kind)));
	if (missing.length > 0 || extra.length > 0) {
		throw new Error(`the CEC mock and endpoints.json disagree: no route for ${missing.join(', ') || '-'}; routes not in the table: ${extra.join(', ') || '-'}`);
	}
	/** @type {Map<string, Route>} */
	const routesByPath = new Map();
	for (const kind of kinds) {
		const entry = /** @type {EndpointEntry} */ (ENDPOINTS[kind]);
		/** @type {Route} */
		const route = {
			kind,
			name: entry.name,
			path: entry.path,
			operatorHeader: entry.operatorHeader,
			answer: /** @type {'object' | 'array'} */ (entry.answer),
			codeField: entry.codeField,
			successCode: entry.successCode,
			safeToResend: entry.safeToResend,
			validate: VALIDATORS[kind],
			handle: (context) => HANDLERS[kind](route, context),
		};
		if (routesByPath.has(route.path)) throw new Error(`endpoints.json lists ${route.path} twice`);
		routesByPath.set(route.path, route);
	}

	return {
		kinds,
		routesByPath,
		createdTaskIds,
		createdPlanIds,
		addCalls,
		/** @returns {CallSnapshot[]} */
		listCalls: () => {
			const nowMs = Date.now();
			return sortedCalls().map((call) => callSnapshot(call, nowMs));
		},
		/** @returns {TaskSnapshot[]} */
		listTasks: () => {
			const nowMs = Date.now();
			return [...tasks.values()].map((task) => taskSnapshot(task, nowMs));
		},
		/** @returns {PlanSnapshot[]} */
		listPlans: () => {
			const nowMs = Date.now();
			return [...plans.values()].map((plan) => planSnapshot(plan, nowMs));
		},
	};
}

module.exports = { createBackend, ENDPOINTS, FAIL_MARKER, PASS_MARKER, INSPECTION_STATUSES, FINAL_FAILURE_STATUSES };
