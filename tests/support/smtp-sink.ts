// A tiny SMTP server for tests (node:net, plain SMTP, no TLS, no auth): it accepts every mail and
// keeps it, or refuses recipients whose address matches `refuse` with a permanent 550.
import { createServer, type Server, type Socket } from 'node:net';

export interface SunkMail {
	from: string;
	to: string[];
	/** The raw message (headers and body) as received. */
	data: string;
}

export interface SmtpSink {
	url: string;
	port: number;
	mails: SunkMail[];
	close(): Promise<void>;
}

export async function smtpSink(options: { refuse?: RegExp } = {}): Promise<SmtpSink> {
	const mails: SunkMail[] = [];
	const sockets = new Set<Socket>();
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.setEncoding('utf8');
		let buffer = '';
		let inData = false;
		let current: SunkMail = { from: '', to: [], data: '' };
		const say = (line: string) => socket.write(`${line}\r\n`);
		say('220 sink.test ESMTP');
		socket.on('data', (chunk: string) => {
			buffer += chunk;
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					current.data = buffer.slice(0, end).replace(/^\.\./gm, '.');
					buffer = buffer.slice(end + 5);
					inData = false;
					mails.push(current);
					current = { from: '', to: [], data: '' };
					say('250 OK queued');
					continue;
				}
				const eol = buffer.indexOf('\r\n');
				if (eol < 0) return;
				const line = buffer.slice(0, eol);
				buffer = buffer.slice(eol + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO' || verb === 'HELO') say('250 sink.test');
				else if (verb === 'MAIL') {
					current.from = line.slice(10).replace(/[<>]/g, '').split(' ')[0]!;
					say('250 OK');
				} else if (verb === 'RCPT') {
					const to = line.slice(8).replace(/[<>]/g, '').split(' ')[0]!;
					if (options.refuse?.test(to)) say('550 5.1.1 No such mailbox here');
					else {
						current.to.push(to);
						say('250 OK');
					}
				} else if (verb === 'DATA') {
					inData = true;
					say('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'RSET') {
					current = { from: '', to: [], data: '' };
					say('250 OK');
				} else if (verb === 'QUIT') {
					say('221 Bye');
					socket.end();
				} else say('250 OK');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		port,
		mails,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			})
	};
}

/** An address where nothing listens: every connection is refused. */
export async function refusingUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `smtp://127.0.0.1:${port}`;
}
