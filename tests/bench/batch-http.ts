// Timed requests for the batch bench: pages loaded one after another while a long request runs,
// and form actions posted as the pages' enhanced forms post them.
import { request, type Agent } from 'node:http';
import { get } from './pages/load.ts';

/** GET with a timer on a keep-alive agent; throws on an answer other than 200. */
export function timedGet(agent: Agent, url: URL, cookie?: string): () => Promise<number> {
	return async () => {
		const t = performance.now();
		const status = await get(agent, url, cookie);
		if (status !== 200) throw new Error(`GET ${url.pathname} answered ${status}`);
		return performance.now() - t;
	};
}

/** A form action posted as the page's enhanced form does; no client timeout (sends run long). */
export function postAction(
	origin: string,
	path: string,
	cookie: string,
	body: URLSearchParams
): Promise<{ status: number; ms: number; text: string }> {
	const url = new URL(path, origin.replace('localhost', '127.0.0.1'));
	const payload = body.toString();
	const t = performance.now();
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{
				method: 'POST',
				headers: {
					cookie,
					origin,
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(payload)
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						ms: performance.now() - t,
						text: Buffer.concat(chunks).toString()
					})
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(payload);
	});
}

export async function rounds(page: () => Promise<number>, n: number): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < n; i++) times.push(await page());
	return times;
}

/** Runs `page` one after another until `until` settles; returns the latencies. */
export async function loopWhile(
	page: () => Promise<number>,
	until: Promise<unknown>
): Promise<number[]> {
	let done = false;
	void until.finally(() => (done = true)).catch(() => undefined);
	const times: number[] = [];
	while (!done) times.push(await page());
	return times;
}

/** A form action's answer (SvelteKit answers an enhanced post 200 and says the outcome in `type`). */
export function actionSucceeded(answer: { status: number; text: string }): boolean {
	return answer.status === 200 && (JSON.parse(answer.text) as { type?: string }).type === 'success';
}
