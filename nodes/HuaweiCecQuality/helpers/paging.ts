/**
 * Reads pages until `max` items are collected, the total is reached, or a page comes back short.
 * Page numbers start at 1 and every page asks for the same size (the API counts pages by size).
 */
export interface Page<T> {
	items: T[];
	/** The total the API reports, when it does */
	total?: number;
}

export async function collectPages<T>(
	max: number,
	maxPageSize: number,
	fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
): Promise<T[]> {
	const pageSize = Math.min(maxPageSize, max);
	const collected: T[] = [];
	for (let page = 1; collected.length < max; page++) {
		const { items, total } = await fetchPage(page, pageSize);
		collected.push(...items.slice(0, max - collected.length));
		const reachedTotal = total !== undefined && page * pageSize >= total;
		if (items.length < pageSize || reachedTotal) break;
	}
	return collected;
}

/** A page of `items` with the total an answer reports (a number, or text of one), when it does. */
export function pageOf<T>(items: T[], total: unknown): Page<T> {
	const count = Number(total);
	return { items, total: Number.isFinite(count) ? count : undefined };
}
