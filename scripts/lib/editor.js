// @ts-check
'use strict';
/**
 * The package as users first meet it: n8n's editor, in a real browser. Starts the CEC mock and a real n8n
 * editor exactly as `npm run dev` does (realN8n.startDemoEditor: the packed package installed the community
 * way, the credential "Huawei CEC (local mock)", examples/demo-workflow.json, the owner account), signs in,
 * and drives Debian's Chromium, headless, with playwright-core. It checks, for EVERY node type of the
 * package and EVERY resource/operation of each (a trigger: its default event), all read from the BUILT
 * descriptions in dist/ — so nodes and operations added later are covered without touching this file:
 *
 *  - before the browser: every top-level parameter is shown for at least one resource/operation, and its
 *    displayOptions name only resources and operations that exist (a display rule that never matches);
 *  - the example workflow's canvas: every node is drawn, the package's node icons load (naturalWidth > 0);
 *  - each node of the package in the example workflow, opened: its panel shows exactly the top-level
 *    parameters whose displayOptions match the node's values (by label; nothing of another operation), the
 *    Resource and Operation lists hold the description's options in its order (each list in the first
 *    panel that shows it), the panel's icon loads;
 *  - the credential modal (the pencil beside the credential): every credential field, the icon;
 *  - every resource/operation added from the node creator (search → the node's entry, icon loads → its
 *    actions, each resource's in the description's order → the operation's action): the panel that opens,
 *    as above;
 *  - a resource locator's list (LOCATOR_LIST: Review Task → Terminate's Task ID, From List): opened in the
 *    panel, it must show the review tasks seeded into the mock (seedLocatorTasks) and no error;
 *  - each operation's output schema, as the editor asks for it (schema preview in the next node's input
 *    panel): GET /schemas/<type>/<version>/<resource>/<operation>.json must answer a JSON schema;
 *  - no console error and no page error on the way (ALLOWED_CONSOLE lists the only exceptions, each with
 *    its reason).
 * A problem names where (node, operation, panel) and what (the missing field, the console message, ...).
 *
 * With `screenshots`, the same run writes docs/screenshots/: workflow.png (the example workflow's canvas)
 * and node-<resource>-<operation>.png (the panel of each of the package's nodes in the example workflow).
 *
 * CLI (after `npm run build`):
 *   node scripts/lib/editor.js                     # check in n8n 2.x; exit 1 and a list of problems if any
 *   node scripts/lib/editor.js --major 1           # ... in n8n 1.x (--major 2,1 for both)
 *   node scripts/lib/editor.js --screenshots       # check in n8n 2.x and refresh docs/screenshots/*.png
 *   node scripts/lib/editor.js --install-deps      # only: apt-get install chromium when it is missing
 * Env: CEC_CHROMIUM (browser binary, default /usr/bin/chromium), CEC_E2E_KEEP=1 keeps the n8n user folder
 *      (and a failure.png), CEC_EDITOR_HEADED=1 shows the browser (needs a display), CEC_E2E_DEBUG=1 prints
 *      every step with its time.
 *
 * Library: const r = await require('./scripts/lib/editor').runEditorCheck({ major: 2, tgz });
 *          r.problems → [{ where, message }], formatReport(r) → text. test/e2e/editor.test.ts runs it.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { aptInstall, commandPath } = require('./debian');
const realN8n = require('./realN8n');

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/**
 * What a headless Chromium needs on these machines. Without the background-networking flags Chromium keeps
 * trying Google's hosts, which the closed network refuses. Playwright adds --headless and a fresh, empty
 * --user-data-dir of its own for every launch (it refuses one in args).
 */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	// Small /dev/shm in containers and CI makes Chromium crash while painting large pages.
	'--disable-dev-shm-usage',
];
const VIEWPORT = { width: 1440, height: 900 };
const PANEL_SCREENSHOT_VIEWPORT = { width: 1440, height: 1180 };
/** Entry n8n itself appends to Resource and Operation when the node's credential can drive an HTTP Request node. */
const N8N_CUSTOM_API_CALL = 'Custom API Call';
const SCREENSHOTS_DIR = path.join(realN8n.REPO_ROOT, 'docs', 'screenshots');

/**
 * Console messages that do not count as problems. Each names the n8n line it was seen in and why it has
 * nothing to do with this package. `test(msg, origin)` gets msg = { text, url (of a failed load), step }.
 */
const ALLOWED_CONSOLE = [
	{
		reason:
			'n8n itself reaches out to the internet, which these machines and CI do not have: the node creator asks ' +
			'registry.npmjs.org about the community package (both lines), n8n 1.x asks api.n8n.io for banners',
		test: (m) => /^Failed to load resource/.test(m.text) && /^https:\/\/(registry\.npmjs\.org|api\.n8n\.io)\//.test(m.url ?? ''),
	},
	{
		reason: 'n8n 1.x logs its failed banner fetch (api.n8n.io, no internet: see the first entry) once more, in its own words',
		test: (m) => /^Failed to fetch dynamic banners: .*Can't connect to n8n/.test(m.text),
	},
	{
		reason:
			"n8n 1.x's AI assistant asks a licensed endpoint (/rest/ai/sessions/metadata); the community edition answers 403 " +
			'"Plan lacks license for this feature", and logs it',
		test: (m, origin) =>
			(/status of 403/.test(m.text) && m.url === `${origin}/rest/ai/sessions/metadata`) ||
			/^Failed to fetch sessions metadata: .*Plan lacks license/.test(m.text),
	},
	{
		reason:
			"opening a node makes n8n ask for the output schema of the node before it (schema preview); n8n's own nodes " +
			'(e.g. the Manual Trigger a new node is attached to in 1.x) ship none and answer 404. A 404 for one of THIS package\'s ' +
			'nodes is not allowed (and is also checked directly, per operation)',
		test: (m, origin) => /status of 404/.test(m.text) && /^\/schemas\/(n8n-nodes-base|@n8n\/n8n-nodes-langchain)\./.test((m.url ?? '').slice(origin.length)) && m.url.startsWith(origin),
	},
	{
		reason: 'n8n 1.x asks for the last successful execution of the opened workflow: 404 while it has never run',
		test: (m, origin) => /status of 404/.test(m.text) && /\/rest\/workflows\/[^/]+\/executions\/last-successful$/.test(m.url ?? '') && m.url.startsWith(origin),
	},
];

const debug = (...args) => {
	if (process.env.CEC_E2E_DEBUG) console.error('[editor]', ...args);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The resource locator whose list the check opens (the node creator's panel of `key`, the field `param`)
 * and the review tasks seeded into the mock for it to show, created through the mock's own API.
 */
const LOCATOR_LIST = { key: 'huaweiCecQuality/reviewTask/terminate', param: 'taskId', label: 'Task ID', tasks: ['Locator list task A', 'Locator list task B'] };

/** Creates LOCATOR_LIST's review tasks in the mock, as the credential's default operator. @param {any} mock @param {any} credential */
async function seedLocatorTasks(mock, credential) {
	const post = async (/** @type {string} */ url, /** @type {Record<string, string>} */ headers, /** @type {unknown} */ body) => {
		const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
		const answer = await r.json().catch(() => ({}));
		if (!r.ok) throw new Error(`seeding the locator's tasks: ${url} answered HTTP ${r.status} ${JSON.stringify(answer)}`);
		return answer;
	};
	const { AccessToken } = await post(mock.tokenUrl, {}, { app_key: credential.data.accessKey, app_secret: credential.data.secretKey });
	for (const planName of LOCATOR_LIST.tasks) {
		const answer = await post(`${mock.url}/apiaccess/CCSQM/rest/ccisqm/v1/qualitytask/createQualityTask`, { authorization: `Bearer ${AccessToken}`, 'x-app-key': credential.data.accessKey, 'x-UserId': credential.data.defaultOperatorUserId }, {
			customColumns: null,
			currentRole: 'qualityDirector',
			fixedColumns: { qualityNum: '10', qualityType: 1, interactionType: 0 },
			qualityTask: { planName },
		});
		if (answer.resultCode !== '0409000') throw new Error(`seeding the locator's tasks: createQualityTask answered ${JSON.stringify(answer)}`);
	}
}

/* ------------------------------------------------------------------ Chromium (Debian's package) */

/** The Chromium binary to drive: $CEC_CHROMIUM, /usr/bin/chromium, or `chromium` on PATH; null if none. */
function findChromium() {
	const explicit = process.env.CEC_CHROMIUM;
	if (explicit) return fs.existsSync(explicit) ? explicit : null;
	if (fs.existsSync(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
	return commandPath('chromium');
}

/**
 * Installs Debian's `chromium` when no Chromium is found (non-interactive apt; as root, or through
 * passwordless sudo), like scripts/lib/queueMode.js does for PostgreSQL and Redis. A machine that has it
 * skips apt. Returns { chromium, version, installed: [packages], durationMs }.
 * @param {{ log?: (message: string) => unknown }} [options]
 */
function ensureChromium({ log = (m) => process.stderr.write(`[editor] ${m}\n`) } = {}) {
	const started = Date.now();
	const installed = [];
	if (!findChromium()) {
		if (process.env.CEC_CHROMIUM) throw new Error(`CEC_CHROMIUM=${process.env.CEC_CHROMIUM} does not exist`);
		aptInstall(['chromium'], {
			log,
			noApt: 'Chromium is missing and there is no apt-get to install it: install Chromium, or set CEC_CHROMIUM',
			noRoot: 'Chromium is missing: run as root, or first: sudo apt-get install -y chromium',
		});
		installed.push('chromium');
	}
	const chromium = findChromium();
	if (!chromium) throw new Error('no Chromium binary after installing `chromium` (looked at /usr/bin/chromium and PATH)');
	const v = spawnSync(chromium, ['--version'], { encoding: 'utf8' });
	const version = (v.stdout || '').trim();
	if (installed.length) log(`installed ${installed.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${version}`);
	return { chromium, version, installed, durationMs: Date.now() - started };
}

/* ------------------------------------------------------------------ what the description says */

/** n8n-workflow as the project has it (the editor evaluates displayOptions with the same rules). */
function loadWorkflowLib(root) {
	return require(require.resolve('n8n-workflow', { paths: [root] }));
}

/** The package's built node types and credential types (package.json "n8n" → dist files), instantiated. */
function loadPackageTypes(root = realN8n.REPO_ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const instances = (files) =>
		(files || []).flatMap((rel) => {
			const file = path.join(root, rel);
			if (!fs.existsSync(file)) throw new Error(`${file} does not exist: run \`npm run build\` first`);
			delete require.cache[require.resolve(file)];
			return Object.values(require(file))
				.filter((v) => typeof v === 'function')
				.map((Type) => new Type());
		});
	return {
		packageName: pkg.name,
		nodes: instances(pkg.n8n?.nodes).filter((n) => n.description),
		credentials: instances(pkg.n8n?.credentials).filter((c) => c.name && Array.isArray(c.properties)),
	};
}

const LABEL_LESS_TYPES = new Set(['notice', 'callout', 'button']);
const NOT_RENDERED_TYPES = new Set(['hidden']);
const latestVersion = (description) => (Array.isArray(description.version) ? Math.max(...description.version) : description.version ?? 1);
const optionNames = (property) => (property?.options || []).map((o) => o.name);

/**
 * What the panel of a node of this type must show for parameter values `values` (n8n's own defaults are
 * filled in): the top-level parameters displayed (by n8n-workflow's displayParameter, the rules the editor
 * uses) and the labels that must NOT be there (parameters of other operations).
 */
function panelExpectation(nw, description, values) {
	const node = { typeVersion: latestVersion(description), parameters: {} };
	const full = nw.NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) || {};
	node.parameters = full;
	const rendered = description.properties.filter((p) => !NOT_RENDERED_TYPES.has(p.type));
	const shown = rendered.filter((p) => nw.NodeHelpers.displayParameter(full, p, node, description));
	const shownLabels = new Set(shown.map((p) => p.displayName));
	const absent = rendered.filter((p) => !shown.includes(p) && !shownLabels.has(p.displayName));
	const byName = (name) => shown.find((p) => p.name === name);
	return {
		values: full,
		shown: shown.map((p) => ({ name: p.name, displayName: p.displayName, type: p.type })),
		absent: [...new Map(absent.map((p) => [p.displayName, { name: p.name, displayName: p.displayName, type: p.type }])).values()],
		resourceOptions: optionNames(byName('resource')),
		operationOptions: optionNames(byName('operation')),
	};
}

/**
 * Every resource/operation of the node type (one entry for a node without them, e.g. a trigger), with the
 * panel each must show when the node is added for it, and the static problems (a parameter shown for no
 * operation; displayOptions naming a resource or an operation that does not exist). Entries:
 * { key ('<node name>/<resource>/<operation>'), title ('<Node> › <Resource> → <Operation>'), resource,
 *   operation, action (its text in the node creator), shown, absent, resourceOptions, operationOptions }.
 */
/**
 * A parameter hidden at its operation's defaults may still show once a sibling takes a value (e.g. a time
 * field behind "When: At a Time"). It counts as reachable if, for some operation, setting each other
 * sibling its show rule names to the first value listed there — a value that sibling must really offer —
 * displays it. A rule naming a sibling or a value that does not exist stays unreachable.
 */
function shownWhenItsConditionsHold(nw, description, operations, p) {
	const conditions = Object.entries(p.displayOptions?.show || {}).filter(([key]) => !['resource', 'operation'].includes(key) && !key.startsWith('@'));
	if (conditions.length === 0) return false;
	return operations.some((o) => {
		const values = { ...(o.resource === undefined ? {} : { resource: o.resource }), ...(o.operation === undefined ? {} : { operation: o.operation }) };
		for (const [key, listed] of conditions) {
			const sibling = o.shown.find((s) => s.name === key);
			const offered = description.properties.find((q) => q.name === key && o.shown.some((s) => s.name === q.name));
			const value = Array.isArray(listed) ? listed[0] : undefined;
			if (!sibling || !offered) return false;
			if (Array.isArray(offered.options) && !offered.options.some((option) => option.value === value)) return false;
			values[key] = value;
		}
		return panelExpectation(nw, description, values).shown.some((s) => s.name === p.name);
	});
}

function describeOperations(nw, description) {
	const props = description.properties;
	const resourceProp = props.find((p) => p.name === 'resource' && p.type === 'options');
	const resources = resourceProp ? resourceProp.options.map((o) => ({ value: o.value, name: o.name })) : [{ value: undefined, name: '' }];
	const operations = [];
	for (const resource of resources) {
		const base = resource.value === undefined ? {} : { resource: resource.value };
		const atResource = panelExpectation(nw, description, base);
		const node = { typeVersion: latestVersion(description), parameters: atResource.values };
		const opProp = props.find(
			(p) => p.name === 'operation' && p.type === 'options' && nw.NodeHelpers.displayParameter(atResource.values, p, node, description),
		);
		for (const op of opProp ? opProp.options : [{ value: undefined, name: '' }]) {
			const values = op.value === undefined ? base : { ...base, operation: op.value };
			const expectation = panelExpectation(nw, description, values);
			// n8n lists a trigger's events as its actions in the node creator: "On <event>" per option of its
			// top-level `event`/`events` parameter; picking one sets that parameter.
			const eventProp = !resourceProp && !opProp && (description.group || []).includes('trigger')
				? props.find((p) => ['event', 'events'].includes(p.name) && ['options', 'multiOptions'].includes(p.type))
				: undefined;
			const triggerActions = eventProp ? eventProp.options.map((o) => ({ text: `On ${o.name}`, param: eventProp.name, value: o.value })) : undefined;
			const defaultEvent = eventProp ? [expectation.values[eventProp.name]].flat()[0] : undefined;
			operations.push({
				key: [description.name, resource.value, op.value].filter((v) => v !== undefined).join('/'),
				resource: resource.value,
				resourceName: resource.name,
				operation: op.value,
				operationName: op.name,
				action: triggerActions ? (triggerActions.find((a) => a.value === defaultEvent) || triggerActions[0]).text : op.action || op.name,
				triggerActions,
				title: resource.name || op.name ? `${description.displayName} › ${[resource.name, op.name].filter(Boolean).join(' → ')}` : description.displayName,
				...expectation,
			});
		}
	}

	const problems = [];
	const shownSomewhere = new Set(operations.flatMap((o) => o.shown.map((p) => p.name)));
	const resourceValues = new Set(resources.map((r) => r.value));
	const operationValues = new Set(props.filter((p) => p.name === 'operation').flatMap((p) => (p.options || []).map((o) => o.value)));
	for (const p of props) {
		if (NOT_RENDERED_TYPES.has(p.type)) continue;
		const label = `"${p.displayName}" (${p.name})`;
		if (!shownSomewhere.has(p.name) && !shownWhenItsConditionsHold(nw, description, operations, p)) {
			problems.push({ where: `${description.displayName} (description)`, message: `parameter ${label} is shown for no resource/operation: its displayOptions never match (${JSON.stringify(p.displayOptions)})` });
		}
		for (const [key, known] of /** @type {Array<[string, Set<unknown>]>} */ ([
			['resource', resourceValues],
			['operation', operationValues],
		])) {
			for (const mode of ['show', 'hide']) {
				const listed = p.displayOptions?.[mode]?.[key];
				if (!Array.isArray(listed) || (key === 'resource' && !resourceProp)) continue;
				const unknown = listed.filter((v) => typeof v !== 'object' && !known.has(v));
				if (unknown.length) {
					problems.push({ where: `${description.displayName} (description)`, message: `parameter ${label}: displayOptions.${mode}.${key} names ${unknown.map((v) => JSON.stringify(v)).join(', ')}, which is no ${key} of the node` });
				}
			}
		}
	}
	return { resourceOptions: resources.map((r) => r.name).filter(Boolean), operations, problems };
}

/**
 * describeOperations of every node type of the package (built), each entry with its full node type
 * (`<package>.<name>`) and description. Resolves { operations, problems }.
 */
function packageOperations(root = realN8n.REPO_ROOT, { nw = loadWorkflowLib(root), types = loadPackageTypes(root) } = {}) {
	const operations = [];
	const problems = [];
	for (const { description } of types.nodes) {
		const described = describeOperations(nw, description);
		problems.push(...described.problems);
		operations.push(...described.operations.map((o) => ({ ...o, nodeType: `${types.packageName}.${description.name}`, description })));
	}
	return { operations, problems };
}

/** The credential modal's expectation: every non-hidden credential field displayed for `data`. */
function credentialExpectation(nw, credentialType, data = {}) {
	const values = nw.NodeHelpers.getNodeParameters(credentialType.properties, data, true, false, null, null) || {};
	return credentialType.properties
		.filter((p) => !NOT_RENDERED_TYPES.has(p.type))
		.filter((p) => nw.NodeHelpers.displayParameter(values, p, null, null))
		.map((p) => ({ name: p.name, displayName: p.displayName, type: p.type }));
}

/* ------------------------------------------------------------------ the browser part */

/** Everything visible in the page that the checks read, in one round trip. */
async function readLabels(scope) {
	return await scope.evaluate((root) => {
		const out = [];
		for (const label of root.querySelectorAll('label.n8n-input-label')) {
			if (!label.checkVisibility()) continue;
			const titleEl = label.querySelector('.n8n-text');
			const text = (titleEl ? titleEl.textContent : label.textContent).replace(/\s+/g, ' ').trim().replace(/\s*\*$/, '').trim();
			let depth = 0;
			for (let e = label.parentElement; e && e !== root; e = e.parentElement) {
				if (e.classList.contains('parameter-item')) depth++;
			}
			out.push({ for: label.getAttribute('for'), text, depth });
		}
		return out;
	});
}

async function readVisibleText(scope) {
	return await scope.evaluate((root) => root.innerText || '');
}

/** Icon <img>s of this package inside `scope` (CSS selector, '' = whole page), once all loaded or failed, or after timeoutMs. */
async function iconImages(page, scopeSelector, packageName, { timeoutMs = 10000, exclude = '' } = {}) {
	const read = () =>
		page.evaluate(
			({ scopeSelector, marker, exclude }) => {
				/** @type {ParentNode[]} */
				const roots = scopeSelector ? Array.from(document.querySelectorAll(scopeSelector)) : [document];
				const imgs = roots.flatMap((r) => Array.from(r.querySelectorAll('img')));
				return imgs
					.filter((i) => (i.currentSrc || i.src || '').includes(marker))
					.filter((i) => !exclude || !i.closest(exclude))
					.filter((i) => i.checkVisibility())
					.map((i) => ({ src: i.currentSrc || i.src, complete: i.complete, naturalWidth: i.naturalWidth }));
			},
			{ scopeSelector, marker: `/icons/${packageName}/`, exclude },
		);
	const deadline = Date.now() + timeoutMs;
	let imgs = await read();
	// Until every image has loaded or failed (complete with naturalWidth 0 = broken: no use waiting longer).
	while (Date.now() < deadline && (imgs.length === 0 || imgs.some((i) => !i.complete))) {
		await sleep(200);
		imgs = await read();
	}
	return imgs;
}

function iconProblems(imgs, what) {
	if (imgs.length === 0) return [`no icon image of the package in ${what}`];
	return imgs.filter((i) => !(i.naturalWidth > 0)).map((i) => `icon in ${what} did not load (naturalWidth ${i.naturalWidth}, complete ${i.complete}): ${i.src}`);
}

function listProblems(what, rendered, expected) {
	let list = rendered;
	let custom = false;
	if (list[list.length - 1] === N8N_CUSTOM_API_CALL && !expected.includes(N8N_CUSTOM_API_CALL)) {
		list = list.slice(0, -1);
		custom = true;
	}
	const same = list.length === expected.length && list.every((v, i) => v === expected[i]);
	return {
		custom,
		problems: same ? [] : [`the ${what} list shows ${JSON.stringify(rendered)}; the description gives ${JSON.stringify(expected)}${custom ? ` (+ n8n's "${N8N_CUSTOM_API_CALL}")` : ''}`],
	};
}

/**
 * What the steps of driveEditor share: the page, the report and how to record into it.
 * @param {any} ctx @param {any} report
 */
function makeDriver(ctx, report) {
	const { page, url } = ctx;
	const t0 = Date.now();
	const state = { step: 'sign-in' };
	const tid = (/** @type {string} */ id) => `[data-test-id="${id}"]`;
	// The editor's own request (useSchemaPreview): /schemas/<type>/<x.y.z>[/<resource>][/<operation>].json.
	const schemaPathOf = (/** @type {any} */ op) => `/${['schemas', op.nodeType, padVersion(latestVersion(op.description)), op.resource, op.operation].filter(Boolean).join('/')}.json`;
	return {
		ctx,
		report,
		page,
		url,
		origin: new URL(url).origin,
		packageName: ctx.packageName,
		state,
		tid,
		NDV: `${tid('ndv')}, ${tid('ndv-modal')}`,
		timeouts: { long: 90000, short: 10000 },
		schemaPathOf,
		/** The Resource and Operation lists already compared with the description (checkPanel). */
		listsChecked: new Set(),
		mark: (/** @type {string} */ name) => (report.timings[name] = Date.now() - t0),
		/** @param {string} message @param {string} [where] */
		problem: (message, where = state.step) => {
			if (!report.problems.some((/** @type {any} */ p) => p.where === where && p.message === message)) report.problems.push({ where, message });
		},
		note: (/** @type {string} */ text) => report.notes.includes(text) || report.notes.push(text),
		step: (/** @type {string} */ name) => {
			state.step = name;
			debug(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${name}`);
		},
	};
}

/** Console errors and page errors become problems, except the allowed ones and known schema 404s. @param {ReturnType<typeof makeDriver>} d */
function watchConsole(d) {
	const schemaPaths = new Set(d.ctx.operations.map(d.schemaPathOf));
	d.page.on('console', (/** @type {any} */ msg) => {
		if (msg.type() !== 'error') return;
		const m = { text: msg.text(), url: msg.location()?.url || '', step: d.state.step };
		const allowed = ALLOWED_CONSOLE.find((a) => a.test(m, d.origin));
		if (allowed) d.report.allowedConsole.push({ ...m, reason: allowed.reason });
		else if (/status of 404/.test(m.text) && schemaPaths.has(m.url.slice(d.origin.length))) {
			// The schema preview of an earlier node of this package: the output-schema check below reports the
			// missing file once per operation, so this is not listed a second time.
			d.report.schemaConsole404.push(m);
		} else d.problem(`console error: ${m.text}${m.url && !m.text.includes(m.url) ? ` (${m.url})` : ''}`, m.step);
	});
	d.page.on('pageerror', (/** @type {Error} */ error) => d.problem(`page error: ${error.stack || error.message}`));
}

/*
 * Sign in: POST /rest/login from the browser's own context, so the n8n-auth cookie lands in the browser,
 * then open the example workflow. Not through the sign-in form: on the form's in-app navigation n8n logs
 * errors of its own that have nothing to do with a node (checked with a workflow without this package's
 * nodes): 2.41.1 "injectNDVStore() was accessed without an active workflow document store" (with
 * ?redirect=/workflow/<id>), 1.123.81 "Cannot read properties of undefined (reading 'enabled')" in its
 * version check; and its first GET /rest/login answers 401.
 */
/** @param {ReturnType<typeof makeDriver>} d */
async function signIn(d) {
	d.step('sign-in');
	const loginAnswer = await d.page.context().request.post(`${d.url}/rest/login`, {
		data: { emailOrLdapLoginId: d.ctx.owner.email, password: d.ctx.owner.password },
		timeout: d.timeouts.long,
	});
	if (!loginAnswer.ok()) throw new Error(`POST /rest/login answered HTTP ${loginAnswer.status()}: ${(await loginAnswer.text()).slice(0, 500)}`);
	d.mark('signedIn');
}

/** The canvas of the example workflow: every node drawn, this package's icons. @param {ReturnType<typeof makeDriver>} d @param {any[]} ours */
async function checkCanvas(d, ours) {
	const { page, tid, timeouts, ctx } = d;
	d.step('example workflow canvas');
	await page.goto(`${d.url}/workflow/${ctx.workflow.id}`, { timeout: timeouts.long });
	await page.locator(tid('canvas-node')).first().waitFor({ timeout: timeouts.long });
	await page.locator(tid('node-creator-plus-button')).first().waitFor({ timeout: timeouts.long });
	const canvasNames = await page.locator(tid('canvas-node')).evaluateAll((/** @type {Element[]} */ els) => els.map((e) => e.getAttribute('data-node-name')));
	for (const n of ctx.workflow.nodes) {
		if (!canvasNames.includes(n.name)) d.problem(`node "${n.name}" is not drawn on the canvas (drawn: ${JSON.stringify(canvasNames)})`);
	}
	for (const type of new Set(ours.map((n) => n.type))) {
		for (const p of iconProblems(await iconImages(page, `${tid('canvas-node')}[data-node-type="${type}"]`, d.packageName), `the canvas (${type})`)) d.problem(p);
	}
	d.mark('canvas');
	if (ctx.screenshotsDir) {
		await sleep(1000); // the canvas fades in
		d.report.screenshots.push(await shoot(page, ctx.screenshotsDir, 'workflow.png'));
	}
}

/** @param {ReturnType<typeof makeDriver>} d */
async function closeNdv(d) {
	const { page, NDV, tid } = d;
	for (let i = 0; i < 3 && (await page.locator(NDV).first().isVisible()); i++) {
		const close = page.locator(`${tid('ndv-close-button')}, ${tid('back-to-canvas')}`).first();
		if (await close.isVisible()) await close.click();
		else await page.keyboard.press('Escape');
		await page.locator(NDV).first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
	}
}

/** Options of the Resource/Operation select of the open panel, in the order shown. @param {ReturnType<typeof makeDriver>} d @param {string} paramName @returns {Promise<string[]>} */
async function readSelectOptions(d, paramName) {
	const { page } = d;
	const input = page.locator(d.NDV).locator(d.tid(`parameter-input-${paramName}`)).first();
	await input.click();
	const items = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible');
	await items.first().waitFor({ timeout: 5000 });
	const names = await items.evaluateAll((/** @type {Element[]} */ els) =>
		els.map((e) => (e.querySelector('.option-headline') || e).textContent.replace(/\s+/g, ' ').trim()),
	);
	await page.keyboard.press('Escape');
	await items.first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
	return names;
}

/** The panel's labels and text, given slow machines a few seconds before a field counts as missing. @param {any} params @param {any[]} labelled @param {any[]} textual */
async function readPanelFields(params, labelled, textual) {
	/** @type {Array<{ text: string, depth: number }>} */
	let labels = [];
	let text = '';
	const deadline = Date.now() + 4000;
	for (;;) {
		labels = (await readLabels(params)).filter((/** @type {any} */ l) => l.depth <= 1);
		text = textual.length ? await readVisibleText(params) : '';
		const missing = labelled.filter((p) => !labels.some((l) => l.text === p.displayName)).concat(textual.filter((p) => !text.includes(p.displayName)));
		if (!missing.length || Date.now() > deadline) break;
		await sleep(250);
	}
	return { labels, text };
}

/** Checks the open panel against `expect` (panelExpectation + extra labels). @param {ReturnType<typeof makeDriver>} d @param {any} op @param {any} expect @param {string} where */
async function checkPanel(d, op, expect, where) {
	const { page, problem, report } = d;
	d.state.step = where;
	const params = page.locator(d.NDV).locator(d.tid('node-parameters')).first();
	await params.waitFor({ timeout: d.timeouts.short });
	const wanted = [...expect.shown, ...(d.ctx.extraExpectations?.[op.key] || []).map((/** @type {string} */ displayName) => ({ name: '(extra)', displayName, type: 'string' }))];
	const labelled = wanted.filter((p) => !LABEL_LESS_TYPES.has(p.type));
	const textual = wanted.filter((p) => LABEL_LESS_TYPES.has(p.type));
	const { labels, text } = await readPanelFields(params, labelled, textual);
	for (const p of labelled) {
		if (!labels.some((l) => l.text === p.displayName)) {
			problem(`field "${p.displayName}" (${p.name}) is not shown; the panel shows ${JSON.stringify(labels.map((l) => l.text))}`, where);
		}
	}
	for (const p of textual) if (!text.includes(p.displayName)) problem(`${p.type} "${p.displayName}" (${p.name}) is not shown`, where);
	for (const p of expect.absent) {
		const shownAnyway = LABEL_LESS_TYPES.has(p.type) ? text.includes(p.displayName) : labels.some((l) => l.text === p.displayName);
		if (shownAnyway) problem(`field "${p.displayName}" (${p.name}) of another resource/operation is shown`, where);
	}
	for (const p of iconProblems(await iconImages(page, d.NDV, d.packageName), 'the node panel')) problem(p, where);
	// Each list once, in the first panel that shows it: the Resource list per node type, the Operation list
	// per resource (every panel of a resource shows the same one; opening both in each of the ~30 panels
	// of a line took about a third of the browser's time).
	for (const [what, name, options, list] of [
		['Resource', 'resource', expect.resourceOptions, `${op.nodeType} resources`],
		['Operation', 'operation', expect.operationOptions, `${op.nodeType} ${op.resource} operations`],
	]) {
		if (!options.length || d.listsChecked.has(list)) continue;
		d.listsChecked.add(list);
		const r = listProblems(what, await readSelectOptions(d, name), options);
		r.problems.forEach((m) => problem(m, where));
		if (r.custom) report.customApiCall = true;
	}
	report.checked.push(where);
}

/** The example workflow's nodes of this package, as imported; the credential modal from the first one. @param {ReturnType<typeof makeDriver>} d @param {any[]} ours */
async function checkExampleNodes(d, ours) {
	const { page, ctx, report, tid } = d;
	let credentialChecked = false;
	for (const node of ours) {
		const op = ctx.operations.find((/** @type {any} */ o) => o.nodeType === node.type && o.resource === node.parameters.resource && o.operation === node.parameters.operation);
		const where = `"${node.name}" (${op ? op.title : 'unknown operation'}) in the example workflow`;
		d.step(where);
		if (!op) {
			d.problem(`its resource/operation ${node.parameters.resource}/${node.parameters.operation} is not in the node's description`);
			continue;
		}
		await page.locator(`${tid('canvas-node')}[data-node-name="${node.name}"]`).dblclick();
		await page.locator(d.NDV).locator(tid('node-parameters')).first().waitFor({ timeout: d.timeouts.short });
		const expect = panelExpectation(ctx.nw, op.description, node.parameters);
		if (ctx.screenshotsDir) {
			// Tall enough for every field of the panel, additional fields and options included.
			await page.setViewportSize(PANEL_SCREENSHOT_VIEWPORT);
			await sleep(700);
			const name = op.resource !== undefined ? [op.resource, op.operation] : [op.description.name];
			report.screenshots.push(await shoot(page, ctx.screenshotsDir, `node-${name.filter((v) => v !== undefined).map(kebab).join('-')}.png`));
			await page.setViewportSize(VIEWPORT);
		}
		await checkPanel(d, op, expect, where);
		if (!credentialChecked && ctx.credential) {
			credentialChecked = true;
			await checkCredentialModal(ctx, report, { page, problem: d.problem, step: d.step, tid, timeouts: d.timeouts });
			d.state.step = where;
		}
		await closeNdv(d);
	}
	d.mark('exampleNodes');
}

/**
 * What the editor asks when a node after this one is opened (schema preview: the output's fields, to map
 * them before the node has run), and what it accepts. Asked here directly, so every operation is covered.
 * @param {ReturnType<typeof makeDriver>} d @param {any} op
 */
async function checkOutputSchema(d, op) {
	const schemaPath = d.schemaPathOf(op);
	// Through the browser's context (its cookie), not the page: a failed fetch in the page would also log.
	const get = () => d.page.context().request.get(`${d.url}${schemaPath}`);
	// A reset connection is no answer (n8n's server closed the idle keep-alive socket this request reused; seen on a loaded machine): ask once more.
	const schemaAnswer = await get().catch((/** @type {any} */ error) => {
		if (/ECONNRESET/.test(String(error?.message))) return get();
		throw error;
	});
	let schemaOk = false;
	try {
		const json = JSON.parse(await schemaAnswer.text());
		schemaOk = !!json && typeof json === 'object' && 'type' in json && !!json.properties && Object.keys(json.properties).length > 0;
	} catch {
		/* not JSON */
	}
	if (schemaAnswer.status() !== 200 || !schemaOk) {
		const file = `__schema__/${['v' + padVersion(latestVersion(op.description)), op.resource, op.operation].filter(Boolean).join('/')}.json`;
		d.problem(
			`no output schema: n8n's editor asks GET ${schemaPath} (to preview this node's output fields in the next node's input panel ` +
				`before it has run) and gets HTTP ${schemaAnswer.status()}${schemaAnswer.status() === 200 ? ' without a JSON schema with properties' : ''}, ` +
				`logged as a console error; n8n serves it from ${file} beside the node's .node.js`,
		);
	}
}

/** Searches the node creator for op's node and picks it; resolves the creator's item names, or null (reported). @param {ReturnType<typeof makeDriver>} d @param {any} op */
async function findInCreator(d, op) {
	const { page, tid } = d;
	const { description } = op;
	await page.locator(tid('node-creator-plus-button')).first().click();
	const search = page.locator(`${tid('node-creator-search-bar')} input, input${tid('node-creator-search-bar')}`).first();
	await search.fill(description.displayName);
	const itemNames = page.locator(tid('node-creator')).locator(tid('node-creator-item-name'));
	// n8n lists a node and its trigger as one entry, named after the node without " Trigger".
	const names = [...new Set([description.displayName, description.displayName.replace(/ Trigger$/, '')])];
	const item = itemNames.filter({ hasText: new RegExp(`^\\s*(${names.map(escapeRegExp).join('|')})\\s*$`) }).first();
	await item.waitFor({ timeout: d.timeouts.short }).catch(() => {});
	if (!(await item.isVisible())) {
		d.problem(`searching "${description.displayName}" in the node creator does not list the node (listed: ${JSON.stringify(await texts(itemNames))})`);
		await page.keyboard.press('Escape');
		return null;
	}
	const shownDescription = (await item.locator('xpath=ancestor::*[@data-test-id="item-iterator-item"][1]').locator(tid('node-creator-item-description')).allInnerTexts().catch(() => []))[0]?.trim();
	if (shownDescription && shownDescription !== description.description) {
		d.note(`the node creator lists "${(await item.innerText()).trim()}" with the description "${shownDescription}", not ${description.displayName}'s own ("${description.description}")`);
	}
	for (const p of iconProblems(await iconImages(page, tid('node-creator'), d.packageName), 'the node creator')) d.problem(p);
	await item.click();
	return itemNames;
}

/** Picks `text` among the creator's entries after checking that `expected` are all listed, in order. @param {ReturnType<typeof makeDriver>} d @param {any} itemNames @param {any} panel @param {string[]} expected @param {string} text @param {string} what */
async function pickAction(d, itemNames, panel, expected, text, what) {
	const lower = (/** @type {string} */ t) => t.toLowerCase();
	const listed = (/** @type {string[]} */ shown) => shown.filter((a) => expected.map(lower).includes(lower(a)));
	// The creator renders its list in steps: wait until every expected entry is there (or the time is up), not just the one to pick.
	const giveUpAt = Date.now() + d.timeouts.short;
	let shown = await texts(itemNames);
	while (listed(shown).length < expected.length && Date.now() < giveUpAt) {
		await sleep(200);
		shown = await texts(itemNames);
	}
	const order = listed(shown);
	if (JSON.stringify(order.map(lower)) !== JSON.stringify(expected.map(lower))) {
		d.problem(`the node creator lists the ${what} ${JSON.stringify(order)}; the description gives ${JSON.stringify(expected)} (all shown: ${JSON.stringify(shown)})`);
	}
	const action = itemNames.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`, 'i') }).first();
	if (!(await action.isVisible())) {
		d.problem(`the node creator has no entry "${text}" (shown: ${JSON.stringify(shown)})`);
		await d.page.keyboard.press('Escape');
		return false;
	}
	await action.click();
	await panel.waitFor({ timeout: d.timeouts.short });
	return true;
}

/** After the node was picked: its trigger event, nothing (no operations), or its action; false when no panel opened. @param {ReturnType<typeof makeDriver>} d @param {any} op @param {any} itemNames */
async function openOperationPanel(d, op, itemNames) {
	const { page, tid, timeouts } = d;
	const panel = page.locator(d.NDV).locator(tid('node-parameters')).first();
	if (op.triggerActions) {
		// The node's entry shows its actions and, under "Triggers", its events: expand that if collapsed.
		const first = itemNames.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(op.triggerActions[0].text)}\\s*$`, 'i') }).first();
		const category = page.locator(tid('node-creator')).locator(tid('node-creator-category-item')).filter({ hasText: /^\s*Triggers\b/ }).first();
		await Promise.race([first.waitFor({ timeout: timeouts.short }), category.waitFor({ timeout: timeouts.short }), panel.waitFor({ timeout: timeouts.short })]).catch(() => {});
		if (!(await first.isVisible()) && (await category.isVisible())) await category.click();
		return (await panel.isVisible()) || pickAction(d, itemNames, panel, op.triggerActions.map((/** @type {any} */ a) => a.text), op.action, 'trigger events');
	}
	if (op.operation === undefined) {
		// A node without operations is added as soon as it is picked.
		if (await panel.waitFor({ timeout: timeouts.short }).then(() => true, () => false)) return true;
		d.problem(`picking the node in the node creator opens no panel (the creator shows ${JSON.stringify(await texts(itemNames))})`);
		await page.keyboard.press('Escape');
		return false;
	}
	const sameResource = d.ctx.operations.filter((/** @type {any} */ o) => o.nodeType === op.nodeType && o.resource === op.resource).map((/** @type {any} */ o) => o.action);
	return pickAction(d, itemNames, panel, sameResource, op.action, `${op.resourceName || ''} actions`);
}

/**
 * Drives the editor. `ctx`: { page, url, owner, workflow, packageName, operations (describeOperations of
 * every node type of the package, each entry with its nodeType and description), credentialTypes,
 * credential, nw, extraExpectations, screenshotsDir, probe }.
 * Records into `report` (problems, notes, checked, screenshots, timings).
 * @param {any} ctx @param {any} report
 */
async function driveEditor(ctx, report) {
	const d = makeDriver(ctx, report);
	const nodeTypes = [...new Map(ctx.operations.map((/** @type {any} */ o) => [o.nodeType, o.description])).keys()];
	const ours = ctx.workflow.nodes.filter((/** @type {any} */ n) => nodeTypes.includes(n.type));
	watchConsole(d);
	await signIn(d);
	await checkCanvas(d, ours);
	await checkExampleNodes(d, ours);
	/* Every resource/operation of every node type, added from the node creator. */
	for (const op of ctx.operations) {
		const where = `${op.title} (added from the node creator)`;
		d.step(where);
		await checkOutputSchema(d, op);
		const itemNames = await findInCreator(d, op);
		if (!itemNames || !(await openOperationPanel(d, op, itemNames))) continue;
		await checkPanel(d, op, op, where);
		if (op.key === LOCATOR_LIST.key) await checkLocatorList(d, `list of ${LOCATOR_LIST.label} (${op.title})`);
		await closeNdv(d);
	}
	d.mark('operations');
	if (ctx.probe) {
		d.step('probe');
		await ctx.probe({ page: d.page, report });
		await sleep(200);
	}
	d.step('done');
}

/**
 * Opens LOCATOR_LIST's field (From List, its default mode) in the open panel: the list must show every
 * seeded task; an empty list or an error is a problem that quotes what the list shows.
 * @param {ReturnType<typeof makeDriver>} d @param {string} where
 */
async function checkLocatorList(d, where) {
	const { page, tid, problem, report } = d;
	d.step(where);
	const field = page.locator(d.NDV).locator(tid(`parameter-input-${LOCATOR_LIST.param}`)).first();
	// The locator's own input (its mode selector is an input too): clicking it opens the list in a popover outside the panel.
	await field.locator(tid('rlc-input')).first().click();
	const entries = page.locator(`${tid('rlc-item')}, ${tid('rlc-error-message')}`).filter({ visible: true });
	const deadline = Date.now() + d.timeouts.short;
	let shown = '';
	for (;;) {
		shown = (await entries.allInnerTexts().catch(() => [])).join(' | ').replace(/\s+/g, ' ').trim();
		if (LOCATOR_LIST.tasks.every((name) => shown.includes(name)) || Date.now() > deadline) break;
		await sleep(250);
	}
	const missing = LOCATOR_LIST.tasks.filter((name) => !shown.includes(name));
	if (missing.length) problem(`the list does not show the mock's tasks ${JSON.stringify(missing)}; it shows ${JSON.stringify(shown.slice(0, 300) || '(nothing)')}`, where);
	else report.checked.push(where);
	await page.keyboard.press('Escape');
}

async function checkCredentialModal(ctx, report, { page, problem, step, tid, timeouts }) {
	const type = ctx.credentialTypes.find((c) => c.name === ctx.credential.type);
	const where = `credential modal "${ctx.credential.name}" (${type ? type.displayName : ctx.credential.type})`;
	step(where);
	if (!type) {
		problem(`credential type ${ctx.credential.type} is not in the package`);
		return;
	}
	await page.locator(tid('credential-edit-button')).first().click();
	const modal = page.locator(tid('editCredential-modal')).first();
	await modal.waitFor({ timeout: timeouts.short });
	const expected = credentialExpectation(ctx.nw, type, ctx.credential.data);
	const extra = (ctx.extraExpectations?.[`credential:${type.name}`] || []).map((displayName) => ({ name: '(extra)', displayName, type: 'string' }));
	let labels = [];
	const deadline = Date.now() + 4000;
	for (;;) {
		labels = await readLabels(modal);
		if ([...expected, ...extra].every((p) => labels.some((l) => l.text === p.displayName)) || Date.now() > deadline) break;
		await sleep(250);
	}
	for (const p of [...expected, ...extra]) {
		if (!labels.some((l) => l.text === p.displayName)) problem(`credential field "${p.displayName}" (${p.name}) is not shown; the modal shows ${JSON.stringify(labels.map((l) => l.text))}`, where);
	}
	for (const p of iconProblems(await iconImages(page, tid('editCredential-modal'), ctx.packageName), 'the credential modal')) problem(p, where);
	report.checked.push(where);
	await page.keyboard.press('Escape');
	await modal.waitFor({ state: 'hidden', timeout: 5000 }).catch(async () => {
		await page.locator(`${tid('editCredential-modal')} .el-dialog__headerbtn, ${tid('editCredential-modal')} [aria-label="Close"]`).first().click().catch(() => {});
		await modal.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => problem('the credential modal does not close', where));
	});
}

/** The trimmed inner texts of a locator's elements. */
const texts = async (locator) => (await locator.allInnerTexts()).map((t) => t.trim());
/** n8n's path segment for a node version: 1 → 1.0.0, 1.1 → 1.1.0. */
const padVersion = (version) => String(version).split('.').concat(['0', '0']).slice(0, 3).join('.');
const kebab = (s) => String(s).replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
const escapeRegExp = (s) => String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function shoot(page, dir, name) {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, name);
	await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
	return file;
}

/* ------------------------------------------------------------------ the whole run */

/**
 * Starts mock + n8n editor as `npm run dev` does (in a temporary user folder), runs the checks in headless
 * Chromium, stops everything (also on failure) and resolves the report:
 *   { major, version, chromium, problems: [{ where, message }], checked: [where], allowedConsole, notes,
 *     screenshots: [file], timings: { startMs, browserMs, totalMs, ... } }
 * Options: { major (2|1), root, tgz (default: npm pack of root, which must be built), screenshots (bool) or
 * screenshotsDir, extraExpectations ({ 'resource/operation': ['Label', ...], 'credential:<type>': [...] }:
 * labels that must ALSO be shown — a way to prove that a missing field is reported), probe (async
 * ({ page, report }) run at the end in the same page), log }.
 * @param {{ major?: number, root?: string, tgz?: string, screenshots?: boolean, screenshotsDir?: string,
 *   extraExpectations?: Record<string, string[]>, probe?: (arg: { page: any, report: any }) => Promise<void>, log?: (message: string) => void }} [options]
 */
async function runEditorCheck({ major = 2, root = realN8n.REPO_ROOT, tgz, screenshots = false, screenshotsDir, extraExpectations = {}, probe, log = () => {} } = {}) {
	const started = Date.now();
	/** @type {any} */
	const report = { major, version: realN8n.VERSIONS[major], problems: [], checked: [], allowedConsole: [], schemaConsole404: [], notes: [], screenshots: [], timings: {} };
	const { chromium: browserPath, version: browserVersion } = ensureChromium({ log });
	report.chromium = browserVersion;
	const { chromium, selectors } = require(require.resolve('playwright-core', { paths: [root] }));
	selectors.setTestIdAttribute('data-test-id');

	const nw = loadWorkflowLib(root);
	const types = loadPackageTypes(root);
	const { operations, problems: staticProblems } = packageOperations(root, { nw, types });
	report.problems.push(...staticProblems);
	report.operations = operations.map((o) => o.title);

	let stack;
	let browser;
	try {
		const [s, b] = await Promise.all([
			realN8n.startDemoEditor({ major, tgz: tgz || realN8n.packPackage(root), logLevel: 'warn', editorEnv: { N8N_LOG_LEVEL: 'warn' }, log }),
			chromium.launch({ executablePath: browserPath, headless: !process.env.CEC_EDITOR_HEADED, args: CHROMIUM_ARGS }),
		]);
		stack = s;
		browser = b;
		await seedLocatorTasks(stack.mock, stack.credential);
		report.version = stack.n8n.version;
		report.timings.startMs = Date.now() - started;
		log(`n8n ${stack.n8n.version} editor at ${stack.url}, ${browserVersion}`);
		const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
		context.setDefaultTimeout(15000);
		const page = await context.newPage();
		const browserStarted = Date.now();
		try {
			await driveEditor(
				{
					page,
					url: stack.url,
					owner: stack.owner,
					workflow: stack.workflow,
					packageName: types.packageName,
					operations,
					credentialTypes: types.credentials,
					credential: stack.credential,
					nw,
					extraExpectations,
					screenshotsDir: screenshotsDir || (screenshots ? SCREENSHOTS_DIR : null),
					probe,
				},
				report,
			);
		} catch (error) {
			const file = path.join(stack.n8n.folder, 'failure.png');
			await page.screenshot({ path: file }).catch(() => {});
			report.problems.push({ where: 'editor check', message: `stopped: ${error.stack || error.message}${process.env.CEC_E2E_KEEP ? ` (screenshot: ${file})` : ''}` });
		}
		report.timings.browserMs = Date.now() - browserStarted;
		if (report.customApiCall) report.notes.push(`n8n appends "${N8N_CUSTOM_API_CALL}" to Resource and Operation (the credential can drive an HTTP Request node); not counted as a difference`);
	} finally {
		await browser?.close().catch(() => {});
		if (stack) {
			await stack.stop();
			await stack.n8n.cleanup();
		}
	}
	report.timings.totalMs = Date.now() - started;
	return report;
}

/** The report as text: one line per problem, naming where (operation, panel) and what. */
function formatReport(report) {
	const lines = [
		`n8n ${report.version} editor check in ${report.chromium || 'Chromium'}: ${report.problems.length ? `${report.problems.length} problem(s)` : 'no problem'} ` +
			`(${(report.timings.totalMs / 1000).toFixed(1)} s; n8n start ${(report.timings.startMs / 1000).toFixed(1)} s, browser ${((report.timings.browserMs || 0) / 1000).toFixed(1)} s)`,
	];
	// One line per distinct message (a broken icon shows in every panel), naming every place it was seen.
	const byMessage = new Map();
	for (const p of report.problems) byMessage.set(p.message, [...(byMessage.get(p.message) || []), p.where]);
	for (const [message, wheres] of byMessage) {
		if (wheres.length === 1) lines.push(`  ✗ ${wheres[0]}: ${message}`);
		else lines.push(`  ✗ ${message}\n      seen in: ${wheres.join('; ')}`);
	}
	lines.push(`  checked: ${report.checked.join('; ')}`);
	for (const n of report.notes) lines.push(`  note: ${n}`);
	const allowed = new Map();
	for (const a of report.allowedConsole) allowed.set(a.reason, (allowed.get(a.reason) || 0) + 1);
	for (const [reason, count] of allowed) lines.push(`  allowed console error ×${count}: ${reason}`);
	if (report.schemaConsole404.length) {
		lines.push(`  console error ×${report.schemaConsole404.length}: 404 of an output schema of this package (n8n's schema preview of an earlier node), each listed above as "no output schema"`);
	}
	for (const f of report.screenshots) lines.push(`  screenshot: ${path.relative(process.cwd(), f)}`);
	return lines.join('\n');
}

module.exports = {
	LOCATOR_LIST,
	CHROMIUM_ARGS,
	ALLOWED_CONSOLE,
	SCREENSHOTS_DIR,
	findChromium,
	ensureChromium,
	loadPackageTypes,
	describeOperations,
	packageOperations,
	optionListProblems: listProblems,
	panelExpectation,
	credentialExpectation,
	runEditorCheck,
	formatReport,
};

if (require.main === module) {
	const args = process.argv.slice(2);
	const usage = 'usage: node scripts/lib/editor.js [--major 2|1|2,1] [--screenshots] | --install-deps';
	if (args[0] === '--install-deps') {
		const r = ensureChromium();
		console.log(`chromium: ${r.chromium} (${r.version})\n${r.installed.length ? `installed: ${r.installed.join(', ')} in ${(r.durationMs / 1000).toFixed(1)} s` : 'nothing to install'}`);
	} else {
		let majors = [2];
		let screenshots = false;
		for (let i = 0; i < args.length; i++) {
			if (args[i] === '--screenshots') screenshots = true;
			else if (args[i] === '--major' && args[i + 1]) majors = args[++i].split(',').map(Number);
			else {
				console.error(usage);
				process.exit(2);
			}
		}
		(async () => {
			let failed = false;
			for (const major of majors) {
				const report = await runEditorCheck({ major, screenshots: screenshots && major === majors[0], log: (m) => console.error(`[editor] ${m}`) });
				console.log(formatReport(report));
				failed ||= report.problems.length > 0;
			}
			process.exit(failed ? 1 : 0);
		})().catch((error) => {
			console.error(error && error.stack ? error.stack : error);
			process.exit(1);
		});
	}
}
