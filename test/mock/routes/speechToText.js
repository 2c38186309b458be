// @ts-check
'use strict';
/**
 * Speech to text (API notes §5.4): voice2Text starts a transcription with qualityInspect's body;
 * getTextByTaskId answers its text as a real ZIP archive, Base64 in `bytesZip` — empty for the first
 * polls (not ready), refused for a task older than three days.
 */
const S = require('../cecMockSchema');
const { zipArchive } = require('../zip');
const { ok, businessFailure, LANGUAGES, INSPECT_SUCCESS_DESC, FAIL_MARKER } = require('./shared');
const { recordingValidator } = require('./inspection');

/** @typedef {import('./shared').State} State */
/** @typedef {import('./shared').Route} Route */
/** @typedef {import('./shared').RouteEntry} RouteEntry */
/** @typedef {import('./shared').SpeechTaskRecord} SpeechTaskRecord */
/** @typedef {import('../cecMock').CecMockSpeechTask} SpeechTaskSnapshot */
/** @typedef {import('../cecMock').CecMockSpeechTaskSeed} SpeechTaskSeed */

// Choice: task ids are 20 digits, a creation-time-like prefix and a counter (the format is undocumented).
const SPEECH_TASK_ID_PREFIX = '20210201095107';
const KEPT_MS = 3 * 24 * 3600 * 1000;
const RECORDING_SECONDS = 60;

/** @type {Record<string, string[]>} */
const LINES = {
	zh_CN: ['坐席：您好，请问有什么可以帮您？', '客户：我想查询一下我的账单。', '坐席：好的，请稍等。'],
	en_US: ['Agent: Hello, how can I help you?', 'Customer: I would like to check my bill.', 'Agent: Sure, one moment please.'],
};

/**
 * @param {State} state
 * @param {{ language: string, voiceFilePath: string, createdAtMs: number }} fields
 * @returns {SpeechTaskRecord}
 */
function newTask(state, fields) {
	state.counters.speechTask += 1;
	const task = { taskId: `${SPEECH_TASK_ID_PREFIX}${String(state.counters.speechTask).padStart(6, '0')}`, ...fields, polls: 0 };
	state.speechTasks.set(task.taskId, task);
	return task;
}

/** @param {SpeechTaskRecord} task @returns {SpeechTaskSnapshot} */
function speechTaskSnapshot(task) {
	return { taskId: task.taskId, language: task.language, voiceFilePath: task.voiceFilePath, createdAtMs: task.createdAtMs, polls: task.polls };
}

/**
 * Seeds transcription tasks, e.g. one created four days ago. Throws TypeError on a bad seed.
 * @param {State} state
 * @param {SpeechTaskSeed[]} seeds
 * @returns {SpeechTaskSnapshot[]}
 */
function addSpeechTasks(state, seeds) {
	if (!Array.isArray(seeds)) throw new TypeError('speech tasks must be an array of seeds');
	const nowMs = Date.now();
	for (const seed of seeds) {
		if (!LANGUAGES.includes(seed.language)) throw new TypeError(`language must be one of ${LANGUAGES.join(', ')}`);
		if (seed.ageMs !== undefined && !(Number.isInteger(seed.ageMs) && seed.ageMs >= 0)) throw new TypeError('ageMs must be an integer >= 0');
	}
	return seeds.map((seed) =>
		speechTaskSnapshot(newTask(state, { language: seed.language, voiceFilePath: seed.voiceFilePath ?? 'seeded.wav', createdAtMs: nowMs - (seed.ageMs ?? 0) })),
	);
}

/** @param {State} state @returns {SpeechTaskSnapshot[]} */
const listSpeechTasks = (state) => [...state.speechTasks.values()].map(speechTaskSnapshot);

/** @type {Record<string, RouteEntry>} */
const routes = {
	voice2Text: {
		validate: recordingValidator,
		handle(state, route, { body, nowMs }) {
			const task = newTask(state, { language: body.language, voiceFilePath: body.voiceFilePath, createdAtMs: nowMs });
			return ok(route, { resultCode: route.successCode, resultDesc: INSPECT_SUCCESS_DESC, taskId: task.taskId, duration: String(RECORDING_SECONDS) }, state.unquotedIds);
		},
	},
	getTextByTaskId: {
		validate: S.validator(S.object({ taskId: S.string({ min: 1, max: 128 }), language: S.string({ oneOf: LANGUAGES }) }, ['taskId', 'language'])),
		handle(state, route, { body, nowMs }) {
			const task = state.speechTasks.get(body.taskId);
			if (task === undefined) return businessFailure(route, `no speech-to-text task ${body.taskId}`);
			if (nowMs - task.createdAtMs > KEPT_MS) return businessFailure(route, `task ${body.taskId} was created more than 3 days ago: its text is no longer kept`);
			// Choice: a language other than the task's is refused.
			if (body.language !== task.language) return businessFailure(route, `task ${body.taskId} was transcribed in ${task.language}, not ${body.language}`);
			task.polls += 1;
			if (task.polls <= state.speechNotReadyPolls) return ok(route, { resultCode: route.successCode, resultDesc: INSPECT_SUCCESS_DESC, bytesZip: '' }, state.unquotedIds);
			// Choice: a FAIL marker in the recording's path fails the transcription once its text is due.
			const failure = FAIL_MARKER.exec(task.voiceFilePath);
			if (failure) return businessFailure(route, `speech to text failed for task ${task.taskId} (status ${failure[1]})`);
			const archive = zipArchive([{ name: `${task.taskId}.txt`, text: `${LINES[task.language].join('\n')}\n` }]);
			return ok(route, { resultCode: route.successCode, resultDesc: INSPECT_SUCCESS_DESC, bytesZip: archive.toString('base64') }, state.unquotedIds);
		},
	},
};

module.exports = { routes, addSpeechTasks, listSpeechTasks };
