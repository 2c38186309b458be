/**
 * One token exchange per expiry, per n8n process, whatever the concurrency. Left to itself, n8n
 * refreshes the token once for every request that got a 401: with N requests in flight one expiry
 * costs N exchanges, and on gateways that revoke earlier tokens on issue each new token revokes the
 * one before. Instead, the node runs of one process that use the same credential share a cell
 * holding its newest token, and every request sends its own copy of the credential data, linked to
 * the cell. After a 401 the cell adopts a newer token if one was stored meanwhile (by another
 * execution or worker), or else is emptied; the resend then carries an empty token, so n8n calls the
 * credential's preAuthentication, which asks the cell: one exchange, shared by every waiting request.
 */
const TOKEN_CELL = Symbol.for('n8n-nodes-huawei-cec-quality.tokenCell');

export interface TokenCell {
	token: string;
	refreshing?: Promise<string>;
	/** The read of the stored token after `token` got a 401, shared by every request it rejected */
	rereading?: { rejected: string; stored: Promise<string> };
}

const cells = new Map<string, TokenCell>();

/**
 * The process-wide cell of a credential. A run starts from the token stored in n8n's database (the
 * credential may have been edited, or another worker may have refreshed it), unless an exchange is
 * under way.
 */
export function cellFor(credentialId: string, storedToken: string): TokenCell {
	let cell = cells.get(credentialId);
	if (!cell) {
		cell = { token: storedToken };
		cells.set(credentialId, cell);
	} else if (!cell.refreshing) {
		cell.token = storedToken;
	}
	return cell;
}

export async function freshToken(
	cell: TokenCell,
	rejectedToken: string,
	exchange: () => Promise<string>,
): Promise<string> {
	if (cell.refreshing) return await cell.refreshing;
	if (cell.token !== '' && cell.token !== rejectedToken) return cell.token;
	cell.refreshing = exchange()
		.then((token) => {
			cell.token = token;
			return token;
		})
		.finally(() => {
			cell.refreshing = undefined;
		});
	return await cell.refreshing;
}

/**
 * After `rejectedToken` got a 401: keep a newer token the cell already has, adopt a newer one found
 * in the database, or empty the cell so that the next request makes (or joins) an exchange.
 */
export function afterRejection(cell: TokenCell, rejectedToken: string, storedToken: string): void {
	if (cell.token !== rejectedToken) return;
	cell.token = storedToken !== rejectedToken ? storedToken : '';
}

/**
 * After `rejectedToken` got a 401: as afterRejection, reading the stored token once per rejected
 * token, however many requests it rejected, and not at all once the cell has moved on.
 */
export async function recoverFromRejection(cell: TokenCell, rejectedToken: string, readStored: () => Promise<string>): Promise<void> {
	if (cell.token !== rejectedToken) return;
	if (cell.rereading?.rejected !== rejectedToken) {
		const stored = readStored();
		cell.rereading = { rejected: rejectedToken, stored };
		stored.catch(() => undefined).finally(() => {
			if (cell.rereading?.stored === stored) cell.rereading = undefined;
		});
	}
	afterRejection(cell, rejectedToken, await cell.rereading.stored);
}

/** A request's own copy of the credential data, carrying the cell and its newest token. */
export function linkedCopy<T extends object>(data: T, cell: TokenCell): T {
	const copy = { ...data, accessToken: cell.token };
	Object.defineProperty(copy, TOKEN_CELL, { value: cell, enumerable: false });
	return copy;
}

export function cellOf(data: object): TokenCell | undefined {
	return (data as { [TOKEN_CELL]?: TokenCell })[TOKEN_CELL];
}
