// Private notes on pool members, by persona: A's coordinators keep one note per helper in A's
// pool; the helper never reads it (raw SQL as the helper), B's coordinator can do nothing with
// it, and the note goes with the membership.
import { describe, expect, it } from 'vitest';
import { backends } from '../harness.ts';
import { actAs, as, attempt, expectDenied, useWorld, type Context } from '../rls/support.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';

/** A note on the helper's membership in A, written by A's coordinator; then `who` acts. */
async function withNote(ctx: Context, tx: Tx, who: Parameters<typeof actAs>[2]) {
	await actAs(ctx, tx, 'coordA');
	await tx.query(
		`insert into public.pool_notes (membership_id, organisation_id, body) values ($1, $2, 'Zuverlässig, bevorzugt Vormittage')`,
		[ctx.world.memberships.helperInA, ctx.world.organisations.orgA]
	);
	await actAs(ctx, tx, who);
}

const notesSeen = (tx: Tx) => tx.query(`select * from public.pool_notes`).then((r) => r.rows);

describe.each(backends)('private notes on pool members (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('coordinator of nonprofit A', () => {
		it('writes, reads, changes and deletes the note on a helper in its pool, stamped with who and when', async () => {
			const story = await as(ctx, 'coordA', async (tx) => {
				await withNote(ctx, tx, 'coordA');
				const written = await notesSeen(tx);
				await tx.query(
					`update public.pool_notes set body = 'Hat jetzt auch samstags Zeit' where membership_id = $1`,
					[w().memberships.helperInA]
				);
				const changed = await notesSeen(tx);
				const deleted = await tx.query(`delete from public.pool_notes where membership_id = $1`, [
					w().memberships.helperInA
				]);
				return { written, changed, deleted: deleted.rowCount };
			});
			expect(story.written).toEqual([
				expect.objectContaining({
					membership_id: w().memberships.helperInA,
					organisation_id: w().organisations.orgA,
					body: 'Zuverlässig, bevorzugt Vormittage',
					updated_by: w().people.coordA
				})
			]);
			expect(story.changed[0]).toMatchObject({ body: 'Hat jetzt auch samstags Zeit' });
			expect(story.deleted).toBe(1);
		});

		it('cannot write a note on a membership of B, on a coordinator, or under another organisation', async () => {
			await as(ctx, 'coordA', async (tx) => {
				const note = (membership: string, organisation: string) =>
					attempt(
						tx,
						`insert into public.pool_notes (membership_id, organisation_id, body) values ($1, $2, 'x')`,
						[membership, organisation]
					);
				await expectDenied(note(w().memberships.helper2InB, w().organisations.orgB), 'rls');
				await expectDenied(note(w().memberships.coordAInA, w().organisations.orgA), 'rls');
				// A's membership filed under B: the key pairs membership and organisation.
				await expectDenied(note(w().memberships.helperInA, w().organisations.orgB), 'rls');
				expect(await notesSeen(tx)).toEqual([]);
			});
		});

		it('cannot stamp another writer or move a note to another membership', async () => {
			await as(ctx, 'coordA', async (tx) => {
				await withNote(ctx, tx, 'coordA');
				await expectDenied(
					attempt(tx, `update public.pool_notes set updated_by = $1`, [w().people.coordB]),
					'privilege'
				);
				await expectDenied(
					attempt(tx, `update public.pool_notes set membership_id = $1`, [
						w().memberships.helper2InB
					]),
					'privilege'
				);
			});
		});

		it('loses the note with the membership when the helper is removed from the pool', async () => {
			const left = await as(ctx, 'coordA', async (tx) => {
				await withNote(ctx, tx, 'coordA');
				await tx.query(`delete from public.memberships where id = $1`, [w().memberships.helperInA]);
				await actAs(ctx, tx, 'system');
				return (await tx.query(`select 1 from public.pool_notes`)).rowCount;
			});
			expect(left).toBe(0);
		});

		it('is refused a note longer than 2000 characters or of blanks', async () => {
			await as(ctx, 'coordA', async (tx) => {
				for (const body of ['x'.repeat(2001), '   ']) {
					const refused = await attempt(
						tx,
						`insert into public.pool_notes (membership_id, organisation_id, body) values ($1, $2, $3)`,
						[w().memberships.helperInA, w().organisations.orgA, body]
					).catch((e: { code?: string }) => e.code);
					expect(refused).toBe('23514'); // the check constraint
				}
				expect(await notesSeen(tx)).toEqual([]);
			});
		});
	});

	describe('the helper the note is about', () => {
		it('never reads it, nor changes, deletes or writes one (raw SQL)', async () => {
			const story = await as(ctx, 'coordA', async (tx) => {
				await withNote(ctx, tx, 'helper');
				const seen = await notesSeen(tx);
				const counted = await tx.query(`select count(*)::int as n from public.pool_notes`);
				const updated = await tx.query(`update public.pool_notes set body = 'Ich bin toll'`);
				const deleted = await tx.query(`delete from public.pool_notes`);
				await expectDenied(
					attempt(
						tx,
						`insert into public.pool_notes (membership_id, organisation_id, body) values ($1, $2, 'x')`,
						[w().memberships.helperInA, w().organisations.orgA]
					),
					'rls'
				);
				await actAs(ctx, tx, 'system');
				const kept = await tx.query(`select body from public.pool_notes`);
				return {
					seen,
					counted: counted.rows[0]!.n,
					updated: updated.rowCount,
					deleted: deleted.rowCount,
					kept: kept.rows
				};
			});
			expect(story).toEqual({
				seen: [],
				counted: 0,
				updated: 0,
				deleted: 0,
				kept: [{ body: 'Zuverlässig, bevorzugt Vormittage' }]
			});
		});
	});

	describe.each(['coordB', 'municipal', 'stranger'] as const)('%s', (who) => {
		it('can do nothing with A’s notes', async () => {
			const story = await as(ctx, 'coordA', async (tx) => {
				await withNote(ctx, tx, who);
				const seen = await notesSeen(tx);
				const updated = await tx.query(`update public.pool_notes set body = 'y'`);
				const deleted = await tx.query(`delete from public.pool_notes`);
				await expectDenied(
					attempt(
						tx,
						`insert into public.pool_notes (membership_id, organisation_id, body) values ($1, $2, 'x')
						 on conflict (membership_id) do nothing`,
						[w().memberships.helperInA, w().organisations.orgA]
					),
					'rls'
				);
				return { seen, updated: updated.rowCount, deleted: deleted.rowCount };
			});
			expect(story).toEqual({ seen: [], updated: 0, deleted: 0 });
		});
	});

	describe('anonymous', () => {
		it('is refused the table outright', async () => {
			await as(ctx, 'anonymous', async (tx) => {
				await expectDenied(attempt(tx, `select * from public.pool_notes`), 'privilege');
			});
		});
	});
});
