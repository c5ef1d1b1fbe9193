// The demo seed's matches carry their activation as the verbs would have set it: every active or
// completed match has activated_at — the town's approval where it approved, otherwise the later
// of the two yeses — and no other match has one. The report, the mail reminders and the hour
// rules read activated_at; without it they fell back to guesses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { backends, freshDatabase } from '../harness.ts';

describe.each(backends)('the demo seed: match activation (%s)', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	it('activated_at on every active or completed match, as the verbs would set it', async () => {
		const { rows } = await db.pool.query(
			`select right(id::text, 2) as n, status, activated_at is not null as activated,
			        activated_at = coalesce(approved_at, greatest(helper_accepted_at, organisation_accepted_at)) as as_verbs,
			        activated_at <= coalesce(ended_at, now()) as before_end
			 from public.matches where id::text like '00000000-0006-%' order by id`
		);
		expect(rows).toHaveLength(9);
		for (const r of rows) {
			const started = r.status === 'active' || r.status === 'completed';
			expect(r.activated, `match ${r.n} (${r.status})`).toBe(started);
			if (started) expect(r, `match ${r.n}`).toMatchObject({ as_verbs: true, before_end: true });
		}
	});

	it('no hour log of a match before its activation', async () => {
		const { rows } = await db.pool.query(
			`select h.id from public.hour_logs h join public.matches m on m.id = h.match_id
			 where h.worked_on < (m.activated_at at time zone 'Europe/Berlin')::date`
		);
		expect(rows).toEqual([]);
	});
});
