// The mail sender's schedule in the app (src/lib/server/mail/schedule.ts): a run at start, then one
// per interval, once per process; never two runs at once; failures logged, the schedule goes on.
// The sender is a stand-in that counts its runs (the real one: tests/db/mail/sender.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	DEFAULT_MAIL_INTERVAL_MS,
	startMailSender
} from '../../../src/lib/server/mail/schedule.ts';
import type { MailSender, SendReport } from '../../../src/lib/server/mail/sender.ts';

const KEY = Symbol.for('zeitspende.mail-sender');
const g = globalThis as typeof globalThis & { [KEY]?: ReturnType<typeof setInterval> };

function counting(run: () => Promise<SendReport>) {
	const runOnce = vi.fn(run);
	return { sender: async () => ({ runOnce }) as unknown as MailSender, runOnce };
}
const report = (failed = 0) => ({ failed }) as unknown as SendReport;

beforeEach(() => {
	vi.useFakeTimers();
	vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
	clearInterval(g[KEY]);
	delete g[KEY];
	vi.useRealTimers();
	vi.restoreAllMocks();
});

describe('the mail sender in the app', () => {
	it('runs at start, then every interval (20 s unless told), once per process, not keeping it alive', async () => {
		expect(DEFAULT_MAIL_INTERVAL_MS).toBe(20_000);
		const { sender, runOnce } = counting(async () => report());
		startMailSender(sender);
		startMailSender(sender);
		await vi.advanceTimersByTimeAsync(0);
		expect(runOnce).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(19_999);
		expect(runOnce).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(runOnce).toHaveBeenCalledTimes(2);
		expect(g[KEY]!.hasRef()).toBe(false);
	});

	it('takes its own interval', async () => {
		const { sender, runOnce } = counting(async () => report());
		startMailSender(sender, 1_000);
		await vi.advanceTimersByTimeAsync(3_000);
		expect(runOnce).toHaveBeenCalledTimes(4);
	});

	it('never starts a run while one is still going', async () => {
		let finish: () => void = () => {};
		const { sender, runOnce } = counting(
			() => new Promise((resolve) => (finish = () => resolve(report())))
		);
		startMailSender(sender, 1_000);
		await vi.advanceTimersByTimeAsync(5_000);
		expect(runOnce).toHaveBeenCalledTimes(1);
		finish();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(runOnce).toHaveBeenCalledTimes(2);
	});

	it('logs mail that failed for good, and a run that failed, and goes on', async () => {
		let n = 0;
		const { sender, runOnce } = counting(async () => {
			n++;
			if (n === 2) throw new Error('smtp down');
			return report(n === 1 ? 2 : 0);
		});
		startMailSender(sender, 1_000);
		await vi.advanceTimersByTimeAsync(0);
		expect(console.error).toHaveBeenCalledWith('mail: 2 mail(s) failed for good');
		await vi.advanceTimersByTimeAsync(1_000);
		expect(console.error).toHaveBeenLastCalledWith(
			'mail: the sender run failed',
			expect.objectContaining({ message: 'smtp down' })
		);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(runOnce).toHaveBeenCalledTimes(3);
		expect(console.error).toHaveBeenCalledTimes(2);
	});
});
