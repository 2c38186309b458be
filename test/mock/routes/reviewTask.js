// @ts-check
'use strict';
/**
 * Review tasks (API notes §5.1–5.2): a manual review task samples finished calls by its criteria,
 * hands them to inspectors, takes effect (now or at a reserved time), is reviewed call by call, and
 * ends terminated or deleted.
 */
const S = require('../cecMockSchema');
const {
	OK_DESC, QUERY_TASK_NUMERIC_RESULT_CODE, DONE, MAX_PLAN_NAME_CHARS, MAX_DURATION_S, MAX_ASSIGN_COUNT, RULE_TYPES,
	role, epoch, id, personId, pageNumber, pageRows, fixedColumnsSchema, checkFixedColumnOrder,
	successCode, ok, businessFailure, pageOf, contains, isAnswer,
} = require('./shared');
const { statusOf, sortedCalls, credit, machineScore } = require('./calls');

/** @typedef {import('./shared').State} State */
/** @typedef {import('./shared').RouteEntry} RouteEntry */
/** @typedef {import('./shared').Route} Route */
/** @typedef {import('./shared').Answer} Answer */
/** @typedef {import('./shared').CallRecord} CallRecord */
/** @typedef {import('./shared').TaskRecord} TaskRecord */
/** @typedef {import('./shared').TaskItem} TaskItem */
/** @typedef {import('./shared').TaskSnapshot} TaskSnapshot */

// Ids: a fixed 13-digit prefix plus a counter, far above 2^53, so a client that lets them pass through
// a JS number visibly corrupts them. The first task id is the documented example's own.
const TASK_ID_PREFIX = '1623924502740';
const FIRST_TASK_ID_COUNTER = 6915901;
const TASK_CALL_ID_PREFIX = '1623924502741';
const FIRST_TASK_CALL_ID_COUNTER = 1;

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
 * @param {State} state
 * @param {Record<string, any>} columns
 * @param {number | undefined} callStart
 * @param {number | undefined} callEnd
 * @param {number} nowMs
 * @returns {TaskItem[]}
 */
function sampleCalls(state, columns, callStart, callEnd, nowMs) {
	const scoreStart = S.numeric(columns.scoreStart);
	const scoreEnd = S.numeric(columns.scoreEnd);
	const staffIds = /** @type {string[]} */ (columns.staffIds ?? []);
	const matches = sortedCalls(state).filter((call) => statusOf(call, nowMs) === DONE
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
			id: TASK_CALL_ID_PREFIX + String(FIRST_TASK_CALL_ID_COUNTER + state.counters.taskCall++).padStart(6, '0'),
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

/** @param {State} state @param {Route} route @param {unknown} taskId @returns {TaskRecord | Answer} */
function findOpenTask(state, route, taskId) {
	const task = state.tasks.get(/** @type {string} */ (taskId));
	if (!task) return businessFailure(route, `no review task with id ${taskId}`);
	if (task.terminatedAtMs !== undefined) return businessFailure(route, `review task ${taskId} is terminated`);
	return task;
}

/** @param {State} state @returns {TaskSnapshot[]} */
function listTasks(state) {
	const nowMs = Date.now();
	return [...state.tasks.values()].map((task) => taskSnapshot(task, nowMs));
}

/** @type {Record<string, RouteEntry>} */
const routes = {
	createQualityTask: {
		validate: reviewTaskValidator(false),
		handle(state, route, { body, operatorId, nowMs }) {
			const taskId = TASK_ID_PREFIX + String(FIRST_TASK_ID_COUNTER + state.counters.task++).padStart(7, '0');
			state.createdTaskIds.push(taskId);
			const createdOn = S.formatWallClock(nowMs, state.offsetMinutes).slice(0, 10).replace(/-/g, '');
			state.tasks.set(taskId, {
				id: taskId,
				// Choice: planCode (the key callsQualityTask needs) differs from the id: "QT" + creation date + sequence.
				planCode: `QT${createdOn}${String(1 + state.counters.planCode++).padStart(4, '0')}`,
				planName: body.qualityTask.planName,
				currentRole: body.currentRole,
				creatOperator: operatorId ?? '',
				createdAtMs: nowMs,
				callStart: body.startTimeMillis,
				callEnd: body.endTimeMillis,
				fixedColumns: body.fixedColumns,
				customColumns: body.customColumns,
				items: sampleCalls(state, body.fixedColumns, body.startTimeMillis, body.endTimeMillis, nowMs),
				inspectors: [],
				activation: undefined,
				terminatedAtMs: undefined,
				updates: 0,
				corrections: [],
			});
			return ok(route, { qualityTaskId: taskId, ...successCode(route), resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	updateQualityTask: {
		validate: reviewTaskValidator(true),
		handle(state, route, { body, nowMs }) {
			const task = findOpenTask(state, route, body.qualityTask.id);
			if (isAnswer(task)) return task;
			Object.assign(task, {
				planName: body.qualityTask.planName,
				currentRole: body.currentRole,
				callStart: body.startTimeMillis,
				callEnd: body.endTimeMillis,
				fixedColumns: body.fixedColumns,
				customColumns: body.customColumns,
				items: sampleCalls(state, body.fixedColumns, body.startTimeMillis, body.endTimeMillis, nowMs),
				updates: task.updates + 1,
			});
			assignItems(task);
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	appointQualityTask: {
		validate: S.validator(S.object({
			qualityTaskId: id,
			setCountsType: S.integer({ oneOf: [1] }),
			isTakeEffect: S.integer({ oneOf: [0, 1] }),
			setCounts: S.array(S.object({ personID: personId, count: S.integer({ min: 0, max: MAX_ASSIGN_COUNT }) }, ['personID', 'count']), { min: 1 }),
		}, ['qualityTaskId', 'setCountsType', 'isTakeEffect', 'setCounts'])),
		handle(state, route, { body, nowMs }) {
			const task = findOpenTask(state, route, body.qualityTaskId);
			if (isAnswer(task)) return task;
			task.inspectors = body.setCounts.map((/** @type {{ personID: string, count: number }} */ entry) => ({ personID: entry.personID, count: entry.count }));
			assignItems(task);
			if (body.isTakeEffect === 1 && !isEffective(task, nowMs)) {
				task.activation = { type: '1', reserveTime: '', reserveTimeFormat: undefined, effectiveAtMs: nowMs, via: 'appointQualityTask' };
			}
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	takeEffectQualityTask: {
		validate: S.validator(
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
		handle(state, route, { body, nowMs }) {
			const task = findOpenTask(state, route, body.qualityTaskId);
			if (isAnswer(task)) return task;
			const reserveTime = body.reserveTime ?? '';
			if (body.type === '1') {
				// Activating an active task again changes nothing; its first activation stays recorded.
				if (!isEffective(task, nowMs)) task.activation = { type: '1', reserveTime, reserveTimeFormat: undefined, effectiveAtMs: nowMs, via: 'takeEffectQualityTask' };
			} else {
				const parsed = /** @type {{ atMs: number, format: 'wallClock' | 'epochMillis' }} */ (parseReserveTime(reserveTime, state.offsetMinutes));
				task.activation = { type: '2', reserveTime, reserveTimeFormat: parsed.format, effectiveAtMs: parsed.atMs, via: 'takeEffectQualityTask' };
			}
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	terminateQualityTask: {
		validate: S.validator(S.object({ qualityTaskId: id }, ['qualityTaskId'])),
		handle(state, route, { body, nowMs }) {
			const task = findOpenTask(state, route, body.qualityTaskId);
			if (isAnswer(task)) return task;
			task.terminatedAtMs = nowMs;
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	deleteQualityTask: {
		validate: S.validator(S.object({ qualityTaskId: id }, ['qualityTaskId'])),
		handle(state, route, { body }) {
			if (!state.tasks.delete(body.qualityTaskId)) return businessFailure(route, `no review task with id ${body.qualityTaskId}`);
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	queryQualityTask: {
		validate: S.validator(
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
		handle(state, route, { body, nowMs }) {
			const columns = body.fixedColumns ?? {};
			// Choice: tasks are listed oldest first (creation order).
			const matches = [...state.tasks.values()].filter((task) => {
				const createTime = Math.floor(task.createdAtMs / 1000);
				if (createTime < body.startTimeMillis || createTime > body.endTimeMillis) return false;
				// Choice: a call window filter keeps the tasks whose own call window lies inside it.
				if (body.callStartTimeMillis !== undefined && !(task.callStart !== undefined && task.callStart >= body.callStartTimeMillis)) return false;
				if (body.callEndTimeMillis !== undefined && !(task.callEnd !== undefined && task.callEnd <= body.callEndTimeMillis)) return false;
				if (columns.planName !== undefined && !task.planName.includes(columns.planName)) return false;
				if (columns.status !== undefined && taskStatus(task, nowMs) !== columns.status) return false;
				if (columns.creatOperator !== undefined && !task.creatOperator.includes(columns.creatOperator)) return false;
				if (columns.reviewingOfficer !== undefined && !task.inspectors.some((entry) => entry.personID.includes(columns.reviewingOfficer))) return false;
				if (columns.fileName !== undefined && !task.items.some((item) => contains(state.calls.get(item.callUuid)?.file_name, columns.fileName))) return false;
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
					effectiveDate: task.activation ? S.formatWallClock(task.activation.effectiveAtMs, state.offsetMinutes) : '',
					reviewingOfficer: task.inspectors.map((entry) => entry.personID).join(','),
					reviewingOfficerName: task.inspectors.map((entry) => inspectorName(entry.personID)).join(','),
					interactionType: String(task.fixedColumns.interactionType),
				};
			});
			return ok(route, { resultCode: QUERY_TASK_NUMERIC_RESULT_CODE, ...successCode(route), resultDesc: OK_DESC, total: matches.length, data }, state.unquotedIds);
		},
	},
	callsQualityTask: {
		validate: S.validator(
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
		handle(state, route, { body, nowMs }) {
			const columns = body.fixedColumns;
			const task = [...state.tasks.values()].find((candidate) => candidate.planCode === columns.planCode);
			// Choice: an unknown planCode is a failure, not an empty page, so that sending the task id fails loudly.
			if (!task) return businessFailure(route, `no review task with planCode ${columns.planCode}`);
			const rows = task.items.map((item) => ({ item, call: /** @type {CallRecord} */ (state.calls.get(item.callUuid)), ...itemStates(task, item, nowMs) }))
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
			return ok(route, { ...successCode(route), resultDesc: OK_DESC, total: rows.length, data }, state.unquotedIds);
		},
	},
	completeQualityTask: {
		validate: S.validator(S.object({
			isGroup: S.boolean(),
			callId: S.string({ min: 1, max: 128 }),
			callGroupId: S.string({ min: 1, max: 128 }),
			qualityTaskCallId: id,
		}, ['isGroup', 'callId', 'callGroupId', 'qualityTaskCallId'])),
		handle(state, route, { body, nowMs }) {
			const task = [...state.tasks.values()].find((candidate) => candidate.items.some((item) => item.id === body.qualityTaskCallId));
			if (!task) return businessFailure(route, `no sampled call with qualityTaskCallId ${body.qualityTaskCallId}`);
			const item = /** @type {TaskItem} */ (task.items.find((candidate) => candidate.id === body.qualityTaskCallId));
			const call = state.calls.get(item.callUuid);
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
	},
	modifyResultQualityTask: {
		validate: S.validator(S.object({
			isGroup: S.boolean(),
			// The rule types of the review family (queryQualityItemDetail's `type`, spec §5.5).
			ruleType: S.integer({ oneOf: RULE_TYPES }),
			taskId: id,
			uuid: S.string({ min: 1, max: 128 }),
			ruleInfo: S.object({ description: S.string(), revise: S.integer({ oneOf: [0, 1] }), reviseId: id }, ['description', 'revise', 'reviseId']),
		}, ['isGroup', 'ruleType', 'taskId', 'uuid', 'ruleInfo'])),
		handle(state, route, { body }) {
			const task = findOpenTask(state, route, body.taskId);
			if (isAnswer(task)) return task;
			const item = task.items.find((candidate) => candidate.callUuid === body.uuid);
			if (!item || !item.sampled) return businessFailure(route, `call ${body.uuid} is not a sampled call of review task ${task.id}`);
			if (body.isGroup !== false) return businessFailure(route, `call ${body.uuid} is a single call: isGroup must be false`);
			const call = state.calls.get(item.callUuid);
			/** @type {any[]} every rule of the call's result, of every list a group holds */
			const rules = call ? credit(call).flatMap((group) => Object.values(group).filter(Array.isArray).flat()) : [];
			const ruleIds = rules.map((rule) => rule.setting.rule_id ?? rule.setting.silence_id);
			if (!ruleIds.includes(body.ruleInfo.reviseId)) return businessFailure(route, `rule ${body.ruleInfo.reviseId} has no result on call ${body.uuid}`);
			const { description, revise, reviseId } = body.ruleInfo;
			task.corrections.push({ uuid: body.uuid, ruleType: body.ruleType, reviseId, revise, description, isGroup: body.isGroup });
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
};

module.exports = { routes, listTasks };
