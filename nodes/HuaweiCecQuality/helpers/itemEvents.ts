/**
 * Which inspection items a poll emits: new items (each once), or appeals whose status changed since the
 * last poll. The list answer carries no time of its own, so each item is remembered from the poll that
 * first saw it until that poll has left the look-back window (by then the item can no longer be listed),
 * with its last status. Beyond a bound the memory forgets the items the poll did not list, oldest first;
 * it keeps every item the poll listed, so it holds at most the bound or the poll's listing, whichever is more.
 */
import type { IDataObject } from 'n8n-workflow';

export interface ItemMemory {
	/** item id → [epoch seconds of the poll that first saw it, its status then or since] */
	items?: Record<string, [number, string]>;
	/** Set by the first poll, which only seeds the memory */
	itemsStarted?: boolean;
}

export type ItemEvent = 'new' | 'statusChanged';

export const MAX_REMEMBERED_ITEMS = 20000;

/** An item's status as the list gives it: the code where it has one, else its name. */
export const statusOf = (item: IDataObject): string => String(item.taskStatus ?? item.taskStatusName ?? '');

/** The items to emit, in list order, and the memory updated in place. The first poll emits nothing. */
export function takeItemEvents(memory: ItemMemory, listed: IDataObject[], event: ItemEvent, windowStart: number, now: number): IDataObject[] {
	const items = (memory.items ??= {});
	const emit: IDataObject[] = [];
	const handled = new Set<string>();
	for (const item of listed) {
		const id = item.id === undefined || item.id === null ? undefined : String(item.id);
		if (id === undefined || handled.has(id)) continue;
		handled.add(id);
		const known = items[id];
		const status = statusOf(item);
		if (known === undefined) {
			items[id] = [now, status];
			if (event === 'new') emit.push(item);
		} else if (known[1] !== status) {
			if (event === 'statusChanged') emit.push({ ...item, previousStatus: known[1] });
			known[1] = status;
		}
	}
	for (const [id, [firstSeen]] of Object.entries(items)) {
		if (firstSeen < windowStart) delete items[id];
	}
	const ids = Object.keys(items);
	if (ids.length > MAX_REMEMBERED_ITEMS) {
		// Only items this poll did not list are forgotten for the bound (oldest first): one still listed
		// would come back as new at the next poll (or its status change be lost), having no time to tell.
		const unlisted = ids.filter((id) => !handled.has(id)).sort((a, b) => items[a][0] - items[b][0]);
		for (const id of unlisted.slice(0, ids.length - MAX_REMEMBERED_ITEMS)) delete items[id];
	}
	if (!memory.itemsStarted) {
		memory.itemsStarted = true;
		return [];
	}
	return emit;
}
