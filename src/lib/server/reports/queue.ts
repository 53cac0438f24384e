import { UserFacingError } from '../errors';

// Report layout is CPU work on the server's one JavaScript thread. At most `active`
// documents are laid out at once (each yields between sections, see ReportDocument.breathe),
// a few more wait their turn, and beyond that a request is turned away at once rather than
// queued without bound: fifty auditors clicking at once slow each other, not the app.

export class ReportQueue {
	private running = 0;
	private readonly waiting: (() => void)[] = [];

	constructor(
		readonly active: number,
		readonly maxWaiting: number
	) {}

	get load() {
		return { running: this.running, waiting: this.waiting.length };
	}

	async run<T>(job: () => Promise<T>): Promise<T> {
		if (this.running >= this.active) {
			if (this.waiting.length >= this.maxWaiting)
				throw new UserFacingError(
					'Hotwash is generating many reports right now; try again in a few seconds.',
					429,
					undefined,
					'reports_busy'
				);
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.running++;
		}
		try {
			return await job();
		} finally {
			const next = this.waiting.shift();
			// The slot passes straight to the next in line, so `running` never dips and rises.
			if (next) next();
			else this.running--;
		}
	}
}

/** The app's one queue: two documents at a time on this two-core machine, twenty waiting. */
export const reportQueue = new ReportQueue(2, 20);
