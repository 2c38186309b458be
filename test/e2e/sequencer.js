// @ts-check
'use strict';
/**
 * Order of the e2e files for scripts/test-all.sh's two jest workers: the editor check first. It is the
 * longest file but mostly waits on the browser (about half a core), so the other worker runs the rest
 * beside it. jest's own order (slowest first by its timing cache, else largest file first) would start it
 * last on a machine without that cache, leaving one worker idle for its whole run.
 */
const Sequencer = require('@jest/test-sequencer').default;

const EDITOR = '/editor.test.ts';

class EditorFirstSequencer extends Sequencer {
	/** @param {import('@jest/test-result').Test[]} tests */
	sort(tests) {
		const sorted = /** @type {import('@jest/test-result').Test[]} */ (super.sort(tests));
		const isEditor = (/** @type {import('@jest/test-result').Test} */ t) => t.path.endsWith(EDITOR);
		return [...sorted.filter(isEditor), ...sorted.filter((t) => !isEditor(t))];
	}
}

module.exports = EditorFirstSequencer;
