// The town's approval queue by persona: what a municipal coordinator sees of needs and matches
// waiting for the town, their decisions one by one and several at once (each on its own: a
// refused item leaves the others decided and itself untouched), and who is refused — a
// municipal coordinator of another town, a nonprofit's coordinator, anyone on their own need or
// match. The organisation reads the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import {
	approvalQueue,
	decide,
	decideMany,
	townApprovals
} from '../../../src/lib/server/approvals/queue.ts';
import { accept, propose } from '../../../src/lib/server/matching/verbs.ts';
import { myMatches } from '../../../src/lib/server/matching/read.ts';
import { readNeed } from '../../../src/lib/server/needs/read.ts';
import { organisationOverview } from '../../../src/lib/server/organisations/coordination.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, inspection, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('the town’s approval queue on %s', (backend) => {
	let db: Database;
	let t: Town;
	let other: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool, { minor_matches_need_approval: true });
		other = await town(db.pool, { minor_matches_need_approval: true });
		for (const m of [t.municipality, other.municipality]) {
			await db.pool.query(
				'update municipalities set nonprofit_needs_need_approval = true where id = $1',
				[m]
			);
		}
	});
	afterAll(() => db.close());

	const pendingNeed = (organisation: string, title = 'Lernhilfe Mathe') =>
		need(db.pool, { organisation, title, status: 'pending_approval' });
	const needStatus = async (id: string) =>
		(await db.pool.query<{ status: string }>('select status from needs where id = $1', [id]))
			.rows[0]!.status;
	const matchRow = async (id: string) =>
		(
			await db.pool.query<{ status: string; end_reason: string | null }>(
				'select status, end_reason from matches where id = $1',
				[id]
			)
		).rows[0]!;

	/** A youth match of organisation A, accepted by both sides: it waits for the town. */
	async function pendingMatch(opts: { requires72a?: boolean; proposer?: string } = {}) {
		const n = await need(db.pool, {
			organisation: t.orgA,
			target_group: 'youth',
			requires_72a: opts.requires72a ?? false
		});
		const h = await helper(db.pool, { municipality: t.municipality, name: 'Jana K.' });
		if (opts.requires72a) await inspection(db.pool, h, t.orgA);
		const proposed = await as(db.pool, opts.proposer ?? t.coordA, (tx) => propose(tx, n, h));
		if (!proposed.ok) throw new Error(`propose refused: ${proposed.code}`);
		const accepted = await as(db.pool, h, (tx) => accept(tx, proposed.matchId));
		if (!accepted.ok || accepted.status !== 'pending_approval') throw new Error('not pending');
		return { needId: n, helperId: h, matchId: proposed.matchId };
	}

	describe('municipal coordinator of the town', () => {
		it('sees the town’s policies and its pending needs with their facts, not drafts', async () => {
			const waiting = await pendingNeed(t.orgA, 'Begleitung zum Arzt');
			const draft = await need(db.pool, { organisation: t.orgB, status: 'draft' });
			const access = await as(db.pool, t.municipal, (tx) => townApprovals(tx, t.office));
			expect(access).toMatchObject({
				municipalityId: t.municipality,
				needsPolicy: true,
				matchesPolicy: true
			});
			const queue = await as(db.pool, t.municipal, (tx) => approvalQueue(tx, t.municipality));
			const item = queue.needs.find((n) => n.id === waiting);
			expect(item).toMatchObject({
				title: 'Begleitung zum Arzt',
				organisationName: 'Verein A',
				category: 'homework',
				targetGroup: 'youth',
				arrival: 'new',
				own: false
			});
			expect(queue.needs.map((n) => n.id)).not.toContain(draft);
		});

		it('approves a need: it opens', async () => {
			const id = await pendingNeed(t.orgA);
			const r = await as(db.pool, t.municipal, (tx) =>
				decide(tx, t.municipality, { kind: 'need', id }, 'approve', '')
			);
			expect(r).toEqual({ ok: true });
			expect(await needStatus(id)).toBe('open');
		});

		it('sends a need back; the organisation reads why on the need and the organisation page; resubmitted, the queue says so', async () => {
			const id = await pendingNeed(t.orgA, 'Hausaufgaben Neufeld');
			const reason = 'Bitte die Uhrzeit ergänzen.';
			expect(
				await as(db.pool, t.municipal, (tx) =>
					decide(tx, t.municipality, { kind: 'need', id }, 'send_back', reason)
				)
			).toEqual({ ok: true });
			expect(await needStatus(id)).toBe('draft');
			const seen = await as(db.pool, t.coordA, (tx) => readNeed(tx, id));
			expect(seen).toMatchObject({ status: 'draft', sentBackReason: reason });
			expect(seen?.sentBackOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			const overview = await as(db.pool, t.coordA, (tx) =>
				organisationOverview(tx, {
					id: t.orgA,
					name: 'Verein A',
					kind: 'nonprofit',
					municipalityName: 'x'
				})
			);
			expect(overview.needs.find((n) => n.id === id)?.sentBackReason).toBe(reason);
			// The organisation submits it again: the town sees its earlier reason.
			await as(db.pool, t.coordA, (tx) =>
				tx.query(`update needs set status = 'pending_approval' where id = $1`, [id])
			);
			const queue = await as(db.pool, t.municipal, (tx) => approvalQueue(tx, t.municipality));
			expect(queue.needs.find((n) => n.id === id)).toMatchObject({
				arrival: 'resubmitted',
				sentBackReason: reason
			});
		});

		it('a need changed after approval waits again and says when it was approved', async () => {
			const id = await pendingNeed(t.orgA);
			await as(db.pool, t.municipal, (tx) =>
				decide(tx, t.municipality, { kind: 'need', id }, 'approve', '')
			);
			await as(db.pool, t.coordA, (tx) =>
				tx.query('update needs set hours = 5 where id = $1', [id])
			);
			expect(await needStatus(id)).toBe('pending_approval');
			const queue = await as(db.pool, t.municipal, (tx) => approvalQueue(tx, t.municipality));
			const item = queue.needs.find((n) => n.id === id);
			expect(item?.arrival).toBe('changed');
			expect(item?.approvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		});

		it('sees a pending match: need, helper’s display name, organisation — and §72a only as yes or no', async () => {
			const plain = await pendingMatch();
			const checked = await pendingMatch({ requires72a: true });
			const queue = await as(db.pool, t.municipal, (tx) => approvalQueue(tx, t.municipality));
			expect(queue.matches.find((m) => m.id === plain.matchId)).toMatchObject({
				needId: plain.needId,
				helperName: 'Jana K.',
				organisationName: 'Verein A',
				targetGroup: 'youth',
				initiatedBy: 'coordinator',
				requires72a: false,
				inspectionValid: null,
				own: false
			});
			expect(queue.matches.find((m) => m.id === checked.matchId)).toMatchObject({
				requires72a: true,
				inspectionValid: true
			});
			// The record itself stays with the inspecting organisation.
			const records = await as(db.pool, t.municipal, (tx) =>
				tx.query('select 1 from inspections_72a where helper_id = $1', [checked.helperId])
			);
			expect(records.rows).toHaveLength(0);
			// Once the inspection is gone, the town sees it is missing, and approval is refused.
			await db.pool.query('delete from inspections_72a where helper_id = $1', [checked.helperId]);
			const after = await as(db.pool, t.municipal, (tx) => approvalQueue(tx, t.municipality));
			expect(after.matches.find((m) => m.id === checked.matchId)?.inspectionValid).toBe(false);
			expect(
				await as(db.pool, t.municipal, (tx) =>
					decide(tx, t.municipality, { kind: 'match', id: checked.matchId }, 'approve', '')
				)
			).toEqual({ ok: false, code: 'inspection_required' });
			expect((await matchRow(checked.matchId)).status).toBe('pending_approval');
		});

		it('approves a match: it becomes active', async () => {
			const { matchId } = await pendingMatch();
			expect(
				await as(db.pool, t.municipal, (tx) =>
					decide(tx, t.municipality, { kind: 'match', id: matchId }, 'approve', '')
				)
			).toEqual({ ok: true, status: 'active' });
			expect((await matchRow(matchId)).status).toBe('active');
		});

		it('declines a match with a reason the helper reads, written to the ledger', async () => {
			const { matchId, helperId } = await pendingMatch();
			const reason = 'Bitte erst das Kennenlerngespräch führen.';
			expect(
				await as(db.pool, t.municipal, (tx) =>
					decide(tx, t.municipality, { kind: 'match', id: matchId }, 'send_back', reason)
				)
			).toEqual({ ok: true });
			expect(await matchRow(matchId)).toEqual({ status: 'declined', end_reason: reason });
			const mine = await as(db.pool, helperId, (tx) => myMatches(tx, helperId));
			expect(mine.find((m) => m.id === matchId)).toMatchObject({
				status: 'declined',
				endReason: reason
			});
			const events = await db.pool.query<{ actor_id: string; municipal_role: string }>(
				`select actor_id, municipal_role from involvement_events where match_id = $1 and kind = 'match_declined'`,
				[matchId]
			);
			expect(events.rows).toEqual([{ actor_id: t.municipal, municipal_role: 'informed' }]);
		});

		it('a reason of fewer than 3 or more than 500 characters is refused, nothing written', async () => {
			const { matchId } = await pendingMatch();
			const needId = await pendingNeed(t.orgA);
			for (const reason of ['  x ', 'y'.repeat(501)]) {
				expect(
					await as(db.pool, t.municipal, (tx) =>
						decide(tx, t.municipality, { kind: 'match', id: matchId }, 'send_back', reason)
					)
				).toEqual({ ok: false, code: 'reason_required' });
				expect(
					await as(db.pool, t.municipal, (tx) =>
						decide(tx, t.municipality, { kind: 'need', id: needId }, 'send_back', reason)
					)
				).toEqual({ ok: false, code: 'reason_required' });
			}
			expect((await matchRow(matchId)).status).toBe('pending_approval');
			expect(await needStatus(needId)).toBe('pending_approval');
		});

		it('several at once: a refused item leaves the others decided and is itself untouched', async () => {
			const a = await pendingNeed(t.orgA);
			const b = await pendingNeed(t.orgB);
			const own = await pendingNeed(t.office); // the office's own need: never its own approval
			const { matchId } = await pendingMatch();
			const decided = await pendingNeed(t.orgA);
			await as(db.pool, t.municipal, (tx) =>
				decide(tx, t.municipality, { kind: 'need', id: decided }, 'approve', '')
			);
			const outcome = await as(db.pool, t.municipal, (tx) =>
				decideMany(
					tx,
					t.municipality,
					[
						{ kind: 'need', id: a },
						{ kind: 'need', id: own },
						{ kind: 'match', id: matchId },
						{ kind: 'need', id: decided },
						{ kind: 'need', id: b },
						{ kind: 'need', id: a }
					],
					'approve',
					''
				)
			);
			expect(outcome.done).toBe(3);
			expect(outcome.refused.map((r) => [r.item.id, r.code])).toEqual([
				[own, 'own_need'],
				[decided, 'need_not_pending']
			]);
			expect(outcome.refused[0]!.title).toBe('Lernhilfe Mathe');
			expect(await needStatus(a)).toBe('open');
			expect(await needStatus(b)).toBe('open');
			expect(await needStatus(own)).toBe('pending_approval');
			expect((await matchRow(matchId)).status).toBe('active');
		});

		it('several at once: each refused item is named as the queue names it, an unknown one –', async () => {
			const { needId, matchId } = await pendingMatch({ requires72a: true });
			// The inspection is gone: the town refuses the match (inspection_required).
			await db.pool.query(
				'delete from inspections_72a where helper_id in (select helper_id from matches where id = $1)',
				[matchId]
			);
			const waiting = await pendingNeed(t.orgB, 'Vorlesen im Seniorenheim');
			const unknown = '00000000-0000-4000-8000-00000000dead';
			const needTitle = (
				await db.pool.query<{ title: string }>('select title from needs where id = $1', [needId])
			).rows[0]!.title;
			const outcome = await as(db.pool, t.municipal, (tx) =>
				decideMany(
					tx,
					t.municipality,
					[
						{ kind: 'match', id: matchId },
						{ kind: 'need', id: unknown },
						{ kind: 'match', id: unknown }
					],
					'approve',
					''
				)
			);
			expect(outcome.done).toBe(0);
			expect(outcome.refused.map((r) => [r.item.kind, r.title, r.code])).toEqual([
				['match', `${needTitle} – Jana K.`, 'inspection_required'],
				['need', '–', 'need_not_found'],
				['match', '–', 'match_not_found']
			]);
			// Nothing of the queue was touched.
			expect(await needStatus(waiting)).toBe('pending_approval');
			expect((await matchRow(matchId)).status).toBe('pending_approval');
		});

		it('several sent back at once share the reason', async () => {
			const a = await pendingNeed(t.orgA);
			const { matchId } = await pendingMatch();
			const outcome = await as(db.pool, t.municipal, (tx) =>
				decideMany(
					tx,
					t.municipality,
					[
						{ kind: 'need', id: a },
						{ kind: 'match', id: matchId }
					],
					'send_back',
					'Bitte mit dem Jugendamt abstimmen.'
				)
			);
			expect(outcome).toEqual({ done: 2, refused: [] });
			expect(await needStatus(a)).toBe('draft');
			expect(await matchRow(matchId)).toEqual({
				status: 'declined',
				end_reason: 'Bitte mit dem Jugendamt abstimmen.'
			});
		});
	});

	describe('a person on their own need or match (four eyes)', () => {
		it('sees it marked as their own and is refused own_need / own_match', async () => {
			// The town's coordinator also coordinates organisation A.
			await db.pool.query(
				`insert into memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
				[t.orgA, t.municipal]
			);
			try {
				const needId = await pendingNeed(t.orgA);
				const { matchId } = await pendingMatch({ proposer: t.municipal });
				const queue = await as(db.pool, t.municipal, (tx) => approvalQueue(tx, t.municipality));
				expect(queue.needs.find((n) => n.id === needId)?.own).toBe(true);
				expect(queue.matches.find((m) => m.id === matchId)?.own).toBe(true);
				const tries = await as(db.pool, t.municipal, async (tx) => [
					await decide(tx, t.municipality, { kind: 'need', id: needId }, 'approve', ''),
					await decide(tx, t.municipality, { kind: 'need', id: needId }, 'send_back', 'Nein.'),
					await decide(tx, t.municipality, { kind: 'match', id: matchId }, 'approve', ''),
					await decide(tx, t.municipality, { kind: 'match', id: matchId }, 'send_back', 'Nein.')
				]);
				expect(tries).toEqual([
					{ ok: false, code: 'own_need' },
					{ ok: false, code: 'own_need' },
					{ ok: false, code: 'own_match' },
					{ ok: false, code: 'own_match' }
				]);
				expect(await needStatus(needId)).toBe('pending_approval');
				expect((await matchRow(matchId)).status).toBe('pending_approval');
			} finally {
				await db.pool.query(
					'delete from memberships where organisation_id = $1 and person_id = $2',
					[t.orgA, t.municipal]
				);
			}
		});
	});

	describe('municipal coordinator of another town', () => {
		it('sees nothing of this town and approves nothing in it', async () => {
			const needId = await pendingNeed(t.orgA);
			const { matchId } = await pendingMatch();
			const queue = await as(db.pool, other.municipal, (tx) => approvalQueue(tx, t.municipality));
			expect(queue).toEqual({ needs: [], matches: [] });
			const tries = await as(db.pool, other.municipal, async (tx) => [
				// Through their own town's page, and as if through this town's.
				await decide(tx, other.municipality, { kind: 'need', id: needId }, 'approve', ''),
				await decide(tx, t.municipality, { kind: 'need', id: needId }, 'approve', ''),
				await decide(tx, t.municipality, { kind: 'match', id: matchId }, 'approve', ''),
				await decide(tx, t.municipality, { kind: 'match', id: matchId }, 'send_back', 'Nein!')
			]);
			// Another town's items read as none, whatever their state.
			expect(tries).toEqual([
				{ ok: false, code: 'need_not_found' },
				{ ok: false, code: 'need_not_found' },
				{ ok: false, code: 'match_not_found' },
				{ ok: false, code: 'match_not_found' }
			]);
			expect(await needStatus(needId)).toBe('pending_approval');
			expect((await matchRow(matchId)).status).toBe('pending_approval');
		});

		it('cannot decide an item of this town through their own office’s page, even governing both', async () => {
			await db.pool.query(
				`insert into memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
				[t.office, other.municipal]
			);
			try {
				const needId = await pendingNeed(t.orgA);
				expect(
					await as(db.pool, other.municipal, (tx) =>
						decide(tx, other.municipality, { kind: 'need', id: needId }, 'approve', '')
					)
				).toEqual({ ok: false, code: 'not_allowed' });
				expect(await needStatus(needId)).toBe('pending_approval');
			} finally {
				await db.pool.query(
					'delete from memberships where organisation_id = $1 and person_id = $2',
					[t.office, other.municipal]
				);
			}
		});

		it('cannot decide a match of this town through their own office’s page, even governing both', async () => {
			await db.pool.query(
				`insert into memberships (organisation_id, person_id, role) values ($1, $2, 'coordinator')`,
				[t.office, other.municipal]
			);
			try {
				const { matchId } = await pendingMatch();
				const tries = await as(db.pool, other.municipal, async (tx) => [
					await decide(tx, other.municipality, { kind: 'match', id: matchId }, 'approve', ''),
					await decide(tx, other.municipality, { kind: 'match', id: matchId }, 'send_back', 'Nein.')
				]);
				expect(tries).toEqual([
					{ ok: false, code: 'not_allowed' },
					{ ok: false, code: 'not_allowed' }
				]);
				expect((await matchRow(matchId)).status).toBe('pending_approval');
				// Through this town's page, the same person decides it.
				expect(
					await as(db.pool, other.municipal, (tx) =>
						decide(tx, t.municipality, { kind: 'match', id: matchId }, 'approve', '')
					)
				).toEqual({ ok: true, status: 'active' });
			} finally {
				await db.pool.query(
					'delete from memberships where organisation_id = $1 and person_id = $2',
					[t.office, other.municipal]
				);
			}
		});
	});

	describe('coordinator of a nonprofit (A)', () => {
		it('has no approval queue and cannot approve or send back', async () => {
			expect(await as(db.pool, t.coordA, (tx) => townApprovals(tx, t.orgA))).toBeNull();
			const needId = await pendingNeed(t.orgB);
			const { matchId } = await pendingMatch({ proposer: t.coordA });
			const tries = await as(db.pool, t.coordB, async (tx) => [
				await decide(tx, t.municipality, { kind: 'need', id: needId }, 'approve', ''),
				await decide(tx, t.municipality, { kind: 'need', id: needId }, 'send_back', 'Nein.'),
				await decide(tx, t.municipality, { kind: 'match', id: matchId }, 'approve', ''),
				await decide(tx, t.municipality, { kind: 'match', id: matchId }, 'send_back', 'Nein.')
			]);
			// Their own organisation's need: not the town, so not allowed; A's match reads as none.
			expect(tries).toEqual([
				{ ok: false, code: 'not_allowed' },
				{ ok: false, code: 'not_allowed' },
				{ ok: false, code: 'match_not_found' },
				{ ok: false, code: 'match_not_found' }
			]);
			// Its own match through the town's verb: not the town, so not allowed either.
			expect(
				await as(db.pool, t.coordA, (tx) =>
					decide(tx, t.municipality, { kind: 'match', id: matchId }, 'send_back', 'Nein.')
				)
			).toEqual({ ok: false, code: 'not_allowed' });
			expect(await needStatus(needId)).toBe('pending_approval');
			expect((await matchRow(matchId)).status).toBe('pending_approval');
		});
	});
});
