/**
 * The shapes a workflow can branch on without code, from the inspection APIs' answers
 * (appraisecall/credit and appraisecall/detail, API notes §5.1). Ids stay strings.
 */
import type { IDataObject } from 'n8n-workflow';

export interface SimplifiedRule {
	name: string;
	id: string;
	/** `dialogue` for `rules`, else the list's name without `_rule`: `silence`, `speed`, … */
	kind: string;
	result: 'compliant' | 'violation';
	compliant: boolean;
	/** An inspector corrected the machine's verdict (revise 0 or 1) */
	corrected: boolean;
	/** The rule's points, negative for a deduction */
	points: number | null;
	violatingSegments: IDataObject[];
}

export interface SimplifiedGroup extends IDataObject {
	name: string;
	id: string;
	score: number | null;
	rules: SimplifiedRule[];
}

export interface SimplifiedResult extends IDataObject {
	call_uuid: string;
	/** When the result was made, ISO 8601 */
	resultTime: string | null;
	/** No rule violated */
	passed: boolean;
	violatedRules: string[];
	/** Sum of the rule groups' scores */
	totalScore: number | null;
	groups: SimplifiedGroup[];
}

const asObject = (value: unknown): IDataObject =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
function numberOrNull(value: unknown): number | null {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(n) ? n : null;
}

/** epoch seconds (or milliseconds) → ISO 8601, or null */
export function isoFromEpoch(value: unknown): string | null {
	const n = numberOrNull(value);
	if (n === null) return null;
	const date = new Date(Math.abs(n) < 1e11 ? n * 1000 : n);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Rule lists of a group: `rules` and every `…_rule` list. */
function ruleLists(group: IDataObject): Array<[string, unknown[]]> {
	return Object.entries(group)
		.filter(([key, value]) => Array.isArray(value) && (key === 'rules' || key.endsWith('_rule')))
		.map(([key, value]) => [key === 'rules' ? 'dialogue' : key.replace(/_rule$/, ''), value as unknown[]]);
}

function simplifyRule(raw: unknown, kind: string): SimplifiedRule {
	const rule = asObject(raw);
	const setting = asObject(rule.setting);
	const idKey = Object.keys(setting).find((key) => key.endsWith('_id'));
	// revise: -1 not corrected, 0 corrected to a violation, 1 corrected to compliant.
	const revise = numberOrNull(rule.revise);
	const compliant = revise === 1 ? true : revise === 0 ? false : rule.valid !== false;
	return {
		name: text(setting.rule_name ?? setting.name ?? rule.name),
		id: text(setting.rule_id ?? (idKey ? setting[idKey] : undefined)),
		kind,
		result: compliant ? 'compliant' : 'violation',
		compliant,
		corrected: revise === 0 || revise === 1,
		points: numberOrNull(rule.score),
		violatingSegments: asList(rule.invalid_segment).map(asObject),
	};
}

/** One call's result: the newest element of the credit answer, simplified. */
export function simplifyResult(callUuid: string, answer: unknown[]): SimplifiedResult {
	const newest = answer
		.map(asObject)
		.reduce<IDataObject | undefined>(
			(best, entry) => (best === undefined || (numberOrNull(entry.create_time) ?? 0) >= (numberOrNull(best.create_time) ?? 0) ? entry : best),
			undefined,
		);
	const groups = asList(newest?.credit).map((raw): SimplifiedGroup => {
		const group = asObject(raw);
		const setting = asObject(group.setting);
		return {
			name: text(setting.group_name),
			id: text(setting.group_id),
			score: numberOrNull(group.score),
			rules: ruleLists(group).flatMap(([kind, rules]) => rules.map((rule) => simplifyRule(rule, kind))),
		};
	});
	const violatedRules = groups.flatMap((group) => group.rules.filter((rule) => !rule.compliant).map((rule) => rule.name));
	const scores = groups.map((group) => group.score).filter((score): score is number => score !== null);
	return {
		call_uuid: callUuid,
		resultTime: isoFromEpoch(newest?.create_time),
		passed: violatedRules.length === 0,
		violatedRules,
		totalScore: scores.length > 0 ? scores.reduce((a, b) => a + b, 0) : null,
		groups,
	};
}

export type Speaker = 'Agent' | 'Customer' | 'Unknown';

/** Agent or Customer for a segment's speaker, from the call's channel fields. */
export function speakerOf(speaker: unknown, detail: IDataObject): Speaker {
	const label = (value: unknown): Speaker | undefined => {
		const t = text(value).toLowerCase();
		if (t === 'agent' || t === 'staff' || t === 'seat') return 'Agent';
		if (t === 'customer' || t === 'user' || t === 'client') return 'Customer';
		return undefined;
	};
	const own = label(speaker);
	if (own) return own;
	const side = text(speaker).toLowerCase();
	if (['left', 'l', '0', 'left_channel'].includes(side)) return label(detail.left_channel) ?? 'Unknown';
	if (['right', 'r', '1', 'right_channel'].includes(side)) return label(detail.right_channel) ?? 'Unknown';
	return 'Unknown';
}

export interface TranscriptSegment extends IDataObject {
	speakerRole: Speaker;
}

/** The transcript answer with each segment labelled Agent or Customer, in call order, and the text as a whole. */
export function shapeTranscript(callUuid: string, detail: IDataObject): IDataObject & { segments: TranscriptSegment[] } {
	const segments: TranscriptSegment[] = asList(detail.segments)
		.map(asObject)
		.map((segment): TranscriptSegment => ({ ...segment, speakerRole: speakerOf(segment.speaker, detail) }))
		.sort((a, b) => (numberOrNull(a.start_time) ?? 0) - (numberOrNull(b.start_time) ?? 0));
	return {
		call_uuid: callUuid,
		...detail,
		segments,
		transcript: segments.map((segment) => `${segment.speakerRole}: ${text(segment.asr_text)}`).join('\n'),
	};
}
