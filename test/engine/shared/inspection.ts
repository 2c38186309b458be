/**
 * What the engine tests of the inspection operations share: Get Result's parameters (also used to
 * fetch a waited-for result), the request body of a log entry, and the no-secret check of a run.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CecMock, CecMockLogEntry } from '../../mock/cecMock';
import { expectNoSecrets } from '../fixtures';
import type { RunNodeResult } from '../harness';

export const resultParameters = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'inspection',
	operation: 'getResult',
	callUuid: '={{ $json.callUuid }}',
	options,
});

export const bodyOf = (entry: CecMockLogEntry) => entry.body as IDataObject;

/** No secret key or token in the outputs or the error of a run. */
export function expectClean(mock: CecMock, result: RunNodeResult): void {
	expectNoSecrets(mock, { outputs: result.outputs, error: result.error });
}
