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
 * One endpoint of a resource module: its body rules and its handler, side by side.
 * @typedef {object} RouteEntry
 * @property {(body: unknown) => string[]} validate
 * @property {(state: State, route: Route, context: HandlerContext) => Answer} handle
 */
/**
 * The mock's business state, shared by every resource module.
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
 * @property {{ task: number, plan: number, taskCall: number, planCode: number }} counters
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

// Ids: a fixed 13-digit prefix plus a counter, far above 2^53, so a client that lets them pass through
// a JS number visibly corrupts them. The first of each kind is the documented example's own id.
const TASK_ID_PREFIX = '1623924502740';
const FIRST_TASK_ID_COUNTER = 6915901;
const PLAN_ID_PREFIX = '1662516365467';
const FIRST_PLAN_ID_COUNTER = 6154791;
const TASK_CALL_ID_PREFIX = '1623924502741';
/** Ids written as bare number literals in unquotedIds mode (each only where it holds 16+ digits). */
const UNQUOTABLE_ID_FIELDS = ['qualityTaskId', 'rule_id', 'id', 'objId', 'qiqtId'];

