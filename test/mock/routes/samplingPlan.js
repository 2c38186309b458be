// @ts-check
'use strict';
/**
 * Sampling plans (API notes §5.3): a scheduled sampling plan is added stopped, begun, stopped,
 * updated, listed and deleted. The mock never runs one; it computes the next execution from the clock.
 */
const S = require('../cecMockSchema');
const { OK_DESC, MAX_PLAN_NAME_CHARS, MAX_ASSIGN_COUNT, role, epoch, id, personId, pageNumber, pageRows, fixedColumnsSchema, successCode, ok, businessFailure, pageOf, isAnswer } = require('./shared');

/** @typedef {import('./shared').State} State */
/** @typedef {import('./shared').RouteEntry} RouteEntry */
/** @typedef {import('./shared').Route} Route */
/** @typedef {import('./shared').Answer} Answer */
/** @typedef {import('./shared').PlanRecord} PlanRecord */
/** @typedef {import('./shared').PlanSnapshot} PlanSnapshot */

// A fixed 13-digit prefix plus a counter, far above 2^53; the first is the documented example's own id.
const PLAN_ID_PREFIX = '1662516365467';
const FIRST_PLAN_ID_COUNTER = 6154791;

/** @param {boolean} update */
function planValidator(update) {
	const setCount = S.object({ personID: personId, count: S.integer({ min: 0, max: MAX_ASSIGN_COUNT }) }, ['personID', 'count']);
	/** @type {Record<string, import('../cecMockSchema').Check>} */
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

/** @param {State} state @param {PlanRecord} plan @param {number} nowMs */
function nextExecution(state, plan, nowMs) {
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
	return S.formatWallClock(runAt(k), state.offsetMinutes);
}

/** @param {State} state @param {PlanRecord} plan @param {number} nowMs @returns {PlanSnapshot} */
function planSnapshot(state, plan, nowMs) {
	return {
		qiqtId: plan.qiqtId,
		qiqtName: plan.qiqtName,
		qiqtStatus: plan.qiqtStatus,
		creatOperator: plan.creatOperator,
		nextExecutionTimeStr: nextExecution(state, plan, nowMs),
		updates: plan.updates,
		request: JSON.parse(JSON.stringify(plan.request)),
	};
}

/** @param {State} state @param {Route} route @param {unknown} planId @returns {PlanRecord | Answer} */
function findPlan(state, route, planId) {
	const plan = state.plans.get(/** @type {string} */ (planId));
	return plan ?? businessFailure(route, `no sampling plan with id ${planId}`);
}

/** @param {State} state @returns {PlanSnapshot[]} */
function listPlans(state) {
	const nowMs = Date.now();
	return [...state.plans.values()].map((plan) => planSnapshot(state, plan, nowMs));
}

/** @type {Record<string, RouteEntry>} */
const routes = {
	addRegularQualityTask: {
		validate: planValidator(false),
		handle(state, route, { body, operatorId, nowMs }) {
			const planId = PLAN_ID_PREFIX + String(FIRST_PLAN_ID_COUNTER + state.counters.plan++).padStart(7, '0');
			state.createdPlanIds.push(planId);
			// Choice: a new plan is stopped ("1") until beginQualityTask.
			state.plans.set(planId, { qiqtId: planId, qiqtName: body.qiqtName, creatOperator: operatorId ?? '', createdAtMs: nowMs, qiqtStatus: '1', request: body, updates: 0 });
			return ok(route, { ...successCode(route), objId: planId, resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	updateRegularQualityTask: {
		validate: planValidator(true),
		handle(state, route, { body }) {
			const plan = findPlan(state, route, body.qiqtId);
			if (isAnswer(plan)) return plan;
			Object.assign(plan, { qiqtName: body.qiqtName, request: body, updates: plan.updates + 1 });
			return ok(route, { ...successCode(route), objId: plan.qiqtId, resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	beginRegularQualityTask: {
		validate: S.validator(S.object({ regularQualityTaskId: id }, ['regularQualityTaskId'])),
		handle(state, route, { body }) {
			const plan = findPlan(state, route, body.regularQualityTaskId);
			if (isAnswer(plan)) return plan;
			if (plan.qiqtStatus === '2') return businessFailure(route, `sampling plan ${plan.qiqtId} is running already`);
			plan.qiqtStatus = '2';
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	stopRegularQualityTask: {
		validate: S.validator(S.object({ regularQualityTaskId: id }, ['regularQualityTaskId'])),
		handle(state, route, { body }) {
			const plan = findPlan(state, route, body.regularQualityTaskId);
			if (isAnswer(plan)) return plan;
			if (plan.qiqtStatus === '1') return businessFailure(route, `sampling plan ${plan.qiqtId} is stopped already`);
			plan.qiqtStatus = '1';
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	deleteRegularQualityTask: {
		validate: S.validator(S.object({ regularQualityTaskId: id }, ['regularQualityTaskId'])),
		handle(state, route, { body }) {
			if (!state.plans.delete(body.regularQualityTaskId)) return businessFailure(route, `no sampling plan with id ${body.regularQualityTaskId}`);
			return ok(route, { ...successCode(route), resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	queryRegularQualityTask: {
		validate: S.validator(S.object({ page: pageNumber, rows: pageRows }, ['page', 'rows'])),
		handle(state, route, { body, nowMs }) {
			const all = [...state.plans.values()];
			const list = pageOf(all, body.page, body.rows).map((plan) => {
				const cron = plan.request.cronStructure;
				return {
					qiqtId: plan.qiqtId,
					qiqtName: plan.qiqtName,
					qiqtStatus: plan.qiqtStatus,
					qiqtCycleType: cron.qiqtCycleType,
					nextExecutionTimeStr: nextExecution(state, plan, nowMs),
					// Choice: the mock never runs a plan.
					qiqtExecutionTimes: 0,
					qiqtTotalTimes: cron.qiqtTotalTimes === undefined ? null : Number(cron.qiqtTotalTimes),
					interactionType: String(plan.request.extractionRange.fixedColumns.interactionType),
				};
			});
			return ok(route, { ...successCode(route), resultDesc: OK_DESC, total: all.length, list }, state.unquotedIds);
		},
	},
};

module.exports = { routes, listPlans };
