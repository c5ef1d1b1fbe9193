// A row a sender left `sending` (it stopped mid-batch) is claimed again once its lease has run
// out (src/lib/server/mail/sender.ts). The claim counts a try: with tries left the mail is sent,
// also when the claim takes the very last try; with none left (the stopped sender had already
// used the last one) it is marked failed with the reason and not sent, not now and not later.
// While the lease holds, nobody touches the row. A sender that comes back after its lease ran out
// cannot undo the newer claim: its failure changes nothing, its success is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import type { Mail } from '../../../src/lib/server/mail/port.ts';
import { mailSender, type SenderOptions } from '../../../src/lib/server/mail/sender.ts';
import { backends, freshDatabase } from '../harness.ts';

const MAX = 3;
const NO_TRIES_LEFT = 'no tries left after an interrupted send';

describe.each(backends)('a mail claimed again after its sender stopped, on %s', (backend) => {
	let db: Database;
	/** What the transport was handed, in order. */
	const handed: Mail[] = [];

	beforeAll(async () => {
		db = await freshDatabase(backend, 4);
	});
	afterAll(async () => {
		await db.close();
	});

	const sender = (extra: Partial<SenderOptions> = {}) =>
		mailSender({
			pool: db.pool,
			transport: {
				delivers: true,
				send: async (mail) => {
					handed.push(mail);
				}
			},
			origin: 'https://zeitspende.test',
			secret: 'test-secret',
			maxAttempts: MAX,
			...extra
		});
	/** Hands over whatever else is due, so that each test sees only its own mail. */
	async function drain() {
		await sender().runOnce();
		handed.length = 0;
	}
	/** A mail a stopped sender left `sending` after `attempts` tries; its lease ran out a second
	 * ago, or (`holds`) runs for another minute. */
	async function stranded(attempts: number, holds = false) {
		const to = `stranded-${attempts}-${Math.random()}@example.org`;
		const { rows } = await db.pool.query(
			`insert into private.outbox
			   (recipient, subject, body, status, attempts, claimed_until, next_attempt_at, last_error)
			 values ($1, 'Stranded', 'Hallo', 'sending', $2,
			         now() + case when $3 then interval '1 minute' else interval '-1 second' end,
			         now() - interval '1 hour', 'an earlier refusal')
			 returning id`,
			[to, attempts, holds]
		);
		return { id: Number(rows[0].id), to };
	}
	const row = async (id: number) =>
		(
			await db.pool.query(
				`select status, attempts, last_error, sent_at is not null as sent,
				        failed_at is not null as failed, claimed_until is null as unclaimed,
				        next_attempt_at < now() - interval '59 minutes' as due_unchanged
				 from private.outbox where id = $1`,
				[id]
			)
		).rows[0];

	it.each([
		['after its first try', 1],
		['when the claim takes the very last try', MAX - 1]
	])('with tries left it is sent once, %s', async (_, attempts) => {
		await drain();
		const mail = await stranded(attempts);
		expect(await sender().runOnce()).toMatchObject({ sent: 1, retried: 0, failed: 0 });
		expect(handed.map((m) => m.to)).toEqual([mail.to]);
		expect(await row(mail.id)).toMatchObject({
			status: 'sent',
			attempts: attempts + 1,
			sent: true,
			failed: false,
			unclaimed: true,
			last_error: null
		});
		// Sent is sent: the next run leaves it alone.
		expect(await sender().runOnce()).toMatchObject({ sent: 0, failed: 0 });
		expect(handed).toHaveLength(1);
	});

	it('while its lease holds, nobody claims it, whether or not it has tries left', async () => {
		await drain();
		const left = await stranded(1, true);
		const spent = await stranded(MAX, true);
		expect(await sender().runOnce()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
		expect(handed).toEqual([]);
		for (const [mail, attempts] of [
			[left, 1],
			[spent, MAX]
		] as const)
			expect(await row(mail.id)).toMatchObject({ status: 'sending', attempts, unclaimed: false });
		// Let them go, so that they do not stand in the next tests' way.
		await db.pool.query(`update private.outbox set claimed_until = now() where id = any($1)`, [
			[left.id, spent.id]
		]);
		await drain();
	});

	it.each([
		['the stopped sender had used the last try', MAX],
		['a sender with fewer tries claims it', MAX + 2]
	])('with no tries left it fails with the reason and is not sent: %s', async (_, attempts) => {
		await drain();
		const mail = await stranded(attempts);
		expect(await sender().runOnce()).toMatchObject({ sent: 0, retried: 0, failed: 1 });
		expect(handed).toEqual([]);
		expect(await row(mail.id)).toMatchObject({
			status: 'failed',
			// The claim counted one more try than there are.
			attempts: attempts + 1,
			sent: false,
			failed: true,
			unclaimed: true,
			last_error: NO_TRIES_LEFT,
			// Failed, not put back in the queue for later.
			due_unchanged: true
		});
		// Failed stays failed: later runs neither send it nor count it again.
		expect(await sender().runOnce()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
		expect(await sender({ maxAttempts: 100 }).runOnce()).toMatchObject({ sent: 0, failed: 0 });
		expect(handed).toEqual([]);
		expect(await row(mail.id)).toMatchObject({ status: 'failed', attempts: attempts + 1 });
	});

	it('sending it at once takes the same path: with no tries left it fails and answers false', async () => {
		await drain();
		const spent = await stranded(MAX);
		expect(await sender().sendNow(spent.id)).toBe(false);
		expect(handed).toEqual([]);
		expect(await row(spent.id)).toMatchObject({
			status: 'failed',
			attempts: MAX + 1,
			last_error: NO_TRIES_LEFT
		});
		const left = await stranded(MAX - 1);
		expect(await sender().sendNow(left.id)).toBe(true);
		expect(handed.map((m) => m.to)).toEqual([left.to]);
		expect(await row(left.id)).toMatchObject({ status: 'sent', attempts: MAX });
	});

	it('end to end: a sender with one try stops after claiming; the next one fails the mail unsent', async () => {
		await drain();
		const { rows } = await db.pool.query(
			`insert into private.outbox (recipient, subject, body)
			 values ('one-try@example.org', 'One try', 'Hallo') returning id`
		);
		const id = Number(rows[0].id);
		// This sender claims the mail (its one try) and never comes back.
		void sender({
			maxAttempts: 1,
			leaseMs: 60_000,
			transport: { delivers: true, send: () => new Promise<void>(() => undefined) }
		}).runOnce();
		await expect.poll(async () => (await row(id)).status).toBe('sending');
		expect(await row(id)).toMatchObject({ attempts: 1, unclaimed: false });
		// The lease runs out (set here rather than waited for).
		await db.pool.query(
			`update private.outbox set claimed_until = now() - interval '1 second' where id = $1`,
			[id]
		);
		expect(await sender({ maxAttempts: 1 }).runOnce()).toMatchObject({ sent: 0, failed: 1 });
		expect(handed).toEqual([]);
		expect(await row(id)).toMatchObject({
			status: 'failed',
			attempts: 2,
			sent: false,
			last_error: NO_TRIES_LEFT
		});
	});

	/** A transport whose one send waits until the test settles it. */
	function held() {
		let settle!: { ok: () => void; fail: (e: Error) => void };
		const sending = new Promise<void>((ok, fail) => (settle = { ok, fail }));
		return {
			settle: () => settle,
			transport: {
				delivers: true,
				send: (mail: Mail) => {
					handed.push(mail);
					return sending;
				}
			}
		};
	}
	async function queued(to: string) {
		const { rows } = await db.pool.query(
			`insert into private.outbox (recipient, subject, body) values ($1, 'Late', 'Hallo') returning id`,
			[to]
		);
		return Number(rows[0].id);
	}
	const leaseRunsOut = (id: number) =>
		db.pool.query(
			`update private.outbox set claimed_until = now() - interval '1 second' where id = $1`,
			[id]
		);

	it("a late failure of the stopped sender does not put back the newer claim's mail", async () => {
		await drain();
		const id = await queued('late-failure@example.org');
		const first = held();
		const a = sender({ leaseMs: 60_000, transport: first.transport }).runOnce();
		await expect.poll(async () => (await row(id)).attempts).toBe(1);
		await leaseRunsOut(id);
		const second = held();
		const b = sender({ transport: second.transport }).runOnce();
		await expect.poll(async () => (await row(id)).attempts).toBe(2);
		// The first sender's send fails now, after the second one took the mail over.
		first.settle().fail(new Error('connection reset'));
		// It reports nothing for the mail: the newer claim holds it.
		expect(await a).toEqual({ sent: 0, retried: 0, failed: 0, digests: 0, reminders: 0 });
		expect(await row(id)).toMatchObject({ status: 'sending', attempts: 2, unclaimed: false });
		second.settle().ok();
		expect(await b).toMatchObject({ sent: 1 });
		expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
		// Nobody sends it a third time.
		handed.length = 0;
		expect(await sender().runOnce()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
		expect(handed).toEqual([]);
	});

	it('a late success of the stopped sender counts, even after the mail was failed', async () => {
		await drain();
		const id = await queued('late-success@example.org');
		const first = held();
		const a = sender({ maxAttempts: 1, leaseMs: 60_000, transport: first.transport }).runOnce();
		await expect.poll(async () => (await row(id)).attempts).toBe(1);
		await leaseRunsOut(id);
		expect(await sender({ maxAttempts: 1 }).runOnce()).toMatchObject({ failed: 1 });
		expect(await row(id)).toMatchObject({ status: 'failed', last_error: NO_TRIES_LEFT });
		// The first sender's mail did go out after all: the outbox says so, not "failed".
		first.settle().ok();
		expect(await a).toMatchObject({ sent: 1 });
		expect(await row(id)).toMatchObject({
			status: 'sent',
			sent: true,
			failed: false,
			last_error: null
		});
	});
});
