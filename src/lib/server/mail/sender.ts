// The sender: delivers the mails in private.outbox. Any number of senders (app instances, `npm run
// jobs`) may run at once: each claims a batch of due rows with `for update skip locked` and marks
// them `sending` with a lease, in a short transaction; it sends outside any transaction (PGlite
// has one connection, and an SMTP server may be slow), then records the outcome. A sender that
// stops mid-batch leaves its rows `sending`; when the lease runs out another sender claims them,
// counting a try: such a mail may go out twice, and one whose last try the stopped sender had used
// is marked failed (the failed-mails list shows it), never silently dropped. A failure is recorded
// only by the claim it belongs to (the row's attempts), so a sender that comes back late cannot
// put back or fail a newer claim's mail; a late success is recorded whatever came since, because
// the mail did go out.
import type pg from 'pg';
import { asSystem } from '../db/person.ts';
import type { MailPort } from './port.ts';
import { renderMail, type OutboxRow, type RenderContext } from './templates.ts';

export interface SenderOptions extends RenderContext {
	pool: pg.Pool;
	transport: MailPort;
	/** Tries before a mail is marked failed (default 6: about an hour of back-off in all). */
	maxAttempts?: number;
	/** The first retry waits this long, each next one twice as long (default one minute). */
	backoffMs?: number;
	/** How long a claimed row belongs to its sender (default five minutes). */
	leaseMs?: number;
	/** Rows per claim (default 20). */
	batchSize?: number;
}

export interface SendReport {
	sent: number;
	retried: number;
	failed: number;
	digests: number;
	reminders: number;
}

export interface MailSender {
	/** Folds due digests, then sends due mails batch by batch until none is left. */
	runOnce(): Promise<SendReport>;
	/** Sends one mail right now (a sign-in code); on failure it stays queued for the next run. */
	sendNow(id: number): Promise<boolean>;
}

const CLAIM_COLUMNS =
	'o.id, o.recipient, o.person_id, o.kind, o.locale, o.payload, o.subject, o.body, o.attempts';

type Claimed = OutboxRow & { attempts: number };

/** SMTP's 5xx answers are permanent (an address the server refuses): no point in retrying. */
export function isPermanent(error: unknown): boolean {
	const code = (error as { responseCode?: unknown })?.responseCode;
	return typeof code === 'number' && code >= 500 && code < 600;
}

/** What the outbox keeps of a failure: the message, at most 1 000 characters. */
export const reasonOf = (error: unknown): string =>
	(error instanceof Error ? error.message : String(error)).slice(0, 1000) || 'unknown error';

export function mailSender(options: SenderOptions): MailSender {
	const { pool, transport } = options;
	const maxAttempts = options.maxAttempts ?? 6;
	const backoffMs = options.backoffMs ?? 60_000;
	const leaseMs = options.leaseMs ?? 5 * 60_000;
	const batchSize = options.batchSize ?? 20;

	/** Claims due rows (or the one row `only`): queued, or `sending` with a lease run out. */
	const claim = (limit: number, only?: number) =>
		asSystem(pool, async (tx) => {
			const { rows } = await tx.query<Claimed>(
				`update private.outbox o
				 set status = 'sending', attempts = o.attempts + 1,
				     claimed_until = now() + make_interval(secs => $2::double precision / 1000)
				 where o.id in (
				   select d.id from private.outbox d
				   where not d.digest and d.next_attempt_at <= now()
				     and (d.status = 'queued' or (d.status = 'sending' and d.claimed_until < now()))
				     and ($3::bigint is null or d.id = $3)
				   order by d.next_attempt_at, d.id
				   limit $1
				   for update skip locked)
				 returning ${CLAIM_COLUMNS}`,
				[limit, leaseMs, only ?? null]
			);
			return rows;
		});

	const delivered = (row: Claimed) =>
		pool.query(
			// A sign-in code sent through a real server is not kept readable in the outbox.
			`update private.outbox set status = 'sent', sent_at = now(), claimed_until = null,
			   last_error = null, failed_at = null,
			   body = case when kind = 'sign_in_code' and $2 then '' else body end
			 where id = $1 and status in ('sending', 'queued', 'failed')`,
			[row.id, transport.delivers]
		);

	/**
	 * Retry later (back-off doubles each time), or mark failed after the last try; null when a
	 * newer claim holds the row (this sender came back after its lease ran out): nothing changes.
	 */
	const refused = async (row: Claimed, error: unknown): Promise<'retried' | 'failed' | null> => {
		const last = row.attempts >= maxAttempts || isPermanent(error);
		const wait = backoffMs * 2 ** (row.attempts - 1);
		const { rowCount } = await pool.query(
			`update private.outbox set claimed_until = null, last_error = $2,
			   status = case when $3 then 'failed' else 'queued' end,
			   failed_at = case when $3 then now() end,
			   next_attempt_at = case when $3 then next_attempt_at
			                     else now() + make_interval(secs => $4::double precision / 1000) end
			 where id = $1 and status = 'sending' and attempts = $5`,
			[row.id, reasonOf(error), last, wait, row.attempts]
		);
		if (!rowCount) return null;
		return last ? 'failed' : 'retried';
	};

	async function deliver(row: Claimed, report: SendReport): Promise<boolean> {
		try {
			// A row claimed again after its sender stopped may already have used its last try.
			if (row.attempts > maxAttempts) throw new Error('no tries left after an interrupted send');
			await transport.send(renderMail(row, options));
		} catch (error) {
			const outcome = await refused(row, error);
			if (outcome) report[outcome] += 1;
			return false;
		}
		await delivered(row);
		report.sent += 1;
		return true;
	}

	return {
		async runOnce() {
			const report: SendReport = { sent: 0, retried: 0, failed: 0, digests: 0, reminders: 0 };
			// Reminders due (each written once), then the digests due, then everything due is sent.
			[report.reminders, report.digests] = await asSystem(pool, async (tx) => {
				const { rows } = await tx.query<{ r: number; d: number }>(
					'select private.queue_mail_reminders(now()) as r, private.compose_mail_digests(now()) as d'
				);
				// Stryker disable next-line OptionalChaining: a select without from gives one row
				return [rows[0]?.r ?? 0, rows[0]?.d ?? 0];
			});
			for (;;) {
				const rows = await claim(batchSize);
				for (const row of rows) await deliver(row, report);
				if (rows.length < batchSize) return report;
			}
		},

		async sendNow(id) {
			// Stryker disable next-line ObjectLiteral: counted for deliver's sake, never read here
			const report: SendReport = { sent: 0, retried: 0, failed: 0, digests: 0, reminders: 0 };
			try {
				const [row] = await claim(1, id);
				return row ? await deliver(row, report) : false;
			} catch (error) {
				// The mail is in the outbox; the next run sends it.
				console.error('mail: sending at once failed, the sender will try again', error);
				return false;
			}
		}
	};
}
