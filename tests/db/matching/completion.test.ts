// A match through to its end: the organisation completes an active match (never its own helper,
// never another organisation), then each side gives its feedback once; the ledger records both.
import { describe, expect, it } from 'vitest';
import { feedbackOn, giveFeedback } from '../../../src/lib/server/matching/feedback.ts';
import { complete, withdraw } from '../../../src/lib/server/matching/verbs.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { backends } from '../harness.ts';
import { actAs, as, attempt, expectDenied, useWorld } from '../rls/support.ts';
import { refusalsDuring } from '../../support/refusals.ts';

const events = (tx: Tx, kind: string, match: string) =>
	tx
		.query<{ n: number }>(
			`select count(*)::int as n from public.involvement_events where kind = $1 and match_id = $2`,
			[kind, match]
		)
		.then((r) => r.rows[0]!.n);

describe.each(backends)('completing a match and its feedback (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it("completes the organisation's active match once, with its reason, in the ledger", async () => {
		const seen = await as(ctx, 'coordA', async (tx) => {
			const first = await complete(tx, w().matches.active, 'Schuljahr zu Ende');
			const again = await complete(tx, w().matches.active);
			const { rows } = await tx.query(`select status, end_reason from matches where id = $1`, [
				w().matches.active
			]);
			return {
				first,
				again,
				row: rows[0],
				events: await events(tx, 'match_completed', w().matches.active)
			};
		});
		expect(seen).toEqual({
			first: { ok: true },
			again: { ok: false, code: 'match_not_active' },
			row: { status: 'completed', end_reason: 'Schuljahr zu Ende' },
			events: 1
		});
	});

	it('without a reason, completes with none and withdraws with none', async () => {
		const reasons = await as(ctx, 'coordA', async (tx) => {
			expect(await complete(tx, w().matches.active)).toEqual({ ok: true });
			await actAs(ctx, tx, 'system');
			const { rows } = await tx.query(
				`insert into public.matches (need_id, helper_id, status, initiated_by)
				 values ($1, $2, 'proposed', 'coordinator') returning id`,
				[w().needs.aOpen, w().people.helper]
			);
			await actAs(ctx, tx, 'coordA');
			expect(await withdraw(tx, rows[0]!.id)).toEqual({ ok: true });
			await actAs(ctx, tx, 'system');
			return (
				await tx.query(`select end_reason from matches where id = any($1) order by status`, [
					[w().matches.active, rows[0]!.id]
				])
			).rows.map((r) => r.end_reason);
		});
		expect(reasons.every((r) => r === null || r === '')).toBe(true);
		expect(reasons).toHaveLength(2);
	});

	// Parties to the match (its helper, the town) hear not_allowed; to anyone else it reads as
	// no match at all.
	it.each([
		['coordB', 'match_not_found'],
		['helper', 'not_allowed'],
		['municipal', 'not_allowed'],
		['stranger', 'match_not_found']
	] as const)('refuses %s, writing nothing (%s)', async (who, code) => {
		const seen = await as(ctx, who, async (tx) => ({
			result: await complete(tx, w().matches.active),
			status: await actAs(ctx, tx, 'system').then(
				async () =>
					(await tx.query(`select status from matches where id = $1`, [w().matches.active])).rows[0]
						?.status
			)
		}));
		expect(seen).toEqual({ result: { ok: false, code }, status: 'active' });
	});

	it("refuses a coordinator who is the match's helper (own_match)", async () => {
		const result = await as(ctx, 'system', async (tx) => {
			await tx.query(
				`insert into public.memberships (organisation_id, person_id, role, status) values ($1, $2, 'coordinator', 'active')`,
				[w().organisations.orgA, w().people.helper]
			);
			await actAs(ctx, tx, 'helper');
			return complete(tx, w().matches.active);
		});
		expect(result).toEqual({ ok: false, code: 'own_match' });
	});

	it('takes each perspective once, from whom it belongs to, and records it', async () => {
		const m = w().matches.completed;
		const seen = await as(ctx, 'helper', async (tx) => {
			const before = await events(tx, 'feedback_given', m);
			const entry = { matchId: m, rating: 5, comment: 'Hat Spaß gemacht' };
			const helper = await giveFeedback(tx, w().people.helper, { ...entry, perspective: 'helper' });
			const helperAgain = await giveFeedback(tx, w().people.helper, {
				...entry,
				perspective: 'helper'
			});
			const helperForOrg = await giveFeedback(tx, w().people.helper, {
				...entry,
				perspective: 'beneficiary'
			});
			await actAs(ctx, tx, 'coordA');
			const beneficiary = await giveFeedback(tx, w().people.coordA, {
				...entry,
				perspective: 'beneficiary'
			});
			// The world holds coordA's coordinator feedback already.
			const coordinatorAgain = await giveFeedback(tx, w().people.coordA, {
				...entry,
				perspective: 'coordinator'
			});
			await actAs(ctx, tx, 'coordB');
			const other = await giveFeedback(tx, w().people.coordB, {
				...entry,
				perspective: 'coordinator'
			});
			await actAs(ctx, tx, 'system');
			return {
				helper,
				helperAgain,
				helperForOrg,
				beneficiary,
				coordinatorAgain,
				other,
				events: (await events(tx, 'feedback_given', m)) - before
			};
		});
		expect(seen).toEqual({
			helper: { ok: true },
			helperAgain: { ok: false, code: 'feedback_given' },
			helperForOrg: { ok: false, code: 'not_allowed' },
			beneficiary: { ok: true },
			coordinatorAgain: { ok: false, code: 'feedback_given' },
			other: { ok: false, code: 'not_allowed' },
			events: 2
		});
	});

	it('takes no feedback on a match still going', async () => {
		const result = await as(ctx, 'helper', (tx) =>
			giveFeedback(tx, w().people.helper, {
				matchId: w().matches.active,
				perspective: 'helper',
				rating: 4,
				comment: ''
			})
		);
		expect(result).toEqual({ ok: false, code: 'not_allowed' });
	});

	it('says feedback_given in the database itself, before the unique constraint would', async () => {
		await as(ctx, 'coordA', (tx) =>
			expectDenied(
				attempt(
					tx,
					`insert into feedback (match_id, author_id, perspective, rating) values ($1, $2, 'coordinator', 3)`,
					[w().matches.completed, w().people.coordA]
				),
				{ raised: 'feedback_given' }
			)
		);
	});

	it('logs a rating refused by the policy as the feedback verb’s not_allowed', async () => {
		const { result, refusals } = await refusalsDuring(() =>
			as(ctx, 'coordB', (tx) =>
				giveFeedback(tx, w().people.coordB, {
					matchId: w().matches.completed,
					perspective: 'coordinator',
					rating: 1,
					comment: ''
				})
			)
		);
		expect(result).toEqual({ ok: false, code: 'not_allowed' });
		expect(refusals.map((r) => r.what)).toEqual(['feedback: not_allowed']);
	});

	it('says feedback_given when a second rating gets past the check to the unique constraint (two at once)', async () => {
		const seen = await as(ctx, 'system', async (tx) => {
			// As if the world's rating were written while this one was already past the trigger.
			await tx.query('alter table public.feedback disable trigger feedback_record');
			await actAs(ctx, tx, 'coordA');
			const result = await giveFeedback(tx, w().people.coordA, {
				matchId: w().matches.completed,
				perspective: 'coordinator',
				rating: 2,
				comment: 'Noch einmal'
			});
			// The transaction goes on after the refusal.
			const ratings = await feedbackOn(tx, [w().matches.completed]);
			return { result, ratings: ratings.map((f) => f.rating) };
		});
		expect(seen).toEqual({ result: { ok: false, code: 'feedback_given' }, ratings: [5] });
	});

	it('reads the feedback on the matches given, in the order given, to those who may', async () => {
		const m = w().matches.completed;
		const seen = await as(ctx, 'helper', async (tx) => {
			await giveFeedback(tx, w().people.helper, {
				matchId: m,
				perspective: 'helper',
				rating: 4,
				comment: 'Gern wieder'
			});
			const helper = await feedbackOn(tx, [m, w().matches.active]);
			const none = await feedbackOn(tx, [w().matches.active]);
			await actAs(ctx, tx, 'coordA');
			const coordA = await feedbackOn(tx, [m]);
			await actAs(ctx, tx, 'coordB');
			const coordB = await feedbackOn(tx, [m]);
			return { helper, none, coordA, coordB };
		});
		const both = [
			{ matchId: m, perspective: 'coordinator', rating: 5, comment: 'Zuverlässig' },
			{ matchId: m, perspective: 'helper', rating: 4, comment: 'Gern wieder' }
		];
		expect(seen).toEqual({ helper: both, none: [], coordA: both, coordB: [] });
	});
});
