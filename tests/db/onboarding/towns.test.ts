// Onboarding a town, by persona: the platform admin creates a municipality with its office and
// the invitation of its first coordinator, who signs in, accepts, adds a district and a nonprofit
// (inviting its first coordinator); the town's municipal coordinators manage districts, policies
// and nonprofits of their own town only. Every refusal has its code and writes nothing.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { actAs, as, attempt, expectDenied, useWorld, type Who } from '../rls/support.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { actAsNew, footprint, newAddress, ORIGIN, signUp } from './support.ts';

/** An AGS no test has used: Land 09, then six random digits (the seed uses 09188999, 09179999). */
const freshAgs = () => `09${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;

const createTown = (tx: Tx, ags: string, email: string, name = 'Neustadt am Test') =>
	attempt(tx, `select app.create_municipality($1, $2, $3, $4, 'de', $5) as id`, [
		name,
		ags,
		'Stadt Neustadt – Freiwilligenagentur',
		email,
		ORIGIN
	]).then((r) => r.rows[0]!.id as string);

const addDistrict = (tx: Tx, town: string, name: string, lat: number | null, lng: number | null) =>
	attempt(tx, `select app.add_district($1, $2, $3, $4) as id`, [town, name, lat, lng]).then(
		(r) => r.rows[0]!.id as string
	);

const createNonprofit = (tx: Tx, town: string, name: string, email: string) =>
	attempt(tx, `select app.create_nonprofit($1, $2, $3, 'de', $4) as id`, [
		town,
		name,
		email,
		ORIGIN
	]).then((r) => r.rows[0]!.id as string);

const setPolicies = (tx: Tx, town: string, a: boolean | null, b: boolean, c: boolean) =>
	attempt(tx, `select app.set_town_policies($1, $2, $3, $4)`, [town, a, b, c]);

describe.each(backends)('onboarding a town (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('platform admin', () => {
		it('creates a town with its office and invites its first coordinator, who signs in, accepts, adds a district and a nonprofit with its first coordinator', async () => {
			const first = newAddress();
			const nonprofitCoordinator = newAddress();
			const story = await as(ctx, 'admin', async (tx) => {
				const before = await footprint(ctx, tx, 'admin');
				const ags = freshAgs();
				const town = await createTown(tx, ` ${ags} `, first);
				const after = await footprint(ctx, tx, 'admin');
				const office = await tx.query<{ id: string; kind: string; name: string }>(
					`select id, kind, name from public.organisations where municipality_id = $1`,
					[town]
				);
				const created = await tx.query(
					`select name, ags, nonprofit_needs_need_approval, minor_matches_need_approval,
					        municipality_inspects_72a from public.municipalities where id = $1`,
					[town]
				);
				const counts = await tx.query(
					`select organisation_id, active_coordinators from app.organisation_coordinator_counts($1)`,
					[town]
				);
				const invitations = await tx.query(
					`select email, membership_id from public.coordinator_invitations where organisation_id = $1`,
					[office.rows[0]!.id]
				);
				await actAs(ctx, tx, 'system');
				const mail = await tx.query(
					`select recipient, subject from private.outbox order by id desc limit 1`
				);

				const person = await signUp(ctx, tx, first);
				await actAsNew(tx, person);
				await tx.query(`select app.accept_coordinator_invitation($1)`, [office.rows[0]!.id]);
				const district = await addDistrict(tx, town, 'Mitte', 49.1234, 10.3333);
				const centre = await tx.query(
					`select name, centre_lat, centre_lng from public.districts where id = $1`,
					[district]
				);
				const nonprofit = await createNonprofit(
					tx,
					town,
					'Tafel Neustadt e. V.',
					nonprofitCoordinator
				);
				const nonprofitInvitation = await tx.query(
					`select email from public.coordinator_invitations where organisation_id = $1`,
					[nonprofit]
				);
				// The office has a coordinator now: the admin's part is done.
				await actAs(ctx, tx, 'admin');
				await expectDenied(
					attempt(tx, `select app.invite_coordinator($1, $2, 'de', $3)`, [
						office.rows[0]!.id,
						newAddress(),
						ORIGIN
					]),
					{ raised: 'not_allowed' }
				);
				return {
					ags,
					grew: {
						municipalities: after.municipalities - before.municipalities,
						organisations: after.organisations - before.organisations,
						invitations: after.invitations - before.invitations,
						mails: after.mails - before.mails
					},
					created: created.rows[0],
					office: office.rows.map(({ kind, name }) => ({ kind, name })),
					counts: counts.rows.map((r) => r.active_coordinators),
					invitations: invitations.rows,
					mail: mail.rows[0],
					centre: centre.rows[0],
					nonprofitInvitation: nonprofitInvitation.rows
				};
			});
			expect(story.grew).toEqual({ municipalities: 1, organisations: 1, invitations: 1, mails: 1 });
			expect(story.created).toEqual({
				name: 'Neustadt am Test',
				ags: story.ags,
				nonprofit_needs_need_approval: true,
				minor_matches_need_approval: false,
				municipality_inspects_72a: false
			});
			expect(story.office).toEqual([
				{ kind: 'municipal', name: 'Stadt Neustadt – Freiwilligenagentur' }
			]);
			expect(story.counts).toEqual([0]);
			expect(story.invitations).toEqual([{ email: first, membership_id: null }]);
			expect(story.mail).toEqual({
				recipient: first,
				subject: 'Einladung zur Koordination: Stadt Neustadt – Freiwilligenagentur'
			});
			// Rounded like offers: 0.005° of latitude, 0.0075° of longitude.
			expect(story.centre!.name).toBe('Mitte');
			expect(Number(story.centre!.centre_lat)).toBeCloseTo(49.125, 9);
			expect(Number(story.centre!.centre_lng)).toBeCloseTo(10.335, 9);
			expect(story.nonprofitInvitation).toEqual([{ email: nonprofitCoordinator }]);
		});

		it.each([
			['an AGS of seven digits', '0918899', 'ags_invalid'],
			['an AGS with letters', '09A88999', 'ags_invalid'],
			['an AGS of Land 17', '17000000', 'ags_invalid'],
			['an AGS of Land 00', '00123456', 'ags_invalid'],
			['no AGS', '', 'ags_invalid'],
			['the AGS of an existing town', '09188999', 'ags_taken']
		])('is refused %s, with its code, and nothing is written', async (_, ags, code) => {
			await as(ctx, 'admin', async (tx) => {
				const before = await footprint(ctx, tx, 'admin');
				await expectDenied(createTown(tx, ags, newAddress()), { raised: code });
				expect(await footprint(ctx, tx, 'admin')).toEqual(before);
			});
		});

		it.each([
			[
				'a one-letter name',
				(t: Tx, ags: string) => createTown(t, ags, newAddress(), 'X'),
				'municipality_name_invalid'
			],
			[
				'a malformed invitation',
				(t: Tx, ags: string) => createTown(t, ags, 'jemand@lindenau'),
				'email_invalid'
			],
			[
				'an invitation to itself',
				(t: Tx, ags: string) => createTown(t, ags, ctx.world.emails.admin),
				'invite_self'
			]
		])('is refused %s: not even the town is written', async (_, create, code) => {
			await as(ctx, 'admin', async (tx) => {
				const before = await footprint(ctx, tx, 'admin');
				await expectDenied(create(tx, freshAgs()), { raised: code });
				expect(await footprint(ctx, tx, 'admin')).toEqual(before);
			});
		});

		it('reads how many coordinators each municipal office has, and nothing of nonprofits', async () => {
			const rows = await as(ctx, 'admin', async (tx) =>
				(
					await tx.query<{ organisation_id: string }>(
						`select organisation_id from app.organisation_coordinator_counts($1)`,
						[w().municipalities.m1]
					)
				).rows.map((r) => r.organisation_id)
			);
			expect(rows).toEqual([w().organisations.officeM1]);
		});

		it('is no municipal coordinator: cannot add districts, set policies or create nonprofits', async () => {
			await as(ctx, 'admin', async (tx) => {
				const before = await footprint(ctx, tx, 'admin');
				await expectDenied(addDistrict(tx, w().municipalities.m1, 'Neu', 52, 8.5), {
					raised: 'not_allowed'
				});
				await expectDenied(setPolicies(tx, w().municipalities.m1, false, false, false), {
					raised: 'not_allowed'
				});
				await expectDenied(createNonprofit(tx, w().municipalities.m1, 'Neu e. V.', newAddress()), {
					raised: 'not_allowed'
				});
				expect(await footprint(ctx, tx, 'admin')).toEqual(before);
			});
		});
	});

	describe('municipal coordinator of M1', () => {
		it('adds and edits districts of its town, the centre rounded like offers', async () => {
			const story = await as(ctx, 'municipal', async (tx) => {
				const id = await addDistrict(tx, w().municipalities.m1, '  Neubaugebiet ', 52.0123, 8.5349);
				await tx.query(`select app.update_district($1, 'Neubaugebiet Süd', 52.2, 8.6)`, [id]);
				await tx.query(`select app.update_district($1, 'Altstadt', 52.02, 8.53)`, [
					w().districts.d1
				]);
				const { rows } = await tx.query(
					`select name, centre_lat::numeric(8,4)::text as lat, centre_lng::numeric(8,4)::text as lng
					 from public.districts where id = $1`,
					[id]
				);
				return rows[0];
			});
			expect(story).toEqual({ name: 'Neubaugebiet Süd', lat: '52.2000', lng: '8.6025' });
		});

		it.each([
			['a centre outside Germany (Paris)', 'Paris', 48.8566, 2.3522, 'district_outside_germany'],
			['a centre north of Germany', 'Nordsee', 56, 8, 'district_outside_germany'],
			['no centre', 'Ohne', null, null, 'district_outside_germany'],
			['a one-letter name', 'X', 52, 8.5, 'district_name_invalid'],
			['the name of a district it has (ignoring case)', 'ALTSTADT', 52, 8.5, 'district_name_taken']
		])('is refused a district with %s, and nothing is written', async (_, name, lat, lng, code) => {
			await as(ctx, 'municipal', async (tx) => {
				const before = await footprint(ctx, tx, 'municipal');
				await expectDenied(addDistrict(tx, w().municipalities.m1, name, lat, lng), {
					raised: code
				});
				expect(await footprint(ctx, tx, 'municipal')).toEqual(before);
			});
		});

		it('is refused moving a district out of Germany or onto another’s name; nothing is written', async () => {
			await as(ctx, 'municipal', async (tx) => {
				const id = await addDistrict(tx, w().municipalities.m1, 'Neubaugebiet', 52.1, 8.6);
				const before = await footprint(ctx, tx, 'municipal');
				const update = (name: string, lat: number, lng: number) =>
					attempt(tx, `select app.update_district($1, $2, $3, $4)`, [id, name, lat, lng]);
				await expectDenied(update('Neubaugebiet', 48.8566, 2.3522), {
					raised: 'district_outside_germany'
				});
				await expectDenied(update('altstadt', 52.1, 8.6), { raised: 'district_name_taken' });
				await expectDenied(update('', 52.1, 8.6), { raised: 'district_name_invalid' });
				await expectDenied(
					attempt(tx, `select app.update_district(gen_random_uuid(), 'Neu', 52, 8.5)`),
					{ raised: 'district_not_found' }
				);
				expect(await footprint(ctx, tx, 'municipal')).toEqual(before);
			});
		});

		it('sets the town’s policies', async () => {
			const rows = await as(ctx, 'municipal', async (tx) => {
				await setPolicies(tx, w().municipalities.m1, false, true, false);
				return (
					await tx.query(
						`select nonprofit_needs_need_approval as a, minor_matches_need_approval as b,
						        municipality_inspects_72a as c from public.municipalities where id = $1`,
						[w().municipalities.m1]
					)
				).rows;
			});
			expect(rows).toEqual([{ a: false, b: true, c: false }]);
		});

		it('creates a nonprofit with the invitation of its first coordinator, may invite again while it has none, and reads its invitations', async () => {
			await as(ctx, 'municipal', async (tx) => {
				const before = await footprint(ctx, tx, 'municipal');
				const id = await createNonprofit(
					tx,
					w().municipalities.m1,
					'Tafel Musterstadt e. V.',
					newAddress()
				);
				const after = await footprint(ctx, tx, 'municipal');
				expect([
					after.organisations - before.organisations,
					after.invitations - before.invitations
				]).toEqual([1, 1]);
				await tx.query(`select app.invite_coordinator($1, $2, 'en', $3)`, [
					id,
					newAddress(),
					ORIGIN
				]);
				const seen = await tx.query(
					`select kind from public.organisations o join public.coordinator_invitations i on i.organisation_id = o.id
					 where o.id = $1`,
					[id]
				);
				expect(seen.rows).toEqual([{ kind: 'nonprofit' }, { kind: 'nonprofit' }]);
			});
		});

		it.each([
			[
				'a name a nonprofit of the town has (ignoring case)',
				'verein a',
				() => newAddress(),
				'organisation_name_taken'
			],
			['a one-letter name', 'V', () => newAddress(), 'organisation_name_invalid'],
			['a malformed invitation', 'Neuer Verein e. V.', () => 'kein-at-zeichen', 'email_invalid'],
			[
				'an invitation to itself',
				'Neuer Verein e. V.',
				() => ctx.world.emails.municipal,
				'invite_self'
			]
		])('is refused a nonprofit with %s, and nothing is written', async (_, name, email, code) => {
			await as(ctx, 'municipal', async (tx) => {
				const before = await footprint(ctx, tx, 'municipal');
				await expectDenied(createNonprofit(tx, w().municipalities.m1, name, email()), {
					raised: code
				});
				expect(await footprint(ctx, tx, 'municipal')).toEqual(before);
			});
		});

		it('can do nothing in another town (M2), nor leave a policy unset', async () => {
			await as(ctx, 'municipal', async (tx) => {
				const before = await footprint(ctx, tx, 'municipal');
				const m2 = w().municipalities.m2;
				await expectDenied(addDistrict(tx, m2, 'Neu', 51.5, 7.5), { raised: 'not_allowed' });
				await expectDenied(
					attempt(tx, `select app.update_district($1, 'Neu', 51.5, 7.5)`, [w().districts.d2]),
					{ raised: 'not_allowed' }
				);
				await expectDenied(setPolicies(tx, m2, true, true, true), { raised: 'not_allowed' });
				await expectDenied(createNonprofit(tx, m2, 'Neu e. V.', newAddress()), {
					raised: 'not_allowed'
				});
				await expectDenied(
					attempt(tx, `select app.invite_coordinator($1, $2, 'de', $3)`, [
						w().organisations.officeM2,
						newAddress(),
						ORIGIN
					]),
					{ raised: 'not_allowed' }
				);
				await expectDenied(setPolicies(tx, w().municipalities.m1, null, true, true), {
					raised: 'policy_missing'
				});
				const counts = await tx.query(
					`select organisation_id from app.organisation_coordinator_counts($1)`,
					[m2]
				);
				expect(counts.rows).toEqual([]);
				expect(await footprint(ctx, tx, 'municipal')).toEqual(before);
			});
		});

		it('cannot create a town (platform admins only)', async () => {
			await as(ctx, 'municipal', async (tx) => {
				await expectDenied(createTown(tx, freshAgs(), newAddress()), { raised: 'not_allowed' });
			});
		});
	});

	describe.each([
		['coordinator of nonprofit A in M1', 'coordA'],
		['municipal coordinator of M2', 'coordM2'],
		['helper', 'helper'],
		['stranger', 'stranger']
	] as const)('%s', (_, who: Who) => {
		it('can neither create a town nor manage M1’s districts, policies or nonprofits; nothing is written', async () => {
			await as(ctx, who, async (tx) => {
				const before = await footprint(ctx, tx, who);
				const m1 = w().municipalities.m1;
				await expectDenied(createTown(tx, freshAgs(), newAddress()), { raised: 'not_allowed' });
				await expectDenied(addDistrict(tx, m1, 'Neu', 52, 8.5), { raised: 'not_allowed' });
				await expectDenied(
					attempt(tx, `select app.update_district($1, 'Neu', 52, 8.5)`, [w().districts.d1]),
					{ raised: 'not_allowed' }
				);
				await expectDenied(setPolicies(tx, m1, false, false, false), { raised: 'not_allowed' });
				await expectDenied(createNonprofit(tx, m1, 'Neu e. V.', newAddress()), {
					raised: 'not_allowed'
				});
				expect(await footprint(ctx, tx, who)).toEqual(before);
			});
		});
	});

	describe('anonymous', () => {
		it('may not call the onboarding verbs at all', async () => {
			await as(ctx, 'anonymous', async (tx) => {
				await expectDenied(createTown(tx, freshAgs(), newAddress()), 'privilege');
				await expectDenied(addDistrict(tx, w().municipalities.m1, 'Neu', 52, 8.5), 'privilege');
			});
		});
	});
});
