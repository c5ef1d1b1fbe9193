// The built-in e-mail sign-in as the auth tests build it: a test secret, the given limits over the
// defaults, and a session lookup on every resolve (these tests are about the database's time-outs
// and writes).
import type pg from 'pg';
import { emailCodeAuth } from '../../../src/lib/server/auth/email-code.ts';
import { DEFAULT_LIMITS, type SignInLimits } from '../../../src/lib/server/auth/config.ts';
import type { AuthPort } from '../../../src/lib/server/auth/port.ts';
import type { CookieJar } from '../../support/cookies.ts';

export const TEST_SECRET = 'test-secret';

export function testEmailAuth(
	pool: pg.Pool,
	limits: Partial<SignInLimits> = {},
	perIpMax?: number
): AuthPort {
	return emailCodeAuth({
		pool,
		secret: TEST_SECRET,
		secureCookies: true,
		...(perIpMax === undefined ? {} : { perIpMax }),
		limits: { ...DEFAULT_LIMITS, ...limits },
		sessions: { idleHours: 24, maxDays: 30, recheckSeconds: 0 },
		composeMail: (code) => ({ subject: 'code', text: `Code: ${code}` })
	});
}

/** A request's side of a sign-in step: this browser's cookies, from this client address. */
export const at = (jar: CookieJar, ip: string) => ({ cookies: jar, ip, locale: 'de' as const });
