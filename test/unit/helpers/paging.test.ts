/**
 * helpers/paging: every page read, limits, exact totals.
 */
import { collectPages } from '../../../nodes/HuaweiCecQuality/helpers/paging';

describe('collectPages', () => {
	const source = (total: number) => Array.from({ length: total }, (_, i) => i);
	const pager = (total: number, asked: Array<[number, number]>) => async (page: number, size: number) => {
		asked.push([page, size]);
		return { items: source(total).slice((page - 1) * size, page * size), total };
	};

	it('reads every page of a total that is not a multiple of the page size, and stops', async () => {
		const asked: Array<[number, number]> = [];
		expect(await collectPages(Infinity, 50, pager(123, asked))).toEqual(source(123));
		expect(asked).toEqual([
			[1, 50],
			[2, 50],
			[3, 50],
		]);
	});

	it('stops at the limit, asking pages no bigger than needed', async () => {
		const asked: Array<[number, number]> = [];
		expect(await collectPages(7, 50, pager(123, asked))).toEqual(source(7));
		expect(asked).toEqual([[1, 7]]);
	});

	it('stops on an exact total without asking an empty page', async () => {
		const asked: Array<[number, number]> = [];
		expect(await collectPages(Infinity, 50, pager(100, asked))).toHaveLength(100);
		expect(asked).toHaveLength(2);
	});
});
