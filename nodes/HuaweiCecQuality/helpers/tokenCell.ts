/**
 * One token exchange per expiry, whatever the concurrency. Left to itself, n8n would refresh the
 * token once for every request that got a 401: with N requests in flight one expiry would cost N
 * exchanges (and, on gateways that revoke earlier tokens on issue, each new token would revoke the
 * one before). Instead every request sends its own copy of the credential data, linked to the run's
 * cell and holding the cell's newest token. A 401 marks the cell stale (only if the rejected token is
 * still the newest); the resend then carries an empty token, so n8n calls the credential's
 * preAuthentication, which asks the cell: one exchange, shared by every request waiting for it.
 */
export const TOKEN_CELL = Symbol.for('n8n-nodes-huawei-cec-quality.tokenCell');

export interface TokenCell {
	token: string;
	refreshing?: Promise<string>;
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

/** Forgets the run's token if it is the one just rejected (a newer one may already be there). */
export function markStale(cell: TokenCell, rejectedToken: string | undefined): void {
	if (cell.token === rejectedToken) cell.token = '';
}

/** A request's own copy of the credential data, carrying the run's cell and its newest token. */
export function linkedCopy<T extends object>(data: T, cell: TokenCell): T {
	const copy = { ...data, accessToken: cell.token };
	Object.defineProperty(copy, TOKEN_CELL, { value: cell, enumerable: false });
	return copy;
}

export function cellOf(data: object): TokenCell | undefined {
	return (data as { [TOKEN_CELL]?: TokenCell })[TOKEN_CELL];
}
