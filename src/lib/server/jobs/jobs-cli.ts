// `npm run jobs`: runs the app's periodic jobs once — the §72a retention job (delete the records
// due, send the re-check reminders due), housekeeping (old sign-in codes, sessions, request keys), then the mail sender (SMTP_URL, or kept in the outbox
// without it) — against DATABASE_URL or the embedded database, and prints what it did as JSON. `--now <ISO date or time>` runs it as of another moment (demos).
// The embedded database serves one process: stop `npm run dev` first (it runs the jobs itself).
import { DEVELOPMENT_SECRET } from '../auth/dev-secret.ts';
import { productionSecret } from '../auth/config.ts';
import { openDatabase } from '../db/open.ts';
import { runHousekeeping } from './housekeeping.ts';
import { runInspectionJobs } from './inspections.ts';
import { mailSender } from '../mail/sender.ts';
import { devMail, smtpMail } from '../mail/smtp.ts';

function fail(line: string): never {
	process.stderr.write(`error: ${line}\n`);
	process.exit(1);
}

function productionSecretOrFail(value: string | undefined): string {
	try {
		return productionSecret(value);
	} catch (error) {
		return fail(`${(error as Error).message} (with DATABASE_URL)`);
	}
}

const args = process.argv.slice(2);
let now = new Date();
for (let i = 0; i < args.length; i++) {
	const a = args[i]!;
	if (a === '--now') {
		const value = args[++i] ?? '';
		now = new Date(value);
		if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(now.getTime()))
			fail(`--now needs a date or time like 2027-03-01 or 2027-03-01T08:00:00Z, not "${value}"`);
	} else if (a === '-h' || a === '--help') {
		process.stdout.write('usage: npm run jobs -- [--now <ISO date or time>]\n');
		process.exit(0);
	} else fail(`unknown argument "${a}"; usage: npm run jobs -- [--now <ISO date or time>]`);
}

const url = process.env.DATABASE_URL || undefined;
// With a server database it is production's key, held to production's rules (before any work).
const secret = url
	? productionSecretOrFail(process.env.AUTH_SECRET)
	: process.env.AUTH_SECRET || DEVELOPMENT_SECRET;
const db = await openDatabase({
	url,
	dataDir: process.env.PGLITE_DATA_DIR || '.data/pglite',
	// The embedded database is prepared as the app prepares it; a server database must be migrated.
	prepare: !url || process.env.MIGRATE_ON_START === '1'
});
try {
	const result = await runInspectionJobs(db.pool, now);
	const housekeeping = await runHousekeeping(db.pool, now);
	const env = process.env;
	const mail = await mailSender({
		pool: db.pool,
		transport: env.SMTP_URL
			? smtpMail(env.SMTP_URL, env.MAIL_FROM || 'Zeitspende <no-reply@zeitspende.example>')
			: devMail(),
		origin: (env.ORIGIN || 'http://localhost:5173').replace(/\/$/, ''),
		secret
	}).runOnce();
	const out = {
		at: now.toISOString(),
		inspections: result ?? 'skipped: another run holds the lock',
		housekeeping,
		mail
	};
	process.stdout.write(JSON.stringify(out) + '\n');
} finally {
	await db.close();
}
