// The live sessions a server keeps for SESSION_RECHECK_SECONDS (session-cache.ts), on the real
// sessions table: ended in the database the kept session serves only until its window passes;
// ended through this server (sign-out, sign-out everywhere, deleting the account) it is
// forgotten at once, on every browser of the person.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { emailCodeAuth } from '../../../src/lib/server/auth/email-code.ts';
import { sessionCookieName } from '../../../src/lib/server/auth/sessions.ts';
import { DEFAULT_SESSIONS } from '../../../src/lib/server/auth/config.ts';
import { hashSessionToken, newSessionToken } from '../../../src/lib/server/auth/tokens.ts';
import type { AuthPort } from '../../../src/lib/server/auth/port.ts';
import { readOutbox } from '../../../src/lib/server/mail/outbox.ts';
import { cookieJar } from '../../support/cookies.ts';
import { backends, freshDatabase } from '../harness.ts';

const SESSION_COOKIE = sessionCookieName(true);

describe.each(backends)('sessions a server keeps for a few seconds, on %s', (backend) => {
	let db: Database;
	let n = 0;
	let now = Date.now();

	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	const port = (recheckSeconds = 5, pool: pg.Pool = db.pool): AuthPort =>
		emailCodeAuth({
			pool,
			secret: 'test-secret',
			secureCookies: true,
			sessions: { ...DEFAULT_SESSIONS, recheckSeconds },
			now: () => now,
			composeMail: (code) => ({ subject: 'code', text: `Code: ${code}` })
		});

	async function person(): Promise<string> {
		n += 1;
		const { rows } = await db.pool.query<{ id: string }>(
			'insert into auth.users (email) values ($1) returning id',
			[`kept${n}@example.org`]
		);
		return rows[0]!.id;
	}

	/** A browser signed in as the person: a live session in the database and its cookie. */
	async function browser(personId: string) {
		const token = newSessionToken();
		await db.pool.query(
			`insert into private.sessions (token_hash, user_id, expires_at) values ($1, $2, now() + interval '1 day')`,
			[hashSessionToken(token), personId]
		);
		return cookieJar({ [SESSION_COOKIE]: token });
	}

	const endInDatabase = (personId: string) =>
		db.pool.query('delete from private.sessions where user_id = $1', [personId]);

	it('serves a session ended in the database until its window passes, then signs out', async () => {
		const auth = port();
		const id = await person();
		const jar = await browser(id);
		expect((await auth.resolve(jar))?.id).toBe(id);
		await endInDatabase(id);
		now += 4_900;
		expect((await auth.resolve(jar))?.id).toBe(id);
		now += 100;
		expect(await auth.resolve(jar)).toBeNull();
		expect(jar.get(SESSION_COOKIE)).toBeUndefined();
	});

	it('with 0 seconds looks the session up on every request', async () => {
		const auth = port(0);
		const id = await person();
		const jar = await browser(id);
		expect((await auth.resolve(jar))?.id).toBe(id);
		await endInDatabase(id);
		expect(await auth.resolve(jar)).toBeNull();
	});

	it('forgets a session signed out here at once', async () => {
		const auth = port();
		const id = await person();
		const jar = await browser(id);
		const token = jar.get(SESSION_COOKIE)!;
		expect((await auth.resolve(jar))?.id).toBe(id);
		await auth.signOut(jar);
		expect(await auth.resolve(cookieJar({ [SESSION_COOKIE]: token }))).toBeNull();
	});

	it('"sign out everywhere" ends the kept sessions of every browser at once', async () => {
		const auth = port();
		const id = await person();
		const [phone, laptop] = [await browser(id), await browser(id)];
		const other = await browser(await person());
		for (const jar of [phone, laptop, other]) expect(await auth.resolve(jar)).not.toBeNull();
		await auth.signOutEverywhere(phone);
		expect(await auth.resolve(laptop)).toBeNull();
		// Someone else's session stays.
		expect(await auth.resolve(other)).not.toBeNull();
	});

	it('a deleted account is forgotten on every browser, whatever this one has kept', async () => {
		const auth = port();
		const id = await person();
		const [phone, laptop] = [await browser(id), await browser(id)];
		expect((await auth.resolve(phone))?.id).toBe(id);
		now += 3_000;
		expect((await auth.resolve(laptop))?.id).toBe(id);
		// The phone's own entry has lapsed when it deletes the account; the laptop's has not.
		now += 2_500;
		// As /profile/data does: the account (and its sessions) deleted, then forgotten here.
		await db.pool.query('delete from auth.users where id = $1', [id]);
		auth.forgetSessionsOf(id);
		await auth.signOut(phone);
		expect(await auth.resolve(laptop)).toBeNull();
	});

	it('keeps no lookup that was under way while this server ended the session', async () => {
		// A second tab (or a stolen copy of the cookie) asks while the person signs out: its
		// lookup read the session still live; held until the sign-out is done, it must not be kept.
		let hold: Promise<void> | undefined;
		const pool = new Proxy(db.pool, {
			get(target, key) {
				if (key !== 'query') return Reflect.get(target, key);
				return async (text: string, values?: unknown[]) => {
					const answer = await target.query(text, values);
					if (hold && text.includes('session_person')) await hold;
					return answer;
				};
			}
		});
		const auth = port(5, pool);
		const id = await person();
		const jar = await browser(id);
		const copy = cookieJar({ [SESSION_COOKIE]: jar.get(SESSION_COOKIE)! });
		let release!: () => void;
		hold = new Promise((resolve) => (release = resolve));
		const inFlight = auth.resolve(copy);
		await new Promise((resolve) => setTimeout(resolve, 50));
		await auth.signOut(jar);
		release();
		expect((await inFlight)?.id).toBe(id);
		hold = undefined;
		expect(await auth.resolve(copy)).toBeNull();
	});

	it('a new sign-in in the browser ends the kept session it replaces', async () => {
		const auth = port();
		const id = await person();
		const jar = await browser(id);
		const before = jar.get(SESSION_COOKIE)!;
		expect((await auth.resolve(jar))?.id).toBe(id);
		const email = `again${n}@example.org`;
		const ctx = { cookies: jar, ip: `10.9.0.${n}`, locale: 'de' as const };
		await auth.requestCode(email, ctx);
		const mail = (await readOutbox(db.pool)).find((m) => m.recipient === email)!;
		const code = /Code: (\d{6})/.exec(mail.body)![1]!;
		expect((await auth.verifyCode(email, code, ctx)).ok).toBe(true);
		expect(await auth.resolve(cookieJar({ [SESSION_COOKIE]: before }))).toBeNull();
	});
});
