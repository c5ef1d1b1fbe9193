// Reminders: the day before a one-off commitment, and the monthly "how is it going?" whose
// one-click answers reach the coordinators (a concern or an end) — each reminder once, each
// answer once, links that cannot be forged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import {
	answerCheckIn,
	checkCheckInToken,
	type CheckInAnswer
} from '../../../src/lib/server/mail/check-in.ts';
import { renderMail, type OutboxRow } from '../../../src/lib/server/mail/templates.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, coordinator, helper, need, town, type Town } from '../matching/world.ts';

const SECRET = 'test-secret';

describe.each(backends)('mail reminders on %s', (backend) => {
	let db: Database;
	let t: Town;
	let coordA2: string;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		coordA2 = await coordinator(db.pool, t.orgA, 'Koordination A2');
		await db.pool.query(`update public.profiles set locale = 'en' where id = $1`, [coordA2]);
	});
	afterAll(() => db.close());

	/** An active match of organisation A, made through the verbs. */
	async function activeMatch(title: string) {
		const n = await need(db.pool, { organisation: t.orgA, title });
		const h = await helper(db.pool, { municipality: t.municipality });
		const { rows } = await as(db.pool, t.coordA, (tx) =>
			tx.query('select app.propose_match($1, $2, 80) as id', [n, h])
		);
		const id = rows[0]!.id as string;
		await as(db.pool, h, (tx) => tx.query('select app.accept_match($1)', [id]));
		return { need: n, helper: h, match: id };
	}
	const remind = async () =>
		(await db.pool.query('select private.queue_mail_reminders(now()) as n')).rows[0].n;
	const mailsTo = async (person: string) =>
		(
			await db.pool.query(
				`select id, recipient, person_id, kind, locale, payload, subject, body from private.outbox
				 where person_id = $1 order by id`,
				[person]
			)
		).rows as OutboxRow[];

	it('the day before a one-off commitment the helper is reminded, once', async () => {
		const { need: n, helper: h } = await activeMatch('Umzugshilfe');
		await db.pool.query(
			`update public.needs set starts_on = (now() at time zone 'Europe/Berlin')::date + 1 where id = $1`,
			[n]
		);
		expect(await remind()).toBeGreaterThanOrEqual(1);
		expect(await remind()).toBe(0);
		const reminders = (await mailsTo(h)).filter((m) => m.kind === 'reminder');
		expect(reminders).toHaveLength(1);
		expect(reminders[0]!.payload).toMatchObject({ title: 'Umzugshilfe', path: '/matches' });
		expect(renderMail(reminders[0]!, { origin: 'https://z.test', secret: SECRET }).subject).toBe(
			'Erinnerung: Umzugshilfe'
		);
	});

	it('a match active for four weeks is asked once a month; a concern reaches the coordinators once', async () => {
		const { match, helper: h } = await activeMatch('Lesepatenschaft');
		expect((await mailsTo(h)).filter((m) => m.kind === 'reminder')).toHaveLength(0);
		await db.pool.query(
			`update public.matches set activated_at = now() - interval '30 days' where id = $1`,
			[match]
		);
		await remind();
		expect(await remind()).toBe(0);
		const [checkIn] = (await mailsTo(h)).filter((m) => m.kind === 'reminder');
		expect(checkIn!.payload).toMatchObject({ check_in: true, match, title: 'Lesepatenschaft' });

		// The mail carries three signed answers for exactly this helper, match and month.
		const mail = renderMail(checkIn!, { origin: 'https://z.test', secret: SECRET });
		const links = [...mail.text.matchAll(/https:\/\/z\.test\/check-in\?t=(\S+)/g)].map((l) =>
			checkCheckInToken(SECRET, decodeURIComponent(l[1]!))
		);
		expect(links.map((l) => l?.answer)).toEqual(['fine', 'concern', 'ended']);
		expect(links.every((l) => l?.match === match && l.helper === h)).toBe(true);
		expect(mail.html).toContain('Ich habe ein Anliegen');
		expect(checkCheckInToken('another-secret', mail.text.match(/t=(\S+)/)![1]!)).toBeNull();

		// As /check-in records it once the link's signature is checked.
		const answer = (a: CheckInAnswer) =>
			answerCheckIn(db.pool, { match, helper: h, month: links[0]!.month, answer: a });
		const before = (
			await db.pool.query('select coalesce(max(id), 0)::int as n from private.outbox')
		).rows[0].n;
		expect(await answer('concern')).toBe(true);
		const told = (
			await db.pool.query(
				`select person_id, locale, subject from private.outbox where id > $1 order by person_id`,
				[before]
			)
		).rows;
		expect(told.map((r) => r.person_id).sort()).toEqual([t.coordA, coordA2].sort());
		expect(told.find((r) => r.person_id === coordA2)).toMatchObject({
			locale: 'en',
			subject: 'Check-in: Lesepatenschaft'
		});
		// The first answer counts: a second click changes nothing and tells nobody again.
		expect(await answer('ended')).toBe(false);
		expect(
			(await db.pool.query('select count(*)::int as n from private.outbox where id > $1', [before]))
				.rows[0].n
		).toBe(2);
		const { rows } = await db.pool.query(
			`select answer from private.match_reminders where match_id = $1 and reminder = 'check_in'`,
			[match]
		);
		expect(rows).toEqual([{ answer: 'concern' }]);
	});

	it("a check-in link for someone else's match records nothing", async () => {
		const { match } = await activeMatch('Spaziergang');
		const other = await helper(db.pool, { municipality: t.municipality });
		await db.pool.query(
			`update public.matches set activated_at = now() - interval '30 days' where id = $1`,
			[match]
		);
		await remind();
		const { rows } = await db.pool.query(
			`select private.answer_check_in($1, $2, date_trunc('month', now() at time zone 'Europe/Berlin')::date, 'ended') as ok`,
			[match, other]
		);
		expect(rows[0].ok).toBe(false);
	});
});
