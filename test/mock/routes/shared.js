// @ts-check
'use strict';
/**
 * What the CEC mock's resource modules share: the types of a route and of the business state, the
 * state container (created once per mock and passed to every handler), the id generators, the answers
 * (`ok`, `businessFailure`), the limits and the schemas more than one resource uses (`fixedColumns`,
 * which review tasks and sampling plans share).
 *
 * Where the spec is silent the choice made is written next to the code as "Choice:" and listed in
 * cecMock.d.ts.
 */
const S = require('../cecMockSchema');
const ENDPOINTS = require('../../../nodes/HuaweiCecQuality/transport/endpoints.json');

/** @typedef {import('../cecMock').CecMockOptions} CecMockOptions */
/** @typedef {import('../cecMock').CecMockBusinessKind} BusinessKind */
/** @typedef {import('../cecMock').CecMockCallSeed} CallSeed */
/** @typedef {import('../cecMock').CecMockCall} CallSnapshot */
/** @typedef {import('../cecMock').CecMockTask} TaskSnapshot */
/** @typedef {import('../cecMock').CecMockPlan} PlanSnapshot */
/** @typedef {import('../cecMock').CecMockStatusStep} StatusStep */
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
 * @property {import('../cecMock').CecMockTaskActivation | undefined} activation
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
/**
 * @typedef {object} ItemRecord an inspection item (type 1 problem, 2 appeal), seeded by a test
 * @property {string} id
 * @property {1 | 2} taskType
 * @property {number} taskStatus 21 reviewing, 22 closed, 24 handling, 27 verifying
 * @property {string} callId
 * @property {string} title
 * @property {string} agentUserId
 * @property {string} agentName
 * @property {string} inspectorUserId
 * @property {string} inspectorName
 * @property {string} handler user id of whoever holds the item now
 * @property {number} createTime epoch seconds
 * @property {import('../cecMock').CecMockItemHit[]} hits
 * @property {{ manuallyScore: number, automaticScore: number, ruleGroupId: string, ruleGroupName: string }} scores
 * @property {import('../cecMock').CecMockItemDecision[]} decisions accepted appealItem calls
 * @property {import('../cecMock').CecMockItemCorrection[]} corrections accepted modifyQualityItemResult calls
 * @property {import('../cecMock').CecMockItemReassignment[]} reassignments accepted reassginQualityTask calls
 */
/**
 * @typedef {object} SpeechTaskRecord a voice2Text task
 * @property {string} taskId
 * @property {string} language
 * @property {string} voiceFilePath
 * @property {number} createdAtMs
 * @property {number} polls getTextByTaskId calls so far
 */
/**
 * One endpoint of a resource module: its body rules and its handler, side by side.
 * @typedef {object} RouteEntry
 * @property {(body: unknown) => string[]} validate
 * @property {(state: State, route: Route, context: HandlerContext) => Answer} handle
 */
/**
 * The mock's business state, shared by every resource module; created once per mock.
 * @typedef {object} State
 * @property {boolean} unquotedIds
 * @property {number} inspectingAfterMs
 * @property {number} doneAfterMs
 * @property {number} offsetMinutes the tenant's offset from UTC
 * @property {Map<string, CallRecord>} calls
 * @property {Map<string, TaskRecord>} tasks
 * @property {Map<string, PlanRecord>} plans
 * @property {string[]} createdTaskIds every qualityTaskId created, in order (deleted ones too)
 * @property {string[]} createdPlanIds every sampling plan id created, in order
 * @property {Map<string, ItemRecord>} items inspection items and appeals, by id
 * @property {Map<string, SpeechTaskRecord>} speechTasks voice2Text tasks, by taskId
 * @property {number} speechNotReadyPolls how many getTextByTaskId polls of a task answer "not ready" first
 * @property {{ task: number, plan: number, taskCall: number, planCode: number, item: number, hit: number, speechTask: number }} counters how many of each id were handed out
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
// Choice: a transcription's text is not ready at the first getTextByTaskId, ready from the second.
const DEFAULT_SPEECH_NOT_READY_POLLS = 1;
/** `FAIL` + a final-failure status in a voiceFilePath (or seeded file_name): the inspection ends in that status. */
const FAIL_MARKER = /FAIL(9|3[1-9]|40)(?!\d)/;
/** `PASS` in a voiceFilePath (or seeded file_name): the finished inspection violates no rule. */
const PASS_MARKER = /PASS/;
/** Ids written as bare number literals in unquotedIds mode (each only where it holds 16+ digits). */
const UNQUOTABLE_ID_FIELDS = ['qualityTaskId', 'rule_id', 'id', 'objId', 'qiqtId'];
// The rule types of the review family (queryQualityItemDetail's `type`, spec §5.5).
const RULE_TYPES = [10, 11, 12, 13, 60, 70];

/* ------------------------------------------------------------------ schemas */

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

/** @template T @param {T[]} list @param {number} page @param {number} rows */
function pageOf(list, page, rows) {
	return list.slice((page - 1) * rows, page * rows);
}

/** @param {unknown} text @param {string} part */
function contains(text, part) {
	return typeof text === 'string' && text.includes(part);
}

/** @param {object | Answer} value @returns {value is Answer} */
function isAnswer(value) {
	return 'status' in value && typeof value.status === 'number' && 'body' in value;
}

/* ------------------------------------------------------------------ the state */

/**
 * @param {CecMockOptions} options
 * @returns {State}
 */
function createState(options) {
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
	const speechNotReadyPolls = options.speechToText?.notReadyPolls ?? DEFAULT_SPEECH_NOT_READY_POLLS;
	if (!Number.isInteger(speechNotReadyPolls) || speechNotReadyPolls < 0) throw new TypeError('speechToText.notReadyPolls must be an integer >= 0');
	return {
		unquotedIds: options.unquotedIds === true,
		inspectingAfterMs,
		doneAfterMs,
		offsetMinutes,
		calls: new Map(),
		tasks: new Map(),
		plans: new Map(),
		createdTaskIds: [],
		createdPlanIds: [],
		items: new Map(),
		speechTasks: new Map(),
		speechNotReadyPolls,
		counters: { task: 0, plan: 0, taskCall: 0, planCode: 0, item: 0, hit: 0, speechTask: 0 },
	};
}

module.exports = {
	ENDPOINTS, OK_DESC, INSPECT_SUCCESS_DESC, QUERY_TASK_NUMERIC_RESULT_CODE, LANGUAGES, ROLES, FINAL_FAILURE_STATUSES,
	INSPECTION_STATUSES, DONE, MAX_PLAN_NAME_CHARS, MAX_DURATION_S, MAX_ASSIGN_COUNT, FAIL_MARKER, PASS_MARKER, RULE_TYPES,
	role, epoch, id, personId, pageNumber, pageRows, fixedColumnsSchema, checkFixedColumnOrder,
	successCode, ok, businessFailure, pageOf, contains, isAnswer, createState,
};
