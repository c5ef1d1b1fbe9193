// The onboarding module the admin and town pages call (src/lib/server/onboarding/towns.ts), run as
// the persona on both backends: what the platform admin and a municipal coordinator read, each
// verb's typed result (ok with the new row's id, or its refusal code), what the database holds
// afterwards, and which form field a refusal belongs to. Every story is rolled back.
import { describe, expect, it } from 'vitest';
import {
	addDistrict,
	createMunicipality,
	createNonprofit,
	fieldOf,
	isPlatformAdmin,
	platformTowns,
	setTownPolicies,
	townOverview,
	updateDistrict
} from '../../../src/lib/server/onboarding/towns.ts';
import { inviteCoordinator } from '../../../src/lib/server/onboarding/team.ts';
import { ONBOARDING_ERROR_CODES } from '../../../src/lib/domain/errors.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';
import { footprint, newAddress, ORIGIN } from './support.ts';

const UNKNOWN = '00000000-0000-4000-8000-00000000dead';

const freshAgs = () => `05${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;

describe.each(backends)('the onboarding module (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('tells a platform admin from everyone else', async () => {
		const seen = await as(ctx, 'admin', async (tx) => ({
			admin: await isPlatformAdmin(tx, w().people.admin),
			municipal: await isPlatformAdmin(tx, w().people.municipal)
		}));
		const bySelf = await as(ctx, 'municipal', (tx) => isPlatformAdmin(tx, w().people.municipal));
		expect(seen).toEqual({ admin: true, municipal: false });
		expect(bySelf).toBe(false);
	});

	it('lists every town for the platform admin with its offices, their coordinator numbers and open invitations', async () => {
		const story = await as(ctx, 'coordM2', async (tx) => {
			const address = newAddress();
			await inviteCoordinator(
				tx,
				w().organisations.officeM2,
				{ email: address, locale: 'de' },
				ORIGIN
			);
			await actAs(ctx, tx, 'admin');
			return { address, towns: await platformTowns(tx) };
		});
		const m1 = story.towns.find((t) => t.id === w().municipalities.m1);
		const m2 = story.towns.find((t) => t.id === w().municipalities.m2);
		expect(m1).toEqual({
			id: w().municipalities.m1,
			name: expect.stringMatching(/^Musterstadt /),
			ags: expect.stringMatching(/^\d{8}$/),
			offices: [
				{
					id: w().organisations.officeM1,
					name: 'Freiwilligenagentur Musterstadt',
					kind: 'municipal',
					activeCoordinators: 1,
					invitations: []
				}
			]
		});
		expect(m2!.offices).toEqual([
			{
				id: w().organisations.officeM2,
				name: 'Seniorenbüro Anderdorf',
				kind: 'municipal',
				activeCoordinators: 1,
				invitations: [expect.objectContaining({ email: story.address })]
			}
		]);
		// Towns by name; nonprofits are no office.
		const names = story.towns.map((t) => t.name);
		expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
		const offices = story.towns.flatMap((t) => t.offices.map((o) => o.id));
		expect(offices).not.toContain(w().organisations.orgA);
	});

	it('creates a town with its office and the first invitation, returning the new id; refuses a taken AGS', async () => {
		const story = await as(ctx, 'admin', async (tx) => {
			const ags = freshAgs();
			const email = newAddress();
			const created = await createMunicipality(
				tx,
				{ name: 'Neustadt', ags, officeName: 'Bürgerbüro Neustadt', email, locale: 'en' },
				ORIGIN
			);
			const town = await tx.query(`select name, ags from public.municipalities where id = $1`, [
				created.ok ? created.id : UNKNOWN
			]);
			const office = await tx.query(
				`select o.name, o.kind, i.email, i.locale from public.organisations o
				 join public.coordinator_invitations i on i.organisation_id = o.id
				 where o.municipality_id = $1`,
				[created.ok ? created.id : UNKNOWN]
			);
			const before = await footprint(ctx, tx, 'admin');
			const taken = await createMunicipality(
				tx,
				{ name: 'Zweitstadt', ags, officeName: 'Büro', email: newAddress(), locale: 'de' },
				ORIGIN
			);
			const after = await footprint(ctx, tx, 'admin');
			return { created, town: town.rows, office: office.rows, ags, email, taken, before, after };
		});
		expect(story.created).toEqual({ ok: true, id: expect.any(String) });
		expect(story.town).toEqual([{ name: 'Neustadt', ags: story.ags }]);
		expect(story.office).toEqual([
			{ name: 'Bürgerbüro Neustadt', kind: 'municipal', email: story.email, locale: 'en' }
		]);
		expect(story.taken).toEqual({ ok: false, code: 'ags_taken' });
		expect(story.after).toEqual(story.before);
	});

	it('refuses a municipal coordinator creating a town', async () => {
		const refused = await as(ctx, 'municipal', (tx) =>
			createMunicipality(
				tx,
				{
					name: 'Neustadt',
					ags: freshAgs(),
					officeName: 'Büro',
					email: newAddress(),
					locale: 'de'
				},
				ORIGIN
			)
		);
		expect(refused).toEqual({ ok: false, code: 'not_allowed' });
	});

	it('shows a municipal coordinator its town: policies, districts on the grid, organisations with their teams', async () => {
		const story = await as(ctx, 'municipal', async (tx) => {
			const address = newAddress();
			const nonprofit = await createNonprofit(
				tx,
				w().municipalities.m1,
				{ name: 'Aaa Neuverein', email: address, locale: 'de' },
				ORIGIN
			);
			return { address, nonprofit, town: await townOverview(tx, w().municipalities.m1) };
		});
		const newId = story.nonprofit.ok ? story.nonprofit.id : UNKNOWN;
		expect(story.town).toEqual({
			id: w().municipalities.m1,
			name: expect.stringMatching(/^Musterstadt /),
			ags: expect.stringMatching(/^\d{8}$/),
			policies: {
				nonprofitNeedsNeedApproval: true,
				minorMatchesNeedApproval: expect.any(Boolean),
				municipalityInspects72a: true
			},
			// Stored as 52.02 / 8.53; shown on the offers' grid.
			districts: [{ id: w().districts.d1, name: 'Altstadt', lat: 52.02, lng: 8.5275 }],
			organisations: [
				expect.objectContaining({
					id: w().organisations.officeM1,
					kind: 'municipal',
					activeCoordinators: 1,
					invitations: []
				}),
				{
					id: newId,
					name: 'Aaa Neuverein',
					kind: 'nonprofit',
					activeCoordinators: 0,
					invitations: [expect.objectContaining({ organisationId: newId, email: story.address })]
				},
				expect.objectContaining({ id: w().organisations.orgA, activeCoordinators: 1 }),
				expect.objectContaining({ id: w().organisations.orgB, activeCoordinators: 1 })
			]
		});
	});

	it('gives no coordinator numbers to a reader who does not govern the town (0), and no error', async () => {
		const town = await as(ctx, 'coordA', (tx) => townOverview(tx, w().municipalities.m1));
		expect(town.id).toBe(w().municipalities.m1);
		expect(town.organisations.map((o) => [o.id, o.activeCoordinators])).toEqual([
			[w().organisations.officeM1, 0],
			[w().organisations.orgA, 0],
			[w().organisations.orgB, 0]
		]);
	});

	it('creates a nonprofit (its id comes back) and refuses a name the town already has', async () => {
		const story = await as(ctx, 'municipal', async (tx) => {
			const created = await createNonprofit(
				tx,
				w().municipalities.m1,
				{ name: 'Tafel Musterstadt', email: newAddress(), locale: 'de' },
				ORIGIN
			);
			const row = await tx.query(
				`select name, kind, municipality_id from public.organisations where id = $1`,
				[created.ok ? created.id : UNKNOWN]
			);
			const taken = await createNonprofit(
				tx,
				w().municipalities.m1,
				{ name: 'Verein A', email: newAddress(), locale: 'de' },
				ORIGIN
			);
			const elsewhere = await createNonprofit(
				tx,
				w().municipalities.m2,
				{ name: 'Anderverein', email: newAddress(), locale: 'de' },
				ORIGIN
			);
			return { created, row: row.rows, taken, elsewhere };
		});
		expect(story.created).toEqual({ ok: true, id: expect.any(String) });
		expect(story.row).toEqual([
			{ name: 'Tafel Musterstadt', kind: 'nonprofit', municipality_id: w().municipalities.m1 }
		]);
		expect(story.taken).toEqual({ ok: false, code: 'organisation_name_taken' });
		expect(story.elsewhere).toEqual({ ok: false, code: 'not_allowed' });
	});

	it.each([
		[true, false, false],
		[false, true, false],
		[false, false, true]
	])(
		'sets each of the town’s policies on its own (%s, %s, %s)',
		async (nonprofitNeedsNeedApproval, minorMatchesNeedApproval, municipalityInspects72a) => {
			const policies = {
				nonprofitNeedsNeedApproval,
				minorMatchesNeedApproval,
				municipalityInspects72a
			};
			const story = await as(ctx, 'municipal', async (tx) => ({
				set: await setTownPolicies(tx, w().municipalities.m1, policies),
				read: (await townOverview(tx, w().municipalities.m1)).policies
			}));
			expect(story).toEqual({ set: { ok: true }, read: policies });
		}
	);

	it('refuses policies for another town', async () => {
		const refused = await as(ctx, 'municipal', (tx) =>
			setTownPolicies(tx, w().municipalities.m2, {
				nonprofitNeedsNeedApproval: true,
				minorMatchesNeedApproval: true,
				municipalityInspects72a: true
			})
		);
		expect(refused).toEqual({ ok: false, code: 'not_allowed' });
	});

	it('adds a district (its id comes back) and edits it; refuses a taken name and an unknown district', async () => {
		const story = await as(ctx, 'municipal', async (tx) => {
			const added = await addDistrict(tx, w().municipalities.m1, {
				name: 'Neubaugebiet',
				lat: 52.1,
				lng: 8.6
			});
			const id = added.ok ? added.id : UNKNOWN;
			const updated = await updateDistrict(tx, id, { name: 'Südstadt', lat: 51.5, lng: 9.0 });
			const row = await tx.query(
				`select name, centre_lat as lat, centre_lng as lng from public.districts where id = $1`,
				[id]
			);
			const taken = await addDistrict(tx, w().municipalities.m1, {
				name: 'Altstadt',
				lat: 52,
				lng: 8.5
			});
			const takenOnEdit = await updateDistrict(tx, id, { name: 'Altstadt', lat: 52, lng: 8.5 });
			const unknown = await updateDistrict(tx, UNKNOWN, { name: 'Irgendwo', lat: 52, lng: 8.5 });
			return { added, updated, row: row.rows, taken, takenOnEdit, unknown };
		});
		expect(story.added).toEqual({ ok: true, id: expect.any(String) });
		expect(story.updated).toEqual({ ok: true });
		expect(story.row).toEqual([{ name: 'Südstadt', lat: 51.5, lng: 9 }]);
		expect(story.taken).toEqual({ ok: false, code: 'district_name_taken' });
		expect(story.takenOnEdit).toEqual({ ok: false, code: 'district_name_taken' });
		expect(story.unknown).toEqual({ ok: false, code: 'district_not_found' });
	});

	it('puts each refusal next to its form field', () => {
		const fields = Object.fromEntries(ONBOARDING_ERROR_CODES.map((c) => [c, fieldOf(c)]));
		expect(fields).toEqual({
			not_allowed: 'form',
			email_invalid: 'email',
			invite_self: 'email',
			already_coordinator: 'email',
			already_invited: 'email',
			municipality_name_invalid: 'name',
			ags_invalid: 'ags',
			ags_taken: 'ags',
			organisation_name_invalid: 'officeName',
			organisation_name_taken: 'officeName',
			policy_missing: 'form',
			district_name_invalid: 'name',
			district_outside_germany: 'lat',
			district_name_taken: 'name',
			district_not_found: 'form'
		});
		expect(fieldOf('organisation_name_taken', 'name')).toBe('name');
		expect(fieldOf('organisation_name_invalid', 'name')).toBe('name');
		expect(fieldOf('ags_taken', 'name')).toBe('ags');
	});
});
