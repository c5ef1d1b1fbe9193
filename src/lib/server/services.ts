// The service container: the process-wide services (database, auth, mail), built once from the
// environment and kept on globalThis, so a dev reload never opens a second PGlite instance on
// the same folder.
import { dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { m } from '$lib/paraglide/messages.js';
import { openDatabase, poolSizeFrom, type Database } from './db/open.ts';
import type { AuthPort } from './auth/port.ts';
import { emailCodeAuth } from './auth/email-code.ts';
import { devOutboxAllowed, productionSecret, sessionTimeoutsFrom } from './auth/config.ts';
import { supabaseAuth } from './auth/supabase.ts';
import type { MailPort } from './mail/port.ts';
import { devMail, smtpMail } from './mail/smtp.ts';
import { mailSender, type MailSender } from './mail/sender.ts';
import { DEVELOPMENT_SECRET } from './auth/dev-secret.ts';

export interface Services {
	db: Database;
	auth: AuthPort;
	mail: MailPort;
	/** Delivers the outbox through `mail` (src/lib/server/mail/sender.ts). */
	sender: MailSender;
	/** True when mail stays in the outbox table (development, tests): /dev/outbox shows it. */
	outbox: boolean;
}

const KEY = Symbol.for('zeitspende.services');
type WithServices = typeof globalThis & { [KEY]?: Promise<Services> };

export function services(): Promise<Services> {
	const g = globalThis as WithServices;
	g[KEY] ??= build().catch((error) => {
		g[KEY] = undefined;
		throw error;
	});
	return g[KEY];
}

/**
 * The dev outbox (and /dev/checksum) is served in development without real mail, and in a
 * production build only where ZEITSPENDE_DEV_OUTBOX=1 is allowed (a demo, or loopback only).
 */
export function outboxEnabled(): boolean {
	return !env.SMTP_URL && (dev || devOutboxAllowed(env, dev));
}

async function build(): Promise<Services> {
	const db = await openDatabase({
		url: env.DATABASE_URL || undefined,
		dataDir: env.PGLITE_DATA_DIR || '.data/pglite',
		prepare: env.DATABASE_URL ? env.MIGRATE_ON_START === '1' : true,
		poolSize: poolSizeFrom(env.DATABASE_POOL_SIZE)
	});
	const mail: MailPort = env.SMTP_URL
		? smtpMail(env.SMTP_URL, env.MAIL_FROM || 'Zeitspende <no-reply@zeitspende.example>')
		: devMail();
	const sender = mailSender({
		pool: db.pool,
		transport: mail,
		origin: siteOrigin(),
		secret: authSecret()
	});
	const secureCookies = !dev && env.INSECURE_COOKIES !== '1';
	const supabaseKey =
		publicEnv.PUBLIC_SUPABASE_PUBLISHABLE_KEY || publicEnv.PUBLIC_SUPABASE_ANON_KEY;
	const auth =
		publicEnv.PUBLIC_SUPABASE_URL && supabaseKey
			? supabaseAuth({ url: publicEnv.PUBLIC_SUPABASE_URL, key: supabaseKey, secureCookies })
			: emailCodeAuth({
					pool: db.pool,
					secret: authSecret(),
					secureCookies,
					perIpMax: perIpMax(),
					sessions: sessionTimeoutsFrom(env),
					deliver: (id) => sender.sendNow(id),
					composeMail: (code, locale) => ({
						subject: m.signin_mail_subject({ code }, { locale }),
						text: m.signin_mail_body({ code }, { locale })
					})
				});
	return { db, auth, mail, sender, outbox: !env.SMTP_URL };
}

/** SIGN_IN_PER_IP_PER_HOUR: code requests per client address and hour (default 30). */
function perIpMax(): number | undefined {
	const value = Number(env.SIGN_IN_PER_IP_PER_HOUR);
	return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The site's address for links in mails: ORIGIN (adapter-node's own setting). */
export function siteOrigin(): string {
	if (env.ORIGIN) return env.ORIGIN.replace(/\/$/, '');
	if (!dev && env.SMTP_URL)
		throw new Error('ORIGIN must be set when mail goes out (links in mails)');
	return 'http://localhost:5173';
}

export function authSecret(): string {
	// It signs unsubscribe and check-in links and keys the sign-in codes: a production build with
	// the well-known development key, or a short one, would accept values anyone can forge.
	if (!dev) return productionSecret(env.AUTH_SECRET);
	return env.AUTH_SECRET || DEVELOPMENT_SECRET;
}
