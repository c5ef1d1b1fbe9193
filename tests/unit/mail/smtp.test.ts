// The SMTP adapter against a minimal SMTP sink on localhost: what leaves the machine is faked,
// our code and nodemailer are real.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMail } from '../../../src/lib/server/mail/smtp.ts';

interface Received {
	from: string;
	to: string[];
	data: string;
}

function smtpSink(received: Received[]): Server {
	return createServer((socket) => {
		let current: Received = { from: '', to: [], data: '' };
		let inData = false;
		let buffer = '';
		socket.write('220 sink ESMTP\r\n');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let end: number;
			while ((end = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						received.push(current);
						current = { from: '', to: [], data: '' };
						socket.write('250 queued\r\n');
					} else current.data += `${line}\n`;
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO' || verb === 'HELO') socket.write('250-sink\r\n250 8BITMIME\r\n');
				else if (verb === 'MAIL') {
					current.from = line;
					socket.write('250 ok\r\n');
				} else if (verb === 'RCPT') {
					current.to.push(line);
					socket.write('250 ok\r\n');
				} else if (verb === 'DATA') {
					inData = true;
					socket.write('354 go on\r\n');
				} else if (verb === 'QUIT') socket.end('221 bye\r\n');
				else socket.write('250 ok\r\n');
			}
		});
	});
}

describe('SMTP mail port', () => {
	const received: Received[] = [];
	const server = smtpSink(received);
	let port = 0;

	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as { port: number }).port;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('delivers a sign-in mail with sender, recipient, subject and the German text', async () => {
		const mail = smtpMail(
			`smtp://127.0.0.1:${port}?ignoreTLS=true`,
			'Zeitspende <no-reply@zeitspende.example>'
		);
		await mail.send({
			to: 'mara@example.org',
			subject: 'Dein Zeitspende-Code: 123456',
			text: 'Dein Anmeldecode lautet: 123456'
		});
		expect(received).toHaveLength(1);
		const [message] = received;
		expect(message!.from).toContain('no-reply@zeitspende.example');
		expect(message!.to.join()).toContain('mara@example.org');
		expect(message!.data).toMatch(/^Subject: .*Zeitspende-Code/m);
		expect(message!.data).toContain('123456');
	});
});
