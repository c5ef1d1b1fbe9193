// What no persona may write directly, whoever asks: matches exist only through the verbs
// app.request_match and app.propose_match (which check every rule and write the ledger), a need's
// approval only through app.approve_need, a membership's person, organisation and role only at the
// invitation.
import { describe, it } from 'vitest';
import { personaNames } from '../fixtures.ts';
import { backends } from '../harness.ts';
import { expectDenied, run, useWorld, type Who } from './support.ts';

const everyone: Who[] = ['anonymous', ...personaNames];
const labels: Record<Who, string> = {
	anonymous: 'anonymous',
	helper: 'helper',
	helper2: 'helper of nonprofit B',
	coordA: 'coordinator of nonprofit A',
	coordB: 'coordinator of nonprofit B',
	municipal: 'municipal coordinator',
	coordM2: 'coordinator of another municipality',
	stranger: 'stranger',
	admin: 'platform admin'
};

describe.each(backends)('direct writes (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe.each(everyone.map((who) => [labels[who], who] as const))('%s', (_label, who) => {
		it('cannot insert a match, not even a plain request (no grant)', async () => {
			await expectDenied(
				run(
					ctx,
					who,
					`insert into public.matches (need_id, helper_id, status, initiated_by) values ($1, $2, 'requested', 'helper')`,
					[w().needs.aOpen, w().people.helper]
				),
				'privilege'
			);
		});

		it("cannot insert a match with the town's part or the score already filled in (no grant)", async () => {
			await expectDenied(
				run(
					ctx,
					who,
					`insert into public.matches (need_id, helper_id, status, initiated_by, score, helper_accepted_at, organisation_accepted_at,
					   approved_at, municipal_involvement, first_with_municipality)
					 values ($1, $2, 'active', 'coordinator', 99, now(), now(), now(), 'co_produced', true)`,
					[w().needs.aOpen, w().people.helper2]
				),
				'privilege'
			);
		});

		it("cannot write a need's approval columns (no column grant)", async () => {
			await expectDenied(
				run(
					ctx,
					who,
					`update public.needs set approved_by = $2, approved_at = now() where id = $1`,
					[w().needs.aPending, w().people.municipal]
				),
				'privilege'
			);
			await expectDenied(
				run(
					ctx,
					who,
					`insert into public.needs (organisation_id, title, category, target_group, hours, starts_on, remote, status, approved_by, approved_at)
					 values ($1, 'Selbst freigegeben', 'errands', 'seniors', 1, current_date + 30, true, 'open', $2, now())`,
					[w().organisations.orgA, w().people.municipal]
				),
				'privilege'
			);
		});

		it("cannot change a membership's person, organisation or role (no column grant)", async () => {
			await expectDenied(
				run(
					ctx,
					who,
					`update public.memberships set person_id = $2, organisation_id = $3, role = 'coordinator' where id = $1`,
					[w().memberships.helperInA, w().people.stranger, w().organisations.orgB]
				),
				'privilege'
			);
		});
	});
});
