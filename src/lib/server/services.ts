// The service container: the process-wide services (database, auth, mail), built once from the
// environment and kept on globalThis, so a dev reload never opens a second PGlite instance on
// the same folder.
import { dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { m } from '$lib/paraglide/messages.js';
import { openDatabase, type Database } from './db/open.ts';
import type { AuthPort } from './auth/port.ts';
import { emailCodeAuth } from './auth/email-code.ts';
import { supabaseAuth } from './auth/supabase.ts';
import type { MailPort } from './mail/port.ts';
import { outboxMail } from './mail/outbox.ts';
import { smtpMail } from './mail/smtp.ts';

export interface Services {
	db: Database;
	auth: AuthPort;
	mail: MailPort;
	/** True when mail goes to the outbox table (development, tests): /dev/outbox shows it. */
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

/** The dev outbox is served unless this is a production deployment with real mail. */
export function outboxEnabled(): boolean {
	return !env.SMTP_URL && (dev || env.ZEITSPENDE_DEV_OUTBOX === '1');
}

async function build(): Promise<Services> {
	const db = await openDatabase({
		url: env.DATABASE_URL || undefined,
		dataDir: env.PGLITE_DATA_DIR || '.data/pglite',
		prepare: env.DATABASE_URL ? env.MIGRATE_ON_START === '1' : true
	});
	const mail: MailPort = env.SMTP_URL
		? smtpMail(env.SMTP_URL, env.MAIL_FROM || 'Zeitspende <no-reply@zeitspende.example>')
		: outboxMail(db.pool);
	const secureCookies = !dev && env.INSECURE_COOKIES !== '1';
	const supabaseKey =
		publicEnv.PUBLIC_SUPABASE_PUBLISHABLE_KEY || publicEnv.PUBLIC_SUPABASE_ANON_KEY;
	const auth =
		publicEnv.PUBLIC_SUPABASE_URL && supabaseKey
			? supabaseAuth({ url: publicEnv.PUBLIC_SUPABASE_URL, key: supabaseKey, secureCookies })
			: emailCodeAuth({
					pool: db.pool,
					mail,
					secret: authSecret(),
					secureCookies,
					perIpMax: perIpMax(),
					composeMail: (code, locale) => ({
						subject: m.signin_mail_subject({ code }, { locale }),
						text: m.signin_mail_body({ code }, { locale })
					})
				});
	return { db, auth, mail, outbox: !env.SMTP_URL };
}

/** SIGN_IN_PER_IP_PER_HOUR: code requests per client address and hour (default 30). */
function perIpMax(): number | undefined {
	const value = Number(env.SIGN_IN_PER_IP_PER_HOUR);
	return Number.isInteger(value) && value > 0 ? value : undefined;
}

function authSecret(): string {
	if (env.AUTH_SECRET) return env.AUTH_SECRET;
	if (!dev && env.SMTP_URL) throw new Error('AUTH_SECRET must be set in production');
	// Development and demo only: codes are still hashed, with a well-known key.
	return 'zeitspende-development-secret';
}
