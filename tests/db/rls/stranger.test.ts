// Row-level security for a stranger: an account, no memberships, no offer yet. Sees the public
// directory and open needs, may start helping; nothing about anyone else.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import {
	actAs,
	affected,
	all,
	as,
	attempt,
	expectDenied,
	itReadsExactly,
	run,
	useWorld
} from './support.ts';

describe.each(backends)('stranger (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	itReadsExactly(ctx, 'stranger', (w) => ({
		municipalities: all(w, 'municipalities'),
		districts: all(w, 'districts'),
		organisations: all(w, 'organisations'),
		profiles: [w.people.stranger],
		contact_details: [w.people.stranger],
		memberships: [],
		platform_admins: [],
		offers: [],
		needs: [w.needs.aOpen, w.needs.aMatched, w.needs.bOpen, w.needs.m2Open],
		matches: [],
		hour_logs: [],
		inspections_72a: [],
		involvement_events: [],
		feedback: [],
		need_suggestions: [w.suggestions.byStranger]
	}));

	it('offers hours, says "I can help" to an open need and suggests a need', async () => {
		const s = w().people.stranger;
		const outcome = await as(ctx, 'stranger', async (tx) => {
			// without an offer there is nothing to check the need against
			await expectDenied(attempt(tx, `select app.request_match($1)`, [w().needs.bOpen]), {
				raised: 'no_offer'
			});
			const offered = await tx.query(
				`insert into public.offers (helper_id, municipality_id, categories, target_groups, hours_per_month, home_lat, home_lng, radius_km)
				 values ($1, $2, '{homework}', '{youth}', 4, 52.02, 8.53, 3)`,
				[s, w().municipalities.m1]
			);
			// B's need asks for a §72a inspection, which the stranger does not have
			await expectDenied(attempt(tx, `select app.request_match($1)`, [w().needs.bOpen]), {
				raised: 'inspection_required'
			});
			await actAs(ctx, tx, 'system');
			await tx.query(`update public.needs set requires_72a = false where id = $1`, [
				w().needs.bOpen
			]);
			await actAs(ctx, tx, 'stranger');
			const match = (await tx.query(`select app.request_match($1) as id`, [w().needs.bOpen]))
				.rows[0]!.id;
			const { rows } = await tx.query(`select status from public.matches where id = $1`, [match]);
			return { offered: offered.rowCount, requested: rows };
		});
		expect(outcome).toEqual({ offered: 1, requested: [{ status: 'requested' }] });
		expect(
			(
				await run(
					ctx,
					'stranger',
					`insert into public.need_suggestions (municipality_id, author_id, body) values ($1, $2, 'Bitte Lesepaten für die Grundschule.')`,
					[w().municipalities.m2, s]
				)
			).rowCount
		).toBe(1);
	});

	it('cannot write a match directly, nor accept an invitation it does not hold', async () => {
		await expectDenied(
			run(
				ctx,
				'stranger',
				`insert into public.matches (need_id, helper_id, status, initiated_by) values ($1, $2, 'requested', 'helper')`,
				[w().needs.bOpen, w().people.stranger]
			),
			'privilege'
		);
		await expectDenied(
			run(ctx, 'stranger', `select app.accept_invitation($1)`, [w().organisations.orgA]),
			{ raised: 'not_invited' }
		);
	});

	it('cannot join a pool, post a need, log hours, record an inspection or write the ledger', async () => {
		const s = w().people.stranger;
		await expectDenied(
			run(
				ctx,
				'stranger',
				`insert into public.memberships (organisation_id, person_id, role) values ($1, $2, 'helper')`,
				[w().organisations.orgA, s]
			),
			'rls'
		);
		await expectDenied(
			run(
				ctx,
				'stranger',
				`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, remote) values ($1, 'Bedarf', 'errands', 'seniors', 1, current_date + 30, true)`,
				[w().organisations.orgA]
			),
			'rls'
		);
		await expectDenied(
			run(
				ctx,
				'stranger',
				`insert into public.hour_logs (match_id, worked_on, hours) values ($1, (now() at time zone 'Europe/Berlin')::date, 1)`,
				[w().matches.active]
			),
			'privilege'
		);
		await expectDenied(
			run(
				ctx,
				'stranger',
				`insert into public.inspections_72a (helper_id, inspecting_organisation_id, certificate_date, conviction_listed, recheck_on) values ($1, $2, '2026-01-01', false, '2031-01-01')`,
				[s, w().organisations.orgA]
			),
			{ raised: 'own_inspection' }
		);
		await expectDenied(
			run(
				ctx,
				'stranger',
				`insert into public.involvement_events (kind, municipality_id) values ('need_posted', $1)`,
				[w().municipalities.m1]
			),
			'privilege'
		);
	});

	it('changes nothing of anyone else (0 rows)', async () => {
		const zero: [string, string][] = [
			[`update public.profiles set display_name = 'x' where id = $1`, w().people.helper],
			[
				`update public.contact_details set phone = '0000 00000' where person_id = $1`,
				w().people.helper
			],
			[`update public.organisations set contact_phone = '1' where id = $1`, w().organisations.orgA],
			[
				`update public.municipalities set municipality_inspects_72a = false where id = $1`,
				w().municipalities.m1
			],
			[`update public.memberships set status = 'ended' where id = $1`, w().memberships.helperInA],
			[`delete from public.memberships where id = $1`, w().memberships.helperInA],
			[`update public.offers set hours_per_month = 1 where id = $1`, w().offers.helper],
			[`delete from public.offers where id = $1`, w().offers.helper],
			[`update public.needs set title = 'xxx' where id = $1`, w().needs.aOpen],
			[`update public.hour_logs set status = 'confirmed' where id = $1`, w().hourLogs.onActive],
			[
				`update public.inspections_72a set conviction_listed = true where id = $1`,
				w().inspections.helperByA
			],
			[`delete from public.inspections_72a where id = $1`, w().inspections.helperByA]
		];
		for (const [sql, id] of zero)
			expect({ sql, rows: await affected(ctx, 'stranger', sql, [id]) }).toEqual({ sql, rows: 0 });
		// Suggestions are handled through the verbs only: no update grant at all.
		await expectDenied(
			run(
				ctx,
				'stranger',
				`update public.need_suggestions set status = 'dismissed' where id = $1`,
				[w().suggestions.byStranger]
			),
			'privilege'
		);
	});
});
