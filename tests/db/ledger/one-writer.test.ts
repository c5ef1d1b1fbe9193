// One writer per ledger event: every event kind is appended by exactly one function in the
// database (a verb or a trigger), a step that ends a match adds exactly one row to the ledger (not
// one written and a repeat dropped), and nothing on the ledger can silently drop an insert.
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { decline, sendBack, withdraw } from '../../../src/lib/server/matching/verbs.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld, type Actor } from '../rls/support.ts';

describe.each(backends)('ledger: one writer per event (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	const matchOn = async (tx: Tx, status: 'proposed' | 'pending_approval' | 'active') => {
		await actAs(ctx, tx, 'system');
		const { rows } = await tx.query<{ id: string }>(
			`insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by,
			   helper_accepted_at, organisation_accepted_at, activated_at, municipal_involvement)
			 values ($1, $2, $3, 'coordinator', $4, now(), now(),
			   case when $3::public.match_status = 'active' then now() end, 'informed') returning id`,
			[w().needs.aOpen, w().people.helper2, status, w().people.coordA]
		);
		return rows[0]!.id;
	};

	/** Every ledger row (any kind, any match) written by `step`, read as the system. */
	const writtenBy = async (tx: Tx, who: Actor, step: () => Promise<unknown>) => {
		await actAs(ctx, tx, 'system');
		const before = await tx.query<{ id: string }>(
			'select coalesce(max(id), 0) as id from public.involvement_events'
		);
		await actAs(ctx, tx, who);
		expect(await step()).toEqual({ ok: true });
		await actAs(ctx, tx, 'system');
		const { rows } = await tx.query(
			`select kind, municipal_role from public.involvement_events where id > $1 order by id`,
			[before.rows[0]!.id]
		);
		return rows;
	};

	it('nothing can drop a ledger insert: no before-insert trigger on the ledger', async () => {
		const triggers = await as(ctx, 'system', async (tx) => {
			const { rows } = await tx.query<{ tgname: string }>(
				`select tgname from pg_trigger
				 where tgrelid = 'public.involvement_events'::regclass and not tgisinternal
				   and (tgtype & 2) <> 0 and (tgtype & 4) <> 0`
			);
			return rows.map((r) => r.tgname);
		});
		expect(triggers).toEqual([]);
	});

	// Every function that appends to the ledger (an insert into it, or private.record_match_event),
	// by the event kinds it names: each kind has exactly one such writer, a verb or a trigger.
	it('each event kind has exactly one writer in the database', async () => {
		const writers = await as(ctx, 'system', async (tx) => {
			const { rows } = await tx.query<{ kind: string; writers: string[] | null }>(
				`with writers as (
				   select p.proname::text as fn, p.prosrc
				   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				   where n.nspname in ('app', 'private', 'public') and p.proname <> 'record_match_event'
				     and (p.prosrc ilike '%insert into public.involvement_events%'
				          or p.prosrc ilike '%record_match_event(%'))
				 select k.kind::text as kind,
				        array_agg(w.fn order by w.fn) filter (where w.fn is not null) as writers
				 from unnest(enum_range(null::public.involvement_kind)) as k(kind)
				 left join writers w on w.prosrc like '%''' || k.kind::text || '''%'
				 group by k.kind order by k.kind`
			);
			return Object.fromEntries(rows.map((r) => [r.kind, r.writers ?? []]));
		});
		const several = Object.entries(writers).filter(([, fns]) => fns.length !== 1);
		expect(several, JSON.stringify(writers, null, 1)).toEqual([]);
		expect(writers.match_declined).toEqual(['match_end_record']);
		expect(writers.match_withdrawn).toEqual(['match_end_record']);
	});

	it('the town sending a match back writes one row: match_declined, informed', async () => {
		const rows = await as(ctx, 'system', async (tx) => {
			const match = await matchOn(tx, 'pending_approval');
			return writtenBy(tx, 'municipal', () => sendBack(tx, match, 'Bitte erst das Zeugnis'));
		});
		expect(rows).toEqual([{ kind: 'match_declined', municipal_role: 'informed' }]);
	});

	it('the helper declining a proposal writes one row: match_declined, no role', async () => {
		const rows = await as(ctx, 'system', async (tx) => {
			const match = await matchOn(tx, 'proposed');
			return writtenBy(tx, 'helper2', () => decline(tx, match));
		});
		expect(rows).toEqual([{ kind: 'match_declined', municipal_role: null }]);
	});

	it.each([
		['helper2', 'Umzug'],
		['coordA', '']
	] as const)('%s withdrawing writes one row: match_withdrawn, no role', async (who, reason) => {
		const rows = await as(ctx, 'system', async (tx) => {
			const match = await matchOn(tx, 'active');
			return writtenBy(tx, who, () => withdraw(tx, match, reason));
		});
		expect(rows).toEqual([{ kind: 'match_withdrawn', municipal_role: null }]);
	});
});
