// The mail port: what leaves the machine. Every mail is first a row in private.outbox (written in
// the transaction of the step that causes it); the sender (sender.ts) hands each row to this port.
// Production sends through SMTP when SMTP_URL is set; development keeps the mails on the machine
// (devMail), where /dev/outbox shows them with their state.
export interface Mail {
	to: string;
	subject: string;
	text: string;
	/** A simple, accessible HTML part next to the plain text. */
	html?: string;
	/** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post. */
	headers?: Record<string, string>;
}

export interface MailPort {
	/** Resolves once the mail is handed over; rejects with the reason when it is refused. */
	send(mail: Mail): Promise<void>;
	/** False for the development port: nothing leaves the machine, the outbox keeps every mail. */
	readonly delivers: boolean;
}
