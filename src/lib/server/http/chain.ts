// The app's handles as one. SvelteKit's sequence() (Kit 2.70) runs every handle it is given in a
// tracing span and an AsyncLocalStorage scope of its own, per request; the app has six, and the
// tracing is off. Kit already runs the composed handle in its request scope, so getRequestEvent()
// and the handles see the same event as under sequence(). Resolve options merge as sequence()
// merges them: transformPageChunk innermost first, preload and filterSerializedResponseHeaders
// from the first handle that gives them.
import type { Handle, RequestEvent, ResolveOptions } from '@sveltejs/kit';

type MaybePromise<T> = T | Promise<T>;

function merged(outer?: ResolveOptions, inner?: ResolveOptions): ResolveOptions | undefined {
	if (!outer) return inner;
	if (!inner) return outer;
	const [first, then] = [inner.transformPageChunk, outer.transformPageChunk];
	return {
		transformPageChunk:
			first && then
				? async ({ html, done }) => then({ html: (await first({ html, done })) ?? '', done })
				: (first ?? then),
		preload: outer.preload ?? inner.preload,
		filterSerializedResponseHeaders:
			outer.filterSerializedResponseHeaders ?? inner.filterSerializedResponseHeaders
	};
}

export function chain(...handles: Handle[]): Handle {
	return ({ event, resolve }) => {
		const step = (
			i: number,
			current: RequestEvent,
			options?: ResolveOptions
		): MaybePromise<Response> =>
			i === handles.length
				? resolve(current, options)
				: handles[i]!({
						event: current,
						resolve: (next, more) => step(i + 1, next, merged(options, more))
					});
		return step(0, event);
	};
}
