/**
 * The checks the engine tests repeat for items that failed under "On Error: Continue": the shape of an
 * error item on the regular output, the shape n8n gives one on the error output, and its message.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** The error text of an output item ('' when it has none). */
export const errorText = (item: INodeExecutionData) => String(item.json.error ?? '');

/** An error item on the regular output (continueRegularOutput): exactly `{ error, details }`, nothing of the input. */
export function expectErrorItemShape(item: INodeExecutionData): void {
	expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
}

/**
 * Items on the error output (continueErrorOutput): n8n itself merges the paired input's fields into
 * them; ours adds only `error` and `message`.
 */
export function expectErrorOutputItems(errors: INodeExecutionData[], inputs: IDataObject[]): void {
	for (const item of errors) {
		const input = inputs[(item.pairedItem as { item: number }).item];
		expect(item.json).toEqual({ ...input, error: expect.any(String), message: expect.any(String) });
	}
}
