/**
 * Types of the strict local CEC quality API mock (implementation: cecMock.js, its route table in
 * cecMockRoutes.js, each resource's validators and handlers in routes/, their building blocks in
 * cecMockSchema.js).
 *
 * Every API of the package's endpoint table (nodes/HuaweiCecQuality/transport/endpoints.json) is a
 * route: exact path, POST, a JSON Content-Type, the x-UserId header (a decimal digit string of 1–20
 * digits) where the table's `operatorHeader` is true, then the API's own body rules (required fields,
 * JSON wire types, no unknown fields). A rejected request is answered 400 with a failure resultCode and
 * a resultDesc naming each problem; an unknown path or a method other than POST 404; a bad token 401.
 * A success is written with the table's `codeField`/`successCode`.
 *
 * Choices where the API documentation is silent (each also marked "Choice:" in routes/):
 * - Business failures (unknown id, wrong state) answer HTTP 200 with the family's failure resultCode:
 *   `1010001` (CCISQM), `0409001` (review tasks), `0408001` (sampling plans), and a resultDesc.
 * - appraisecall/detail for an unknown call_uuid, an inspection not done yet or a failed one: HTTP 200
 *   `{"resultCode":"1010001","resultDesc":"no inspection detail: …"}`, no transcript fields.
 * - appraisecall/credit answers `[]` for an unknown call, an inspection not done, and a failed one.
 * - Transcript: six segments, alternately agent and customer; `left_channel` is "Agent",
 *   `right_channel` "Customer"; `speaker` is a number (as the official field table types it): 0 = left
 *   channel, 1 = right channel; segment times are milliseconds from the call's start; segment `status` 0.
 * - appraisecall/details lists one group per call (`{call_group_id: call_uuid, calls: [call]}`), as the
 *   official example does; channel and speech figures only once the inspection is done; its optional
 *   filters may be JSON null (the official example sends `"staff_id": null`); `keyword` searches the
 *   transcript; `staff_name` matches a substring.
 * - qualityInspect reads beginTime/endTime on the tenant's wall clock (`tenantUtcOffsetMinutes`, default
 *   0 = UTC) to set the call's `call_time` (epoch s) and `duration` (s).
 * - Review task status (queryQualityTask `status`, a string): "0" created, "1" inspectors assigned,
 *   "2" scheduled (takeEffect type "2" before its reserveTime), "3" in effect, "4" terminated.
 *   Operations on a terminated task fail; terminate twice fails; takeEffect "1" on an active task is a no-op.
 * - queryQualityTask: `resultCode` is the number 0 and `returnCode` "0409000"; tasks oldest first;
 *   `createTime` epoch s; `effectiveDate` "yyyy-MM-dd HH:mm:ss" or ""; `planCode` is "QT" + creation date
 *   + a 4-digit sequence (not the id); inspectTotalCount/inspectFinishedCount = calls matched/sampled,
 *   reviewTotalCount/reviewFinishedCount = sampled calls assigned/reviewed.
 * - A task samples when created or updated, from the calls whose inspection is done and that match its
 *   criteria (see CecMockTask). callsQualityTask: an unknown planCode fails; per call inspectStatus "-1"
 *   not sampled, "0" sampled but the task not in effect, "1" sampled and in effect; reviewingStates "-1"
 *   not reviewed, "2" reviewing (assigned, task in effect), "3" reviewed; `is_group` is always false.
 * - completeQualityTask needs a sampled call of a task in effect, the call's own callId and isGroup false;
 *   callGroupId is recorded, not matched. Its success answer is literally
 *   `{"resultCode": 0409000, "resultDesc": "操作成功"}` (not valid JSON), as documented.
 * - modifyResultQualityTask needs a sampled call (`uuid`) of a task not terminated, isGroup false, and a
 *   rule id (`ruleInfo.reviseId`, a digit string) that the call's result holds; the correction is recorded
 *   in CecMockTask.corrections (the call's result itself does not change).
 * - takeEffectQualityTask reserveTime (type "2"): "yyyy-MM-dd HH:mm:ss" (tenant wall clock) or epoch
 *   milliseconds as a 13-digit string; CecMockTask.activation records which.
 * - Sampling plans start stopped ("1"); begin on a running or stop on a stopped plan fails; they are
 *   listed in creation order; `nextExecutionTimeStr` is "" for a stopped or finished plan; the mock never
 *   runs them (`qiqtExecutionTimes` 0).
 */

/** The business APIs: the keys of nodes/HuaweiCecQuality/transport/endpoints.json. */
export type CecMockBusinessKind = keyof typeof import('../../nodes/HuaweiCecQuality/transport/endpoints.json');

/** The request kinds the mock recognises; 'unknown' is anything else (answered 404). */
export type CecMockRequestKind = 'token' | CecMockBusinessKind;

/** Delay in ms before answering a business request, fixed or chosen per request. */
export type CecMockLatency = number | ((entry: CecMockLogEntry) => number);

export interface CecMockOptions {
	/** Loopback only: '127.0.0.1' (default) or '::1'; anything else throws. */
	host?: string;
	/** 0 (default) picks a free port. */
	port?: number;
	/** The valid app_key; default 'test-ak'. */
	accessKey?: string;
	/** The valid app_secret; default 'test-sk-secret'. */
	secretKey?: string;
	/** Delay before answering each business request (not token requests); default 0. */
	latencyMs?: CecMockLatency;
	/** Delay before answering each token request; default 0. */
	tokenLatencyMs?: number;
	/** Issuing a token revokes every earlier one, as some gateways do. */
	revokeOnIssue?: boolean;
	/** After this many authenticated business calls a token answers 401; 0 (default) = unlimited. */
	maxUsesPerToken?: number;
	/**
	 * Ids above 2^53 are written as unquoted number literals in the raw answer text, as some deployments
	 * print them: createQualityTask `qualityTaskId`, appraisecall/credit `rule_id` (18 digits),
	 * queryQualityTask and callsQualityTask `data[].id`, sampling plan `objId` and `list[].qiqtId`.
	 * Default: quoted, as documented.
	 */
	unquotedIds?: boolean;
	/**
	 * When an inspection submitted by qualityInspect (or a seeded call without status/statusTimeline)
	 * moves on: status 0 (waiting) until `inspectingAfterMs`, 1 (inspecting) until `doneAfterMs`, then
	 * 2 (done), or the failure status of a FAIL marker (see CecMockCallSeed.voiceFilePath).
	 * Defaults 200 and 600 ms (giving only one moves the other default out of its way); inspectingAfterMs
	 * must not exceed doneAfterMs (TypeError). Status is computed from the clock at each read; no timers.
	 */
	inspection?: { inspectingAfterMs?: number; doneAfterMs?: number };
	/**
	 * How many getTextByTaskId polls of each voice2Text task answer success with an empty `bytesZip`
	 * (not ready) before its text: default 1 (the first poll is not ready).
	 */
	speechToText?: { notReadyPolls?: number };
	/** The tenant's offset from UTC in minutes, for reading and writing wall-clock times; default 0. */
	tenantUtcOffsetMinutes?: number;
	/** Serve HTTPS with this key and certificate instead of HTTP. */
	tls?: { key: string | Buffer; cert: string | Buffer };
	/** The server closes itself after this long (unref'd timer); default 30 minutes. */
	maxLifetimeMs?: number;
	/**
	 * Serve the /__mock/* steering endpoints: GET log, POST expire-tokens, POST inject, POST reset-log,
	 * POST calls (body: an array of CecMockCallSeed, or {calls: [...]}; answers {calls}), GET calls,
	 * POST call-status ({ call_uuid, status }: setCallStatus; answers {call}),
	 * GET tasks, GET plans, POST items ({items: CecMockItemSeed[]}; answers {items}), GET items,
	 * POST speech-tasks ({speechTasks: CecMockSpeechTaskSeed[]}; answers {speechTasks}), GET speech-tasks.
	 * The CLI turns this on.
	 */
	controlEndpoints?: boolean;
	/** Append every finished log entry to this file as one JSON line. */
	logFile?: string;
}

export interface CecMockLogEntry {
	/** Arrival number, 1-based; keeps counting across resetLog(). */
	seq: number;
	/** ms since epoch when the request arrived. */
	startedAt: number;
	/** ms since epoch when it was answered or its socket closed; undefined while in flight. */
	finishedAt: number | undefined;
	method: string;
	/** The request target as sent, query string included. */
	path: string;
	/** Request headers, lower-cased keys. */
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** rawBody parsed as JSON, or undefined when it is not JSON. */
	body: unknown;
	/** The endpoint table's key for business calls. */
	kind: CecMockRequestKind | 'unknown';
	/** The token after "Bearer ", if the request carried one. */
	token: string | undefined;
	/** HTTP status sent; 0 when no answer was sent (reset, hang, client abort, still in flight). */
	status: number;
	/** Raw response body sent ('' when none). */
	response: string;
	/** Why the mock rejected the request (400/401/404, or a business failure on 200), for debugging failed tests. */
	reason?: string;
	/** The injected fault this request consumed, if any. */
	fault?: CecMockFault;
}

export interface CecMockCounters {
	/** Tokens successfully issued. */
	tokenExchanges: number;
	/** All calls to the token endpoint. */
	tokenRequests: number;
	/** All calls to the business endpoints, whatever their outcome. */
	businessRequests: number;
	/** 401 answers sent on business calls (injected ones included). */
	unauthorized: number;
	/**
	 * Per business kind, the calls that took effect: validated and answered with the success convention
	 * (an inspection submitted, a task created, a list read). Business failures on HTTP 200 do not count.
	 */
	byKind: Record<CecMockBusinessKind, number>;
	/** Highest number of business requests in progress at once. */
	maxInFlight: number;
	/** Business requests in progress now. */
	inFlight: number;
}

export interface CecMockFault {
	/** Which requests it applies to; default: any business call (never the token endpoint). */
	kind?: CecMockRequestKind;
	/** How many matching requests it applies to; default 1. */
	times?: number;
	/** Answer with this status (and body/headers) instead of processing. Exactly one of status/action. */
	status?: number;
	/** Response body for `status`; default ''. */
	body?: string;
	/** Extra/overriding response headers for `status` (Content-Type defaults to JSON). */
	headers?: Record<string, string>;
	/** 'reset': destroy the socket without answering; 'hang': never answer (socket dies on close()). */
	action?: 'reset' | 'hang';
	/** For an action: process the request first (its business effect happens), then reset/hang. */
	afterProcessing?: boolean;
}

/** From `atMs` after the call was added (or submitted), its inspection status is `status`. */
export interface CecMockStatusStep {
	atMs: number;
	/** 0 waiting, 1 inspecting, 2 done, 3 speech-to-text running, 9 and 31–40 final failures. */
	status: number;
}

/** A call for addCalls() / POST /__mock/calls; every field optional. */
export interface CecMockCallSeed {
	/** Default: a random UUID. Must be new. */
	call_uuid?: string;
	/** Default: the call_uuid (as in the official details example). */
	call_id?: string;
	/** Epoch seconds; default now. */
	upload_time?: number;
	/** Epoch seconds; default upload_time − duration. */
	call_time?: number;
	/** Seconds; default 60. */
	duration?: number;
	/** 0 voice (default), 2 text. */
	call_type?: 0 | 2;
	/** Default: voiceFilePath's last segment, or `<call_uuid>.V3`. */
	file_name?: string;
	/**
	 * Markers (also read in file_name): `FAIL` followed by a final-failure status (9, 31–40), e.g.
	 * `Y:\27\0\20210201\1118\FAIL39\x.V3`: the inspection ends in that status instead of done (2).
	 * `PASS`: the finished inspection violates no rule (otherwise one dialogue rule per group is violated).
	 */
	voiceFilePath?: string;
	/** Default '1118'. */
	staff_id?: string;
	/** Default `Agent <staff_id>`. */
	staff_name?: string;
	/** Transcript language; default 'zh_CN'. */
	language?: 'zh_CN' | 'en_US';
	/** A constant status. Give status or statusTimeline, not both; neither = the `inspection` timeline. */
	status?: number;
	/** Status changes relative to the moment the call is added; before the first step the status is 0. */
	statusTimeline?: CecMockStatusStep[];
	/** Overrides the PASS marker. */
	pass?: boolean;
}

/** A call as the mock holds it, with its status now. */
export interface CecMockCall {
	call_uuid: string;
	call_id: string;
	upload_time: number;
	call_time: number;
	duration: number;
	call_type: 0 | 2;
	file_name: string;
	voiceFilePath: string | undefined;
	staff_id: string;
	staff_name: string;
	language: 'zh_CN' | 'en_US';
	status: number;
	statusTimeline: CecMockStatusStep[];
	pass: boolean;
	/** 'qualityInspect': submitted through the API (staff_id = the agentId); 'seeded': addCalls(). */
	source: 'qualityInspect' | 'seeded';
}

export interface CecMockTaskActivation {
	type: '1' | '2';
	/** As sent ('' for type "1" when absent). */
	reserveTime: string;
	/** Which reserveTime format a type "2" activation used. */
	reserveTimeFormat: 'wallClock' | 'epochMillis' | undefined;
	/** When the task is (or was) in effect from. */
	effectiveAtMs: number;
	/** appointQualityTask with isTakeEffect 1, or takeEffectQualityTask. */
	via: 'takeEffectQualityTask' | 'appointQualityTask';
}

/** One call of a review task. */
export interface CecMockTaskCall {
	qualityTaskCallId: string;
	call_uuid: string;
	callGroupId: string;
	sampled: boolean;
	/** The inspector's personID, '' while unassigned. */
	inspector: string;
	reviewed: boolean;
	inspectStatus: '-1' | '0' | '1';
	reviewingState: '-1' | '2' | '3';
}

/**
 * A manual review task. When created or updated it samples from the calls whose inspection is done
 * and that match its criteria (call type = interactionType, call_time within startTimeMillis..endTimeMillis,
 * duration, staffIds, machine score = the mean of the rule groups' scores within scoreStart..scoreEnd):
 * qualityType 1 takes the first qualityNum matches (by upload_time), 2 qualityNum per agent, 3 qualityNum
 * percent per agent (rounded up); maxNum > 0 caps the total. appointQualityTask hands the sampled calls
 * out in order, `count` per inspector.
 */
export interface CecMockTask {
	id: string;
	planCode: string;
	planName: string;
	/** "0" created, "1" assigned, "2" scheduled, "3" in effect, "4" terminated. */
	status: '0' | '1' | '2' | '3' | '4';
	/** The x-UserId that created it. */
	creatOperator: string;
	/** Epoch seconds. */
	createTime: number;
	callStart: number | undefined;
	callEnd: number | undefined;
	fixedColumns: Record<string, unknown>;
	inspectors: { personID: string; count: number }[];
	activation: CecMockTaskActivation | undefined;
	terminated: boolean;
	/** Accepted updateQualityTask calls. */
	updates: number;
	/** Accepted modifyResultQualityTask calls: the rule verdicts inspectors corrected, in order. */
	corrections: { uuid: string; ruleType: number; reviseId: string; revise: number; description: string; isGroup: boolean }[];
	calls: CecMockTaskCall[];
}

/** A scheduled sampling plan. */
export interface CecMockPlan {
	qiqtId: string;
	qiqtName: string;
	/** "1" stopped, "2" running. */
	qiqtStatus: '1' | '2';
	creatOperator: string;
	nextExecutionTimeStr: string;
	/** Accepted updateQualityTask (regular) calls. */
	updates: number;
	/** The last add/update body. */
	request: Record<string, unknown>;
}

/** A rule hit to seed on an inspection item (queryQualityItemDetail's qualityItemRuleHit[]). */
export interface CecMockRuleHit {
	/** Default "96751037522431590<n>" (n: the hit's index). The hit's reviseId is its ruleId. */
	ruleId?: string;
	ruleName?: string;
	ruleDescribe?: string;
	/** 1 compliant, 0 violation (default), -1 not evaluated. */
	valid?: number;
	/** 10 dialogue (default), 11 silence, 12 speed, 13 interruption, 60 sensitive word, 70 manual rule. */
	type?: number;
}

/** An inspection item to seed (nothing else creates items). */
export interface CecMockItemSeed {
	/** 18–20 digits; default a 19-digit id above 2^53. */
	id?: string;
	/** "problem" (type 1, default) or "appeal" (type 2). */
	type?: 'problem' | 'appeal';
	/** 21 reviewing, 22 closed, 24 handling, 27 verifying; default 21 for an appeal, 24 for a problem. */
	status?: number;
	callId?: string;
	title?: string;
	agentUserId?: string;
	agentName?: string;
	inspectorUserId?: string;
	inspectorName?: string;
	handlerUserId?: string;
	/** Epoch seconds; default now. queryQualityItem's window filters on it. */
	createTime?: number;
	/** Default one dialogue-rule violation. */
	hits?: CecMockRuleHit[];
	manualScore?: number;
	automaticScore?: number;
}

/** A rule hit as held (and answered by queryQualityItemDetail). */
export interface CecMockItemHit {
	id: string;
	callId: string;
	ruleId: string;
	ruleName: string;
	ruleDescribe: string;
	valid: number;
	type: number;
	createTime: number;
	updateTime: number;
	description: string;
	appealId: string;
	reviseId: string;
	ruleGroupId: string;
	/** -1 not corrected, else the last modifyQualityItemResult's revise. */
	revise: number;
}

/** An accepted appealItem call. */
export interface CecMockItemDecision {
	auditOperation: 'pass' | 'back' | 'assign';
	/** The request's `coment`. */
	comment: string;
	assignee: string | undefined;
	role: string | undefined;
	/** The x-UserId that decided. */
	by: string;
}

/** An accepted modifyQualityItemResult call. */
export interface CecMockItemCorrection {
	reviseId: string;
	revise: number;
	description: string;
}

/** An accepted reassginQualityTask call. */
export interface CecMockItemReassignment {
	handler: string | undefined;
	role: string | undefined;
	by: string;
}

/** An inspection item as held. */
export interface CecMockItem {
	id: string;
	type: 'problem' | 'appeal';
	status: number;
	callId: string;
	agentUserId: string;
	inspectorUserId: string;
	handlerUserId: string;
	createTime: number;
	hits: CecMockItemHit[];
	decisions: CecMockItemDecision[];
	corrections: CecMockItemCorrection[];
	reassignments: CecMockItemReassignment[];
}

/** A speech-to-text task to seed, e.g. one created days ago. */
export interface CecMockSpeechTaskSeed {
	language: 'zh_CN' | 'en_US';
	voiceFilePath?: string;
	/** How long ago it was created, ms; default 0. Older than 3 days: getTextByTaskId refuses it. */
	ageMs?: number;
}

/** A speech-to-text task as held. */
export interface CecMockSpeechTask {
	taskId: string;
	language: string;
	voiceFilePath: string;
	createdAtMs: number;
	/** getTextByTaskId calls so far. */
	polls: number;
}

export interface CecMock {
	/** 'http://127.0.0.1:<port>' ('https://…' with tls). */
	url: string;
	port: number;
	/** `${url}/apigovernance/api/oauth/tokenByAkSk` */
	tokenUrl: string;
	/** One entry per request, in arrival order (control endpoints are not logged). */
	log: CecMockLogEntry[];
	counters: CecMockCounters;
	/** Every AccessToken issued, in order. */
	issuedTokens: string[];
	/** Every qualityTaskId created, in order (also those whose answer was lost to an afterProcessing fault, and deleted ones). */
	createdTaskIds: string[];
	/** Every sampling plan id (objId) created, in order. */
	createdPlanIds: string[];
	/** Resolves once the server has closed, by close() or by maxLifetimeMs. */
	closed: Promise<void>;
	/** Invalidates every token issued so far. */
	expireTokens(): void;
	/** Queues a fault; throws a TypeError when it is malformed. */
	inject(fault: CecMockFault): void;
	setLatency(msOrFn: CecMockLatency): void;
	/** Clears the log and counters; tokens, faults, calls, tasks, plans and in-flight requests stay. */
	resetLog(): void;
	/** Adds calls (all or none; throws a TypeError naming a bad field); returns them as held. */
	addCalls(calls: CecMockCallSeed[]): CecMockCall[];
	/**
	 * From now on the call has this status (the steps already passed stay in its timeline, later ones are
	 * dropped); throws a TypeError for an unknown call or status. Returns the call as held.
	 */
	setCallStatus(change: { call_uuid: string; status: number }): CecMockCall;
	/** Every call, sorted by upload_time then call_uuid, with its status now. */
	calls(): CecMockCall[];
	/** Every review task not deleted, in creation order. */
	tasks(): CecMockTask[];
	/** Every sampling plan not deleted, in creation order. */
	plans(): CecMockPlan[];
	/** Seeds inspection items (all or none; throws a TypeError naming a bad field); returns them as held. */
	addItems(items: CecMockItemSeed[]): CecMockItem[];
	/** Every inspection item, in seeding order, with its decisions, corrections and reassignments. */
	items(): CecMockItem[];
	/** Seeds speech-to-text tasks (throws a TypeError on a bad seed); returns them as held. */
	addSpeechTasks(tasks: CecMockSpeechTaskSeed[]): CecMockSpeechTask[];
	/** Every speech-to-text task, voice2Text's and seeded ones, in creation order. */
	speechTasks(): CecMockSpeechTask[];
	/** Closes the server and destroys every socket, hanging ones included. */
	close(): Promise<void>;
}

export function startCecMock(options?: CecMockOptions): Promise<CecMock>;
