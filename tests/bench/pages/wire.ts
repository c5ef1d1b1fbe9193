// Counts what a server says to PostgreSQL: a TCP relay in front of the database that reads the
// client's side of the wire protocol. Statements are simple queries ('Q') and executed portals
// ('E'); round trips are the points where the client waits for the server ('Q' and 'Sync').
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface WireCounts {
	statements: number;
	roundTrips: number;
}

export interface WireCounter {
	port: number;
	counts: WireCounts;
	reset(): void;
	close(): Promise<void>;
}

/** A relay on a free port to `host:port`; `counts` grows as clients talk through it. */
export async function countingRelay(host: string, port: number): Promise<WireCounter> {
	const counts: WireCounts = { statements: 0, roundTrips: 0 };
	const sockets = new Set<Socket>();
	const server: Server = createServer((client) => {
		const upstream = connect(port, host);
		sockets.add(client).add(upstream);
		let pending = Buffer.alloc(0);
		// The startup message (and an SSL or GSS request before it) carries no type byte.
		let untyped = true;
		client.on('data', (chunk: Buffer) => {
			upstream.write(chunk);
			pending = Buffer.concat([pending, chunk]);
			for (;;) {
				if (untyped) {
					if (pending.length < 8) break;
					const length = pending.readInt32BE(0);
					if (pending.length < length) break;
					const code = pending.readInt32BE(4);
					// 80877103: SSLRequest, 80877104: GSSENCRequest; anything else is the startup.
					untyped = code === 80877103 || code === 80877104;
					pending = pending.subarray(length);
					continue;
				}
				if (pending.length < 5) break;
				const length = pending.readInt32BE(1) + 1;
				if (pending.length < length) break;
				const type = String.fromCharCode(pending[0]!);
				if (type === 'Q') {
					counts.statements += 1;
					counts.roundTrips += 1;
				} else if (type === 'E') counts.statements += 1;
				else if (type === 'S') counts.roundTrips += 1;
				pending = pending.subarray(length);
			}
		});
		upstream.on('data', (chunk: Buffer) => client.write(chunk));
		const end = () => {
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on('close', end).on('error', end);
		upstream.on('close', end).on('error', end);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	return {
		port: typeof address === 'object' && address ? address.port : 0,
		counts,
		reset() {
			counts.statements = 0;
			counts.roundTrips = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			})
	};
}
