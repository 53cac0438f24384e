import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors';
import { ReportQueue } from './queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the report queue', () => {
	it('lays out at most `active` documents at once and serves the waiting in order', async () => {
		const queue = new ReportQueue(2, 10);
		let running = 0;
		let most = 0;
		const finished: number[] = [];
		const jobs = Array.from({ length: 8 }, (_, i) =>
			queue.run(async () => {
				running++;
				most = Math.max(most, running);
				await tick();
				running--;
				finished.push(i);
				return i;
			})
		);
		expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(most).toBe(2);
		expect(finished.slice(2)).toEqual([2, 3, 4, 5, 6, 7]);
		expect(queue.load).toEqual({ running: 0, waiting: 0 });
	});

	it('turns away requests beyond the waiting room at once, with 429 and a clear message', async () => {
		const queue = new ReportQueue(1, 2);
		const outcomes = await Promise.allSettled(
			Array.from({ length: 6 }, () => queue.run(async () => tick()))
		);
		const refused = outcomes.filter((o) => o.status === 'rejected');
		expect(refused).toHaveLength(3);
		const reason = (refused[0] as PromiseRejectedResult).reason as UserFacingError;
		expect(reason.status).toBe(429);
		expect(reason.code).toBe('reports_busy');
		expect(reason.message).toMatch(/try again/);
		expect(queue.load).toEqual({ running: 0, waiting: 0 });
	});

	it('frees the slot when a job fails', async () => {
		const queue = new ReportQueue(1, 5);
		const failing = queue.run(async () => {
			throw new Error('layout failed');
		});
		const next = queue.run(async () => 'made');
		await expect(failing).rejects.toThrow('layout failed');
		await expect(next).resolves.toBe('made');
		expect(queue.load).toEqual({ running: 0, waiting: 0 });
	});
});
