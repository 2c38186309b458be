/**
 * Every CEC API the package calls, with its success convention and whether it may be resent, from
 * endpoints.json: the one table that the node, the mock (test/mock/cecMock.js) and the tests read.
 */
import table from './endpoints.json';

export interface CecEndpoint {
	/** The API's own name, used in messages */
	name: string;
	path: string;
	/** The manual-review family needs the operator's user id in the x-UserId header. */
	operatorHeader: boolean;
	/** JSON shape of a successful answer */
	answer: 'object' | 'array';
	/** Field holding the result code, or null when the API has none (its answer is the data). */
	codeField: string | null;
	successCode: string | null;
	/** False where a success answer may omit the code (the transcript): only a code present is checked. */
	codeRequired: boolean;
	/**
	 * Reads may be sent again after a timeout, a reset or a 5xx; a call that may create or change
	 * something never is (it might have taken effect).
	 */
	safeToResend: boolean;
	/** What the call acts on, for its messages: a noun and the body field (a dotted path) holding its id. */
	subject?: { noun: string; field: string };
}

export type EndpointName = keyof typeof table;

export const ENDPOINTS: Record<EndpointName, CecEndpoint> = table as Record<EndpointName, CecEndpoint>;
