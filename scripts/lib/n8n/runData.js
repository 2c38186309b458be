// @ts-check
'use strict';
/** Reading a stored execution's run data: a node's runs, its output branches, the error. */

/** All runs (task data) of one node in an execution, [] if it did not run. @param {any} execution @param {string} nodeName @returns {any[]} */
function nodeRuns(execution, nodeName) {
	const runData = execution?.data?.resultData?.runData || {};
	return runData[nodeName] || [];
}

/**
 * Output of a node in an execution: array of output branches, each an array of items
 * `{ json, pairedItem, error? }` (the last run of the node). [] when the node did not run.
 * @param {any} execution @param {string} nodeName @param {number} [runIndex] @returns {any[][]}
 */
function nodeOutput(execution, nodeName, runIndex) {
	const runs = nodeRuns(execution, nodeName);
	if (!runs.length) return [];
	const run = runs[runIndex ?? runs.length - 1];
	return (run?.data?.main || []).map((/** @type {any[] | null} */ branch) => branch || []);
}

/** The error of a failed execution (or of one node), as stored: { message, description, ... } or undefined. @param {any} execution @param {string} [nodeName] */
function executionError(execution, nodeName) {
	if (nodeName) {
		const runs = nodeRuns(execution, nodeName);
		return runs.length ? runs[runs.length - 1].error : undefined;
	}
	return execution?.data?.resultData?.error;
}

module.exports = { nodeRuns, nodeOutput, executionError };
