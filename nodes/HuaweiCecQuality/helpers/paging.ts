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

/** What a search through pages found: the first match, and how many entries were read of how many. */
export interface Search<T> {
	found?: T;
	read: number;
	total?: number;
}

/**
 * Reads pages of `pageSize` until an entry matches, the list ends, or `maxPages` were read: for APIs
 * that list but cannot filter by id, a bounded cost (at most `maxPages` requests).
 */
export async function findInPages<T>(
	maxPages: number,
	pageSize: number,
	fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
	matches: (entry: T) => boolean,
): Promise<Search<T>> {
	let read = 0;
	let total: number | undefined;
	for (let page = 1; page <= maxPages; page++) {
		const answer = await fetchPage(page, pageSize);
		total = answer.total ?? total;
		const found = answer.items.find(matches);
		read += answer.items.length;
		if (found !== undefined) return { found, read, total };
		if (answer.items.length < pageSize || (total !== undefined && page * pageSize >= total)) break;
	}
	return { read, total };
}
