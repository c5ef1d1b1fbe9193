// The app server runs the mail sender itself: at start, then every MAIL_INTERVAL_SECONDS (default
// 20, so a mail goes out within a minute). Several instances may do so at once — each mail is
// claimed by one sender. ZEITSPENDE_JOBS=0 turns it off with the other jobs.
import type { MailSender } from './sender.ts';

export const DEFAULT_MAIL_INTERVAL_MS = 20_000;

const KEY = Symbol.for('zeitspende.mail-sender');
type WithTimer = typeof globalThis & { [KEY]?: ReturnType<typeof setInterval> };

/** Once per process, also across dev reloads; a run still going is not started twice. */
export function startMailSender(
	sender: () => Promise<MailSender>,
	intervalMs = DEFAULT_MAIL_INTERVAL_MS
): void {
	const g = globalThis as WithTimer;
	if (g[KEY]) return;
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			const report = await (await sender()).runOnce();
			if (report.failed > 0) console.error(`mail: ${report.failed} mail(s) failed for good`);
		} catch (error) {
			// Logged and tried again at the next interval; it never stops the server.
			console.error('mail: the sender run failed', error);
		} finally {
			running = false;
		}
	};
	g[KEY] = setInterval(() => void tick(), intervalMs);
	g[KEY].unref?.();
	void tick();
}
