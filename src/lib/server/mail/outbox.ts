// Reading the outbox: the development page shows every mail as it would go out (rendered in the
// recipient's language) with its delivery state; platform admins see the failed ones.
import type pg from 'pg';
import type { Tx } from '../db/person.ts';
import { renderMail, type OutboxRow, type RenderContext } from './templates.ts';
import { DEVELOPMENT_SECRET } from '../auth/dev-secret.ts';

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed' | 'digested';

export interface OutboxEntry {
	id: number;
	recipient: string;
	subject: string;
	body: string;
	kind: string | null;
	status: OutboxState;
	attempts: number;
	last_error: string | null;
	created_at: Date;
}

/** The newest mails, rendered as they go out (links under ctx.origin). */
export async function readOutbox(
	pool: pg.Pool,
	limit = 50,
	ctx: RenderContext = { origin: '', secret: DEVELOPMENT_SECRET }
): Promise<OutboxEntry[]> {
	const { rows } = await pool.query<
		OutboxRow & Pick<OutboxEntry, 'status' | 'attempts' | 'last_error' | 'created_at'>
	>(
		`select id, recipient, person_id, kind, locale, payload, subject, body, status, attempts,
		        last_error, created_at
		 from private.outbox order by id desc limit $1`,
		[limit]
	);
	return rows.map((row) => {
		const mail = renderMail(row, ctx);
		return {
			id: Number(row.id),
			recipient: row.recipient,
			subject: mail.subject,
			body: mail.text,
			kind: row.kind,
			status: row.status,
			attempts: row.attempts,
			last_error: row.last_error,
			created_at: row.created_at
		};
	});
}

export interface FailedMail {
	id: number;
	recipient: string;
	kind: string | null;
	subject: string | null;
	attempts: number;
	last_error: string | null;
	created_at: Date;
	failed_at: Date;
}

/** For a platform admin (app.failed_mails refuses everyone else). */
export async function failedMails(tx: Tx): Promise<FailedMail[]> {
	const { rows } = await tx.query<FailedMail>('select * from app.failed_mails(200)');
	return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
