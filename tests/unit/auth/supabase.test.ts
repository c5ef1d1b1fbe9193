// The Supabase Auth adapter against responses built here: no Supabase server runs in tests,
// so a fake of the Auth HTTP API (what leaves the machine) answers, signing real ES256 JWTs
// that the adapter must verify against the JWKS.
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SUPABASE_SECURE_COOKIE, supabaseAuth } from '../../../src/lib/server/auth/supabase.ts';
import { cookieJar } from '../../support/cookies.ts';

const URL_ = 'https://demo-ref.supabase.co';
const USER_ID = '5b1f7f0e-6f55-4a39-9a43-0c6b1c7f2a11';

function b64url(data: Buffer | string) {
	return Buffer.from(data).toString('base64url');
}

function fakeSupabase(
	options: { otpStatus?: number; verifyError?: { status: number; code: string } } = {}
) {
	const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	// A kid per fake: supabase-js caches the JWKS per project for the whole process, and a key
	// cached by an earlier test must not decide this one.
	const kid = `test-key-${randomUUID()}`;
	const calls: string[] = [];
	const queries: string[] = [];
	const bodies: unknown[] = [];

	function jwt(claims: Record<string, unknown>, key: KeyObject = privateKey) {
		const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid }));
		const payload = b64url(JSON.stringify(claims));
		const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
			key,
			dsaEncoding: 'ieee-p1363'
		});
		return `${header}.${payload}.${b64url(signature)}`;
	}

	const now = () => Math.floor(Date.now() / 1000);
	const claims = (extra: Record<string, unknown> = {}) => ({
		sub: USER_ID,
		email: 'mara@example.org',
		role: 'authenticated',
		aud: 'authenticated',
		iss: `${URL_}/auth/v1`,
		iat: now(),
		exp: now() + 3600,
		session_id: 'c0ffee00-0000-4000-8000-000000000001',
		...extra
	});

	const user = {
		id: USER_ID,
		email: 'mara@example.org',
		aud: 'authenticated',
		role: 'authenticated',
		app_metadata: {},
		user_metadata: {},
		created_at: new Date().toISOString()
	};

	const fetch: typeof globalThis.fetch = async (input, init) => {
		const url = new URL(
			typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
		);
		calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
		queries.push(`${url.pathname}${url.search}`);
		if (typeof init?.body === 'string') bodies.push(JSON.parse(init.body));
		const json = (status: number, body: unknown) =>
			new Response(JSON.stringify(body), {
				status,
				headers: { 'content-type': 'application/json' }
			});
		switch (url.pathname) {
			case '/auth/v1/otp':
				return options.otpStatus
					? json(options.otpStatus, {
							code: options.otpStatus,
							error_code: 'over_email_send_rate_limit',
							msg: 'rate limited'
						})
					: json(200, {});
			case '/auth/v1/verify':
				if (options.verifyError)
					return json(options.verifyError.status, {
						code: options.verifyError.status,
						error_code: options.verifyError.code,
						msg: 'Token has expired or is invalid'
					});
				return json(200, {
					access_token: jwt(claims()),
					refresh_token: 'refresh-1',
					token_type: 'bearer',
					expires_in: 3600,
					expires_at: now() + 3600,
					user
				});
			case '/auth/v1/.well-known/jwks.json':
				return json(200, {
					keys: [
						{
							...publicKey.export({ format: 'jwk' }),
							kid,
							alg: 'ES256',
							use: 'sig',
							key_ops: ['verify']
						}
					]
				});
			case '/auth/v1/user':
				return json(401, { code: 'bad_jwt', msg: 'invalid' });
			case '/auth/v1/logout':
				return new Response(null, { status: 204 });
			case '/auth/v1/token':
				return json(400, { code: 'refresh_token_not_found', msg: 'invalid refresh token' });
			default:
				return json(404, {});
		}
	};
	return {
		fetch,
		jwt,
		claims,
		calls,
		queries,
		bodies,
		otherKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
	};
}

const ctx = (jar = cookieJar()) => ({ cookies: jar, ip: '127.0.0.1', locale: 'de' as const });

function sessionCookie(accessToken: string) {
	const session = {
		access_token: accessToken,
		refresh_token: 'refresh-1',
		token_type: 'bearer',
		expires_in: 3600,
		expires_at: Math.floor(Date.now() / 1000) + 3600,
		user: { id: USER_ID }
	};
	return {
		[SUPABASE_SECURE_COOKIE]: `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`
	};
}

describe('Supabase Auth adapter', () => {
	it('asks Supabase to mail a code', async () => {
		const fake = fakeSupabase();
		const auth = supabaseAuth({ url: URL_, key: 'anon', secureCookies: true, fetch: fake.fetch });
		expect(await auth.requestCode('mara@example.org', ctx())).toEqual({ ok: true });
		expect(fake.calls).toContain('POST /auth/v1/otp');
	});

	it('maps Supabase rate limiting to rate_limited', async () => {
		const auth = supabaseAuth({
			url: URL_,
			key: 'anon',
			secureCookies: true,
			fetch: fakeSupabase({ otpStatus: 429 }).fetch
		});
		expect(await auth.requestCode('mara@example.org', ctx())).toEqual({
			ok: false,
			reason: 'rate_limited'
		});
	});

	it('verifies the code, stores the session in httpOnly cookies and resolves the person from verified claims', async () => {
		const fake = fakeSupabase();
		const auth = supabaseAuth({ url: URL_, key: 'anon', secureCookies: true, fetch: fake.fetch });
		const jar = cookieJar();
		const result = await auth.verifyCode('mara@example.org', '123456', ctx(jar));
		expect(result).toEqual({ ok: true, person: { id: USER_ID, email: 'mara@example.org' } });
		const names = jar.getAll().map((c) => c.name);
		// Secure cookies: the `__Host-` name, as the built-in sign-in's.
		expect(names.some((n) => n.startsWith('__Host-zs-sb-auth'))).toBe(true);
		for (const name of names)
			expect(jar.options.get(name)).toMatchObject({
				httpOnly: true,
				secure: true,
				sameSite: 'lax'
			});
		expect(await auth.resolve(jar)).toEqual({ id: USER_ID, email: 'mara@example.org' });
		expect(fake.calls).toContain('GET /auth/v1/.well-known/jwks.json');
	});

	it('maps an expired code and a wrong code', async () => {
		const expired = supabaseAuth({
			url: URL_,
			key: 'anon',
			secureCookies: true,
			fetch: fakeSupabase({ verifyError: { status: 403, code: 'otp_expired' } }).fetch
		});
		expect(await expired.verifyCode('mara@example.org', '123456', ctx())).toEqual({
			ok: false,
			reason: 'expired'
		});
		const wrong = supabaseAuth({
			url: URL_,
			key: 'anon',
			secureCookies: true,
			fetch: fakeSupabase({ verifyError: { status: 400, code: 'validation_failed' } }).fetch
		});
		expect(await wrong.verifyCode('mara@example.org', '123456', ctx())).toEqual({
			ok: false,
			reason: 'wrong_code'
		});
	});

	it('rejects a token signed with another key (tampered cookie)', async () => {
		const fake = fakeSupabase();
		const auth = supabaseAuth({ url: URL_, key: 'anon', secureCookies: true, fetch: fake.fetch });
		const forged = fake.jwt(fake.claims(), fake.otherKey);
		expect(await auth.resolve(cookieJar(sessionCookie(forged)))).toBeNull();
	});

	it('resolves nobody from a verified token whose role is not authenticated', async () => {
		const fake = fakeSupabase();
		const auth = supabaseAuth({ url: URL_, key: 'anon', secureCookies: true, fetch: fake.fetch });
		// Signed with the project's own key, so only the role check can refuse them.
		expect(await auth.resolve(cookieJar(sessionCookie(fake.jwt(fake.claims()))))).toEqual({
			id: USER_ID,
			email: 'mara@example.org'
		});
		for (const role of ['anon', 'service_role', 'supabase_admin'])
			expect(
				await auth.resolve(cookieJar(sessionCookie(fake.jwt(fake.claims({ role })))))
			).toBeNull();
		const roleless: Record<string, unknown> = fake.claims();
		delete roleless.role;
		expect(await auth.resolve(cookieJar(sessionCookie(fake.jwt(roleless))))).toBeNull();
	});

	it('rejects an expired token whose refresh fails', async () => {
		const fake = fakeSupabase();
		const auth = supabaseAuth({ url: URL_, key: 'anon', secureCookies: true, fetch: fake.fetch });
		const old = fake.jwt(fake.claims({ iat: 1_000, exp: 2_000 }));
		expect(await auth.resolve(cookieJar(sessionCookie(old)))).toBeNull();
	});

	it('treats garbage cookies as signed out', async () => {
		const auth = supabaseAuth({
			url: URL_,
			key: 'anon',
			secureCookies: true,
			fetch: fakeSupabase().fetch
		});
		expect(await auth.resolve(cookieJar({ [SUPABASE_SECURE_COOKIE]: 'garbage' }))).toBeNull();
		expect(await auth.resolve(cookieJar())).toBeNull();
	});

	it('asks Supabase to create unknown users, with the locale, and maps other failures to unavailable', async () => {
		const fake = fakeSupabase();
		const auth = supabaseAuth({ url: URL_, key: 'anon', secureCookies: true, fetch: fake.fetch });
		await auth.requestCode('mara@example.org', { ...ctx(), locale: 'en' });
		expect(fake.bodies[0]).toMatchObject({
			email: 'mara@example.org',
			create_user: true,
			data: { locale: 'en' }
		});
		const down = supabaseAuth({
			url: URL_,
			key: 'anon',
			secureCookies: true,
			fetch: fakeSupabase({ otpStatus: 500 }).fetch
		});
		expect(await down.requestCode('mara@example.org', ctx())).toEqual({
			ok: false,
			reason: 'unavailable'
		});
	});

	it('verifies an e-mail code (type email) and stores its cookies for the whole site', async () => {
		const fake = fakeSupabase();
		const auth = supabaseAuth({ url: URL_, key: 'anon', secureCookies: false, fetch: fake.fetch });
		const jar = cookieJar();
		await auth.verifyCode('mara@example.org', '123456', ctx(jar));
		expect(fake.bodies.at(-1)).toMatchObject({
			email: 'mara@example.org',
			token: '123456',
			type: 'email'
		});
		const names = jar.getAll().map((c) => c.name);
		expect(names.length).toBeGreaterThan(0);
		// On plain http Supabase's own name: a `__Host-` cookie needs Secure.
		expect(names.every((n) => n.startsWith('sb-demo-ref-auth-token'))).toBe(true);
		for (const name of names)
			expect(jar.options.get(name)).toMatchObject({ path: '/', secure: false });
	});

	it('maps a rate-limited verification and a failing Auth server', async () => {
		const verify = (status: number, code: string) =>
			supabaseAuth({
				url: URL_,
				key: 'anon',
				secureCookies: true,
				fetch: fakeSupabase({ verifyError: { status, code } }).fetch
			}).verifyCode('mara@example.org', '123456', ctx());
		expect(await verify(429, 'over_request_rate_limit')).toEqual({
			ok: false,
			reason: 'too_many_attempts'
		});
		expect(await verify(500, 'unexpected_failure')).toEqual({ ok: false, reason: 'unavailable' });
		expect(await verify(499, 'validation_failed')).toEqual({ ok: false, reason: 'wrong_code' });
	});

	it('resolves a person without an e-mail claim with an empty address', async () => {
		const fake = fakeSupabase();
		const auth = supabaseAuth({ url: URL_, key: 'anon', secureCookies: true, fetch: fake.fetch });
		const claims: Record<string, unknown> = fake.claims();
		delete claims.email;
		expect(await auth.resolve(cookieJar(sessionCookie(fake.jwt(claims))))).toEqual({
			id: USER_ID,
			email: ''
		});
	});

	it('signs out at Supabase and clears the session cookies', async () => {
		const fake = fakeSupabase();
		const auth = supabaseAuth({ url: URL_, key: 'anon', secureCookies: true, fetch: fake.fetch });
		const jar = cookieJar(sessionCookie(fake.jwt(fake.claims())));
		await auth.signOut(jar);
		expect(fake.calls).toContain('POST /auth/v1/logout');
		expect(jar.getAll().filter((c) => c.value !== '')).toEqual([]);
	});

	it('signs out everywhere at Supabase (scope global) and clears the session cookies', async () => {
		const fake = fakeSupabase();
		const auth = supabaseAuth({ url: URL_, key: 'anon', secureCookies: true, fetch: fake.fetch });
		const jar = cookieJar(sessionCookie(fake.jwt(fake.claims())));
		await auth.signOutEverywhere(jar);
		expect(fake.queries).toContain('/auth/v1/logout?scope=global');
		expect(jar.getAll().filter((c) => c.value !== '')).toEqual([]);
	});
});
