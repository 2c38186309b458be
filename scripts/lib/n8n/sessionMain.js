// @ts-check
'use strict';
/**
 * Runs INSIDE a real n8n's own Node (spawned by session.js, never required by tests): n8n's own
 * `execute` command booted once, then its run() called for each workflow id read from stdin, so
 * that a test file's many `n8n execute --id=<id> --rawOutput` runs cost one n8n start-up instead of
 * one each. Everything a run does is n8n's: the same command class, the same init (community
 * packages, task runner, expression engine), the same run() (mode "cli", the run data stored in
 * the DB); the exit code is the one n8n's command registry would give (1 when run() threw).
 *
 *   node sessionMain.js <n8n package dir>
 *   stdin:  one JSON line per run: { "seq": 1, "argv": ["execute", "--id=<workflow id>", "--rawOutput"] }
 *           (any n8n command without an init of its own, e.g. import:workflow) — or { "exit": true }
 *   stdout and stderr: n8n's own output, each run's framed by BEGIN/END marker lines (MARKER below).
 */
const path = require('node:path');
const readline = require('node:readline');
const { createRequire } = require('node:module');
const { inspect } = require('node:util');

const MARKER = '@@cec-n8n-session@@';

/** @param {string} line */
const both = (line) => {
	process.stdout.write(`\n${line}\n`);
	process.stderr.write(`\n${line}\n`);
};

/** What bin/n8n does before it runs a command, then the `execute` command's init. @param {string} n8nPackageDir */
async function boot(n8nPackageDir) {
	const req = createRequire(path.join(n8nPackageDir, 'bin', 'n8n'));
	// CommandRegistry and n8n's config read the command from argv, as if started as `n8n execute`.
	process.argv = [process.argv[0], path.join(n8nPackageDir, 'bin', 'n8n'), 'execute', '--rawOutput'];
	inspect.defaultOptions.customInspect = false;
	req('source-map-support').install();
	req('reflect-metadata');
	req('../dist/config');
	req('net').setDefaultAutoSelectFamily?.(false);
	const { Container } = req('@n8n/di');
	const { CommandRegistry } = req('../dist/command-registry.js');
	// The import commands first, as their own CLI start loads them: in 1.x, loading them after execute
	// makes n8n's DI report a circular dependency (ImportService -> ... -> WaitTracker).
	req('../dist/commands/import/credentials.js');
	req('../dist/commands/import/workflow.js');
	const { Execute } = req('../dist/commands/execute.js');
	const registry = Container.get(CommandRegistry);
	await registry.moduleRegistry.loadModules();
	const execute = Container.get(Execute);
	execute.flags = { rawOutput: true };
	await execute.init();
	/** The command object and flags for argv, as n8n's CommandRegistry.execute() makes them. @param {string[]} argv */
	return async (argv) => {
		const [name] = argv;
		await import(path.join(n8nPackageDir, 'dist', 'commands', `${name.replaceAll(':', '/')}.js`));
		const entry = registry.commandMetadata.get(name);
		if (!entry) throw new Error(`n8n command "${name}" not found`);
		const { flags } = registry.cliParser.parse({ argv: [process.argv[0], process.argv[1], ...argv], flagsSchema: entry.flagsSchema });
		if (entry.class !== Execute && Object.prototype.hasOwnProperty.call(entry.class.prototype, 'init')) {
			throw new Error(`n8n ${name} has an init of its own: run it as a CLI process`);
		}
		const command = Container.get(entry.class);
		command.flags = flags;
		return command;
	};
}

/**
 * One n8n command: run(), catch() and the exit code as n8n's registry does (init ran at boot).
 * @param {(argv: string[]) => Promise<any>} commandFor @param {number} seq @param {string[]} argv
 */
async function runOnce(commandFor, seq, argv) {
	both(`${MARKER} BEGIN ${seq}`);
	let command = null;
	let exitCode = 0;
	try {
		command = await commandFor(argv);
		await command.run();
	} catch (error) {
		exitCode = 1;
		await command?.catch?.(error);
		if (error?.message) (command?.logger ?? console).error(error.message);
	}
	// n8n's finally() waits 100 ms before closing the DB; the caller reads the execution next.
	await new Promise((resolve) => setTimeout(resolve, 100));
	both(`${MARKER} END ${seq} ${exitCode}`);
}

async function main() {
	const commandFor = await boot(path.resolve(process.argv[2]));
	both(`${MARKER} READY`);
	const lines = readline.createInterface({ input: process.stdin });
	for await (const line of lines) {
		if (!line.trim()) continue;
		const request = JSON.parse(line);
		if (request.exit) break;
		await runOnce(commandFor, request.seq, request.argv.map(String));
	}
	// As at the end of a CLI command: close the DB, exit 0.
	await (await commandFor(['execute'])).finally(undefined);
}

main().catch((error) => {
	process.stderr.write(`\n${MARKER} FATAL ${error?.stack ?? error}\n`);
	process.exit(2);
});
