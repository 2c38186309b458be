/**
 * A counting semaphore that serves waiters in the order they asked: calls queued in item order are
 * sent in item order.
 */
export class Slots {
	private inUse = 0;
	private readonly waiters: Array<() => void> = [];

	constructor(private capacity: number) {}

	setCapacity(capacity: number): void {
		this.capacity = capacity;
		this.serve();
	}

	async acquire(): Promise<void> {
		if (this.inUse < this.capacity && this.waiters.length === 0) {
			this.inUse++;
			return;
		}
		await new Promise<void>((resolve) => this.waiters.push(resolve));
	}

	release(): void {
		this.inUse--;
		this.serve();
	}

	private serve(): void {
		while (this.inUse < this.capacity && this.waiters.length > 0) {
			this.inUse++;
			(this.waiters.shift() as () => void)();
		}
	}
}
