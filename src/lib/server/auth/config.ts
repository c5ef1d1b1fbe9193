// The sign-in and session settings, with their defaults (documented in the README under
// "Sign-in and sessions"). Read from the environment by services.ts; tests pass their own.
import { DEVELOPMENT_SECRET } from './dev-secret.ts';

export interface SignInLimits {
	/** Codes one browser may have sent to one address per window (the person's own limit). */
	perBrowser: { minutes: number; max: number };
	/**
	 * Codes sent to one address per window from one client (IPv4 address or IPv6 /64), all its
	 * browsers together: throttles sending only, and a stranger elsewhere cannot spend it. Also a
	 * known-browser mark's sending allowance over all clients using it (sending-caps.ts).
	 */
	perAddress: { minutes: number; max: number };
	/**
	 * Codes sent to one address per window from all clients: the backstop against flooding the
	 * person's inbox from many clients. Browsers that have signed in as the address before are
	 * spared it (known-browser.ts), so it can be low: 2 × perAddress.
	 */
	perAddressAllClients: { minutes: number; max: number };
	/**
	 * Wrong codes entered within 24 hours on the codes one client asked for one address, before
	 * that client gets no new code for it that day (the guessing bound per client). Also a
	 * known-browser mark's wrong-code allowance over all clients using it.
	 */
	wrongPerAddressPerDay: number;
	/** Wrong codes for one address within 24 hours from all clients: a backstop against guessing
	 * from many clients, 10 × wrongPerAddressPerDay (known browsers are spared it). */
	wrongPerAddressAllClientsPerDay: number;
	/** Growing wait after the n-th wrong code of one browser: 2^(n-1) s from the second on, capped. */
	maxWaitSeconds: number;
}

export const DEFAULT_LIMITS: SignInLimits = {
	perBrowser: { minutes: 15, max: 5 },
	perAddress: { minutes: 60, max: 20 },
	perAddressAllClients: { minutes: 60, max: 40 },
	wrongPerAddressPerDay: 30,
	wrongPerAddressAllClientsPerDay: 300,
	maxWaitSeconds: 15 * 60
};

export interface SessionTimeouts {
	/** A session unused for this long ends (SESSION_IDLE_HOURS, default 7 days). */
	idleHours: number;
	/** A session ends this long after sign-in, used or not (SESSION_MAX_DAYS, default 30). */
	maxDays: number;
	/**
	 * Seconds a server answers from a live session it has looked up instead of looking it up
	 * again (SESSION_RECHECK_SECONDS, 0 to 60, default 5; 0: every request looks it up). See
	 * session-cache.ts.
	 */
	recheckSeconds: number;
}

export const DEFAULT_SESSIONS: SessionTimeouts = {
	idleHours: 7 * 24,
	maxDays: 30,
	recheckSeconds: 5
};

/**
 * Seconds a browser waits before its next try, after `failures` wrong codes of its own: none
 * after the first (a typo), then 2, 4, 8 … seconds, at most `cap`.
 */
export function waitAfter(failures: number, cap = DEFAULT_LIMITS.maxWaitSeconds): number {
	if (failures < 2) return 0;
	return Math.min(2 ** Math.min(failures - 1, 30), cap);
}

function positive(value: string | undefined): number | undefined {
	const n = Number(value);
	return value && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Longer, and revocation on other instances and the idle time-out would wait too long. */
const MAX_RECHECK_SECONDS = 60;

/** 0 (every request) up to MAX_RECHECK_SECONDS; anything else the default. */
function recheckSecondsFrom(value: string | undefined): number {
	const n = Number(value?.trim() || NaN);
	return Number.isFinite(n) && n >= 0 && n <= MAX_RECHECK_SECONDS
		? n
		: DEFAULT_SESSIONS.recheckSeconds;
}

export function sessionTimeoutsFrom(env: Record<string, string | undefined>): SessionTimeouts {
	return {
		idleHours: positive(env.SESSION_IDLE_HOURS) ?? DEFAULT_SESSIONS.idleHours,
		maxDays: positive(env.SESSION_MAX_DAYS) ?? DEFAULT_SESSIONS.maxDays,
		recheckSeconds: recheckSecondsFrom(env.SESSION_RECHECK_SECONDS)
	};
}

/**
 * ZEITSPENDE_DEV_OUTBOX=1 shows every mail, sign-in codes included, on /dev/outbox (and serves
 * /dev/checksum): whoever reaches it can sign in as anyone. A production build accepts it only for
 * a marked demo (OPERATOR_DEMO=1, where anyone may sign in as the demo's people) or a server only
 * its own machine reaches: a loopback http ORIGIN and a loopback HOST (adapter-node listens on all
 * interfaces without one), no SOCKET_PATH. The e2e server and the pages bench run so.
 */
export function devOutboxAllowed(env: Record<string, string | undefined>, dev: boolean): boolean {
	if (env.ZEITSPENDE_DEV_OUTBOX !== '1') return false;
	if (dev || env.OPERATOR_DEMO === '1') return true;
	return loopbackOrigin(env.ORIGIN) && LOOPBACK.has(env.HOST ?? '') && !env.SOCKET_PATH;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function loopbackOrigin(origin: string | undefined): boolean {
	if (!origin || !URL.canParse(origin)) return false;
	const url = new URL(origin);
	return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

/**
 * A production server must be able to deliver mail, or nobody can sign in: SMTP_URL, or the
 * explicit demo opt-out ZEITSPENDE_DEV_OUTBOX=1 (mail stays on /dev/outbox) where it is allowed
 * (devOutboxAllowed). Supabase Auth sends its own codes, but every other mail still leaves through
 * SMTP_URL.
 */
export function requireMailDelivery(env: Record<string, string | undefined>, dev: boolean): void {
	if (dev) return;
	if (env.ZEITSPENDE_DEV_OUTBOX === '1' && !devOutboxAllowed(env, dev))
		throw new Error(
			'ZEITSPENDE_DEV_OUTBOX=1 shows every sign-in code on /dev/outbox: a production build accepts it only with OPERATOR_DEMO=1 (a demo) or on a loopback http ORIGIN with a loopback HOST (localhost, 127.0.0.1, ::1); otherwise set SMTP_URL and remove ZEITSPENDE_DEV_OUTBOX'
		);
	if (env.SMTP_URL || env.ZEITSPENDE_DEV_OUTBOX === '1') return;
	throw new Error(
		'SMTP_URL must be set in production (sign-in codes go out by mail); for a demo without mail set ZEITSPENDE_DEV_OUTBOX=1'
	);
}

/**
 * A production server's warning when it is surely behind a proxy (adapter-node speaks no https, so
 * an https ORIGIN means one) but ADDRESS_HEADER is unset: every request then seems to come from
 * the proxy, and the per-client sign-in limits count all people as one client.
 */
export function proxyWarning(
	env: Record<string, string | undefined>,
	dev: boolean
): string | undefined {
	if (dev || env.ADDRESS_HEADER || !env.ORIGIN?.startsWith('https://')) return undefined;
	return 'ORIGIN is https, so a proxy stands in front, but ADDRESS_HEADER is not set: every request seems to come from the proxy and the per-client sign-in limits count everyone as one client. Set ADDRESS_HEADER (e.g. X-Forwarded-For) and XFF_DEPTH to what the proxy sends.';
}

/** The shortest AUTH_SECRET a production server accepts (e.g. `openssl rand -base64 32`: 44). */
export const MIN_SECRET_LENGTH = 32;

/**
 * AUTH_SECRET as a production server (or `npm run jobs` on a server database) accepts it: set, at
 * least MIN_SECRET_LENGTH characters, and not the well-known development key. It keys the sign-in
 * codes and signs the pre-sign-in, known-browser, unsubscribe and check-in values: a short or
 * public key would let them be forged.
 */
export function productionSecret(value: string | undefined, name = 'AUTH_SECRET'): string {
	if (!value) throw new Error(`${name} must be set in production`);
	if (value === DEVELOPMENT_SECRET)
		throw new Error(`${name} must not be the development key in production`);
	if (value.length < MIN_SECRET_LENGTH)
		throw new Error(
			`${name} must be at least ${MIN_SECRET_LENGTH} characters in production (e.g. openssl rand -base64 32)`
		);
	return value;
}
