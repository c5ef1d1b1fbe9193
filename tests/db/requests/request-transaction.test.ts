// The request's database handle (src/lib/server/db/request.ts), as a signed-in person, a
// stranger with a tricky address and anonymous: each message of a GET is a transaction of its own
// under the person's claims and role (side-by-side calls share one message); a message the server
// refuses writes nothing; a query after the connection went back is refused; other methods get a
// transaction per call, committed before it returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { claimsFor, messageHandle, together, type Tx } from '../../../src/lib/server/db/person.ts';
import { requestDatabase } from '../../../src/lib/server/db/request.ts';
import { backends, freshDatabase } from '../harness.ts';
import { person } from '../matching/world.ts';

const who = (tx: Tx) =>
	tx
		.query<{ role: string; uid: string | null; email: string | null; xid: string }>(
			`select current_user as role, auth.uid() as uid, auth.jwt()->>'email' as email,
			        txid_current()::text as xid`
		)
		.then((r) => r.rows[0]!);

describe.each(backends)('a request transaction on %s', (backend) => {
	let db: Database;
	let helper: string;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		helper = await person(db.pool, 'Helferin');
		await db.pool.query(`create table public.rt_probe (note text)`);
		await db.pool.query(`grant select, insert on public.rt_probe to authenticated`);
	});
	afterAll(() => db.close());

	const asHelper = (method: string) =>
		requestDatabase(db.pool, claimsFor(helper, 'h@test.example'), method);
	const notes = async () =>
		(await db.pool.query<{ note: string }>('select note from rt_probe order by note')).rows.map(
			(r) => r.note
		);

	it("the helper's GET: side-by-side calls share a message and its transaction; each message is one, as the helper", async () => {
		const { db: run, settled } = asHelper('GET');
		const [a, b] = await Promise.all([run(who), run(who)]);
		const c = await run(who);
		await settled();
		expect(a).toEqual({ role: 'authenticated', uid: helper, email: 'h@test.example', xid: a.xid });
		expect(b.xid).toBe(a.xid);
		expect(c).toEqual({ role: 'authenticated', uid: helper, email: 'h@test.example', xid: c.xid });
		expect(c.xid).not.toBe(a.xid);
	});

	it("the helper's GET: what a call wrote is committed when it returns", async () => {
		const { db: run, settled } = asHelper('GET');
		await run((tx) => tx.query(`insert into rt_probe values ('kept')`));
		expect(await notes()).toContain('kept');
		await settled();
	});

	it("the helper's GET: a message the server refuses writes nothing, and the next goes on as the helper", async () => {
		const { db: run, settled } = asHelper('GET');
		await expect(
			run(async (tx) => {
				const reads = together(tx);
				await Promise.all([
					reads.query(`insert into rt_probe values ('rolled back')`),
					reads.query('select 1 / 0')
				]);
			})
		).rejects.toThrow('division by zero');
		const next = await run(async (tx) => {
			await tx.query(`insert into rt_probe values ('after the failure')`);
			return who(tx);
		});
		await settled();
		expect(next.role).toBe('authenticated');
		expect(await notes()).not.toContain('rolled back');
		expect(await notes()).toContain('after the failure');
	});

	it("the helper's GET: a query after its transaction ended is refused, never run outside it", async () => {
		const { db: run, settled } = asHelper('GET');
		let kept: Tx | undefined;
		await run(async (tx) => {
			kept = tx;
		});
		await settled();
		await expect(kept!.query(`insert into rt_probe values ('straggler')`)).rejects.toThrow(
			'query after its transaction ended'
		);
		expect(await notes()).not.toContain('straggler');
	});

	it("the helper's POST: each call is its own transaction, committed before it returns", async () => {
		const { db: run } = asHelper('POST');
		const a = await run(async (tx) => {
			await tx.query(`insert into rt_probe values ('posted')`);
			return who(tx);
		});
		expect(await notes()).toContain('posted');
		const b = await run(who);
		expect(b.xid).not.toBe(a.xid);
		expect(b.role).toBe('authenticated');
	});

	it('a stranger whose address has quotes and backslashes: the claims arrive unchanged, nothing else runs', async () => {
		const email = `o'hara\\'; drop table rt_probe; --"@test.example`;
		const { db: run, settled } = requestDatabase(db.pool, claimsFor(helper, email), 'GET');
		const me = await run(who);
		await settled();
		expect(me.email).toBe(email);
		expect(await notes()).toContain('kept');
	});

	it('anonymous: the anon role without a uid, refused the people', async () => {
		const { db: run, settled } = requestDatabase(db.pool, null, 'GET');
		const me = await run(who);
		await expect(run((tx) => tx.query('select id from profiles'))).rejects.toThrow(
			'permission denied'
		);
		await settled();
		expect(me).toMatchObject({ role: 'anon', uid: null });
	});

	it('a statement sent in a transaction of its own whose opening fails leaves no transaction open on the connection', async () => {
		// An E'' string is no place for literals: the statement goes in begin, role, statement,
		// commit; here the role statement fails after its begin.
		const client = await db.pool.connect();
		try {
			const failing = `select set_config('role', 'no_such_role_here', true)`;
			const tx = messageHandle(Promise.resolve(client), () => false, failing);
			await expect(tx.query(`select e'x' as a, $1::int as b`, [1])).rejects.toThrow(
				'no_such_role_here'
			);
			const { rows } = await client.query<{ open: boolean }>(
				`select now() <> statement_timestamp() or txid_current_if_assigned() is not null as open`
			);
			expect(rows[0]!.open).toBe(false);
		} finally {
			client.release();
		}
	});
});
