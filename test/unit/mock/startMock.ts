/**
 * What the mock's unit tests share: start a mock (with a client) for one test, and close every mock a
 * test started once it ends.
 */
import { startCecMock, type CecMock, type CecMockOptions } from '../../mock/cecMock';
import { mockClient, type MockClient } from '../../mock/cecMockClient';

/** Registers the afterEach that closes them; returns the function that starts one. */
export function useMocks(): (options?: CecMockOptions) => Promise<{ mock: CecMock; client: MockClient }> {
	const mocks: CecMock[] = [];
	afterEach(async () => {
		await Promise.all(mocks.splice(0).map((mock) => mock.close()));
	});
	return async (options = {}) => {
		const mock = await startCecMock(options);
		mocks.push(mock);
		return { mock, client: mockClient(mock) };
	};
}
