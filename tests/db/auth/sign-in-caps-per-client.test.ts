// A stranger who knows an address cannot block its owner's sign-in (issue #11: "a stranger never
// replaces or blocks a person's own code"): the hourly sending cap and the daily cap on wrong
// codes count per address AND client (IPv4 address or IPv6 /64), so a stranger spends only their
// own allowance; higher caps over all clients are the backstop against guessing from many clients.
// Those backstops refuse unknown browsers only: a browser the person has signed in with before is
// spared them (known-browser.test.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/lib/server/db/migrate.ts';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { DEFAULT_LIMITS, type SignInLimits } from '../../../src/lib/server/auth/config.ts';
import { clientHash } from '../../../src/lib/server/auth/client-key.ts';
import type { AuthPort } from '../../../src/lib/server/auth/port.ts';
import { cookieJar } from '../../support/cookies.ts';
import { backends, freshDatabase } from '../harness.ts';
import { at, TEST_SECRET, testEmailAuth } from './email-auth.ts';

const SECRET = TEST_SECRET;

describe.each(backends)('sign-in caps per address and client on %s', (backend) => {
	let db: Database;
	let n = 0;
	let email: string;
	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());
	beforeEach(() => {
		n += 1;
		email = `victim${n}@example.org`;
	});

	const makeAuth = (limits: Partial<SignInLimits> = {}): AuthPort =>
		testEmailAuth(db.pool, limits, 1000);
	/** Moves this address's growing waits into the past. */
	const pastTheWait = () =>
		db.pool.query(
			`update private.sign_in_codes set last_failed_at = now() - interval '1 day' where email = $1 and last_failed_at is not null`,
			[email]
		);
	/** Asks for a code in a fresh browser at `ip` and enters `wrong` wrong codes with it. */
	async function guess(auth: AuthPort, ip: string, wrong: number) {
		const jar = cookieJar();
		expect(await auth.requestCode(email, at(jar, ip))).toEqual({ ok: true });
		for (let i = 0; i < wrong; i++) {
			await pastTheWait();
			// (A right guess would be one in a million: the test counts the attempts.)
			await auth.verifyCode(email, '000000', at(jar, ip));
		}
	}
	const wrongOnRecord = async () =>
		(
			await db.pool.query<{ wrong: number }>(
				'select coalesce(sum(attempts), 0)::int as wrong from private.sign_in_codes where email = $1',
				[email]
			)
		).rows[0]!.wrong;

	it("a stranger's thirty wrong codes stop the stranger, not the person's fresh browser", async () => {
		const auth = makeAuth();
		// Six browsers of one client: a code each, five wrong codes each (the attack of finding F4).
		for (let b = 0; b < 6; b++) await guess(auth, '203.0.113.9', 5);
		expect(await wrongOnRecord()).toBe(30);
		// The stranger's client gets no new code for the address today, in any browser …
		expect(await auth.requestCode(email, at(cookieJar(), '203.0.113.9'))).toEqual({
			ok: false,
			reason: 'daily_limit'
		});
		// … the person, elsewhere and in a fresh browser, gets one.
		expect(await auth.requestCode(email, at(cookieJar(), '198.51.100.1'))).toEqual({ ok: true });
	});

	it("a stranger's twenty requests an hour spend the stranger's sending allowance, not the person's", async () => {
		const auth = makeAuth();
		// Four browsers, five codes each (the per-browser limit): the client's twenty this hour.
		for (let b = 0; b < 4; b++) {
			const jar = cookieJar();
			for (let i = 0; i < 5; i++)
				expect(await auth.requestCode(email, at(jar, '203.0.113.9'))).toEqual({ ok: true });
		}
		expect(await auth.requestCode(email, at(cookieJar(), '203.0.113.9'))).toEqual({
			ok: false,
			reason: 'rate_limited'
		});
		expect(await auth.requestCode(email, at(cookieJar(), '198.51.100.1'))).toEqual({ ok: true });
	});

	it('an IPv6 /64 is one client: moving within it does not escape the cap', async () => {
		const auth = makeAuth({ wrongPerAddressPerDay: 4 });
		await guess(auth, '2001:db8:1:2::1', 2);
		await guess(auth, '2001:db8:1:2:ffff::9', 2);
		expect(await auth.requestCode(email, at(cookieJar(), '2001:db8:1:2::77'))).toEqual({
			ok: false,
			reason: 'daily_limit'
		});
		// The next /64 is another client.
		expect(await auth.requestCode(email, at(cookieJar(), '2001:db8:1:3::1'))).toEqual({
			ok: true
		});
	});

	it('the client is stored only as a keyed hash of its address', async () => {
		const auth = makeAuth();
		expect(await auth.requestCode(email, at(cookieJar(), '203.0.113.9'))).toEqual({ ok: true });
		const { rows } = await db.pool.query<{ client_hash: string; row: string }>(
			'select client_hash, to_jsonb(c)::text as row from private.sign_in_codes c where email = $1',
			[email]
		);
		expect(rows[0]!.client_hash).toBe(clientHash(SECRET, '203.0.113.9'));
		expect(rows[0]!.row).not.toContain('203.0.113');
		// The per-client request limit's bucket names it by the same hash.
		const { rows: buckets } = await db.pool.query<{ bucket: string }>(
			`select bucket from private.rate_limits where bucket like 'code:ip:%'`
		);
		expect(buckets.map((b) => b.bucket)).toContain(`code:ip:${clientHash(SECRET, '203.0.113.9')}`);
		expect(buckets.filter((b) => !/^code:ip:[0-9a-f]{64}$/.test(b.bucket))).toEqual([]);
	});

	it('the migration that hashed the buckets deleted those that named an address in clear', async () => {
		const hashed = `code:ip:${clientHash(SECRET, '192.0.2.200')}`;
		await db.pool.query(
			`insert into private.rate_limits (bucket, window_start, hits)
			 values ('code:ip:192.0.2.201', now(), 3), ('code:ip:2001:db8:1:2::/64', now(), 1),
			        ($1, now(), 2), ('code:address:' || $2, now(), 1)`,
			[hashed, email]
		);
		const migration = await readFile(
			join(projectRoot(), 'supabase/migrations/20261130001100_rate_limits_without_addresses.sql'),
			'utf8'
		);
		await db.pool.query(migration);
		const { rows } = await db.pool.query<{ bucket: string }>(
			`select bucket from private.rate_limits where bucket in ($1, 'code:address:' || $2)
			    or bucket in ('code:ip:192.0.2.201', 'code:ip:2001:db8:1:2::/64') order by bucket`,
			[hashed, email]
		);
		expect(rows.map((r) => r.bucket)).toEqual([`code:address:${email}`, hashed]);
	});

	it('the backstop over all clients stops guessing from many clients: an unknown browser gets no new code', async () => {
		const auth = makeAuth({ wrongPerAddressPerDay: 2, wrongPerAddressAllClientsPerDay: 6 });
		// Three clients, two wrong codes each: each client's cap, and the address's backstop. A fresh
		// browser elsewhere that has never signed in as the address is refused.
		for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) await guess(auth, ip, 2);
		expect(await auth.requestCode(email, at(cookieJar(), '198.51.100.1'))).toEqual({
			ok: false,
			reason: 'daily_limit'
		});
		expect(DEFAULT_LIMITS.wrongPerAddressAllClientsPerDay).toBe(
			10 * DEFAULT_LIMITS.wrongPerAddressPerDay
		);
	});

	it('the sending backstop over all clients throttles sending to the address from unknown browsers', async () => {
		const auth = makeAuth({
			perAddress: { minutes: 60, max: 2 },
			perAddressAllClients: { minutes: 60, max: 4 }
		});
		for (const ip of ['192.0.2.1', '192.0.2.2'])
			for (let i = 0; i < 2; i++)
				expect(await auth.requestCode(email, at(cookieJar(), ip))).toEqual({ ok: true });
		expect(await auth.requestCode(email, at(cookieJar(), '198.51.100.1'))).toEqual({
			ok: false,
			reason: 'rate_limited'
		});
		// Low, so strangers on many clients flood an inbox with at most 40 codes an hour.
		expect(DEFAULT_LIMITS.perAddressAllClients.max).toBe(2 * DEFAULT_LIMITS.perAddress.max);
	});
});
