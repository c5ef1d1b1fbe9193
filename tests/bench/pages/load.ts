// A small load generator: `connections` keep-alive connections (node:http Agent), each sending
// the next GET as soon as the last answer is read, for `seconds` after a one-second warm-up.
import { Agent, request } from 'node:http';

export interface LoadResult {
	requests: number;
	/** Answers other than 200, and failed requests. */
	errors: number;
	perSecond: number;
	p50: number;
	p95: number;
}

const quantile = (sorted: number[], q: number) =>
	sorted.length === 0
		? NaN
		: sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

/** One GET on `agent`; resolves with the status (0 when the request failed). */
export function get(agent: Agent, url: URL, cookie: string | undefined): Promise<number> {
	return new Promise((resolve) => {
		const req = request(
			url,
			{ agent, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
				res.on('error', () => resolve(0));
			}
		);
		req.on('error', () => resolve(0));
		req.end();
	});
}

export async function loadTest(
	target: string,
	cookie: string | undefined,
	{ connections = 8, seconds = 5 } = {}
): Promise<LoadResult> {
	const url = new URL(target);
	const agent = new Agent({ keepAlive: true, maxSockets: connections });
	const latencies: number[] = [];
	let errors = 0;
	const run = async (until: number, record: boolean) => {
		while (performance.now() < until) {
			const start = performance.now();
			const status = await get(agent, url, cookie);
			if (!record) continue;
			latencies.push(performance.now() - start);
			if (status !== 200) errors += 1;
		}
	};
	const loop = (ms: number, record: boolean) => {
		const until = performance.now() + ms;
		return Promise.all(Array.from({ length: connections }, () => run(until, record)));
	};
	await loop(1000, false);
	const start = performance.now();
	await loop(seconds * 1000, true);
	const elapsed = (performance.now() - start) / 1000;
	agent.destroy();
	latencies.sort((a, b) => a - b);
	return {
		requests: latencies.length,
		errors,
		perSecond: latencies.length / elapsed,
		p50: quantile(latencies, 0.5),
		p95: quantile(latencies, 0.95)
	};
}
