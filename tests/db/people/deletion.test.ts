// Deleting one's account (GDPR Art. 17): afterwards no table holds the person's id, e-mail, name
// or phone; their open matches end and those coordinators are told; the town's confirmed hours,
// matches and ledger stay as they were, as anonymous rows. Measured by scanning every column of
// every table of ours, so a table added later is checked without anyone remembering to.
import { describe, expect, it } from 'vitest';
import { deleteMyAccount } from '../../../src/lib/server/people/account.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld, type Context } from '../rls/support.ts';
import type { PersonaName } from '../fixtures.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';

const PHONE = '0341 555 0199';

/** Every place in our schemas (and auth.users) where the person's traces are found, as "table.column". */
async function traces(tx: Tx, person: { id: string; email: string; name: string }) {
	const { rows: columns } = await tx.query<{ tbl: string; col: string; kind: string }>(
		`select format('%I.%I', c.table_schema, c.table_name) as tbl, c.column_name as col,
		        case when c.data_type = 'uuid' then 'uuid' else 'text' end as kind
		 from information_schema.columns c
		 join information_schema.tables t using (table_schema, table_name)
		 where t.table_type = 'BASE TABLE'
		   and (c.table_schema in ('public', 'private') or (c.table_schema, c.table_name) = ('auth', 'users'))
		   and c.data_type in ('uuid', 'text', 'character varying', 'jsonb')`
	);
	const found: string[] = [];
	for (const { tbl, col, kind } of columns) {
		const { rows } =
			kind === 'uuid'
				? await tx.query<{ n: number }>(
						`select count(*)::int as n from ${tbl} where "${col}" = $1::uuid`,
						[person.id]
					)
				: await tx.query<{ n: number }>(
						`select count(*)::int as n from ${tbl}
						 where "${col}"::text ilike '%' || $1 || '%' or "${col}"::text ilike '%' || $2 || '%'
						    or "${col}"::text = $3`,
						[person.email, PHONE, person.name]
					);
		if (rows[0]!.n > 0) found.push(`${tbl}.${col}`);
	}
	return found;
}

/** What the towns count: confirmed hours, matches and ledger events, per municipality. */
async function townFigures(tx: Tx) {
	const { rows } = await tx.query(
		`select mu.id,
		        (select coalesce(sum(h.hours), 0)::text from public.hour_logs h
		         where h.municipality_id = mu.id and h.status = 'confirmed') as confirmed_hours,
		        (select count(*)::int from public.matches m where m.municipality_id = mu.id) as matches,
		        (select count(*)::int from public.involvement_events e where e.municipality_id = mu.id
		           and e.kind <> 'match_withdrawn') as events
		 from public.municipalities mu order by mu.id`
	);
	return rows;
}

interface Story {
	before: unknown;
	after: unknown;
	ended: number;
	tracesBefore: string[];
	tracesAfter: string[];
	state: Record<string, unknown>;
}

async function deleteAccount(ctx: Context, who: PersonaName): Promise<Story> {
	const w = ctx.world;
	return as(ctx, 'system', async (tx) => {
		await tx.query(`update public.contact_details set phone = $2 where person_id = $1`, [
			w.people[who],
			PHONE
		]);
		const { rows } = await tx.query<{ display_name: string }>(
			`select display_name from public.profiles where id = $1`,
			[w.people[who]]
		);
		const person = { id: w.people[who], email: w.emails[who], name: rows[0]!.display_name };
		// Sign-in leaves the address in three private tables: a code, a rate-limit count, a mail;
		// and the person's id on a browser's known-browser mark, which must end with the account.
		await tx.query(
			`insert into private.known_browser_marks (id_hash, user_id, expires_at)
			 values ('deletion-mark', $1, now() + interval '180 days')`,
			[person.id]
		);
		await tx.query(
			`insert into private.sign_in_codes (email, code_hash, expires_at) values ($1, 'x', now())`,
			[person.email]
		);
		await tx.query(
			`insert into private.rate_limits (bucket, window_start, hits) values ('code:address:' || $1, now(), 1)`,
			[person.email]
		);
		await tx.query(
			`insert into private.outbox (recipient, subject, body) values ($1, 'Code', 'Dein Code')`,
			[person.email]
		);
		// Words by or about them on rows that stay: a reason for an ended match, a reviewer's note.
		await tx.query(`update public.matches set end_reason = 'Umzug nach Kiel' where id = $1`, [
			w.matches.completed
		]);
		await tx.query(`update public.hour_logs set review_note = 'Danke, Frau X' where id = $1`, [
			w.hourLogs.onCompleted
		]);
		const before = await townFigures(tx);
		const tracesBefore = await traces(tx, person);
		await actAs(ctx, tx, who);
		const ended = await deleteMyAccount(tx);
		await actAs(ctx, tx, 'system');
		const state = (
			await tx.query(
				`select
				   (select status from public.matches where id = $1) as active_match,
				   (select end_reason from public.matches where id = $1) as end_reason,
				   (select count(*)::int from public.hour_logs where id = $2) as unreviewed_log,
				   (select note from public.hour_logs where id = $3) as reviewed_note,
				   (select review_note from public.hour_logs where id = $3) as review_note,
				   (select end_reason from public.matches where id = $6) as old_reason,
				   (select count(*)::int from public.need_suggestions where id = $7) as suggestion,
				   (select comment from public.feedback where id = $4) as feedback_comment,
				   (select array_agg(recipient order by recipient) from private.outbox where body like '%' || $5 || '%') as told,
				   (select count(*)::int from public.involvement_events where kind = 'match_withdrawn' and match_id = $1) as withdrawn_events`,
				[
					w.matches.active,
					w.hourLogs.onActive,
					w.hourLogs.onCompleted,
					w.feedback.coordAOnCompleted,
					'Konto gelöscht',
					w.matches.completed,
					w.suggestions.byHelper
				]
			)
		).rows[0]!;
		return {
			before,
			after: await townFigures(tx),
			ended,
			tracesBefore,
			tracesAfter: await traces(tx, person),
			state
		};
	});
}

describe.each(backends)('deleting an account (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	describe('helper', () => {
		it('leaves no trace of the person in any table', async () => {
			const story = await deleteAccount(ctx, 'helper');
			// The scan finds them before: it can see what it looks for.
			expect(story.tracesBefore).toEqual(
				expect.arrayContaining([
					'auth.users.id',
					'public.profiles.id',
					'public.contact_details.email',
					'public.contact_details.phone',
					'public.matches.helper_id',
					'public.hour_logs.helper_id',
					'public.offers.helper_id',
					'public.involvement_events.helper_id',
					'private.sign_in_codes.email',
					'private.rate_limits.bucket',
					'private.known_browser_marks.user_id',
					'private.outbox.recipient'
				])
			);
			expect(story.tracesAfter).toEqual([]);
		});

		it("keeps the towns' confirmed hours, matches and ledger as they were", async () => {
			const story = await deleteAccount(ctx, 'helper');
			expect(story.after).toEqual(story.before);
		});

		it("ends the active match, records it and tells only that organisation's coordinators", async () => {
			const story = await deleteAccount(ctx, 'helper');
			expect(story.ended).toBe(1);
			expect(story.state).toMatchObject({
				active_match: 'withdrawn',
				end_reason: null,
				withdrawn_events: 1,
				told: [w().emails.coordA]
			});
		});

		it('drops unreviewed hours, suggestions and words by or about them on the rows that stay', async () => {
			const story = await deleteAccount(ctx, 'helper');
			expect(story.state).toMatchObject({
				unreviewed_log: 0,
				reviewed_note: '',
				review_note: null,
				old_reason: null,
				suggestion: 0,
				feedback_comment: ''
			});
		});
	});

	describe('coordinator', () => {
		it('leaves no trace, and the needs they posted and hours they reviewed stay', async () => {
			const story = await deleteAccount(ctx, 'coordA');
			expect(story.tracesBefore).toEqual(
				expect.arrayContaining(['public.needs.created_by', 'public.hour_logs.reviewed_by'])
			);
			expect(story.tracesAfter).toEqual([]);
			expect(story.after).toEqual(story.before);
			expect(story.ended).toBe(0);
		});
	});

	it('only ever deletes the caller: anonymous callers are refused', async () => {
		await expect(as(ctx, 'anonymous', (tx) => deleteMyAccount(tx))).rejects.toMatchObject({
			code: '42501'
		});
		const still = await as(ctx, 'system', (tx) =>
			tx.query(`select count(*)::int as n from auth.users where id = any($1)`, [
				Object.values(w().people)
			])
		);
		expect(still.rows[0]).toEqual({ n: Object.keys(w().people).length });
	});
});
