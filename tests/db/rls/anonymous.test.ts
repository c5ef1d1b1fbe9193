// Row-level security for an anonymous visitor (role anon): the public directory of
// municipalities, districts and organisations, and nothing else — not even a count.
import { describe, it } from 'vitest';
import { publicTables } from '../fixtures.ts';
import { backends } from '../harness.ts';
import { all, expectDenied, itReadsExactly, run, useWorld } from './support.ts';

describe.each(backends)('anonymous (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	itReadsExactly(ctx, 'anonymous', (w) => ({
		municipalities: all(w, 'municipalities'),
		districts: all(w, 'districts'),
		organisations: all(w, 'organisations'),
		profiles: 'denied',
		contact_details: 'denied',
		memberships: 'denied',
		platform_admins: 'denied',
		offers: 'denied',
		needs: 'denied',
		matches: 'denied',
		hour_logs: 'denied',
		inspections_72a: 'denied',
		involvement_events: 'denied',
		feedback: 'denied',
		need_suggestions: 'denied'
	}));

	it('cannot change the public directory (no grant)', async () => {
		await expectDenied(
			run(
				ctx,
				'anonymous',
				`update public.municipalities set municipality_inspects_72a = false where id = $1`,
				[w().municipalities.m1]
			),
			'privilege'
		);
		await expectDenied(
			run(ctx, 'anonymous', `update public.organisations set contact_phone = '1' where id = $1`, [
				w().organisations.orgA
			]),
			'privilege'
		);
		await expectDenied(
			run(ctx, 'anonymous', `delete from public.districts where id = $1`, [w().districts.d1]),
			'privilege'
		);
		await expectDenied(
			run(
				ctx,
				'anonymous',
				`insert into public.organisations (municipality_id, name, kind) values ($1, 'Anonym e. V.', 'nonprofit')`,
				[w().municipalities.m1]
			),
			'privilege'
		);
	});

	it.each(
		publicTables.filter((t) => !['municipalities', 'districts', 'organisations'].includes(t))
	)('cannot write to %s (no grant)', async (table) => {
		await expectDenied(
			run(ctx, 'anonymous', `insert into public.${table} default values`),
			'privilege'
		);
		await expectDenied(run(ctx, 'anonymous', `delete from public.${table}`), 'privilege');
	});

	it('cannot call the policy helpers in private (no grant)', async () => {
		await expectDenied(
			run(ctx, 'anonymous', `select private.coordinated_organisation_ids()`),
			'privilege'
		);
		await expectDenied(
			run(ctx, 'anonymous', `select private.is_pool_member($1, $2)`, [
				w().organisations.orgA,
				w().people.helper
			]),
			'privilege'
		);
	});

	it('cannot call the match or pool verbs (no grant)', async () => {
		await expectDenied(
			run(ctx, 'anonymous', `select app.request_match($1)`, [w().needs.aOpen]),
			'privilege'
		);
		await expectDenied(
			run(ctx, 'anonymous', `select app.propose_match($1, $2)`, [
				w().needs.aOpen,
				w().people.helper2
			]),
			'privilege'
		);
		await expectDenied(
			run(ctx, 'anonymous', `select app.accept_invitation($1)`, [w().organisations.orgA]),
			'privilege'
		);
		await expectDenied(
			run(ctx, 'anonymous', `select app.leave_pool($1)`, [w().organisations.orgA]),
			'privilege'
		);
	});
});
