/**
 * One CEC mock for the tests of a file or a describe block: started before them, closed after them,
 * and (unless told otherwise) its log emptied before each test. What several engine test files repeated
 * as `let mock; beforeAll(start); afterAll(close); beforeEach(resetLog)`.
 */
import type { CecMock, CecMockOptions } from '../../mock/cecMock';
import { startMock } from '../fixtures';

export interface MockLifetime {
	/** Empty the log before each test (default true). */
	resetLog?: boolean;
	/** Also set the latency back to 0 before each test (default false). */
	zeroLatency?: boolean;
}

/**
 * Registers the hooks and returns a stand-in for the running mock: every property read and method
 * call goes to the mock of the current block, so a test uses it as it would the mock itself.
 */
export function useMock(options: CecMockOptions = {}, lifetime: MockLifetime = {}): CecMock {
	let current: CecMock | undefined;
	const { resetLog = true, zeroLatency = false } = lifetime;

	beforeAll(async () => {
		current = await startMock(options);
	});
	afterAll(async () => {
		await current?.close();
		current = undefined;
	});
	if (resetLog || zeroLatency) {
		beforeEach(() => {
			if (resetLog) running().resetLog();
			if (zeroLatency) running().setLatency(0);
		});
	}

	function running(): CecMock {
		if (!current) throw new Error('the CEC mock is used outside a test (it runs from beforeAll to afterAll)');
		return current;
	}
	return new Proxy({} as CecMock, {
		get(_target, property) {
			const mock = running();
			const value: unknown = Reflect.get(mock, property, mock);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(mock) : value;
		},
		set(_target, property, value) {
			return Reflect.set(running(), property, value);
		},
	});
}
