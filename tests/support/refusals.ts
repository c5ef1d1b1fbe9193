// The refusal log (src/lib/server/http/refusals.ts) as tests read it: the lines a piece of work
// logged, parsed, with the log's own sink put back afterwards whatever happened.
import { afterEach, beforeEach } from 'vitest';
import {
	setRefusalSink,
	withRequest,
	type Refusal,
	type RequestFacts
} from '../../src/lib/server/http/refusals.ts';

/** Runs `work` (as the request `facts`, when given) and returns its result and what it logged. */
export async function refusalsDuring<T>(
	work: () => T | Promise<T>,
	facts?: RequestFacts
): Promise<{ result: T; refusals: Refusal[] }> {
	const lines: string[] = [];
	const previous = setRefusalSink((line) => lines.push(line));
	try {
		const result = await (facts ? withRequest(facts, work) : work());
		return { result, refusals: lines.map((line) => JSON.parse(line) as Refusal) };
	} finally {
		setRefusalSink(previous);
	}
}

/** Captures every test's refusals in this file or describe block; read them with the result. */
export function captureRefusals(): () => Refusal[] {
	let lines: string[] = [];
	let previous: (line: string) => void;
	beforeEach(() => {
		lines = [];
		previous = setRefusalSink((line) => lines.push(line));
	});
	afterEach(() => {
		setRefusalSink(previous);
	});
	return () => lines.map((line) => JSON.parse(line) as Refusal);
}
