import type pg from 'pg';
import type { Mail, MailPort } from './port.ts';

/** Keeps mails in private.outbox instead of sending them: for development and tests only. */
export function outboxMail(pool: pg.Pool): MailPort {
	return {
		async send(mail: Mail) {
			await pool.query(
				'insert into private.outbox (recipient, subject, body) values ($1, $2, $3)',
				[mail.to, mail.subject, mail.text]
			);
		}
	};
}

export interface OutboxEntry {
	id: number;
	recipient: string;
	subject: string;
	body: string;
	created_at: Date;
}

export async function readOutbox(pool: pg.Pool, limit = 50): Promise<OutboxEntry[]> {
	const { rows } = await pool.query<OutboxEntry>(
		'select id, recipient, subject, body, created_at from private.outbox order by id desc limit $1',
		[limit]
	);
	return rows;
}
