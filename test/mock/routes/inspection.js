// @ts-check
'use strict';
/**
 * Inspection (API notes §3–4): qualityInspect submits a recording, appraisecall/credit and
 * appraisecall/detail read a finished inspection's result and transcript, appraisecall/details lists
 * the calls. The calls themselves are modelled in calls.js.
 */
const crypto = require('crypto');
const S = require('../cecMockSchema');
const { LANGUAGES, INSPECTION_STATUSES, DONE, INSPECT_SUCCESS_DESC, PASS_MARKER, epoch, pageNumber, pageRows, successCode, ok, businessFailure, pageOf } = require('./shared');
const { statusOf, doneAtMs, defaultTimeline, lastSegment, putCall, sortedCalls, callsUploadedBetween, transcript, speechFigures, credit, detailsItem } = require('./calls');

/** @typedef {import('./shared').State} State */
/** @typedef {import('./shared').RouteEntry} RouteEntry */
/** @typedef {import('./shared').CallRecord} CallRecord */

/** qualityInspect's body: a recording, its language, agent and time span (voice2Text takes the same). */
const recordingValidator = S.validator(
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
	);

/**
 * appraisecall/details' latest matches, per sorted call list (a new list once a call is added): a client
 * reading a listing page by page at one moment gets them filtered once, not once per page. The matches
 * depend only on the calls, the filter and the clock, which the key holds.
 * @type {WeakMap<readonly CallRecord[], { key: string, matches: CallRecord[] }>}
 */
const latestListing = new WeakMap();

/**
 * @param {State} state @param {Record<string, any>} body @param {number} nowMs @param {() => CallRecord[]} filter
 * @returns {CallRecord[]}
 */
function listingMatches(state, body, nowMs, filter) {
	const calls = sortedCalls(state);
	const { page, limit, ...criteria } = body;
	const key = `${nowMs} ${JSON.stringify(criteria)}`;
	const latest = latestListing.get(calls);
	if (latest !== undefined && latest.key === key) return latest.matches;
	const matches = filter();
	latestListing.set(calls, { key, matches });
	return matches;
}

/** @type {Record<string, RouteEntry>} */
const routes = {
	qualityInspect: {
		validate: recordingValidator,
		handle(state, route, { body, nowMs }) {
			const beginMs = /** @type {number} */ (S.wallClockToEpochMs(body.beginTime, state.offsetMinutes));
			const endMs = /** @type {number} */ (S.wallClockToEpochMs(body.endTime, state.offsetMinutes));
			const callUuid = crypto.randomUUID();
			putCall(state, {
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
				timeline: defaultTimeline(state, body.voiceFilePath),
				pass: PASS_MARKER.test(body.voiceFilePath),
				source: 'qualityInspect',
			});
			return ok(route, { ...successCode(route), call_uuid: callUuid, resultDesc: INSPECT_SUCCESS_DESC }, false);
		},
	},
	appraiseCallCredit: {
		validate: S.validator(S.object({ call_uuid: S.string({ min: 1 }) }, ['call_uuid'])),
		handle(state, route, { body, nowMs }) {
			const call = state.calls.get(body.call_uuid);
			// Documented: an empty array means "no result yet"; also for an unknown call and a failed inspection.
			if (!call || statusOf(call, nowMs) !== DONE) return ok(route, [], state.unquotedIds);
			const doneAt = doneAtMs(call) ?? call.upload_time * 1000;
			return ok(route, [{ create_time: Math.floor(doneAt / 1000), credit: credit(call) }], state.unquotedIds);
		},
	},
	appraiseCallDetail: {
		validate: S.validator(S.object({ call_uuid: S.string({ min: 1 }) }, ['call_uuid'])),
		handle(state, route, { body, nowMs }) {
			const call = state.calls.get(body.call_uuid);
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
			}, state.unquotedIds);
		},
	},
	appraiseCallDetails: {
		validate: S.validator(
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
		handle(state, route, { body, nowMs }) {
			const matches = listingMatches(state, body, nowMs, () => callsUploadedBetween(state, body.upload_from, body.upload_to).filter((call) => body.call_types.includes(call.call_type)
				&& body.status.includes(statusOf(call, nowMs))
				&& (body.call_from == null || call.call_time >= body.call_from)
				&& (body.call_to == null || call.call_time <= body.call_to)
				&& (body.staff_id == null || call.staff_id === body.staff_id)
				&& (body.staff_name == null || call.staff_name.includes(body.staff_name))
				&& (body.duration_min == null || call.duration >= body.duration_min)
				&& (body.duration_max == null || call.duration <= body.duration_max)
				// Choice: the keyword searches the transcript, which exists once the inspection is done.
				&& (body.keyword == null || (statusOf(call, nowMs) === DONE && transcript(call).some((s) => s.asr_text.includes(body.keyword))))));
			// Choice: one group per call, call_group_id = call_uuid, as in the official example.
			const data = pageOf(matches, body.page, body.limit).map((call) => ({ call_group_id: call.call_uuid, calls: [detailsItem(call, nowMs)] }));
			return ok(route, { paging: { total: matches.length, page: body.page, limit: body.limit }, data }, state.unquotedIds);
		},
	},
};

module.exports = { routes, recordingValidator };
