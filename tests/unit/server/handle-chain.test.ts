// The app's handles composed as one (src/lib/server/http/chain.ts), with SvelteKit's sequence()
// rules for what they hand on: each handle in order, each seeing the event the one before passed;
// transformPageChunk innermost first; preload and filterSerializedResponseHeaders from the first
// handle that gives them; a handle that answers itself ends the chain.
import { describe, expect, it } from 'vitest';
import type { Handle, RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { chain } from '../../../src/lib/server/http/chain.ts';

const anEvent = () =>
	({
		locals: {},
		url: new URL('http://localhost/'),
		request: new Request('http://localhost/')
	}) as unknown as RequestEvent;

/** Runs `handle` with a resolve that renders `html` through the options it is given. */
async function run(handle: Handle, html = 'x') {
	const seen: { event?: RequestEvent; options?: ResolveOptions } = {};
	const response = await handle({
		event: anEvent(),
		resolve: async (e, options) => {
			seen.event = e;
			seen.options = options;
			const page = (await options?.transformPageChunk?.({ html, done: true })) ?? html;
			return new Response(page);
		}
	});
	return { body: await response.text(), ...seen };
}

/** The test's own mark on an event's locals (App.Locals has no such field). */
const marksOf = (event: RequestEvent) => event.locals as unknown as { marks?: string[] };

const marks = (mark: string): Handle => {
	return ({ event, resolve }) => {
		marksOf(event).marks = [...(marksOf(event).marks ?? []), mark];
		return resolve(event);
	};
};

describe('chain', () => {
	it('runs the handles in order, each with the event the one before passed on', async () => {
		const { event, body } = await run(chain(marks('a'), marks('b'), marks('c')));
		expect(marksOf(event!).marks).toEqual(['a', 'b', 'c']);
		expect(body).toBe('x');
		// A handle may pass on another event object (i18n hands on its own request).
		const swapped = { ...anEvent(), locals: { swapped: true } } as unknown as RequestEvent;
		const after = await run(chain(({ resolve }) => resolve(swapped), marks('d')));
		expect(after.event).toBe(swapped);
		expect(after.event!.locals).toEqual({ swapped: true, marks: ['d'] });
	});

	it("applies transformPageChunk innermost first, and hands on outer handles' options", async () => {
		const outer: Handle = ({ event, resolve }) =>
			resolve(event, { transformPageChunk: ({ html }) => html.replace('a', 'b') });
		const inner: Handle = ({ event, resolve }) =>
			resolve(event, { transformPageChunk: ({ html }) => html.replace('x', 'a') });
		// Inner first: x → a → b (outer first would leave "a").
		expect((await run(chain(outer, marks('m'), inner))).body).toBe('b');
		// One handle's transform reaches resolve through handles that give no options.
		expect((await run(chain(outer, marks('m')), 'a')).body).toBe('b');
		expect((await run(chain(marks('m'), inner))).body).toBe('a');
	});

	it('takes preload and filterSerializedResponseHeaders from the first handle that gives them', async () => {
		const first = () => true;
		const second = () => false;
		const { options } = await run(
			chain(
				({ event, resolve }) => resolve(event, { preload: first }),
				({ event, resolve }) =>
					resolve(event, { preload: second, filterSerializedResponseHeaders: second })
			)
		);
		expect(options!.preload).toBe(first);
		expect(options!.filterSerializedResponseHeaders).toBe(second);
	});

	it('ends where a handle answers itself', async () => {
		let reached = false;
		const answered = await run(
			chain(
				() => new Response('refused', { status: 403 }),
				({ event, resolve }) => {
					reached = true;
					return resolve(event);
				}
			)
		);
		expect(answered.body).toBe('refused');
		expect(answered.event).toBeUndefined();
		expect(reached).toBe(false);
	});
});
