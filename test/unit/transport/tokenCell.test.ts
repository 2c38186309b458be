import { afterRejection, cellFor, cellOf, freshToken, linkedCopy, recoverFromRejection } from '../../../nodes/HuaweiCecQuality/transport/tokenCell';

describe('token cell', () => {
	it('shares one exchange among every request that waits for a token', async () => {
		const cell = cellFor('cell-share', '');
		let exchanges = 0;
		const exchange = async () => {
			exchanges++;
			await new Promise((resolve) => setImmediate(resolve));
			return `token-${exchanges}`;
		};
		const tokens = await Promise.all([1, 2, 3, 4, 5].map(async () => await freshToken(cell, '', exchange)));
		expect(tokens).toEqual(Array(5).fill('token-1'));
		expect(exchanges).toBe(1);
		expect(cell.token).toBe('token-1');
		expect(cell.refreshing).toBeUndefined();
	});

	it('after a 401 keeps a newer token, adopts a newer stored one, or empties the cell', () => {
		const cell = cellFor('cell-reject', 'old');
		afterRejection(cell, 'older', 'whatever');
		expect(cell.token).toBe('old'); // the rejected token was already replaced
		afterRejection(cell, 'old', 'stored-by-another-worker');
		expect(cell.token).toBe('stored-by-another-worker');
		afterRejection(cell, 'stored-by-another-worker', 'stored-by-another-worker');
		expect(cell.token).toBe('');
	});

	it('does not exchange when the rejected token was already replaced', async () => {
		const cell = cellFor('cell-replaced', 'new');
		const exchange = jest.fn(async () => 'never');
		await expect(freshToken(cell, 'old', exchange)).resolves.toBe('new');
		expect(exchange).not.toHaveBeenCalled();
	});

	it('is one per credential and process, and a run starts from the stored token', () => {
		const first = cellFor('cell-per-credential', 'a');
		first.token = 'b';
		const again = cellFor('cell-per-credential', 'c');
		expect(again).toBe(first);
		expect(again.token).toBe('c');
		expect(cellFor('another-credential', 'x')).not.toBe(first);
	});

	it('gives each request a copy linked to the cell, without exposing the link when serialised', () => {
		const cell = cellFor('cell-copy', 'tok');
		const copy = linkedCopy({ secretKey: 's', accessToken: 'stale' }, cell);
		expect(copy.accessToken).toBe('tok');
		expect(cellOf(copy)).toBe(cell);
		expect(JSON.parse(JSON.stringify(copy))).toEqual({ secretKey: 's', accessToken: 'tok' });
	});

	it('lets a failed exchange reach every waiter, then allows a new attempt', async () => {
		const cell = cellFor('cell-fail', '');
		const failing = async () => {
			throw new Error('token service down');
		};
		await expect(Promise.all([freshToken(cell, '', failing), freshToken(cell, '', failing)])).rejects.toThrow(
			'token service down',
		);
		expect(cell.refreshing).toBeUndefined();
		await expect(freshToken(cell, '', async () => 'recovered')).resolves.toBe('recovered');
	});
});

describe('recoverFromRejection', () => {
	it('reads the stored token once for every request the same token got rejected for', async () => {
		const cell = cellFor('cell-reread', 'expired');
		let reads = 0;
		const readStored = async () => {
			reads++;
			await new Promise((resolve) => setImmediate(resolve));
			return 'stored-by-another-worker';
		};
		await Promise.all([1, 2, 3, 4, 5].map(async () => await recoverFromRejection(cell, 'expired', readStored)));
		expect(reads).toBe(1);
		expect(cell.token).toBe('stored-by-another-worker');
		// A late 401 for the token the cell already replaced reads nothing.
		await recoverFromRejection(cell, 'expired', readStored);
		expect(reads).toBe(1);
		expect(cell.rereading).toBeUndefined();
	});

	it('empties the cell when the stored token is the rejected one, reading again for a new rejection', async () => {
		const cell = cellFor('cell-reread-empty', 'a');
		const readStored = jest.fn(async () => 'a');
		await Promise.all([recoverFromRejection(cell, 'a', readStored), recoverFromRejection(cell, 'a', readStored)]);
		expect(cell.token).toBe('');
		expect(readStored).toHaveBeenCalledTimes(1);
	});
});
