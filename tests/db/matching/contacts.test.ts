// Contacts of a match, both ways and only while it is active: the helper reaches the
// organisation and its coordinators, the coordinators reach the helper; nobody else reaches
// anyone, and a match that ended shows nothing. Withdrawing keeps an optional reason both read.
import { beforeAll, describe, expect, it } from 'vitest';
import { matchContacts, myMatches } from '../../../src/lib/server/matching/read.ts';
import { withdraw } from '../../../src/lib/server/matching/verbs.ts';
import { asSystem } from '../../../src/lib/server/db/person.ts';
import { backends } from '../harness.ts';
import { actAs, as, attempt, expectDenied, useWorld } from '../rls/support.ts';
import { personaNames, type PersonaName } from '../fixtures.ts';

const PHONE = { helper: '0341 111 2222', coordA: '0341 333 4444' };

describe.each(backends)('match contacts (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	beforeAll(async () => {
		await asSystem(ctx.db.pool, async (tx) => {
			for (const [who, phone] of Object.entries(PHONE)) {
				await tx.query(`update public.contact_details set phone = $2 where person_id = $1`, [
					w().people[who as PersonaName],
					phone
				]);
			}
			await tx.query(
				`update public.organisations set contact_email = 'info@verein-a.example', contact_phone = '0341 999'
				 where id = $1`,
				[w().organisations.orgA]
			);
		});
	});

	const contacts = (who: PersonaName, match: string) =>
		as(ctx, who, (tx) => matchContacts(tx, match));

	it('shows the helper the organisation and its coordinators, with phone, on the active match', async () => {
		expect(await contacts('helper', w().matches.active)).toEqual([
			{
				side: 'organisation',
				displayName: 'Verein A',
				email: 'info@verein-a.example',
				phone: '0341 999'
			},
			{
				side: 'coordinator',
				displayName: expect.any(String),
				email: w().emails.coordA,
				phone: PHONE.coordA
			}
		]);
	});

	it("shows the organisation's coordinator the helper, with phone, on the active match", async () => {
		expect(await contacts('coordA', w().matches.active)).toEqual([
			{
				side: 'helper',
				displayName: expect.any(String),
				email: w().emails.helper,
				phone: PHONE.helper
			}
		]);
	});

	it.each(personaNames.filter((x) => x !== 'helper' && x !== 'coordA'))(
		'shows %s nobody on that match',
		async (who) => {
			expect(await contacts(who, w().matches.active)).toEqual([]);
		}
	);

	it('shows nobody on a completed match, to either side', async () => {
		expect(await contacts('helper', w().matches.completed)).toEqual([]);
		expect(await contacts('coordA', w().matches.completed)).toEqual([]);
	});

	it('shows nobody once the match is withdrawn, and both read the reason', async () => {
		const seen = await as(ctx, 'helper', async (tx) => {
			const result = await withdraw(tx, w().matches.active, '  Ich ziehe um.  ');
			const helperSees = await matchContacts(tx, w().matches.active);
			const mine = (await myMatches(tx, w().people.helper)).find(
				(m) => m.id === w().matches.active
			);
			await actAs(ctx, tx, 'coordA');
			const coordinatorSees = await matchContacts(tx, w().matches.active);
			const { rows } = await tx.query(
				`select m.end_reason, (select count(*)::int from public.involvement_events e
				   where e.match_id = m.id and e.kind = 'match_withdrawn' and e.actor_id = $2) as events
				 from public.matches m where m.id = $1`,
				[w().matches.active, w().people.helper]
			);
			return { result, helperSees, coordinatorSees, mine, row: rows[0] };
		});
		expect(seen).toEqual({
			result: { ok: true },
			helperSees: [],
			coordinatorSees: [],
			mine: expect.objectContaining({ status: 'withdrawn', endReason: 'Ich ziehe um.' }),
			row: { end_reason: 'Ich ziehe um.', events: 1 }
		});
	});

	it('refuses a reason over 500 characters and writes nothing', async () => {
		const seen = await as(ctx, 'helper', async (tx) => {
			const result = await withdraw(tx, w().matches.active, 'x'.repeat(501));
			const { rows } = await tx.query(
				`select status, end_reason from public.matches where id = $1`,
				[w().matches.active]
			);
			return { result, row: rows[0] };
		});
		expect(seen).toEqual({
			result: { ok: false, code: 'reason_too_long' },
			row: { status: 'active', end_reason: null }
		});
	});

	it('leaves people only the withdrawal that is recorded: the one-argument verb is not theirs', async () => {
		await as(ctx, 'helper', (tx) =>
			expectDenied(attempt(tx, `select app.withdraw_match($1)`, [w().matches.active]), 'privilege')
		);
	});
});
