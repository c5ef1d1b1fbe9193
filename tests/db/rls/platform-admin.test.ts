// Row-level security for a platform admin without memberships: sees who the platform admins are,
// and otherwise only what every signed-in person sees.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { affected, all, expectDenied, itReadsExactly, run, useWorld } from './support.ts';

describe.each(backends)('platform admin (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	itReadsExactly(ctx, 'admin', (w) => ({
		municipalities: all(w, 'municipalities'),
		districts: all(w, 'districts'),
		organisations: all(w, 'organisations'),
		profiles: [w.people.admin],
		contact_details: [w.people.admin],
		memberships: [],
		platform_admins: [w.people.admin],
		offers: [],
		needs: [w.needs.aOpen, w.needs.aMatched, w.needs.bOpen, w.needs.m2Open],
		matches: [],
		hour_logs: [],
		inspections_72a: [],
		involvement_events: [],
		feedback: [],
		need_suggestions: []
	}));

	it('cannot name further platform admins or step down through the API (no grant)', async () => {
		await expectDenied(
			run(ctx, 'admin', `insert into public.platform_admins (person_id) values ($1)`, [
				w().people.stranger
			]),
			'privilege'
		);
		await expectDenied(
			run(ctx, 'admin', `delete from public.platform_admins where person_id = $1`, [
				w().people.admin
			]),
			'privilege'
		);
	});

	it("is no municipal coordinator: cannot approve needs (need_not_found) nor open them, nor change a town's policy (0 rows)", async () => {
		await expectDenied(run(ctx, 'admin', 'select app.approve_need($1)', [w().needs.aPending]), {
			raised: 'need_not_found'
		});
		expect(
			await affected(ctx, 'admin', `update public.needs set status = 'open' where id = $1`, [
				w().needs.aPending
			])
		).toBe(0);
		expect(
			await affected(
				ctx,
				'admin',
				`update public.municipalities set nonprofit_needs_need_approval = false where id = $1`,
				[w().municipalities.m1]
			)
		).toBe(0);
	});
});
