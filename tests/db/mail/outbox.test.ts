// Reading the outbox (src/lib/server/mail/outbox.ts): the development page's list, newest first,
// each mail rendered as it goes out with its delivery state; the failed mails, for platform admins
// only; and the development transport that keeps every mail in the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { failedMails, readOutbox } from '../../../src/lib/server/mail/outbox.ts';
import { devMail } from '../../../src/lib/server/mail/smtp.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, person } from '../matching/world.ts';

describe.each(backends)('the outbox on %s', (backend) => {
	let db: Database;
	let mara: string;
	let admin: string;
	const ids: number[] = [];

	beforeAll(async () => {
		db = await freshDatabase(backend);
		mara = await person(db.pool, 'Mara');
		admin = await person(db.pool, 'Plattform');
		await db.pool.query('insert into public.platform_admins (person_id) values ($1)', [admin]);
		const written = await db.pool.query<{ id: string }>(
			`insert into private.outbox (recipient, subject, body) values ('a@example.org', 'Dein Code', 'Hallo')
			 returning id`
		);
		const event = await db.pool.query<{ id: string }>(
			`insert into private.outbox (recipient, person_id, kind, locale, payload)
			 values ('mara@example.org', $1, 'help_offered', 'en', '{"title":"Lesen"}') returning id`,
			[mara]
		);
		const failed = await db.pool.query<{ id: string }>(
			`insert into private.outbox (recipient, subject, body, status, attempts, last_error, failed_at)
			 values ('b@example.org', 'Weg', 'x', 'failed', 6, '550 no such user', now()) returning id`
		);
		ids.push(Number(written.rows[0]!.id), Number(event.rows[0]!.id), Number(failed.rows[0]!.id));
	});
	afterAll(() => db.close());

	it('lists the newest mails first, as they go out, with their state', async () => {
		const listed = await readOutbox(db.pool, 3, { origin: 'https://zeit.example', secret: 's' });
		expect(listed.map((e) => e.id)).toEqual([...ids].reverse());
		expect(listed[2]).toMatchObject({
			recipient: 'a@example.org',
			subject: 'Dein Code',
			body: 'Hallo',
			kind: null,
			status: 'queued',
			attempts: 0,
			last_error: null
		});
		expect(listed[2]!.created_at).toBeInstanceOf(Date);
		// The event mail rendered in the recipient's language, its links under the origin.
		expect(listed[1]!.subject).toContain('Lesen');
		expect(listed[1]!.body).toMatch(/^Hello,/);
		expect(listed[1]!.body).toContain('https://zeit.example/');
		expect(listed[0]).toMatchObject({
			status: 'failed',
			attempts: 6,
			last_error: '550 no such user'
		});
		expect(await readOutbox(db.pool, 1)).toHaveLength(1);
	});

	it('without an origin the links are the page-relative paths the development page shows', async () => {
		const [event] = (await readOutbox(db.pool, 3)).filter((e) => e.kind === 'help_offered');
		expect(event!.body).toMatch(/: \/[a-z]/);
		expect(event!.body).not.toContain('https://');
	});

	it('shows the failed mails to a platform admin only', async () => {
		const seen = await as(db.pool, admin, (tx) => failedMails(tx));
		expect(seen.find((m) => m.id === ids[2])).toMatchObject({
			recipient: 'b@example.org',
			attempts: 6,
			last_error: '550 no such user'
		});
		expect(typeof seen[0]!.id).toBe('number');
		await expect(as(db.pool, mara, (tx) => failedMails(tx))).rejects.toThrow('not_allowed');
	});

	it('the development transport delivers nothing: mail stays in the outbox', async () => {
		const dev = devMail();
		expect(dev.delivers).toBe(false);
		await expect(
			dev.send({ to: 'x@example.org', subject: 's', text: 't' })
		).resolves.toBeUndefined();
	});
});
