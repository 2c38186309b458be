/**
 * helpers/paging: every page read, limits, exact totals.
 */
import { collectPages, findInPages } from '../../../nodes/HuaweiCecQuality/helpers/paging';

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

describe('findInPages', () => {
	const list = (n: number, total: number | undefined = n) => async (page: number, size: number) => ({
		items: Array.from({ length: Math.max(0, Math.min(size, n - (page - 1) * size)) }, (_, i) => (page - 1) * size + i),
		total,
	});

	it('stops at the page holding the match', async () => {
		const pages: number[] = [];
		const fetch = list(1000);
		const search = await findInPages(50, 100, async (page, size) => (pages.push(page), await fetch(page, size)), (entry) => entry === 250);
		expect(search).toEqual({ found: 250, read: 300, total: 1000 });
		expect(pages).toEqual([1, 2, 3]);
	});

	it('reads the whole list when nothing matches, and stops at the total', async () => {
		expect(await findInPages(50, 100, list(230), () => false)).toEqual({ read: 230, total: 230 });
		expect(await findInPages(50, 100, list(200), () => false)).toEqual({ read: 200, total: 200 });
	});

	it('never reads more than maxPages pages', async () => {
		const pages: number[] = [];
		const fetch = list(100_000);
		const search = await findInPages(3, 100, async (page, size) => (pages.push(page), await fetch(page, size)), () => false);
		expect(pages).toEqual([1, 2, 3]);
		expect(search).toEqual({ read: 300, total: 100_000 });
	});
});
