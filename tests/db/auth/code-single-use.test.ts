// A sign-in code opens one session, once: after it has been used, the same code (from the mail
// or an intercepted one) is refused, even when nobody asked for a new code in between.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { emailCodeAuth } from '../../../src/lib/server/auth/email-code.ts';
import { sessionCookieName } from '../../../src/lib/server/auth/sessions.ts';
import { readOutbox } from '../../../src/lib/server/mail/outbox.ts';
import type { AuthPort } from '../../../src/lib/server/auth/port.ts';
import { cookieJar } from '../../support/cookies.ts';
import { backends, freshDatabase } from '../harness.ts';

const SESSION_COOKIE = sessionCookieName(true);

describe.each(backends)('a used sign-in code on %s', (backend) => {
	let db: Database;
	let auth: AuthPort;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		auth = emailCodeAuth({
			pool: db.pool,
			secret: 'test-secret',
			secureCookies: true,
			composeMail: (code) => ({ subject: 'code', text: `Code: ${code}` })
		});
	});
	afterAll(() => db.close());

	const ctx = (jar = cookieJar()) => ({ cookies: jar, ip: '10.9.0.1', locale: 'de' as const });

	async function codeFor(email: string, jar = cookieJar()): Promise<string> {
		expect(await auth.requestCode(email, ctx(jar))).toEqual({ ok: true });
		const mail = (await readOutbox(db.pool)).find((m) => m.recipient === email);
		return /Code: (\d{6})/.exec(mail!.body)![1]!;
	}

	it('signs the person in once; the same code a second time gives no session', async () => {
		const email = 'once@example.org';
		const first = cookieJar();
		const code = await codeFor(email, first);
		// The browser's pre-sign-in cookie, kept to try the code again from the same browser.
		const pre = first.getAll().filter((c) => c.name.includes('pre_sign_in'));
		expect(pre).toHaveLength(1);
		expect((await auth.verifyCode(email, code, ctx(first))).ok).toBe(true);

		const second = cookieJar(Object.fromEntries(pre.map((c) => [c.name, c.value])));
		expect(await auth.verifyCode(email, code, ctx(second))).toEqual({
			ok: false,
			reason: 'no_code'
		});
		expect(second.get(SESSION_COOKIE)).toBeUndefined();
		const { rows } = await db.pool.query(
			`select 1 from private.sessions s join auth.users u on u.id = s.user_id where u.email = $1`,
			[email]
		);
		expect(rows).toHaveLength(1);
		// The first session is unaffected.
		expect(await auth.resolve(first)).toMatchObject({ email });
	});

	it('marks the code consumed when it is used, not only when a new one is asked for', async () => {
		const email = 'consumed@example.org';
		const jar = cookieJar();
		await auth.verifyCode(email, await codeFor(email, jar), ctx(jar));
		const { rows } = await db.pool.query<{ consumed: boolean }>(
			'select consumed_at is not null as consumed from private.sign_in_codes where email = $1',
			[email]
		);
		expect(rows).toEqual([{ consumed: true }]);
	});
});
