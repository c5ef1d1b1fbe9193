// The mail port: what leaves the machine. Development records mails in the outbox table
// (shown at /dev/outbox); production sends through SMTP when SMTP_URL is set.
export interface Mail {
	to: string;
	subject: string;
	text: string;
}

export interface MailPort {
	send(mail: Mail): Promise<void>;
}
