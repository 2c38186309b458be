// @ts-check
'use strict';
/**
 * The CEC mock's route table. One route per entry of the package's endpoint table
 * (nodes/HuaweiCecQuality/transport/endpoints.json, the single source of each API's path, operator
 * header, answer shape and success convention), each from its resource's module under routes/ with its
 * strict validator (written from the package's API spec, docs in /work/shared/cec-quality-api.md,
 * sections 3–5) and its handler side by side.
 *
 * The business state (routes/shared.js `createState`) is created here, once per mock, and handed to every
 * handler: calls whose inspection status moves on with the wall clock, the manual review tasks with their
 * sampled calls, the scheduled sampling plans, the inspection items and appeals, and the speech-to-text
 * tasks. Nothing runs on a timer: every status is computed from
 * the clock when it is read.
 *
 * Where the spec is silent the choice made is written next to the code as "Choice:" and listed in
 * cecMock.d.ts.
 */
const { ENDPOINTS, FAIL_MARKER, PASS_MARKER, INSPECTION_STATUSES, FINAL_FAILURE_STATUSES, createState } = require('./routes/shared');
const calls = require('./routes/calls');
const inspection = require('./routes/inspection');
const reviewTask = require('./routes/reviewTask');
const samplingPlan = require('./routes/samplingPlan');
const inspectionItem = require('./routes/inspectionItem');
const speechToText = require('./routes/speechToText');

/** @typedef {import('./cecMock').CecMockOptions} CecMockOptions */
/** @typedef {import('./routes/shared').BusinessKind} BusinessKind */
/** @typedef {import('./routes/shared').EndpointEntry} EndpointEntry */
/** @typedef {import('./routes/shared').Answer} Answer */
/** @typedef {import('./routes/shared').Route} Route */
/** @typedef {import('./routes/shared').RouteEntry} RouteEntry */

/** Every resource's routes; together they cover endpoints.json exactly. @type {Record<string, RouteEntry>[]} */
const RESOURCE_ROUTES = [inspection.routes, reviewTask.routes, samplingPlan.routes, inspectionItem.routes, speechToText.routes];

/** @returns {Record<string, RouteEntry>} */
function allRoutes() {
	/** @type {Record<string, RouteEntry>} */
	const byKind = {};
	for (const routes of RESOURCE_ROUTES) {
		for (const [kind, entry] of Object.entries(routes)) {
			if (kind in byKind) throw new Error(`two resource modules route ${kind}`);
			byKind[kind] = entry;
		}
	}
	return byKind;
}

/**
 * @param {CecMockOptions} options
 */
function createBackend(options) {
	const state = createState(options);
	const entries = allRoutes();
	const kinds = /** @type {BusinessKind[]} */ (Object.keys(ENDPOINTS));
	const missing = kinds.filter((kind) => !(kind in entries));
	const extra = Object.keys(entries).filter((kind) => !kinds.includes(/** @type {BusinessKind} */ (kind)));
	if (missing.length > 0 || extra.length > 0) {
		throw new Error(`the CEC mock and endpoints.json disagree: no route for ${missing.join(', ') || '-'}; routes not in the table: ${extra.join(', ') || '-'}`);
	}
	/** @type {Map<string, Route>} */
	const routesByPath = new Map();
	for (const kind of kinds) {
		const entry = /** @type {EndpointEntry} */ (ENDPOINTS[kind]);
		const { validate, handle } = entries[kind];
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
			validate,
			handle: (context) => handle(state, route, context),
		};
		if (routesByPath.has(route.path)) throw new Error(`endpoints.json lists ${route.path} twice`);
		routesByPath.set(route.path, route);
	}

	return {
		kinds,
		routesByPath,
		createdTaskIds: state.createdTaskIds,
		createdPlanIds: state.createdPlanIds,
		/** @param {unknown} seeds */
		addCalls: (seeds) => calls.addCalls(state, seeds),
		/** @param {unknown} change */
		setCallStatus: (change) => calls.setCallStatus(state, change),
		listCalls: () => calls.listCalls(state),
		listTasks: () => reviewTask.listTasks(state),
		listPlans: () => samplingPlan.listPlans(state),
		/** @param {unknown} seeds */
		addItems: (seeds) => inspectionItem.addItems(state, /** @type {any} */ (seeds)),
		listItems: () => inspectionItem.listItems(state),
		/** @param {unknown} seeds */
		addSpeechTasks: (seeds) => speechToText.addSpeechTasks(state, /** @type {any} */ (seeds)),
		listSpeechTasks: () => speechToText.listSpeechTasks(state),
	};
}

module.exports = { createBackend, ENDPOINTS, FAIL_MARKER, PASS_MARKER, INSPECTION_STATUSES, FINAL_FAILURE_STATUSES };
