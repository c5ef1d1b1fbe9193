// How a request's transactions end on the real backends (src/lib/server/db/request.ts): a HEAD's
// side-by-side calls share a message and its transaction as a GET's do, a POST's concurrent calls
// each get their own; a GET's message commits when it ends, so a deferred check that refuses it
// fails the call itself and leaves nothing written, the pool still usable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { claimsFor, type Tx } from '../../../src/lib/server/db/person.ts';
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
		requestDatabase(db.pool, claimsFor(helper, 'h@test.example'), method);
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

	it('a GET: its write is committed when its message ends, and the next message is another transaction', async () => {
		const { db: run, settled } = asHelper('GET');
		const first = await run(async (tx) => {
			await tx.query(`insert into re_probe values ('without settled')`);
			return xid(tx);
		});
		expect(await notes()).toContain('without settled');
		const later = await run(xid);
		await settled();
		expect(later).not.toBe(first);
	});

	it('a GET whose message a deferred check refuses: the call fails with it, nothing is written, the pool goes on', async () => {
		const { db: run, settled } = asHelper('GET');
		await expect(
			run((tx) => tx.query(`insert into re_probe values ('refused at commit')`))
		).rejects.toThrow('refused at commit');
		await expect(settled()).resolves.toBeUndefined();
		expect(await notes()).not.toContain('refused at commit');
		const { db: next, settled: nextSettled } = asHelper('GET');
		await next((tx) => tx.query(`insert into re_probe values ('after the refusal')`));
		await nextSettled();
		expect(await notes()).toContain('after the refusal');
	});
});
