/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and says where the CPU time of one window went:
 *  - self time by code owner (our node = nodes/ + credentials/, n8n-core, n8n-workflow, other packages,
 *    Node's own JS, GC, native/VM);
 *  - "caused by": each sample charged to the innermost frame that belongs to our node, n8n-core,
 *    n8n-core's HTTP stack (axios & co.), n8n-workflow, undici or the bench/harness (so luxon called
 *    by n8n-workflow's expressions counts as n8n-workflow's, a JSON.stringify called by our node as
 *    ours); samples with none of them on the stack (socket callbacks, timers) are "runtime/event loop";
 *  - the functions with the most self time.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface ProfileBreakdown {
	file: string;
	/** Which workload, and which part of its measured run */
	phase: string;
	windowMs: number;
	/** Non-idle CPU time in the window, ms */
	busyMs: number;
	idleMs: number;
	selfByOwner: Array<{ owner: string; ms: number; share: number }>;
	causedBy: Array<{ owner: string; ms: number; share: number }>;
	topSelf: Array<{ fn: string; where: string; owner: string; ms: number }>;
	/** CPU per processed item, µs (busy / items) */
	busyPerItemUs: number;
}

const HTTP_STACK = new Set(['axios', 'follow-redirects', '@n8n/backend-network', 'proxy-from-env', 'form-data', 'agent-base', 'http-proxy-agent', 'https-proxy-agent']);
const HTTP_STACK_OWNER = "n8n-core's HTTP stack (axios, follow-redirects, @n8n/backend-network)";
const OWNED = ['our node', 'n8n-core', 'n8n-workflow', 'bench + harness', 'undici', HTTP_STACK_OWNER];

function causeOf(owner: string): string {
	return HTTP_STACK.has(owner) ? HTTP_STACK_OWNER : owner;
}

function ownerOf(frame: CallFrame): string {
	const { url, functionName } = frame;
	if (functionName === '(idle)') return '(idle)';
	if (functionName === '(garbage collector)') return 'GC';
	if (functionName === '(program)' || functionName === '(root)') return 'V8/native (program)';
	if (!url) return 'V8/native builtins';
	if (url.startsWith('node:')) return 'Node.js internals';
	const path = url.replace(/^file:\/\//, '');
	if (/\/bench-build\/(nodes|credentials)\//.test(path) || /\/dist\/(nodes|credentials)\//.test(path)) return 'our node';
	if (/\/bench-build\/(bench|test)\//.test(path)) return 'bench + harness';
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path.split('node_modules/').length > 2 ? path.slice(path.lastIndexOf('node_modules/')) : path);
	if (m) return m[1];
	return 'other JS';
}

function shortUrl(url: string): string {
	const path = url.replace(/^file:\/\//, '');
	const i = path.lastIndexOf('node_modules/');
	if (i >= 0) return path.slice(i + 'node_modules/'.length);
	const j = path.indexOf('/bench-build/');
	if (j >= 0) return path.slice(j + '/bench-build/'.length);
	return path;
}

/** `windowUs`: [start, end] in the profile's clock (process.hrtime in µs). */
export function analyseProfile(file: string, phase: string, items: number, windowUs: [number, number]): ProfileBreakdown {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map<number, ProfileNode>();
	const parent = new Map<number, number>();
	for (const node of profile.nodes) {
		byId.set(node.id, node);
		for (const child of node.children ?? []) parent.set(child, node.id);
	}
	const selfUs = new Map<number, number>();
	let t = profile.startTime;
	const [from, to] = windowUs;
	for (let i = 0; i < profile.samples.length; i++) {
		t += profile.timeDeltas[i];
		if (t < from || t > to) continue;
		// A sample's duration is the gap to the next one.
		const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
		const id = profile.samples[i];
		selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, next));
	}

	const selfByOwner = new Map<string, number>();
	const causedBy = new Map<string, number>();
	const byFunction = new Map<string, { fn: string; where: string; owner: string; us: number }>();
	let idleUs = 0;
	let busyUs = 0;
	for (const [id, us] of selfUs) {
		const node = byId.get(id) as ProfileNode;
		const owner = ownerOf(node.callFrame);
		if (owner === '(idle)') {
			idleUs += us;
			continue;
		}
		busyUs += us;
		selfByOwner.set(owner, (selfByOwner.get(owner) ?? 0) + us);
		let cause = 'runtime / event loop (no owner frame on the stack)';
		for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
			const o = causeOf(ownerOf((byId.get(cur) as ProfileNode).callFrame));
			if (OWNED.includes(o)) {
				cause = o;
				break;
			}
		}
		causedBy.set(cause, (causedBy.get(cause) ?? 0) + us);
		const { functionName, url, lineNumber } = node.callFrame;
		const key = `${functionName}|${url}|${lineNumber}`;
		const entry = byFunction.get(key) ?? {
			fn: functionName || '(anonymous)',
			where: url ? `${shortUrl(url)}:${lineNumber + 1}` : '',
			owner,
			us: 0,
		};
		entry.us += us;
		byFunction.set(key, entry);
	}
	const list = (m: Map<string, number>) =>
		[...m.entries()]
			.sort((a, b) => b[1] - a[1])
			.map(([owner, us]) => ({ owner, ms: us / 1000, share: busyUs ? us / busyUs : 0 }));
	return {
		file,
		phase,
		windowMs: (to - from) / 1000,
		busyMs: busyUs / 1000,
		idleMs: idleUs / 1000,
		selfByOwner: list(selfByOwner),
		causedBy: list(causedBy),
		topSelf: [...byFunction.values()]
			.sort((a, b) => b.us - a.us)
			.slice(0, 20)
			.map(({ us, ...rest }) => ({ ...rest, ms: us / 1000 })),
		busyPerItemUs: items ? busyUs / items : 0,
	};
}

export function formatBreakdown(b: ProfileBreakdown): string {
	const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
	const ms = (x: number) => `${x.toFixed(1).padStart(8)} ms`;
	const lines = [
		`CPU profile ${b.file} — ${b.phase}`,
		`  window ${b.windowMs.toFixed(0)} ms: busy ${b.busyMs.toFixed(0)} ms, idle ${b.idleMs.toFixed(0)} ms; ${b.busyPerItemUs.toFixed(0)} µs CPU per item`,
		'  self time by owner:',
		...b.selfByOwner.slice(0, 12).map((r) => `    ${r.owner.padEnd(66)}${ms(r.ms)} ${pct(r.share)}`),
		'  caused by (innermost owned frame on the stack):',
		...b.causedBy.map((r) => `    ${r.owner.padEnd(66)}${ms(r.ms)} ${pct(r.share)}`),
		'  top self-time functions:',
		...b.topSelf.slice(0, 15).map((r) => `    ${ms(r.ms)}  ${r.fn} (${r.owner}) ${r.where}`),
	];
	return lines.join('\n');
}
