// How a request's transaction ends on the real backends (src/lib/server/db/request.ts): a HEAD
// shares one as a GET does, a POST's concurrent calls each get their own; a GET's write is
// committed once the loop turns with no work left, before settled(); a commit refused by a
// deferred check makes settled() throw and leaves nothing written, the pool still usable.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { claimsFor, openingFor, type Tx } from '../../../src/lib/server/db/person.ts';
import { requestDatabase } from '../../../src/lib/server/db/request.ts';
import { backends, freshDatabase } from '../harness.ts';
import { person } from '../matching/world.ts';

const xid = (tx: Tx) =>
	tx.query<{ xid: string }>('select txid_current()::text as xid').then((r) => r.rows[0]!.xid);

describe.each(backends)('how a request transaction ends on %s', (backend) => {
	let db: Database;
	let helper: string;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		helper = await person(db.pool, 'Helferin');
		await db.pool.query(`create table public.re_probe (note text)`);
		await db.pool.query(`create function public.re_refuse() returns trigger language plpgsql as $$
			begin
				if new.note = 'refused at commit' then raise exception 'refused at commit'; end if;
				return new;
			end $$`);
		await db.pool.query(`create constraint trigger re_probe_check after insert on public.re_probe
			deferrable initially deferred for each row execute function public.re_refuse()`);
		await db.pool.query(`grant select, insert on public.re_probe to authenticated`);
	});
	afterAll(() => db.close());

	const asHelper = (method: string) =>
		requestDatabase(db.pool, openingFor(claimsFor(helper, 'h@test.example')), method);
	const notes = async () =>
		(await db.pool.query<{ note: string }>('select note from re_probe order by note')).rows.map(
			(r) => r.note
		);

	it('a HEAD: concurrent calls share one transaction', async () => {
		const { db: run, settled } = asHelper('HEAD');
		const [a, b] = await Promise.all([run(xid), run(xid)]);
		await settled();
		expect(a).toBe(b);
	});

	it('a POST: concurrent calls each get their own', async () => {
		const { db: run } = asHelper('POST');
		const [a, b] = await Promise.all([run(xid), run(xid)]);
		expect(a).not.toBe(b);
	});

	it('a GET: its write is committed once the loop turns with no work left, before settled()', async () => {
		const { db: run, settled } = asHelper('GET');
		const first = await run(async (tx) => {
			await tx.query(`insert into re_probe values ('without settled')`);
			return xid(tx);
		});
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(await notes()).toContain('without settled');
		const later = await run(xid);
		await settled();
		expect(later).not.toBe(first);
	});

	it('a GET whose commit a deferred check refuses: settled() throws it, nothing is written, the pool goes on', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const { db: run, settled } = asHelper('GET');
		await run((tx) => tx.query(`insert into re_probe values ('refused at commit')`));
		await expect(settled()).rejects.toThrow('refused at commit');
		vi.restoreAllMocks();
		expect(await notes()).not.toContain('refused at commit');
		const { db: next, settled: nextSettled } = asHelper('GET');
		await next((tx) => tx.query(`insert into re_probe values ('after the refusal')`));
		await nextSettled();
		expect(await notes()).toContain('after the refusal');
	});
});
