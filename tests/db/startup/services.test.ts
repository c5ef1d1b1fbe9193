// The service container (src/lib/server/services.ts) as the environment configures it: which
// database, sign-in and mail a process gets, and what a production build refuses to start without.
// The adapters' constructors are wrapped in spies (the real ones run) to read what they were given.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEVELOPMENT_SECRET } from '../../../src/lib/server/auth/dev-secret.ts';
import { DEFAULT_SESSIONS } from '../../../src/lib/server/auth/config.ts';
import { NOWHERE } from './project.ts';

const src = '../../../src/lib/server';
const KEY = Symbol.for('zeitspende.services');

type Env = Record<string, string | undefined>;
/** A key a production build accepts (32 characters or more). */
const KEY32 = 'services-test-only-not-a-secret-0a1b2c';

async function load(dev: boolean, env: Env, publicEnv: Env = {}) {
	vi.resetModules();
	vi.doMock('$app/environment', () => ({ dev, browser: false, building: false }));
	vi.doMock('$env/dynamic/private', () => ({ env }));
	vi.doMock('$env/dynamic/public', () => ({ env: publicEnv }));
	const spy = <T extends object>(path: string, name: keyof T & string) =>
		vi.doMock(path, async (original) => {
			const real = (await original()) as T;
			return { ...real, [name]: vi.fn(real[name] as (...a: unknown[]) => unknown) };
		});
	spy(`${src}/auth/email-code.ts`, 'emailCodeAuth');
	spy(`${src}/auth/supabase.ts`, 'supabaseAuth');
	spy(`${src}/mail/smtp.ts`, 'smtpMail');
	const container = await import('../../../src/lib/server/services.ts');
	const { emailCodeAuth } = await import('../../../src/lib/server/auth/email-code.ts');
	const { supabaseAuth } = await import('../../../src/lib/server/auth/supabase.ts');
	const { smtpMail } = await import('../../../src/lib/server/mail/smtp.ts');
	return {
		...container,
		emailCodeAuth: vi.mocked(emailCodeAuth),
		supabaseAuth: vi.mocked(supabaseAuth),
		smtpMail: vi.mocked(smtpMail)
	};
}

const opened: { close(): Promise<void> }[] = [];

afterEach(async () => {
	const g = globalThis as typeof globalThis & {
		[KEY]?: Promise<{ db: { close(): Promise<void> } }>;
	};
	const built = await g[KEY]?.catch(() => undefined);
	if (built) opened.push(built.db);
	delete g[KEY];
	await Promise.all(opened.splice(0).map((db) => db.close()));
	for (const path of ['$app/environment', '$env/dynamic/private', '$env/dynamic/public'])
		vi.doUnmock(path);
	for (const path of ['auth/email-code.ts', 'auth/supabase.ts', 'mail/smtp.ts'])
		vi.doUnmock(`${src}/${path}`);
	vi.resetModules();
});

describe('the service container', () => {
	it('npm run dev without variables: the embedded database with the demo data, codes by mail in the outbox', async () => {
		const c = await load(true, { PGLITE_DATA_DIR: 'memory://' });
		const first = c.services();
		expect(c.services()).toBe(first);
		const s = await first;
		expect(s.db.kind).toBe('pglite');
		const { rows } = await s.db.pool.query<{ n: number }>(
			'select count(*)::int as n from public.municipalities'
		);
		expect(rows[0]!.n).toBeGreaterThan(0);
		expect(s.outbox).toBe(true);
		expect(s.mail.delivers).toBe(false);
		expect(c.smtpMail).not.toHaveBeenCalled();
		expect(c.supabaseAuth).not.toHaveBeenCalled();
		expect(c.emailCodeAuth).toHaveBeenCalledTimes(1);
		const options = c.emailCodeAuth.mock.calls[0]![0];
		expect(options).toMatchObject({
			pool: s.db.pool,
			secret: DEVELOPMENT_SECRET,
			secureCookies: false,
			perIpMax: undefined,
			sessions: DEFAULT_SESSIONS
		});
		// The code's mail in the person's language, the code in subject and text.
		const de = options.composeMail('123456', 'de');
		const en = options.composeMail('123456', 'en');
		for (const mail of [de, en]) {
			expect(mail.subject).toContain('123456');
			expect(mail.text).toContain('123456');
		}
		expect(de.subject).not.toBe(en.subject);
		// A requested code is sent at once through the container's mail sender.
		const sendNow = vi.spyOn(s.sender, 'sendNow').mockResolvedValue(undefined as never);
		await options.deliver!(42);
		expect(sendNow).toHaveBeenCalledWith(42);
	});

	it('a server database is only migrated on start when MIGRATE_ON_START=1', async () => {
		const env: Env = { DATABASE_URL: NOWHERE, AUTH_SECRET: KEY32, MIGRATE_ON_START: '1' };
		const c = await load(false, env);
		// Migrating needs a connection: refused here, and the failure is not kept.
		await expect(c.services()).rejects.toThrow(/ECONNREFUSED|connect/);
		env.MIGRATE_ON_START = undefined;
		const s = await c.services();
		expect(s.db.kind).toBe('postgres');
		expect(c.emailCodeAuth.mock.calls[0]![0]).toMatchObject({
			secret: KEY32,
			secureCookies: true
		});
	});

	it('reads the sign-in settings: per-address hourly cap, session lengths, insecure cookies', async () => {
		const c = await load(false, {
			DATABASE_URL: NOWHERE,
			AUTH_SECRET: KEY32,
			SIGN_IN_PER_IP_PER_HOUR: '7',
			SESSION_IDLE_HOURS: '3',
			SESSION_MAX_DAYS: '9',
			INSECURE_COOKIES: '1'
		});
		await c.services();
		expect(c.emailCodeAuth.mock.calls[0]![0]).toMatchObject({
			perIpMax: 7,
			sessions: { idleHours: 3, maxDays: 9 },
			secureCookies: false
		});
	});

	it.each(['0', '-3', '2.5', 'many', ''])(
		'ignores SIGN_IN_PER_IP_PER_HOUR=%j (the default applies)',
		async (value) => {
			const c = await load(false, {
				DATABASE_URL: NOWHERE,
				AUTH_SECRET: KEY32,
				SIGN_IN_PER_IP_PER_HOUR: value
			});
			await c.services();
			expect(c.emailCodeAuth.mock.calls[0]![0].perIpMax).toBeUndefined();
		}
	);

	it.each([
		['PUBLIC_SUPABASE_PUBLISHABLE_KEY', 'pk'],
		['PUBLIC_SUPABASE_ANON_KEY', 'ak']
	])('signs in through Supabase Auth when its address and %s are set', async (name, key) => {
		const c = await load(
			false,
			{ DATABASE_URL: NOWHERE, AUTH_SECRET: KEY32 },
			{ PUBLIC_SUPABASE_URL: 'https://abc.supabase.co', [name]: key }
		);
		await c.services();
		expect(c.emailCodeAuth).not.toHaveBeenCalled();
		expect(c.supabaseAuth).toHaveBeenCalledWith({
			url: 'https://abc.supabase.co',
			key,
			secureCookies: true
		});
	});

	it('prefers the publishable key to the legacy anon key', async () => {
		const c = await load(
			true,
			{ DATABASE_URL: NOWHERE },
			{
				PUBLIC_SUPABASE_URL: 'https://abc.supabase.co',
				PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'pk',
				PUBLIC_SUPABASE_ANON_KEY: 'ak'
			}
		);
		await c.services();
		expect(c.supabaseAuth).toHaveBeenCalledWith(
			expect.objectContaining({ key: 'pk', secureCookies: false })
		);
	});

	it('without a Supabase key, or without its address, keeps the built-in sign-in', async () => {
		for (const publicEnv of [
			{ PUBLIC_SUPABASE_URL: 'https://abc.supabase.co' },
			{ PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'pk' }
		]) {
			const c = await load(true, { DATABASE_URL: NOWHERE }, publicEnv);
			const s = await c.services();
			opened.push(s.db);
			delete (globalThis as Record<symbol, unknown>)[KEY];
			expect(c.supabaseAuth).not.toHaveBeenCalled();
			expect(c.emailCodeAuth).toHaveBeenCalledTimes(1);
		}
	});

	it('sends mail through SMTP_URL, from MAIL_FROM or the default sender, and then keeps no outbox page', async () => {
		const base = { DATABASE_URL: NOWHERE, AUTH_SECRET: KEY32, ORIGIN: 'https://zeit.example' };
		const c = await load(false, { ...base, SMTP_URL: 'smtp://mail.example:587' });
		const s = await c.services();
		opened.push(s.db);
		delete (globalThis as Record<symbol, unknown>)[KEY];
		expect(s.outbox).toBe(false);
		expect(s.mail.delivers).toBe(true);
		expect(c.smtpMail).toHaveBeenCalledWith(
			'smtp://mail.example:587',
			'Zeitspende <no-reply@zeitspende.example>'
		);
		const own = await load(false, {
			...base,
			SMTP_URL: 'smtp://mail.example:587',
			MAIL_FROM: 'Lindenau <z@lindenau.example>'
		});
		await own.services();
		expect(own.smtpMail).toHaveBeenCalledWith(
			'smtp://mail.example:587',
			'Lindenau <z@lindenau.example>'
		);
	});
});

describe('what the container reads from the environment', () => {
	it.each([
		[true, {}, true],
		[true, { SMTP_URL: 'smtp://m' }, false],
		[false, {}, false],
		[true, { ZEITSPENDE_DEV_OUTBOX: '1', ORIGIN: 'https://zeit.example' }, true],
		[
			false,
			{ ZEITSPENDE_DEV_OUTBOX: '1', ORIGIN: 'http://localhost:4275', HOST: '127.0.0.1' },
			true
		],
		[false, { ZEITSPENDE_DEV_OUTBOX: '1', OPERATOR_DEMO: '1' }, true],
		// Anywhere else the flag stops the start (requireMailDelivery); the page stays closed anyway.
		[false, { ZEITSPENDE_DEV_OUTBOX: '1' }, false],
		[
			false,
			{ ZEITSPENDE_DEV_OUTBOX: '1', ORIGIN: 'https://zeit.example', HOST: '127.0.0.1' },
			false
		],
		[false, { ZEITSPENDE_DEV_OUTBOX: '1', ORIGIN: 'http://localhost:4275' }, false],
		[false, { ZEITSPENDE_DEV_OUTBOX: 'yes', OPERATOR_DEMO: '1' }, false],
		[false, { ZEITSPENDE_DEV_OUTBOX: '1', OPERATOR_DEMO: '1', SMTP_URL: 'smtp://m' }, false]
	] as const)('outbox page (dev %s, %j): %s', async (dev, env, shown) => {
		const c = await load(dev, { ...env });
		expect(c.outboxEnabled()).toBe(shown);
	});

	it('the site address: ORIGIN without its trailing slash, else localhost unless mail goes out', async () => {
		expect((await load(false, { ORIGIN: 'https://zeit.example/' })).siteOrigin()).toBe(
			'https://zeit.example'
		);
		expect((await load(false, { ORIGIN: 'https://zeit.example' })).siteOrigin()).toBe(
			'https://zeit.example'
		);
		expect((await load(false, {})).siteOrigin()).toBe('http://localhost:5173');
		expect((await load(true, { SMTP_URL: 'smtp://m' })).siteOrigin()).toBe('http://localhost:5173');
		const production = await load(false, { SMTP_URL: 'smtp://m' });
		expect(() => production.siteOrigin()).toThrow('ORIGIN must be set when mail goes out');
	});

	it('the signing key: AUTH_SECRET, the development key only in development', async () => {
		expect((await load(false, { AUTH_SECRET: KEY32 })).authSecret()).toBe(KEY32);
		expect((await load(true, { AUTH_SECRET: 'k' })).authSecret()).toBe('k');
		expect((await load(true, {})).authSecret()).toBe(DEVELOPMENT_SECRET);
		const production = await load(false, {});
		expect(() => production.authSecret()).toThrow('AUTH_SECRET must be set in production');
	});

	it('a production build refuses a short AUTH_SECRET and the development key', async () => {
		const short = await load(false, { AUTH_SECRET: KEY32.slice(0, 31) });
		expect(() => short.authSecret()).toThrow('AUTH_SECRET must be at least 32 characters');
		const development = await load(false, { AUTH_SECRET: DEVELOPMENT_SECRET });
		expect(() => development.authSecret()).toThrow('AUTH_SECRET must not be the development key');
		// Nor is the container built with them.
		const env: Env = { DATABASE_URL: NOWHERE, AUTH_SECRET: DEVELOPMENT_SECRET };
		const c = await load(false, env);
		await expect(c.services()).rejects.toThrow('AUTH_SECRET must not be the development key');
		env.AUTH_SECRET = KEY32;
		await expect(c.services()).resolves.toMatchObject({ outbox: true });
	});

	it('a production build without AUTH_SECRET does not start (and keeps no half-built container)', async () => {
		const env: Env = { DATABASE_URL: NOWHERE };
		const c = await load(false, env);
		await expect(c.services()).rejects.toThrow('AUTH_SECRET must be set in production');
		env.AUTH_SECRET = KEY32;
		await expect(c.services()).resolves.toMatchObject({ outbox: true });
	});
});
