// Starting a built adapter-node server (`node build`) on a free port and waiting until it answers.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface RunningServer {
	origin: string;
	stop(): Promise<void>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** `node build` in `dir` with `env`; resolves when GET / answers, or fails with the server's output. */
export async function startServer(
	dir: string,
	env: Record<string, string>
): Promise<RunningServer> {
	const port = await freePort();
	// localhost, not 127.0.0.1: Chromium treats it as secure, so the __Host- session cookie works.
	const origin = `http://localhost:${port}`;
	const output: string[] = [];
	const child = spawn(process.execPath, [join(dir, 'build')], {
		cwd: dir,
		env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
	};
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) break;
		const ok = await fetch(`http://127.0.0.1:${port}/`).then(
			(r) => r.status < 500,
			() => false
		);
		if (ok) return { origin, stop };
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await stop();
	throw new Error(`server in ${dir} did not start:\n${output.join('').slice(-3000)}`);
}

/** What the production server needs to start for a bench (src/hooks.server.ts refuses less). */
export const benchAppEnv = (db: Record<string, string>): Record<string, string> => ({
	AUTH_SECRET: 'bench-pages-only-not-a-secret-5d0c1e7a',
	OPERATOR_DEMO: '1',
	ZEITSPENDE_DEV_OUTBOX: '1',
	ZEITSPENDE_JOBS: '0',
	SIGN_IN_PER_IP_PER_HOUR: '1000',
	SMTP_URL: '',
	PUBLIC_SUPABASE_URL: '',
	...db
});
