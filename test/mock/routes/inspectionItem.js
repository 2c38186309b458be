// @ts-check
'use strict';
/**
 * Inspection items and appeals (API notes §5.5, `qualityitem/…`): listing, an item's rule hits and
 * scores, correcting a verdict, deciding an appeal, reassigning an item. Items exist only when seeded
 * (`addItems`, `POST /__mock/items`); each keeps its state (an appeal decided is closed).
 */
const S = require('../cecMockSchema');
const { OK_DESC, RULE_TYPES, role, epoch, id, pageNumber, ok, businessFailure, pageOf, isAnswer } = require('./shared');

/** @typedef {import('./shared').State} State */
/** @typedef {import('./shared').Route} Route */
/** @typedef {import('./shared').RouteEntry} RouteEntry */
/** @typedef {import('../cecMock').CecMockItemSeed} ItemSeed */
/** @typedef {import('../cecMock').CecMockItem} ItemSnapshot */
/** @typedef {import('../cecMock').CecMockRuleHit} RuleHit */
/** @typedef {import('./shared').ItemRecord} ItemRecord */

// Ids: a 13-digit prefix and a 6-digit counter, 19 digits, above 2^53 (as the task ids, see shared.js).
const ITEM_ID_PREFIX = '1623924502742';
const HIT_ID_PREFIX = '1623924502743';
const MAX_ITEM_ROWS = 1000000;
/** @type {Record<string, 1 | 2>} */
const TYPE_CODES = { problem: 1, appeal: 2 };
/** @type {Record<number, string>} */
const TYPE_NAMES = { 1: '问题', 2: '申诉' };
const STATUSES = [21, 22, 24, 27];
/** @type {Record<number, string>} */
const STATUS_NAMES = { 21: '审核中', 22: '已关闭', 24: '处理中', 27: '验证中' };
const CLOSED = 22;
const HANDLING = 24;
// Choice: a new appeal is under review (21); a problem item is with its handler (24).
/** @type {Record<number, number>} */
const FIRST_STATUS = { 1: HANDLING, 2: 21 };
const AUDIT_OPERATIONS = ['pass', 'back', 'assign'];

const userIds = S.array(S.digitString({ min: 1, max: 64 }));

/* ------------------------------------------------------------------ seeding */

/**
 * @param {State} state
 * @param {RuleHit} hit
 * @param {number} index
 * @param {string} callId
 * @param {number} createTime
 */
function hitOf(state, hit, index, callId, createTime) {
	const ruleId = hit.ruleId ?? `96751037522431590${index % 10}`;
	const type = hit.type ?? 10;
	if (!RULE_TYPES.includes(type)) throw new TypeError(`rule hit type must be one of ${RULE_TYPES.join(', ')}`);
	state.counters.hit += 1;
	return {
		id: `${HIT_ID_PREFIX}${String(state.counters.hit).padStart(6, '0')}`,
		callId,
		ruleId,
		ruleName: hit.ruleName ?? `Rule ${index + 1}`,
		ruleDescribe: hit.ruleDescribe ?? '',
		valid: hit.valid ?? 0,
		type,
		createTime,
		updateTime: createTime,
		description: '',
		appealId: '',
		// Choice: a hit's reviseId is its rule id (modifyResultQualityTask calls reviseId "the rule id").
		reviseId: ruleId,
		ruleGroupId: 'groupid_cbe2',
		revise: -1,
	};
}

/**
 * @param {State} state
 * @param {ItemSeed} seed
 * @param {number} nowMs
 * @returns {ItemRecord}
 */
function itemFromSeed(state, seed, nowMs) {
	if (typeof seed !== 'object' || seed === null || Array.isArray(seed)) throw new TypeError('each item must be an object');
	const typeCode = TYPE_CODES[seed.type ?? 'problem'];
	if (typeCode === undefined) throw new TypeError('item type must be "problem" or "appeal"');
	const status = seed.status ?? FIRST_STATUS[typeCode];
	if (!STATUSES.includes(status)) throw new TypeError(`item status must be one of ${STATUSES.join(', ')}`);
	state.counters.item += 1;
	const itemId = seed.id ?? `${ITEM_ID_PREFIX}${String(state.counters.item).padStart(6, '0')}`;
	if (!/^\d{18,20}$/.test(itemId) || state.items.has(itemId)) throw new TypeError(`item id ${itemId} must be 18-20 digits and new`);
	const createTime = seed.createTime ?? Math.floor(nowMs / 1000);
	const callId = seed.callId ?? `call-${itemId.slice(-6)}`;
	const hits = seed.hits ?? [{ type: 10, ruleName: 'Greeting' }];
	return {
		id: itemId,
		taskType: typeCode,
		taskStatus: status,
		callId,
		title: seed.title ?? `${seed.type === 'appeal' ? 'Appeal' : 'Problem'} on call ${callId}`,
		agentUserId: seed.agentUserId ?? '1600226476732482001',
		agentName: seed.agentName ?? 'Agent Li',
		inspectorUserId: seed.inspectorUserId ?? '1600226476732482572',
		inspectorName: seed.inspectorName ?? 'Inspector Wang',
		handler: seed.handlerUserId ?? '1600226476732482572',
		createTime,
		hits: hits.map((hit, index) => hitOf(state, hit, index, callId, createTime)),
		scores: { manuallyScore: seed.manualScore ?? 0, automaticScore: seed.automaticScore ?? 77, ruleGroupId: 'groupid_cbe2', ruleGroupName: '业务场景1' },
		decisions: [],
		corrections: [],
		reassignments: [],
	};
}

/**
 * Seeds inspection items (nothing creates them otherwise). Throws TypeError on a bad seed.
 * @param {State} state
 * @param {ItemSeed[]} seeds
 * @returns {ItemSnapshot[]}
 */
function addItems(state, seeds) {
	if (!Array.isArray(seeds)) throw new TypeError('items must be an array of item seeds');
	const nowMs = Date.now();
	const records = seeds.map((seed) => itemFromSeed(state, seed, nowMs));
	if (new Set(records.map((record) => record.id)).size !== records.length) throw new TypeError('the items repeat an id');
	for (const record of records) state.items.set(record.id, record);
	return records.map(itemSnapshot);
}

/** @param {ItemRecord} item @returns {ItemSnapshot} */
function itemSnapshot(item) {
	return {
		id: item.id,
		type: item.taskType === 2 ? 'appeal' : 'problem',
		status: item.taskStatus,
		callId: item.callId,
		agentUserId: item.agentUserId,
		inspectorUserId: item.inspectorUserId,
		handlerUserId: item.handler,
		createTime: item.createTime,
		hits: item.hits.map((hit) => ({ ...hit })),
		decisions: item.decisions.map((decision) => ({ ...decision })),
		corrections: item.corrections.map((correction) => ({ ...correction })),
		reassignments: item.reassignments.map((reassignment) => ({ ...reassignment })),
	};
}

/** @param {State} state @returns {ItemSnapshot[]} */
function listItems(state) {
	return [...state.items.values()].map(itemSnapshot);
}

/* ------------------------------------------------------------------ handlers */

/** @param {string} userId */
const personName = (userId) => `User ${userId.slice(-4)}`;

/**
 * One entry of queryQualityItem's `data[]`. Choice: besides the documented names it carries the codes
 * (`taskType` as "1"/"2", `taskStatus` as a number, as the filter takes them), `callId`, `agentUserId` and
 * `createTime` (epoch s), which the "…" of the field table leaves open.
 * @param {ItemRecord} item
 */
function listEntry(item) {
	return {
		id: item.id,
		taskType: String(item.taskType),
		taskTypeName: TYPE_NAMES[item.taskType],
		taskStatus: item.taskStatus,
		taskStatusName: STATUS_NAMES[item.taskStatus],
		callId: item.callId,
		inspectorName: item.inspectorName,
		reviewingOfficerName: personName(item.handler),
		initiatorName: item.taskType === 2 ? item.agentName : item.inspectorName,
		taskOperatorName: personName(item.handler),
		agentName: item.agentName,
		agentUserId: item.agentUserId,
		createTime: item.createTime,
	};
}

/** @param {State} state @param {Route} route @param {unknown} itemId @returns {ItemRecord | import('./shared').Answer} */
function findItem(state, route, itemId) {
	const item = state.items.get(String(itemId));
	return item ?? businessFailure(route, `no inspection item ${String(itemId)}`);
}

/** @type {Record<string, RouteEntry>} */
const routes = {
	queryQualityItem: {
		validate: S.validator(
			S.object({
				startTimeMillis: epoch,
				endTimeMillis: epoch,
				page: pageNumber,
				rows: S.integer({ min: 1, max: MAX_ITEM_ROWS }),
				fixedColumns: S.object({
					agentUserIds: userIds,
					qualityUserIds: userIds,
					taskType: S.string({ oneOf: ['1', '2'] }),
					taskStatus: S.integer({ oneOf: STATUSES }),
				}),
			}, ['startTimeMillis', 'endTimeMillis', 'page', 'rows']),
			(body, errors) => S.checkOrdered(body, '', 'startTimeMillis', 'endTimeMillis', errors),
		),
		handle(state, route, { body }) {
			const columns = body.fixedColumns ?? {};
			// Choice: items in the window [startTimeMillis, endTimeMillis] of their createTime, oldest first.
			const matching = [...state.items.values()]
				.filter((item) => item.createTime >= body.startTimeMillis && item.createTime <= body.endTimeMillis)
				.filter((item) => !columns.agentUserIds?.length || columns.agentUserIds.includes(item.agentUserId))
				.filter((item) => !columns.qualityUserIds?.length || columns.qualityUserIds.includes(item.inspectorUserId))
				.filter((item) => columns.taskType === undefined || String(item.taskType) === columns.taskType)
				.filter((item) => columns.taskStatus === undefined || item.taskStatus === columns.taskStatus)
				.sort((a, b) => a.createTime - b.createTime || a.id.localeCompare(b.id));
			const data = pageOf(matching, body.page, body.rows).map(listEntry);
			const pages = Math.ceil(matching.length / body.rows);
			return ok(route, { resultCode: route.successCode, resultDesc: OK_DESC, total: matching.length, pages, data }, state.unquotedIds);
		},
	},
	queryQualityItemDetail: {
		validate: S.validator(S.object({ qualityItemId: id }, ['qualityItemId'])),
		handle(state, route, { body }) {
			const item = findItem(state, route, body.qualityItemId);
			if (isAnswer(item)) return item;
			return ok(route, {
				resultCode: route.successCode,
				resultDesc: OK_DESC,
				title: item.title,
				agentIsNull: false,
				qualityItem: { callId: item.callId, taskType: item.taskType },
				qualityItemRuleHit: item.hits.map((hit) => ({ ...hit })),
			}, state.unquotedIds);
		},
	},
	queryQualityItemResult: {
		validate: S.validator(S.object({ qualityId: id }, ['qualityId'])),
		handle(state, route, { body }) {
			const item = findItem(state, route, body.qualityId);
			if (isAnswer(item)) return item;
			return ok(route, { resultCode: route.successCode, resultDesc: OK_DESC, ...item.scores }, state.unquotedIds);
		},
	},
	modifyQualityItemResult: {
		validate: S.validator(S.object({
			isGroup: S.boolean(),
			qualityItemId: id,
			qualityItemType: S.integer({ oneOf: [1, 2] }),
			ruleInfo: S.object({ reviseId: id, revise: S.integer({ oneOf: [0, 1] }), description: S.string() }, ['reviseId', 'revise']),
		}, ['qualityItemId', 'qualityItemType', 'ruleInfo'])),
		handle(state, route, { body, nowMs }) {
			const item = findItem(state, route, body.qualityItemId);
			if (isAnswer(item)) return item;
			if (item.taskType !== body.qualityItemType) return businessFailure(route, `item ${item.id} is of type ${item.taskType}, not ${body.qualityItemType}`);
			if (body.isGroup === true) return businessFailure(route, `item ${item.id} is a single call, not a group`);
			const hit = item.hits.find((h) => h.reviseId === body.ruleInfo.reviseId);
			if (hit === undefined) return businessFailure(route, `item ${item.id} has no rule hit ${body.ruleInfo.reviseId}`);
			hit.revise = body.ruleInfo.revise;
			hit.description = body.ruleInfo.description ?? '';
			hit.updateTime = Math.floor(nowMs / 1000);
			item.corrections.push({ reviseId: hit.reviseId, revise: body.ruleInfo.revise, description: hit.description });
			return ok(route, { resultCode: route.successCode, resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	appealItem: {
		validate: S.validator(
			S.object({
				auditOperation: S.string({ oneOf: AUDIT_OPERATIONS }),
				taskInfoId: id,
				callId: S.string({ min: 1, max: 128 }),
				coment: S.string(),
				assignee: S.digitString({ min: 1, max: 64 }),
				role,
			}, ['auditOperation', 'taskInfoId']),
			(body, errors) => {
				if (body.auditOperation === 'assign' && body.assignee === undefined) errors.push('missing field assignee: auditOperation "assign" needs the assignee');
			},
		),
		handle(state, route, { body, operatorId }) {
			const item = findItem(state, route, body.taskInfoId);
			if (isAnswer(item)) return item;
			if (item.taskType !== 2) return businessFailure(route, `item ${item.id} is a problem, not an appeal`);
			if (item.taskStatus === CLOSED) return businessFailure(route, `appeal ${item.id} is closed: it was decided already`);
			if (body.callId !== undefined && body.callId !== item.callId) return businessFailure(route, `appeal ${item.id} is on call ${item.callId}, not ${body.callId}`);
			// Choice: approve and reject close the appeal (22); assign hands it to the assignee, still open (24).
			if (body.auditOperation === 'assign') {
				item.handler = body.assignee;
				item.taskStatus = HANDLING;
			} else {
				item.taskStatus = CLOSED;
			}
			item.decisions.push({ auditOperation: body.auditOperation, comment: body.coment ?? '', assignee: body.assignee, role: body.role, by: operatorId ?? '' });
			return ok(route, { resultCode: route.successCode, resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
	reassginQualityTask: {
		// Choice: every field is documented as optional, but a reassignment that names no item or no new
		// handler has nothing to do: both are required here.
		validate: S.validator(S.object({
			handler: S.digitString({ min: 1, max: 64 }),
			qualityTaskInfoId: id,
			role,
		}, ['handler', 'qualityTaskInfoId'])),
		handle(state, route, { body, operatorId }) {
			const item = findItem(state, route, body.qualityTaskInfoId);
			if (isAnswer(item)) return item;
			if (item.taskStatus === CLOSED) return businessFailure(route, `item ${item.id} is closed`);
			item.handler = body.handler;
			item.reassignments.push({ handler: body.handler, role: body.role, by: operatorId ?? '' });
			return ok(route, { resultCode: route.successCode, resultDesc: OK_DESC }, state.unquotedIds);
		},
	},
};

module.exports = { routes, addItems, listItems };
