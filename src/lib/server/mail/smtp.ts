import nodemailer from 'nodemailer';
import type { Mail, MailPort } from './port.ts';

/** Sends through the SMTP server in SMTP_URL (smtp://user:pass@host:587 or smtps://…). */
export function smtpMail(url: string, from: string): MailPort {
	const transport = nodemailer.createTransport(url);
	return {
		delivers: true,
		async send(mail: Mail) {
			await transport.sendMail({
				from,
				to: mail.to,
				subject: mail.subject,
				text: mail.text,
				...(mail.html ? { html: mail.html } : {}),
				...(mail.headers ? { headers: mail.headers } : {})
			});
		}
	};
}

/** Development: the mail stays in the outbox (shown at /dev/outbox), nothing leaves the machine. */
export function devMail(): MailPort {
	return { delivers: false, send: async () => undefined };
}
