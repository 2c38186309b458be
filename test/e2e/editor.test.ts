/**
 * End-to-end: what users see first, n8n's editor, in a real browser (Debian's Chromium, headless, driven by
 * playwright-core). scripts/lib/editor.js starts the CEC mock and a real n8n editor exactly as `npm run dev`
 * does, then checks the example workflow's canvas, the panel of every resource/operation the BUILT node
 * describes (its fields by label, no field of another operation, the Resource/Operation lists in the
 * description's order, the icon), the node creator's actions, the credential modal, each operation's
 * output schema, and that no console or page error occurs. Runs in n8n 2.x and 1.x.
 *
 * The same browser session also proves that the check can fail: one deliberately wrong expectation (a
 * field label that no operation has) and one deliberate console error must both be reported, naming where.
 *
 * Chromium: `node scripts/lib/editor.js --install-deps` (apt, when /usr/bin/chromium is missing); the
 * check installs it itself too. Env: CEC_E2E_N8N_MAJORS=2 (or 1), CEC_E2E_SKIP_BUILD=1, CEC_E2E_KEEP=1,
 * CEC_E2E_DEBUG=1 (prints every step with its time).
 */
import { LONG, MAJORS, REPO_ROOT, usePackedPackage } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const editor = require('../../scripts/lib/editor');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
interface Problem {
	where: string;
	message: string;
}

jest.setTimeout(LONG);

/** A label no parameter has: expected (on purpose) in the first operation's panels, so it must be reported. */
const BROKEN_FIELD = 'No Such Field (deliberately expected)';
/** Logged in the page at the end of the run (on purpose), so it must be reported. */
const PROBE_ERROR = 'cec-editor-check: deliberate console error';
const isInjected = (p: Problem) => p.message.includes(BROKEN_FIELD) || p.message.includes(PROBE_ERROR);

const packedPackage = usePackedPackage();

describe('the description checks that need no browser', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const nw = require(require.resolve('n8n-workflow', { paths: [REPO_ROOT] }));
	const base = {
		displayName: 'Probe',
		name: 'probe',
		version: 1,
		properties: [
			{ displayName: 'Resource', name: 'resource', type: 'options', options: [{ name: 'Thing', value: 'thing' }], default: 'thing' },
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				displayOptions: { show: { resource: ['thing'] } },
				options: [
					{ name: 'Create', value: 'create', action: 'Create a thing' },
					{ name: 'Delete', value: 'delete', action: 'Delete a thing' },
				],
				default: 'create',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '', displayOptions: { show: { resource: ['thing'], operation: ['create'] } } },
		],
	};

	test('a correct description: one panel per operation, each with its own fields and not the others\'', () => {
		const { operations, problems } = editor.describeOperations(nw, base);
		expect(problems).toEqual([]);
		expect(operations.map((o: Any) => [o.title, o.action, o.shown.map((p: Any) => p.displayName), o.absent.map((p: Any) => p.displayName)])).toEqual([
			['Probe › Thing → Create', 'Create a thing', ['Resource', 'Operation', 'Name'], []],
			['Probe › Thing → Delete', 'Delete a thing', ['Resource', 'Operation'], ['Name']],
		]);
	});

	test('a display rule that never matches (a misspelt operation) is reported, naming the field and the value', () => {
		const broken = structuredClone(base);
		broken.properties[2].displayOptions = { show: { resource: ['thing'], operation: ['crete'] } };
		const { problems } = editor.describeOperations(nw, broken);
		expect(problems.map((p: Problem) => p.message)).toEqual([
			expect.stringMatching(/^parameter "Name" \(name\) is shown for no resource\/operation/),
			'parameter "Name" (name): displayOptions.show.operation names "crete", which is no operation of the node',
		]);
	});

	test('a field behind a sibling\'s value is reachable; behind a value the sibling does not offer, it is reported', () => {
		const withWhen = structuredClone(base) as Any;
		withWhen.properties.push(
			{ displayName: 'When', name: 'when', type: 'options', options: [{ name: 'Now', value: 'now' }, { name: 'At a Time', value: 'atTime' }], default: 'now', displayOptions: { show: { resource: ['thing'], operation: ['create'] } } },
			{ displayName: 'At', name: 'at', type: 'dateTime', default: '', displayOptions: { show: { resource: ['thing'], operation: ['create'], when: ['atTime'] } } },
		);
		expect(editor.describeOperations(nw, withWhen).problems).toEqual([]);
		withWhen.properties[4].displayOptions.show.when = ['later'];
		expect(editor.describeOperations(nw, withWhen).problems.map((p: Problem) => p.message)).toEqual([
			expect.stringMatching(/^parameter "At" \(at\) is shown for no resource\/operation/),
		]);
	});

	test('an option list in another order than the description\'s is reported; n8n\'s own trailing "Custom API Call" is not', () => {
		expect(editor.optionListProblems('Operation', ['Delete', 'Create'], ['Create', 'Delete']).problems).toEqual([
			'the Operation list shows ["Delete","Create"]; the description gives ["Create","Delete"]',
		]);
		expect(editor.optionListProblems('Operation', ['Create', 'Delete', 'Custom API Call'], ['Create', 'Delete'])).toEqual({ custom: true, problems: [] });
	});

	test('the built package (npm run build) has no parameter that no operation shows, nor a display rule naming nothing', () => {
		const { operations, problems } = editor.packageOperations(REPO_ROOT);
		expect(problems).toEqual([]);
		expect(operations.length).toBeGreaterThanOrEqual(2);
	});
});

describe.each(MAJORS)('real n8n %i.x editor in headless Chromium', (major) => {
	let report: Any;
	let operations: Any[];

	beforeAll(async () => {
		// Every node type and operation of the built package, as the check itself reads them.
		operations = editor.packageOperations(REPO_ROOT).operations;
		report = await editor.runEditorCheck({
			major,
			tgz: packedPackage(),
			extraExpectations: { [operations[0].key]: [BROKEN_FIELD] },
			probe: async ({ page }: Any) => {
				await page.evaluate((message: string) => console.error(message), PROBE_ERROR);
			},
		});
		if (process.env.CEC_E2E_DEBUG) console.log(editor.formatReport(report));
	});

	test('it is the right n8n, and every operation of every node of the package was opened, plus the credential modal', () => {
		expect(report.version).toBe(require('../../scripts/lib/realN8n').VERSIONS[major]);
		expect(operations.length).toBeGreaterThanOrEqual(2);
		const checked: string[] = report.checked;
		for (const op of operations) expect(checked).toContain(`${op.title} (added from the node creator)`);
		expect(checked.some((c) => c.startsWith('credential modal'))).toBe(true);
		// The resource locator's list was opened and showed the tasks seeded into the mock (else a problem).
		const locatorOp = operations.find((op: Any) => op.key === editor.LOCATOR_LIST.key);
		expect(checked).toContain(`list of ${editor.LOCATOR_LIST.label} (${locatorOp.title})`);
	});

	test('no problem: fields, option order, icons, output schemas, and not one console or page error', () => {
		const problems = (report.problems as Problem[]).filter((p) => !isInjected(p));
		// The whole report, so that the failure names each operation and each missing field or console message.
		if (problems.length) throw new Error(editor.formatReport({ ...report, problems }));
		expect(problems).toEqual([]);
	});

	test('the check can fail: a field that does not render is reported, naming the operation and the field', () => {
		const hits = (report.problems as Problem[]).filter((p) => p.message.includes(BROKEN_FIELD));
		expect(hits.map((p) => p.where)).toContain(`${operations[0].title} (added from the node creator)`);
		for (const hit of hits) expect(hit.message).toMatch(new RegExp(`^field "${BROKEN_FIELD.replace(/[()]/g, '\\$&')}" \\(\\(extra\\)\\) is not shown; the panel shows \\[`));
		// ... and only in that operation's panels.
		for (const hit of hits) expect(hit.where).toContain(operations[0].title);
	});

	test('the check can fail: a console error in the page is reported with its text', () => {
		expect((report.problems as Problem[]).filter((p) => p.message.includes(PROBE_ERROR))).toEqual([
			{ where: 'probe', message: `console error: ${PROBE_ERROR}` },
		]);
	});
});
